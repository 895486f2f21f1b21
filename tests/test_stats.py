"""Figures per scenario, court and period, compared with a count made by hand."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from world import build_world, client_for, make_users
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient, Feedback
from zhixing.alerts.stats import compute
from zhixing.core.clock import SHANGHAI

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


def alert(key, scenario, raised, cases):
    a = Alert.objects.create(
        scenario=scenario, dedup_key=key, severity="高", case_nos=[c.case_no for c in cases], evidence={},
        as_of=raised.date(), raised_at=raised, updated_at=raised,
    )
    for c in cases:
        AlertCase.objects.create(alert=a, case=c)
    return a


def answer(a, staff_id, verdict, given, *, money=None, case=None):
    recipient, _ = AlertRecipient.objects.get_or_create(alert=a, staff_id=staff_id, defaults={"reason": "judge"})
    Feedback.objects.create(
        recipient=recipient, alert=a, verdict=verdict, reason="" if verdict == "有帮助" else "数据有误",
        given_by=staff_id, given_at=given, updated_at=given, outcome_case=case,
        money_recovered=money, outcome_at=given if money else None,
    )


@pytest.fixture
def world():
    w = build_world()
    # 1: the fixture's S01 alert, raised Monday 30 June; A's judge recovers ¥260,000 on 2 July
    answer(w.alert, "沪0104-J001", "有帮助", at("2025-07-02"), money=Decimal("260000.00"), case=w.case_a)
    answer(w.alert, "沪0112-J019", "无帮助", at("2025-07-03"))
    # 2: raised Monday 9 June, answered (not helpful) the next day
    a2 = alert("2", "S01", at("2025-06-09"), [w.case_a, w.case_b])
    answer(a2, "沪0104-J001", "无帮助", at("2025-06-10"))
    # 3: raised in June, never answered
    alert("3", "S01", at("2025-06-16"), [w.case_b])
    # 4: raised Friday 20 June, helpful on Wednesday 25 June with ¥1,000.50 recovered in case C
    a4 = alert("4", "S01", at("2025-06-20"), [w.case_c, w.case_b])
    answer(a4, "沪0120-J007", "有帮助", at("2025-06-25"), money=Decimal("1000.50"), case=w.case_c)
    # outside the period, and another scenario
    alert("5", "S01", at("2025-05-30"), [w.case_a])
    alert("6", "S03", at("2025-06-11"), [w.case_a])
    return w


def test_figures_match_a_hand_count(world):
    rows = compute(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30))
    s01 = next(r for r in rows if r.scenario == "S01")
    # by hand: alerts 1-4 raised; 1, 2, 4 answered; 1 and 4 helpful; cases A and C recovered
    assert (s01.raised, s01.answered, s01.helpful) == (4, 3, 2)
    assert s01.answer_rate == Decimal("0.7500")
    assert s01.helpful_share == Decimal("0.6667")
    assert s01.cases_recovered == 2
    assert s01.money_recovered == Decimal("261000.50")
    # working days to first feedback: 2 (30 Jun -> 2 Jul), 1 (9 -> 10 Jun), 3 (20 -> 25 Jun)
    assert s01.median_workdays_to_feedback == 2
    s03 = next(r for r in rows if r.scenario == "S03")
    assert (s03.raised, s03.answered, s03.answer_rate, s03.helpful_share) == (1, 0, Decimal("0"), None)


def test_per_court_figures(world):
    rows = compute(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30), court="沪0120")
    assert [(r.scenario, r.raised, r.answered, r.money_recovered) for r in rows] == [
        ("S01", 1, 1, Decimal("1000.50"))
    ]
    by_court = {
        (r.scenario, r.court): r
        for r in compute(date_from=dt.date(2025, 6, 1), date_to=dt.date(2025, 6, 30), by_court=True)
    }
    assert by_court[("S01", "沪0112")].raised == 4
    assert by_court[("S01", "沪0104")].raised == 2
    assert by_court[("S01", "沪0104")].money_recovered == Decimal("260000.00")


def test_command_json_and_table(world):
    out = io.StringIO()
    call_command("stats", "--format", "json", "--from", "2025-06-01", "--to", "2025-06-30", stdout=out)
    s01 = next(r for r in json.loads(out.getvalue()) if r["scenario"] == "S01")
    assert s01 == {
        "scenario": "S01", "court": None, "raised": 4, "answered": 3, "answer_rate": "0.7500",
        "helpful": 2, "helpful_share": "0.6667", "cases_recovered": 2,
        "money_recovered": "261000.50", "median_workdays_to_feedback": 2.0,
    }
    table = io.StringIO()
    call_command("stats", "--from", "2025-06-01", "--to", "2025-06-30", stdout=table)
    assert "¥261,000.50" in table.getvalue()
    assert "75.00%" in table.getvalue()


def test_command_rejects_unknown_court(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--court"):
        call_command("stats", "--court", "沪9999")


def test_api_gives_the_same_figures(world):
    make_users()
    rows = client_for("admin").get("/api/stats?from=2025-06-01&to=2025-06-30&scenario=S01").json()
    assert rows[0]["money_recovered"] == "261000.50"
    assert rows[0]["raised"] == 4
