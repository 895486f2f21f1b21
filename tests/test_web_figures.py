"""Command-centre figures: each definition of docs/web.md on cases whose answer is known."""

import datetime as dt
from decimal import Decimal

import pytest

from zhixing.cases.models import AccountTxn, Case, Staff
from zhixing.core.clock import SHANGHAI
from zhixing.web.queries.figures import (
    Period,
    PeriodError,
    drill_filter,
    enforcement_cases,
    figures,
)
from zhixing.web.queries.trend import weekly

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 3, 31)
PERIOD = Period(dt.date(2026, 1, 1), AS_OF)


def make(seq, court="沪0104", judge="J1", *, filed, closed=None, mode="", deadline=None, applied=None, procedure="首次执行"):
    return Case.objects.create(
        case_no=f"(2025){court}执{seq}号", year=2025, court_code_in_no=court, type_code="执", seq=seq,
        court_id=court, category="执行", procedure=procedure, filed_on=filed, judge_id=judge,
        status="已结" if closed else "在办", closed_on=closed, closure_mode=mode, deadline_on=deadline,
        applied_amount=applied, source="test",
    )


def arrive(case, amount, day):
    AccountTxn.objects.create(
        source="t", txn_id=f"{case.pk}-{day}", case=case, direction="到账", amount=Decimal(amount),
        occurred_at=dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI),
    )


@pytest.fixture
def world():
    Staff.objects.create(staff_id="J1", court_id="沪0104", name="李明", role="执行法官")
    Staff.objects.create(staff_id="J2", court_id="沪0104", name="王芳", role="执行法官")
    # 31 Aug + 6 months ends on 28 Feb: closed that day is within the limit, a day later is not
    within = make(1, filed=dt.date(2025, 8, 31), closed=dt.date(2026, 2, 28), mode="执行完毕", applied=Decimal("100000.00"))
    beyond = make(2, filed=dt.date(2025, 8, 31), closed=dt.date(2026, 3, 1), mode="终结本次执行程序", applied=Decimal("300000.00"))
    extended = make(3, judge="J2", filed=dt.date(2025, 1, 10), closed=dt.date(2026, 1, 20), mode="执行完毕",
                    deadline=dt.date(2026, 2, 1))
    arrive(within, "100000.00", dt.date(2026, 2, 1))
    arrive(beyond, "50000.00", dt.date(2026, 2, 2))
    arrive(beyond, "999.00", dt.date(2026, 4, 2))  # after the as-of date: not counted
    make(4, filed=dt.date(2025, 3, 30))  # open more than 12 months on 31 March 2026
    make(5, filed=dt.date(2025, 4, 1))  # open less than 12 months
    make(6, filed=dt.date(2024, 1, 1), closed=dt.date(2025, 12, 31), mode="执行完毕")  # before the period
    make(7, filed=dt.date(2025, 9, 1), closed=dt.date(2026, 2, 1), mode="执行完毕", procedure="执行异议")  # not counted
    make(8, court="沪0105", judge="K1", filed=dt.date(2025, 9, 1), closed=dt.date(2026, 3, 2), mode="终结本次执行程序")
    return {"within": within, "beyond": beyond, "extended": extended}


def test_court_figures_follow_the_definitions(world):
    total, rows = figures(PERIOD, court=None, by="court")
    xuhui = next(r for r in rows if r.key == "沪0104")
    assert xuhui.label == "上海市徐汇区人民法院"
    assert (xuhui.closed, xuhui.completed, xuhui.zhongben, xuhui.within_limit) == (3, 2, 1, 2)
    assert xuhui.completion_rate == Decimal("0.6667")
    assert xuhui.zhongben_rate == Decimal("0.3333")
    assert xuhui.within_limit_rate == Decimal("0.6667")
    assert xuhui.arrived == Decimal("150000.00") and xuhui.applied == Decimal("400000.00")
    assert xuhui.arrival_rate == Decimal("0.3750")
    assert xuhui.average_days == Decimal("246.0")  # (181 + 182 + 375) / 3
    assert xuhui.long_open == 1
    assert total.closed == 4 and total.zhongben == 2


def test_judge_rows_and_court_scope(world):
    _, rows = figures(PERIOD, court="沪0104", by="judge")
    by_key = {r.key: r for r in rows}
    assert set(by_key) == {"J1", "J2"}
    assert by_key["J2"].label == "王芳" and by_key["J2"].closed == 1 and by_key["J2"].within_limit == 1


def test_as_of_date_decides_what_is_open_and_closed(world):
    earlier = Period(dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    total, _ = figures(earlier, court="沪0104", by="court")
    assert total.closed == 2  # the case closed on 1 March is still open then
    assert total.long_open == 0  # case 4 is not yet 12 months old on 28 February


def test_drill_down_lists_the_cases_behind_a_figure(world):
    beyond = enforcement_cases("沪0104").filter(drill_filter("beyond_limit", PERIOD))
    assert list(beyond.values_list("seq", flat=True)) == [2]
    long_open = enforcement_cases(None).filter(drill_filter("long_open", PERIOD))
    assert list(long_open.values_list("seq", flat=True)) == [4]
    with pytest.raises(PeriodError, match="没有这项指标"):
        drill_filter("nonsense", PERIOD)


def test_period_must_start_before_its_end():
    with pytest.raises(PeriodError, match="晚于统计截止日"):
        Period(dt.date(2026, 4, 1), AS_OF)


def test_weekly_trend_counts_closures_by_week(world):
    weeks = weekly(AS_OF, "沪0104")
    assert len(weeks) == 12 and weeks[-1].starts_on == dt.date(2026, 3, 30)
    closed = {w.starts_on: w.closed for w in weeks if w.closed}
    # 20 January (a Tuesday); 28 February and 1 March fall in the week of 23 February
    assert closed == {dt.date(2026, 1, 19): 1, dt.date(2026, 2, 23): 2}


def test_judge_rows_add_up_to_the_court_money(world):
    court_total, _ = figures(PERIOD, court="沪0104", by="court")
    judge_total, rows = figures(PERIOD, court="沪0104", by="judge")
    assert judge_total.arrived == court_total.arrived == Decimal("150000.00")
    assert sum((r.arrived for r in rows), Decimal("0.00")) == Decimal("150000.00")
    assert judge_total.applied == court_total.applied
