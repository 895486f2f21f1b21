"""S05 执行款超期未发放 (30 calendar days; 高 past 60; not under an open S01 hold)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, at, case_id, findings, verify
from zhixing.alerts.models import Alert, Hold
from zhixing.core.clock import SHANGHAI

pytestmark = pytest.mark.django_db


def _case(data: Data):
    case = data.case("沪0109", judge="J-5")
    payee = data.applicant(case, data.identity("周敏"))
    return case, payee


def arrived_31_days_ago(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "2000.00", dt.datetime(2025, 5, 30, 23, 30, tzinfo=SHANGHAI), beneficiary=payee)

    def check(found):
        [f] = found
        assert f.severity == "中" and dict(f.recipients) == {"J-5": "judge"}
        assert f.evidence["超期未发放金额"] == "2000.00"

    return Expect("S05", {case.case_no}, check)


def arrived_30_days_ago_is_quiet(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "2000.00", dt.datetime(2025, 5, 31, 0, 0, tzinfo=SHANGHAI), beneficiary=payee)
    return Expect("S05", set())


def past_twice_the_limit_is_high(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "10.00", at(dt.date(2025, 4, 30)))

    def check(found):
        assert found[0].severity == "高"

    return Expect("S05", {case.case_no}, check)


def just_inside_twice_the_limit_is_medium(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "10.00", at(dt.date(2025, 5, 1)))

    def check(found):
        assert found[0].severity == "中"

    return Expect("S05", {case.case_no}, check)


def disbursed_oldest_first_is_quiet(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "500.00", at(dt.date(2025, 4, 1)), beneficiary=payee)
    data.txn(case, "到账", "700.00", at(dt.date(2025, 6, 20)), beneficiary=payee)
    data.txn(case, "发放", "500.00", at(dt.date(2025, 4, 20)), beneficiary=payee)
    return Expect("S05", set())


def partly_disbursed_reports_the_rest(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "500.00", at(dt.date(2025, 4, 1)), beneficiary=payee)
    data.txn(case, "发放", "120.25", at(dt.date(2025, 4, 20)), beneficiary=payee)

    def check(found):
        assert found[0].evidence["超期未发放金额"] == "379.75"

    return Expect("S05", {case.case_no}, check)


def held_money_under_an_open_s01_hold_is_quiet(data: Data) -> Expect:
    case, payee = _case(data)
    data.txn(case, "到账", "500.00", at(dt.date(2025, 4, 1)), beneficiary=payee)
    data.txn(case, "到账", "300.00", at(dt.date(2025, 4, 1)))  # for all applicants
    now = at(dt.date(2025, 4, 2))
    alert = Alert.objects.create(scenario="S01", dedup_key=f"x|{case.case_no}", severity="高",
                                 as_of=dt.date(2025, 4, 2), raised_at=now, updated_at=now)
    Hold.objects.create(alert=alert, case=case, identity=payee.identity, held_at=now)
    return Expect("S05", set())


def money_for_others_beside_a_hold_still_counts(data: Data) -> Expect:
    case, payee = _case(data)
    other = data.applicant(case, data.identity("吴刚"))
    data.txn(case, "到账", "500.00", at(dt.date(2025, 4, 1)), beneficiary=payee)
    data.txn(case, "到账", "90.00", at(dt.date(2025, 4, 1)), beneficiary=other)
    now = at(dt.date(2025, 4, 2))
    alert = Alert.objects.create(scenario="S01", dedup_key=f"y|{case.case_no}", severity="高",
                                 as_of=dt.date(2025, 4, 2), raised_at=now, updated_at=now)
    Hold.objects.create(alert=alert, case=case, identity=payee.identity, held_at=now)

    def check(found):
        assert found[0].evidence["超期未发放金额"] == "90.00"

    return Expect("S05", {case.case_no}, check)


CASES = [
    arrived_31_days_ago,
    arrived_30_days_ago_is_quiet,
    past_twice_the_limit_is_high,
    just_inside_twice_the_limit_is_medium,
    disbursed_oldest_first_is_quiet,
    partly_disbursed_reports_the_rest,
    held_money_under_an_open_s01_hold_is_quiet,
    money_for_others_beside_a_hold_still_counts,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s05(build, engine):  # noqa: F811
    verify(build, engine)


def test_a_deployment_may_count_working_days(engine, settings):  # noqa: F811
    """As of Fri 2025-10-10, 3 working days reach back over the National Day holiday
    (1–8 Oct) to 29 Sep: money of 28 Sep (a make-up working Sunday) is overdue, money of
    29 Sep is not. Counting Monday–Friday would have flagged both."""
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_days": 3, "disburse_unit": "工作日"}}
    data = Data()
    late, payee = _case(data)
    data.txn(late, "到账", "1.00", at(dt.date(2025, 9, 28)), beneficiary=payee)
    on_time, payee2 = _case(data)
    data.txn(on_time, "到账", "1.00", at(dt.date(2025, 9, 29)), beneficiary=payee2)
    found = findings("S05", dt.date(2025, 10, 10), engine)
    assert [f.dedup_key for f in found] == [late.case_no]
    assert found[0].evidence["发放期限"] == "3个工作日"
    assert found[0].severity == "中"
