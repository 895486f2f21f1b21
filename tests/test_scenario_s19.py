"""S19 暂缓发放期间案款被发放: a payout of held money while an S01 hold was open."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, at, case_id, verify
from zhixing.alerts.models import Alert, AlertCase, Hold

pytestmark = pytest.mark.django_db

HELD_AT = at(dt.date(2025, 6, 10), hour=9)


def _held(data: Data, released_at: dt.datetime | None = None):
    """P owes in A (沪0104) and is an applicant in B (沪0114) under an open S01 hold."""
    p = data.identity("赵强")
    a = data.case("沪0104", judge="J-19A")
    data.debtor(a, p)
    b = data.case("沪0114", judge="J-19B")
    payee = data.applicant(b, p)
    chief = data.staff(f"K-{data.next()}", "沪0114", role="执行局长").staff_id
    data.txn(b, "到账", "6000.00", dt.date(2025, 6, 1), beneficiary=payee)
    alert = Alert.objects.create(
        scenario="S01", dedup_key=f"{a.case_no}|{b.case_no}", severity="高", subject=p,
        as_of=HELD_AT.date(), raised_at=HELD_AT, updated_at=HELD_AT,
    )
    AlertCase.objects.create(alert=alert, case=a, label="A")
    AlertCase.objects.create(alert=alert, case=b, label="B")
    hold = Hold.objects.create(
        alert=alert, case=b, identity=p, held_at=HELD_AT, released_at=released_at,
        released_by="J-19A" if released_at else "", release_reason="已核实" if released_at else "",
    )
    return p, a, b, payee, chief, hold


def payout_to_the_held_party_is_a_breach(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    txn = data.txn(b, "发放", "2500.00", at(dt.date(2025, 6, 20)), beneficiary=payee)

    def check(found):
        [f] = found
        assert f.severity == "高" and f.subject_id == p.id
        recipients = dict(f.recipients)
        assert recipients["J-19A"] == "judge(A)" and recipients["J-19B"] == "judge(B)"
        assert recipients[chief] == "chief(B)"
        assert sorted((c.case_no, c.label) for c in f.cases) == sorted([(a.case_no, "A"), (b.case_no, "B")])
        assert f.evidence["发放金额"] == "2500.00"
        assert f.evidence["收款人"] == "赵强"
        assert f.evidence["发放流水号"] == txn.txn_id
        assert f.evidence["报送来源"] == "沪0114"
        assert f.evidence["暂缓发放所属预警"] == hold.alert_id
        assert f.evidence["暂缓发放起始时间"] == "2025-06-10T09:00:00+08:00"

    return Expect("S19", {f"{hold.id}|{txn.id}"}, check)


def payee_given_only_as_counterparty_is_a_breach(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    txn = data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 20)), counterparty=payee)
    return Expect("S19", {f"{hold.id}|{txn.id}"})


def payout_naming_no_payee_is_a_breach(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    txn = data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 20)))

    def check(found):
        assert found[0].evidence["收款人"] == "未指明（全体申请执行人）"

    return Expect("S19", {f"{hold.id}|{txn.id}"}, check)


def payout_to_another_applicant_is_quiet(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    other = data.applicant(b, data.identity("钱红"))
    data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 20)), beneficiary=other)
    data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 21)), counterparty=other)
    return Expect("S19", set())


def the_beneficiary_is_the_payee_before_the_counterparty(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    other = data.applicant(b, data.identity("孙丽"))
    data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 20)), beneficiary=other, counterparty=payee)
    return Expect("S19", set())


def payout_before_the_hold_is_quiet(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    data.txn(b, "发放", "100.00", HELD_AT - dt.timedelta(minutes=1), beneficiary=payee)
    return Expect("S19", set())


def payout_after_the_release_is_quiet(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data, released_at=at(dt.date(2025, 6, 15)))
    data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 15)), beneficiary=payee)
    return Expect("S19", set())


def payout_before_a_later_release_stays_a_breach(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data, released_at=at(dt.date(2025, 6, 25)))
    txn = data.txn(b, "发放", "100.00", at(dt.date(2025, 6, 20)), beneficiary=payee)

    def check(found):
        assert found[0].evidence["暂缓发放解除时间"] == "2025-06-25T10:00:00+08:00"

    return Expect("S19", {f"{hold.id}|{txn.id}"}, check)


def payout_after_the_as_of_date_is_not_counted(data: Data) -> Expect:
    p, a, b, payee, chief, hold = _held(data)
    data.txn(b, "发放", "100.00", at(dt.date(2025, 7, 1), hour=0), beneficiary=payee)
    return Expect("S19", set())


CASES = [
    payout_to_the_held_party_is_a_breach,
    payee_given_only_as_counterparty_is_a_breach,
    payout_naming_no_payee_is_a_breach,
    payout_to_another_applicant_is_quiet,
    the_beneficiary_is_the_payee_before_the_counterparty,
    payout_before_the_hold_is_quiet,
    payout_after_the_release_is_quiet,
    payout_before_a_later_release_stays_a_breach,
    payout_after_the_as_of_date_is_not_counted,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s19(build, engine):  # noqa: F811
    verify(build, engine)
