"""S18 查封冻结即将到期 (15 days ahead; 高 once lapsed)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _measure(data: Data, kind: str, started_on: dt.date, **fields):
    case = data.case("沪0151", judge="J-18", filed_on=dt.date(2023, 1, 3))
    debtor = data.debtor(case, data.identity("何平"))
    measure = data.measure(case, debtor, kind, started_on, **fields)
    return case, measure


def _key(measure) -> str:
    return f"{measure.source}|{measure.measure_id}"


def statutory_year_ends_in_fifteen_days(data: Data) -> Expect:
    case, measure = _measure(data, "冻结存款", dt.date(2024, 7, 15))  # ends 15 Jul 2025

    def check(found):
        assert found[0].severity == "中" and found[0].evidence["期限届满日"] == "2025-07-15"

    return Expect("S18", {_key(measure)}, check)


def sixteen_days_ahead_is_quiet(data: Data) -> Expect:
    _measure(data, "冻结存款", dt.date(2024, 7, 16))
    return Expect("S18", set())


def lapsed_yesterday_is_high(data: Data) -> Expect:
    case, measure = _measure(data, "查封不动产", dt.date(2022, 1, 1), expires_on=dt.date(2025, 6, 29))

    def check(found):
        assert found[0].severity == "高" and found[0].evidence["情形"] == "已到期未续行"

    return Expect("S18", {_key(measure)}, check)


def ending_today_is_not_yet_lapsed(data: Data) -> Expect:
    case, measure = _measure(data, "查封车辆", dt.date(2023, 6, 30))  # two years: 30 Jun 2025

    def check(found):
        assert found[0].severity == "中"

    return Expect("S18", {_key(measure)}, check)


def renewed_lifted_or_other_kinds_are_quiet(data: Data) -> Expect:
    _measure(data, "冻结股权", dt.date(2022, 7, 1), expires_on=dt.date(2026, 7, 1))
    _measure(data, "冻结存款", dt.date(2024, 7, 1), lifted_on=dt.date(2025, 1, 1))
    _measure(data, "限制消费", dt.date(2024, 7, 1), expires_on=dt.date(2025, 7, 1))
    return Expect("S18", set())


def paid_off_case_is_quiet(data: Data) -> Expect:
    case, measure = _measure(data, "冻结存款", dt.date(2024, 7, 1))
    data.closed(case, "执行完毕", dt.date(2025, 6, 1))
    return Expect("S18", set())


CASES = [
    statutory_year_ends_in_fifteen_days,
    sixteen_days_ahead_is_quiet,
    lapsed_yesterday_is_high,
    ending_today_is_not_yet_lapsed,
    renewed_lifted_or_other_kinds_are_quiet,
    paid_off_case_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s18(build, engine):  # noqa: F811
    verify(build, engine)
