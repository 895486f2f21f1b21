"""Unanswered 高 alerts go to the chief of each recipient court after 3 working days."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from world import build_world
from zhixing.alerts.commands import give_feedback
from zhixing.alerts.escalation import run_escalation
from zhixing.alerts.feedback import FeedbackInput
from zhixing.alerts.models import Alert, AlertRecipient, Escalation
from zhixing.core.clock import SHANGHAI
from zhixing.core.commands import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def chiefs_on(alert):
    return set(
        AlertRecipient.objects.filter(alert=alert, reason="escalation").values_list("staff_id", flat=True)
    )


def test_escalates_after_three_working_days_to_each_recipient_court(world):
    run_escalation(dt.date(2025, 7, 2))  # raised Monday 30 June: only 2 working days later
    assert chiefs_on(world.alert) == set()
    report = run_escalation(dt.date(2025, 7, 3))
    assert chiefs_on(world.alert) == {"沪0104-C001", "沪0112-C001"}
    assert sorted(court for _, court, _ in report.escalated) == ["沪0104", "沪0112"]
    assert AlertRecipient.objects.get(alert=world.alert, staff_id="沪0104-C001").state == "未读"


def test_running_twice_changes_nothing_more(world):
    run_escalation(dt.date(2025, 7, 3))
    again = run_escalation(dt.date(2025, 7, 10))
    assert again.escalated == []
    assert Escalation.objects.count() == 2
    assert AlertRecipient.objects.filter(alert=world.alert).count() == 4


def test_national_day_holiday_is_not_counted(world):
    raised = dt.datetime(2025, 9, 30, 15, 0, tzinfo=SHANGHAI)
    Alert.objects.filter(pk=world.alert.pk).update(raised_at=raised)
    run_escalation(dt.date(2025, 10, 10))  # 9 October and 10 October: two working days
    assert chiefs_on(world.alert) == set()
    run_escalation(dt.date(2025, 10, 11))  # Saturday 11 October is a make-up working day
    assert chiefs_on(world.alert) == {"沪0104-C001", "沪0112-C001"}


def test_answered_or_lower_severity_alerts_do_not_escalate(world):
    give_feedback(judge_b_actor(), world.alert.pk, FeedbackInput(verdict="无帮助", reason="已掌握该情况"))
    run_escalation(dt.date(2025, 8, 1))
    assert chiefs_on(world.alert) == set()
    medium = Alert.objects.create(
        scenario="S03", dedup_key="x", severity="中", case_nos=[], evidence={}, as_of=dt.date(2025, 6, 30),
        raised_at=world.alert.raised_at, updated_at=world.alert.raised_at,
    )
    AlertRecipient.objects.create(alert=medium, staff_id="沪0104-J001", reason="judge")
    run_escalation(dt.date(2025, 8, 1))
    assert chiefs_on(medium) == set()


def test_the_command_and_the_workers_daily_job_run_it_once(world):
    out = io.StringIO()
    call_command("escalate", "--as-of", "2025-07-03", stdout=out)
    assert f"预警 {world.alert.pk} → 沪0104" in out.getvalue()
    out = io.StringIO()
    call_command("worker", "--once", "--as-of", "2025-07-04", stdout=out)
    assert "预警升级（截至 2025-07-04）完成：升级 0 条" in out.getvalue()


def test_command_rejects_a_bad_date(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--as-of"):
        call_command("escalate", "--as-of", "2025-13-01")


def judge_b_actor() -> Actor:
    from django.contrib.auth import get_user_model

    from world import make_users
    from zhixing.accounts.permissions import viewer_for

    make_users()
    user = get_user_model().objects.get(username="judge_b")
    return Actor(username="judge_b", user=user, viewer=viewer_for(user))
