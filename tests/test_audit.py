"""Every look at an alert or a party's panoramic view is recorded; `zhixing audit` finds it."""

import io
import json

import pytest
from django.core.management import call_command

from world import CREDIT_CODE, build_world, client_for, make_users
from zhixing.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def test_views_of_alerts_parties_and_cases_are_recorded_with_who_and_where(world):
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {"create_user"}  # the world's users
    AuditEvent.objects.all().delete()
    client_for("judge_a").get(f"/api/alerts/{world.alert.pk}")
    client_for("judge_a").get(f"/api/parties/{world.company.pk}")
    client_for("chief_a").get("/api/cases/(2024)沪0104执100号")
    events = list(AuditEvent.objects.order_by("pk").values_list("username", "action", "object_id", "identity_id", "ip"))
    assert events == [
        ("judge_a", "view_alert", str(world.alert.pk), world.company.pk, "10.0.0.8"),
        ("judge_a", "view_party", str(world.company.pk), world.company.pk, "10.0.0.8"),
        ("chief_a", "view_case", "(2024)沪0104执100号", None, "10.0.0.8"),
    ]
    assert all(e.at is not None for e in AuditEvent.objects.all())


def test_refused_looks_are_not_logged_as_views(world):
    client_for("judge_c").get(f"/api/parties/{world.company.pk}")
    assert not AuditEvent.objects.filter(action="view_party").exists()


def test_audit_command_filters_by_user_party_and_date(world):
    client_for("judge_a").get(f"/api/parties/{world.company.pk}")
    client_for("judge_b").get(f"/api/alerts/{world.alert.pk}")
    client_for("judge_b").get(f"/api/parties/{world.person.pk}")  # refused: not recorded as a view
    out = io.StringIO()
    call_command("audit", "--party", CREDIT_CODE, "--format", "json", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["user"], r["action"]) for r in rows] == [("judge_a", "view_party"), ("judge_b", "view_alert")]
    out = io.StringIO()
    call_command("audit", "--user", "judge_b", "--format", "json", stdout=out)
    assert [json.loads(line)["action"] for line in out.getvalue().splitlines()] == ["view_alert"]
    out = io.StringIO()
    call_command("audit", "--from", "2999-01-01", "--format", "json", stdout=out)
    assert out.getvalue() == ""
    table = io.StringIO()
    call_command("audit", "--user", "judge_a", stdout=table)
    assert "view_party" in table.getvalue()
    assert "上海某某贸易有限公司" in table.getvalue()
