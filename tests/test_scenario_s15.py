"""S15 劳动争议执源治理 (three owed labour cases; no assets for 12 months or bad status)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _employer(data: Data, cases: int, kind: str = "法人"):
    e = data.identity("上海某某餐饮管理有限公司", kind=kind)
    made = []
    for n in range(cases):
        court = ("沪0104", "沪0105", "沪0104")[n % 3]
        cause = "劳动争议" if n else ""
        basis = "" if n else "沪徐劳人仲(2024)第12号"  # the first rests on an arbitral award
        case = data.case(court, judge=f"J-15{n}", cause=cause, basis_case_no=basis)
        data.debtor(case, e)
        made.append(case)
    return e, made


def three_labour_cases_without_assets(data: Data) -> Expect:
    mine = {}
    for court in ("沪0104", "沪0105"):
        mine[data.staff(f"K-{data.next()}", court, role="执行局长").staff_id] = "chief"
        mine[data.staff(f"Z-{data.next()}", court, role="指挥中心").staff_id] = "centre"
    e, cases = _employer(data, 3)

    def check(found):
        [f] = found
        assert mine.items() <= dict(f.recipients).items()
        assert set(dict(f.recipients).values()) == {"chief", "centre"}
        assert len(f.cases) == 3 and f.evidence["劳动争议执行案件数"] == 3
        assert "执转破" in f.evidence["建议"]

    return Expect("S15", {str(e.id)}, check)


def two_cases_are_quiet(data: Data) -> Expect:
    _employer(data, 2)
    return Expect("S15", set())


def recent_assets_are_quiet(data: Data) -> Expect:
    e, cases = _employer(data, 3)
    data.finding(data.party(e), dt.date(2024, 7, 1), "1000.00")
    return Expect("S15", set())


def assets_older_than_twelve_months_do_not_help(data: Data) -> Expect:
    e, cases = _employer(data, 3)
    data.finding(data.party(e), dt.date(2024, 6, 30), "1000.00")
    return Expect("S15", {str(e.id)})


def revoked_licence_counts_despite_assets(data: Data) -> Expect:
    e, cases = _employer(data, 3)
    data.finding(data.party(e), dt.date(2025, 3, 1), "1000.00")
    data.registration(e, "吊销")

    def check(found):
        assert found[0].evidence["触发原因"] == ["登记状态为吊销"]

    return Expect("S15", {str(e.id)}, check)


def natural_person_is_quiet(data: Data) -> Expect:
    _employer(data, 3, kind="自然人")
    return Expect("S15", set())


CASES = [
    three_labour_cases_without_assets,
    two_cases_are_quiet,
    recent_assets_are_quiet,
    assets_older_than_twelve_months_do_not_help,
    revoked_licence_counts_despite_assets,
    natural_person_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s15(build, engine):  # noqa: F811
    verify(build, engine)
