"""S13 违反限制消费令."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import AS_OF, Data, Expect, at, case_id, verify

pytestmark = pytest.mark.django_db
STARTED = dt.date(2025, 3, 1)


def _restricted(data: Data, **measure):
    p = data.identity("冯涛")
    case = data.case("沪0120", judge="J-13")
    debtor = data.debtor(case, p)
    data.measure(case, debtor, "限制消费", STARTED, **measure)
    return p, case


def flight_after_the_order(data: Data) -> Expect:
    p, case = _restricted(data)
    record = data.consumption(p, at(dt.date(2025, 3, 5), hour=9))

    def check(found):
        [f] = found
        assert f.severity == "高" and f.evidence["消费类型"] == "乘坐飞机"
        assert f.evidence["消费时间"] == "2025-03-05T09:00:00+08:00"

    return Expect("S13", {f"{case.case_no}|{record.source}|{record.record_id}"}, check)


def flight_before_the_order_is_quiet(data: Data) -> Expect:
    p, case = _restricted(data)
    data.consumption(p, at(dt.date(2025, 2, 27), hour=12))
    return Expect("S13", set())


def early_flight_on_the_first_day_counts(data: Data) -> Expect:
    p, case = _restricted(data)
    record = data.consumption(p, at(STARTED, hour=7))  # 07:00 in Shanghai is 23:00 UTC the day before
    late_evening_before = data.consumption(p, at(STARTED - dt.timedelta(days=1), hour=23))
    assert late_evening_before.occurred_on == STARTED - dt.timedelta(days=1)
    return Expect("S13", {f"{case.case_no}|{record.source}|{record.record_id}"})


def lifted_order_is_quiet(data: Data) -> Expect:
    p, case = _restricted(data, lifted_on=dt.date(2025, 4, 1))
    data.consumption(p, at(dt.date(2025, 5, 5)))
    return Expect("S13", set())


def record_after_the_as_of_date_is_quiet(data: Data) -> Expect:
    p, case = _restricted(data)
    data.consumption(p, at(AS_OF + dt.timedelta(days=1)))
    return Expect("S13", set())


def namesake_travelling_is_quiet(data: Data) -> Expect:
    _restricted(data)
    data.consumption(data.identity("冯涛"), at(dt.date(2025, 3, 5)))
    return Expect("S13", set())


def each_record_is_its_own_alert(data: Data) -> Expect:
    p, case = _restricted(data)
    one = data.consumption(p, at(dt.date(2025, 4, 1)), kind="入住星级宾馆")
    two = data.consumption(p, at(dt.date(2025, 4, 2)), kind="乘坐高铁一等座")
    return Expect("S13", {f"{case.case_no}|{r.source}|{r.record_id}" for r in (one, two)})


CASES = [
    flight_after_the_order,
    flight_before_the_order_is_quiet,
    early_flight_on_the_first_day_counts,
    lifted_order_is_quiet,
    record_after_the_as_of_date_is_quiet,
    namesake_travelling_is_quiet,
    each_record_is_its_own_alert,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s13(build, engine):  # noqa: F811
    verify(build, engine)
