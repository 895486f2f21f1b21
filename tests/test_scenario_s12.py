"""S12 终本案件定期查控到期 (every 6 months, for 5 years after closing)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import ZHONGBEN, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _zhongben(data: Data, closed_on: dt.date, query_on: dt.date | None = None):
    case = data.case("沪0118", judge="J-12", filed_on=dt.date(2020, 1, 2))
    if query_on:
        data.action(case, "网络查控", query_on)
    data.closed(case, ZHONGBEN, closed_on)
    return case


# As of 30 Jun 2025, six months back is 30 Dec 2024.
def never_queried_since_closing_six_months_ago(data: Data) -> Expect:
    case = _zhongben(data, dt.date(2024, 12, 30))

    def check(found):
        assert found[0].severity == "低"
        assert found[0].evidence["应查控日期"] == "2025-06-30"

    return Expect("S12", {case.case_no}, check)


def closed_less_than_six_months_ago_is_quiet(data: Data) -> Expect:
    _zhongben(data, dt.date(2024, 12, 31))
    return Expect("S12", set())


def a_recent_query_resets_the_clock(data: Data) -> Expect:
    _zhongben(data, dt.date(2023, 1, 1), query_on=dt.date(2024, 12, 31))
    due = _zhongben(data, dt.date(2023, 1, 1), query_on=dt.date(2024, 12, 30))
    return Expect("S12", {due.case_no})


def a_query_before_closing_does_not_count(data: Data) -> Expect:
    case = _zhongben(data, dt.date(2024, 6, 1), query_on=dt.date(2024, 5, 1))
    return Expect("S12", {case.case_no})


def five_years_after_closing_the_duty_ends(data: Data) -> Expect:
    _zhongben(data, dt.date(2020, 6, 30))
    still = _zhongben(data, dt.date(2020, 7, 1))
    return Expect("S12", {still.case_no})


CASES = [
    never_queried_since_closing_six_months_ago,
    closed_less_than_six_months_ago_is_quiet,
    a_recent_query_resets_the_clock,
    a_query_before_closing_does_not_count,
    five_years_after_closing_the_duty_ends,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s12(build, engine):  # noqa: F811
    verify(build, engine)
