"""S06 执行完毕未解除限制措施 (3 working days)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, findings, verify

pytestmark = pytest.mark.django_db


def _closed_with_measure(data: Data, mode: str, closed_on: dt.date, kind: str = "限制消费", **measure):
    data.staff(f"K-{data.next()}", "沪0110", role="执行局长")
    case = data.case("沪0110", judge="J-6", filed_on=dt.date(2024, 9, 1))
    debtor = data.debtor(case, data.identity("孙丽"))
    data.measure(case, debtor, kind, dt.date(2024, 10, 1), **measure)
    data.closed(case, mode, closed_on)
    return case


# As of Mon 30 Jun 2025 the last three working days are 30, 27 and 26 June.
def closed_four_working_days_ago(data: Data) -> Expect:
    case = _closed_with_measure(data, "执行完毕", dt.date(2025, 6, 24))

    def check(found):
        [f] = found
        assert set(dict(f.recipients).values()) == {"chief", "judge"} and f.severity == "高"
        assert dict(f.recipients)["J-6"] == "judge"
        assert f.evidence["未解除措施"][0]["措施"] == "限制消费"

    return Expect("S06", {case.case_no}, check)


def closed_three_working_days_ago_is_quiet(data: Data) -> Expect:
    _closed_with_measure(data, "执行完毕", dt.date(2025, 6, 25))
    return Expect("S06", set())


def settlement_with_a_freeze_counts(data: Data) -> Expect:
    case = _closed_with_measure(data, "执行和解", dt.date(2025, 5, 6), kind="冻结存款")
    return Expect("S06", {case.case_no})


def lifted_measure_is_quiet(data: Data) -> Expect:
    _closed_with_measure(data, "执行完毕", dt.date(2025, 5, 6), lifted_on=dt.date(2025, 5, 8))
    return Expect("S06", set())


def zhongben_keeps_its_measures(data: Data) -> Expect:
    _closed_with_measure(data, "终结本次执行程序", dt.date(2025, 5, 6))
    return Expect("S06", set())


def deduction_is_not_a_lasting_measure(data: Data) -> Expect:
    _closed_with_measure(data, "执行完毕", dt.date(2025, 5, 6), kind="扣划存款")
    return Expect("S06", set())


CASES = [
    closed_four_working_days_ago,
    closed_three_working_days_ago_is_quiet,
    settlement_with_a_freeze_counts,
    lifted_measure_is_quiet,
    zhongben_keeps_its_measures,
    deduction_is_not_a_lasting_measure,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s06(build, engine):  # noqa: F811
    verify(build, engine)


def test_working_days_follow_the_holiday_calendar(engine):  # noqa: F811
    """As of Thu 2025-10-09 (1–8 Oct is the National Day holiday) the working days after
    Sat 27 Sep are 28 Sep (a make-up working Sunday), 29 Sep, 30 Sep and 9 Oct: four, so a
    case closed on 27 Sep is late; after 28 Sep there are three, so it is not.
    Monday–Friday counting would call both late."""
    data = Data()
    late = _closed_with_measure(data, "执行完毕", dt.date(2025, 9, 27))
    _closed_with_measure(data, "执行完毕", dt.date(2025, 9, 28))
    assert [f.dedup_key for f in findings("S06", dt.date(2025, 10, 9), engine)] == [late.case_no]
