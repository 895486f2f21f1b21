"""S14 同一被执行人多案联动 (finding within 30 days; two or more owed cases)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import ZHONGBEN, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db


def _debtor_in_two_courts(data: Data, second_mode: str | None = None):
    p = data.identity("上海某某建材有限公司", kind="法人")
    one = data.case("沪0101", judge="J-14a")
    two = data.case("沪0107", judge="J-14b")
    data.debtor(one, p)
    data.debtor(two, p)
    if second_mode:
        data.closed(two, second_mode, dt.date(2025, 1, 5))
    return p, one, two


def recent_finding_alerts_every_judge(data: Data) -> Expect:
    p, one, two = _debtor_in_two_courts(data)
    finding = data.finding(data.party(p), dt.date(2025, 5, 31), "50000.00")

    def check(found):
        [f] = found
        assert dict(f.recipients) == {"J-14a": "judge", "J-14b": "judge"}
        assert sorted(c.case_no for c in f.cases) == sorted([one.case_no, two.case_no])

    return Expect("S14", {f"{finding.source}|{finding.finding_id}"}, check)


def finding_31_days_old_is_quiet(data: Data) -> Expect:
    p, one, two = _debtor_in_two_courts(data)
    data.finding(data.party(p), dt.date(2025, 5, 30), "50000.00")
    return Expect("S14", set())


def zhongben_counts_as_owed(data: Data) -> Expect:
    p, one, two = _debtor_in_two_courts(data, ZHONGBEN)
    finding = data.finding(data.party(p), dt.date(2025, 6, 10), "50000.00")
    return Expect("S14", {f"{finding.source}|{finding.finding_id}"})


def one_owed_case_is_quiet(data: Data) -> Expect:
    p, one, two = _debtor_in_two_courts(data, "执行完毕")
    data.finding(data.party(p), dt.date(2025, 6, 10), "50000.00")
    return Expect("S14", set())


CASES = [
    recent_finding_alerts_every_judge,
    finding_31_days_old_is_quiet,
    zhongben_counts_as_owed,
    one_owed_case_is_quiet,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s14(build, engine):  # noqa: F811
    verify(build, engine)
