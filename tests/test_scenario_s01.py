"""S01 被执行人另案领取案款: positive cases and near misses."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import AS_OF, ZHONGBEN, Data, Expect, at, case_id, verify

pytestmark = pytest.mark.django_db


def _known(staff_id: str) -> bool:
    from zhixing.cases.models import Staff

    return Staff.objects.filter(staff_id=staff_id).exists()


def _pair(data: Data, same_court: bool = False, judge_a: str = "J-A"):
    p = data.identity("张伟")
    a = data.case("沪0104", judge=judge_a, filed_on=dt.date(2024, 3, 1))
    data.debtor(a, p)
    b = data.case("沪0104" if same_court else "沪0112", judge="J-B", filed_on=dt.date(2024, 5, 1))
    payee = data.applicant(b, p)
    return p, a, b, payee


def held_for_debtor_elsewhere(data: Data) -> Expect:
    if not _known("J-B"):  # the combined data set builds this case more than once
        data.staff("J-B", "沪0112", name="李法官")
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "5000.00", dt.date(2025, 6, 1), beneficiary=payee)
    data.txn(b, "发放", "1200.50", dt.date(2025, 6, 10), beneficiary=payee)

    def check(found):
        [f] = found
        assert f.severity == "高" and f.subject_id == p.id
        assert dict(f.recipients) == {"J-A": "judge(A)", "J-B": "judge(B)"}
        assert sorted((c.case_no, c.label) for c in f.cases) == sorted([(a.case_no, "A"), (b.case_no, "B")])
        assert f.evidence["B案为其留存案款"] == "3799.50"
        assert f.evidence["当事人"] == "张伟"
        assert {"标签": "B", "案号": b.case_no, "法院": "上海市闵行区人民法院", "承办法官": "李法官（J-B）"} in f.evidence["案件"]
        assert f.case_ids("B") == [b.id]

    return Expect("S01", {f"{a.case_no}|{b.case_no}"}, check)


def money_for_all_applicants_counts(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1))
    return Expect("S01", {f"{a.case_no}|{b.case_no}"})


def fully_disbursed_is_quiet(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.10", dt.date(2025, 6, 1), beneficiary=payee)
    data.txn(b, "发放", "800.10", dt.date(2025, 6, 2), beneficiary=payee)
    return Expect("S01", set())


def money_for_another_applicant_is_quiet(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    other = data.applicant(b, data.identity("王芳"))
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=other)
    return Expect("S01", set())


def money_after_the_as_of_date_is_not_counted(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", at(AS_OF + dt.timedelta(days=1), hour=0), beneficiary=payee)
    return Expect("S01", set())


def money_late_on_the_as_of_date_counts(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "0.01", at(AS_OF, hour=23), beneficiary=payee)
    return Expect("S01", {f"{a.case_no}|{b.case_no}"})


def same_name_different_person_is_quiet(data: Data) -> Expect:
    a = data.case("沪0104", judge="J-A")
    data.debtor(a, data.identity("张伟"))
    b = data.case("沪0112", judge="J-B")
    namesake = data.applicant(b, data.identity("张伟"))
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=namesake)
    return Expect("S01", set())


def zhongben_debt_counts_as_owed(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=payee)
    data.closed(a, ZHONGBEN, dt.date(2025, 1, 10))
    return Expect("S01", {f"{a.case_no}|{b.case_no}"})


def paid_off_debt_is_quiet(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=payee)
    data.closed(a, "执行完毕", dt.date(2025, 1, 10))
    return Expect("S01", set())


def same_court_counts_and_empty_judge_goes_to_centre(data: Data) -> Expect:
    centre = data.staff(f"C-{data.next()}", "沪72", role="指挥中心").staff_id
    p = data.identity("上海某某贸易有限公司", kind="法人")
    a = data.case("沪72", judge="")
    data.debtor(a, p)
    b = data.case("沪72", judge="J-B")
    payee = data.applicant(b, p)
    data.txn(b, "到账", "100.00", dt.date(2025, 6, 1), beneficiary=payee)

    def check(found):
        [f] = found
        assert dict(f.recipients) == {"J-B": "judge(B)", centre: "centre(A)"}

    return Expect("S01", {f"{a.case_no}|{b.case_no}"}, check)


def payout_with_the_payee_only_as_counterparty_is_netted(data: Data) -> Expect:
    """Court finance systems name a payout's payee as its counterparty: that money left."""
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=payee)
    data.txn(b, "发放", "800.00", dt.date(2025, 6, 2), counterparty=payee)
    return Expect("S01", set())


def pooled_payout_lowers_the_money_held(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1))
    data.txn(b, "发放", "300.00", dt.date(2025, 6, 2))

    def check(found):
        assert found[0].evidence["B案为其留存案款"] == "500.00"
        assert found[0].evidence["B案已向其发放"] == "300.00"

    return Expect("S01", {f"{a.case_no}|{b.case_no}"}, check)


def payout_to_another_applicant_leaves_the_pooled_money(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    other = data.applicant(b, data.identity("王芳"))
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1))
    data.txn(b, "发放", "800.00", dt.date(2025, 6, 2), counterparty=other)
    return Expect("S01", {f"{a.case_no}|{b.case_no}"})


def the_beneficiary_is_the_payee_before_the_counterparty(data: Data) -> Expect:
    p, a, b, payee = _pair(data)
    other = data.applicant(b, data.identity("王芳"))
    data.txn(b, "到账", "800.00", dt.date(2025, 6, 1), beneficiary=payee)
    data.txn(b, "发放", "800.00", dt.date(2025, 6, 2), beneficiary=other, counterparty=payee)
    return Expect("S01", {f"{a.case_no}|{b.case_no}"})


CASES = [
    held_for_debtor_elsewhere,
    payout_with_the_payee_only_as_counterparty_is_netted,
    pooled_payout_lowers_the_money_held,
    payout_to_another_applicant_leaves_the_pooled_money,
    the_beneficiary_is_the_payee_before_the_counterparty,
    money_for_all_applicants_counts,
    fully_disbursed_is_quiet,
    money_for_another_applicant_is_quiet,
    money_after_the_as_of_date_is_not_counted,
    money_late_on_the_as_of_date_counts,
    same_name_different_person_is_quiet,
    zhongben_debt_counts_as_owed,
    paid_off_debt_is_quiet,
    same_court_counts_and_empty_judge_goes_to_centre,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s01(build, engine):  # noqa: F811
    verify(build, engine)
