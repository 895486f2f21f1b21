"""S04 执行拍卖拖延 (start_days 10, relist_days 30)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db
ITEM = "浦东新区某路1号101室"


def _case(data: Data):
    return data.case("沪0115", judge="J-4")


def priced_eleven_days_ago_not_listed(data: Data) -> Expect:
    case = _case(data)
    data.auction(case, ITEM, reference_price_on=dt.date(2025, 6, 19))

    def check(found):
        assert found[0].evidence["拖延情形"] == "确定参考价后未启动拍卖"

    return Expect("S04", {f"{case.case_no}|{ITEM}"}, check)


def priced_ten_days_ago_is_quiet(data: Data) -> Expect:
    data.auction(_case(data), ITEM, reference_price_on=dt.date(2025, 6, 20))
    return Expect("S04", set())


def priced_and_announced_is_quiet(data: Data) -> Expect:
    data.auction(_case(data), ITEM, reference_price_on=dt.date(2025, 5, 1), announced_on=dt.date(2025, 5, 8))
    return Expect("S04", set())


def first_round_failed_31_days_ago(data: Data) -> Expect:
    case = _case(data)
    data.auction(case, ITEM, "一拍", reference_price_on=dt.date(2025, 4, 1),
                 announced_on=dt.date(2025, 4, 5), ends_on=dt.date(2025, 5, 30), result="流拍")

    def check(found):
        assert found[0].evidence["拖延情形"] == "一拍流拍后未启动二拍"

    return Expect("S04", {f"{case.case_no}|{ITEM}"}, check)


def first_round_failed_30_days_ago_is_quiet(data: Data) -> Expect:
    data.auction(_case(data), ITEM, "一拍", announced_on=dt.date(2025, 4, 5),
                 ends_on=dt.date(2025, 5, 31), result="流拍")
    return Expect("S04", set())


def second_round_announced_is_quiet(data: Data) -> Expect:
    case = _case(data)
    data.auction(case, ITEM, "一拍", announced_on=dt.date(2025, 3, 5), ends_on=dt.date(2025, 4, 1), result="流拍")
    data.auction(case, ITEM, "二拍", announced_on=dt.date(2025, 4, 20))
    return Expect("S04", set())


def second_round_failed_without_sale(data: Data) -> Expect:
    case = _case(data)
    data.auction(case, ITEM, "一拍", announced_on=dt.date(2025, 2, 5), ends_on=dt.date(2025, 3, 1), result="流拍")
    data.auction(case, ITEM, "二拍", announced_on=dt.date(2025, 3, 20), ends_on=dt.date(2025, 4, 20), result="流拍")

    def check(found):
        assert found[0].evidence["拖延情形"] == "二拍流拍后未启动变卖"

    return Expect("S04", {f"{case.case_no}|{ITEM}"}, check)


def closed_case_is_quiet(data: Data) -> Expect:
    case = _case(data)
    data.auction(case, ITEM, reference_price_on=dt.date(2025, 5, 1))
    data.closed(case, "执行完毕", dt.date(2025, 6, 1))
    return Expect("S04", set())


CASES = [
    priced_eleven_days_ago_not_listed,
    priced_ten_days_ago_is_quiet,
    priced_and_announced_is_quiet,
    first_round_failed_31_days_ago,
    first_round_failed_30_days_ago_is_quiet,
    second_round_announced_is_quiet,
    second_round_failed_without_sale,
    closed_case_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s04(build, engine):  # noqa: F811
    verify(build, engine)
