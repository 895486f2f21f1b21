"""S09 执行节点超时 (快执 45 days in stage; 实施 75 / 270 days from filing)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _case(data: Data, **fields):
    data.staff(f"Z-{data.next()}", "沪0114", role="指挥中心")
    return data.case("沪0114", judge="J-9", **fields)


def fast_track_for_46_days(data: Data) -> Expect:
    case = _case(data, stage="快执", stage_since=dt.date(2025, 5, 15))

    def check(found):
        assert set(dict(found[0].recipients).values()) == {"centre", "judge"}
        assert dict(found[0].recipients)["J-9"] == "judge"

    return Expect("S09", {case.case_no}, check)


def fast_track_for_45_days_is_quiet(data: Data) -> Expect:
    _case(data, stage="快执", stage_since=dt.date(2025, 5, 16))
    return Expect("S09", set())


def stage_history_stands_in_for_a_missing_since(data: Data) -> Expect:
    case = _case(data, stage="快执")
    data.stage(case, "快执", dt.date(2025, 5, 15))
    return Expect("S09", {case.case_no})


def implementation_76_days_from_filing(data: Data) -> Expect:
    case = _case(data, stage="实施", filed_on=dt.date(2025, 4, 15))
    return Expect("S09", {case.case_no})


def implementation_75_days_is_quiet(data: Data) -> Expect:
    _case(data, stage="实施", filed_on=dt.date(2025, 4, 16))
    return Expect("S09", set())


def an_auction_extends_the_budget(data: Data) -> Expect:
    within = _case(data, stage="实施", filed_on=dt.date(2025, 1, 15))
    data.auction(within, "车辆沪A12345", announced_on=dt.date(2025, 5, 1))
    over = _case(data, stage="实施", filed_on=dt.date(2024, 10, 2))  # 271 days
    data.auction(over, "车辆沪A54321", announced_on=dt.date(2025, 1, 1))
    edge = _case(data, stage="实施", filed_on=dt.date(2024, 10, 3))  # 270 days
    data.auction(edge, "车辆沪B54321", announced_on=dt.date(2025, 1, 1))
    return Expect("S09", {over.case_no})


CASES = [
    fast_track_for_46_days,
    fast_track_for_45_days_is_quiet,
    stage_history_stands_in_for_a_missing_since,
    implementation_76_days_from_filing,
    implementation_75_days_is_quiet,
    an_auction_extends_the_budget,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s09(build, engine):  # noqa: F811
    verify(build, engine)
