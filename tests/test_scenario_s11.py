"""S11 终本案件发现可供执行财产."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import AS_OF, ZHONGBEN, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db
CLOSED_ON = dt.date(2025, 3, 1)


def _zhongben(data: Data):
    p = data.identity("钱进")
    case = data.case("沪0117", judge="J-11", filed_on=dt.date(2024, 6, 1))
    data.debtor(case, p)
    data.closed(case, ZHONGBEN, CLOSED_ON)
    return p, case


def found_the_day_after_closing_in_another_court(data: Data) -> Expect:
    p, case = _zhongben(data)
    elsewhere = data.party(p, source="沪0151")  # the same person as another court wrote him
    data.finding(elsewhere, CLOSED_ON + dt.timedelta(days=1), "86000.00", description="工商银行账户")

    def check(found):
        [f] = found
        assert f.severity == "高" and f.subject_id == p.id
        assert f.evidence["新发现财产"][0]["价值"] == "86000.00"

    return Expect("S11", {case.case_no}, check)


def found_on_the_closing_day_is_quiet(data: Data) -> Expect:
    p, case = _zhongben(data)
    data.finding(data.party(p), CLOSED_ON, "100.00")
    return Expect("S11", set())


def worthless_finding_is_quiet(data: Data) -> Expect:
    p, case = _zhongben(data)
    data.finding(data.party(p), dt.date(2025, 4, 1), "0.00")
    data.finding(data.party(p), dt.date(2025, 4, 1), None)
    return Expect("S11", set())


def found_after_the_as_of_date_is_quiet(data: Data) -> Expect:
    p, case = _zhongben(data)
    data.finding(data.party(p), AS_OF + dt.timedelta(days=1), "100.00")
    return Expect("S11", set())


def namesake_finding_is_quiet(data: Data) -> Expect:
    _zhongben(data)
    data.finding(data.party(data.identity("钱进")), dt.date(2025, 4, 1), "100.00")
    return Expect("S11", set())


def active_case_is_not_s11(data: Data) -> Expect:
    p = data.identity("钱进")
    case = data.case("沪0117", judge="J-11")
    data.debtor(case, p)
    data.finding(data.party(p), dt.date(2025, 4, 1), "100.00")
    return Expect("S11", set())


CASES = [
    found_the_day_after_closing_in_another_court,
    found_on_the_closing_day_is_quiet,
    worthless_finding_is_quiet,
    found_after_the_as_of_date_is_quiet,
    namesake_finding_is_quiet,
    active_case_is_not_s11,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s11(build, engine):  # noqa: F811
    verify(build, engine)
