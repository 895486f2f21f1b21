"""S03 被执行人服刑羁押."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import AS_OF, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _debtor_in_custody(data: Data, from_on: dt.date, to_on: dt.date | None, namesake=False):
    p = data.identity("赵磊")
    case = data.case("沪0106", judge="J-3")
    data.debtor(case, p)
    data.custody(data.identity("赵磊") if namesake else p, from_on, to_on)
    return case


def in_prison_on_the_as_of_date(data: Data) -> Expect:
    case = _debtor_in_custody(data, dt.date(2025, 1, 1), None)

    def check(found):
        [f] = found
        assert f.severity == "中" and dict(f.recipients) == {"J-3": "judge"}
        assert f.evidence["羁押记录"][0]["场所"] == "上海市提篮桥监狱"

    return Expect("S03", {case.case_no}, check)


def released_on_the_as_of_date_still_counts(data: Data) -> Expect:
    case = _debtor_in_custody(data, dt.date(2025, 1, 1), AS_OF)
    return Expect("S03", {case.case_no})


def released_the_day_before_is_quiet(data: Data) -> Expect:
    _debtor_in_custody(data, dt.date(2025, 1, 1), AS_OF - DAY)
    return Expect("S03", set())


def custody_starting_tomorrow_is_quiet(data: Data) -> Expect:
    _debtor_in_custody(data, AS_OF + DAY, None)
    return Expect("S03", set())


def closed_case_is_quiet(data: Data) -> Expect:
    case = _debtor_in_custody(data, dt.date(2025, 1, 1), None)
    data.closed(case, "终结本次执行程序", dt.date(2025, 3, 1))
    return Expect("S03", set())


def same_name_different_person_is_quiet(data: Data) -> Expect:
    _debtor_in_custody(data, dt.date(2025, 1, 1), None, namesake=True)
    return Expect("S03", set())


CASES = [
    in_prison_on_the_as_of_date,
    released_on_the_as_of_date_still_counts,
    released_the_day_before_is_quiet,
    custody_starting_tomorrow_is_quiet,
    closed_case_is_quiet,
    same_name_different_person_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s03(build, engine):  # noqa: F811
    verify(build, engine)
