"""S10 终本案件规定动作缺失 (closed within 180 days; 3 months; required actions)."""

import datetime as dt

import pytest

from engine_fixtures import engine  # noqa: F401
from scenario_data import ZHONGBEN, Data, Expect, case_id, verify

pytestmark = pytest.mark.django_db
ALL_ACTIONS = ("发送执行通知书", "发出报告财产令", "网络查控", "限制消费", "现场调查", "约谈申请执行人")


def _zhongben(data: Data, filed_on: dt.date, closed_on: dt.date, actions=ALL_ACTIONS, done_on=None):
    data.staff(f"K-{data.next()}", "沪0116", role="执行局长")
    case = data.case("沪0116", judge="J-10", filed_on=filed_on)
    for action in actions:
        data.action(case, action, done_on or filed_on + dt.timedelta(days=20))
    data.closed(case, ZHONGBEN, closed_on)
    return case


def complete_case_is_quiet(data: Data) -> Expect:
    _zhongben(data, dt.date(2024, 9, 1), dt.date(2025, 3, 1))
    return Expect("S10", set())


def missing_site_visit(data: Data) -> Expect:
    case = _zhongben(data, dt.date(2024, 9, 1), dt.date(2025, 3, 1), ALL_ACTIONS[:4] + ALL_ACTIONS[5:])

    def check(found):
        [f] = found
        assert f.evidence["缺少的规定动作"] == ["现场调查"]
        assert f.evidence["立案不满三个月即终本"] is False
        assert set(dict(f.recipients).values()) == {"chief", "judge"}

    return Expect("S10", {case.case_no}, check)


def telling_the_applicant_is_enough(data: Data) -> Expect:
    _zhongben(data, dt.date(2024, 9, 1), dt.date(2025, 3, 1), ALL_ACTIONS[:5] + ("告知申请执行人",))
    return Expect("S10", set())


def closed_a_day_short_of_three_months(data: Data) -> Expect:
    case = _zhongben(data, dt.date(2025, 1, 10), dt.date(2025, 4, 9))
    return Expect("S10", {case.case_no})


def closed_exactly_three_months_after_filing_is_quiet(data: Data) -> Expect:
    _zhongben(data, dt.date(2025, 1, 10), dt.date(2025, 4, 10))
    return Expect("S10", set())


def actions_after_closing_do_not_count(data: Data) -> Expect:
    case = _zhongben(data, dt.date(2024, 9, 1), dt.date(2025, 3, 1), done_on=dt.date(2025, 3, 2))
    return Expect("S10", {case.case_no})


def closed_181_days_ago_is_out_of_scope(data: Data) -> Expect:
    _zhongben(data, dt.date(2024, 9, 1), dt.date(2024, 12, 31), actions=())
    inside = _zhongben(data, dt.date(2024, 9, 1), dt.date(2025, 1, 1), actions=())
    return Expect("S10", {inside.case_no})


CASES = [
    complete_case_is_quiet,
    missing_site_visit,
    telling_the_applicant_is_enough,
    closed_a_day_short_of_three_months,
    closed_exactly_three_months_after_filing_is_quiet,
    actions_after_closing_do_not_count,
    closed_181_days_ago_is_out_of_scope,
]


@pytest.mark.parametrize("build", CASES, ids=case_id)
def test_s10(build, engine):  # noqa: F811
    verify(build, engine)
