"""S08 执行案件审限临期或超期 (six months from filing, or deadline_on; warn 30 days)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _case(data: Data, **fields):
    data.staff(f"K-{data.next()}", "沪0113", role="执行局长")
    return data.case("沪0113", judge="J-8", **fields)


def _severity(level: str, chief: bool):
    def check(found):
        [f] = found
        assert f.severity == level
        assert ("chief" in dict(f.recipients).values()) is chief

    return check


def limit_yesterday_is_overdue(data: Data) -> Expect:
    case = _case(data, filed_on=dt.date(2024, 12, 29))  # limit 29 Jun 2025
    return Expect("S08", {case.case_no}, _severity("高", chief=True))


def limit_today_is_near(data: Data) -> Expect:
    case = _case(data, filed_on=dt.date(2024, 12, 30))  # limit 30 Jun 2025

    def check(found):
        _severity("中", chief=False)(found)
        assert found[0].evidence["审限届满日"] == "2025-06-30"

    return Expect("S08", {case.case_no}, check)


def limit_in_thirty_days_is_near(data: Data) -> Expect:
    case = _case(data, filed_on=dt.date(2025, 1, 30))  # limit 30 Jul 2025
    return Expect("S08", {case.case_no}, _severity("中", chief=False))


def limit_in_thirty_one_days_is_quiet(data: Data) -> Expect:
    _case(data, filed_on=dt.date(2025, 1, 31))
    return Expect("S08", set())


def extension_wins_over_filing_date(data: Data) -> Expect:
    _case(data, filed_on=dt.date(2024, 6, 1), deadline_on=dt.date(2025, 7, 31))
    near = _case(data, filed_on=dt.date(2024, 6, 1), deadline_on=dt.date(2025, 7, 30))
    late = _case(data, filed_on=dt.date(2025, 3, 1), deadline_on=dt.date(2025, 6, 29))
    return Expect("S08", {near.case_no, late.case_no})


def preservation_and_closed_cases_are_quiet(data: Data) -> Expect:
    _case(data, filed_on=dt.date(2024, 1, 2), procedure="财产保全执行")
    closed = _case(data, filed_on=dt.date(2024, 1, 2))
    data.closed(closed, "执行完毕", dt.date(2025, 1, 2))
    return Expect("S08", set())


def restored_case_counts(data: Data) -> Expect:
    case = _case(data, filed_on=dt.date(2024, 10, 8), procedure="恢复执行", type_code="执恢")
    return Expect("S08", {case.case_no}, _severity("高", chief=True))


CASES = [
    limit_yesterday_is_overdue,
    limit_today_is_near,
    limit_in_thirty_days_is_near,
    limit_in_thirty_one_days_is_quiet,
    extension_wins_over_filing_date,
    preservation_and_closed_cases_are_quiet,
    restored_case_counts,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s08(build, engine):  # noqa: F811
    verify(build, engine)
