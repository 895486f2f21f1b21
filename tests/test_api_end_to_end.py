"""The issue's end-to-end story over the API. The import and the scan land in parallel, so
their output (cases, parties, the S01 alert and its hold) is written with the ORM here."""

import io
import json

import pytest
from django.core.management import call_command

from zhixing.alerts.fixtures import CREDIT_CODE, build_world, client_for, make_users
from zhixing.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_s01_from_alert_to_money_recovered(monkeypatch):
    monkeypatch.setattr("zhixing.api.realtime._engine", lambda: None)
    world = build_world()
    make_users()
    judge_a, judge_b, judge_c = client_for("judge_a"), client_for("judge_b"), client_for("judge_c")
    alert_url = f"/api/alerts/{world.alert.pk}"

    # judge A and judge B each see the S01 alert
    for client in (judge_a, judge_b):
        inbox = client.get("/api/alerts?scenario=S01").json()
        assert [a["id"] for a in inbox["items"]] == [world.alert.pk]
        assert client.get(alert_url).json()["holds"][0]["released_at"] is None

    # judge B's disbursement of the held money is refused, naming the alert
    refused = judge_b.post("/api/events/disbursement", json.dumps({
        "case_no": "(2024)沪0112执200号", "txn_id": "PAY-77", "amount": "260000.00",
        "occurred_at": "2025-07-01T09:00:00+08:00", "beneficiary_key": "q7",
    }), content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["alert_id"] == world.alert.pk

    # judge A looks at the debtor across courts, acts, and reports the money recovered
    panorama = judge_a.get(f"/api/parties/{world.company.pk}").json()
    assert {c["court"] for c in panorama["cases"]} == {"沪0104", "沪0112"}
    answered = judge_a.post(f"{alert_url}/feedback", json.dumps({
        "verdict": "有帮助", "reason": "发现可供执行财产", "measures": ["联系另案承办人", "扣划"],
        "money_recovered": "260000.00",
    }), content_type="application/json")
    assert answered.status_code == 200

    # the figures show it
    figures = client_for("admin").get("/api/stats?scenario=S01").json()
    assert figures[0]["answered"] == 1
    assert figures[0]["cases_recovered"] == 1
    assert figures[0]["money_recovered"] == "260000.00"
    out = io.StringIO()
    call_command("stats", "--format", "json", "--court", "沪0104", stdout=out)
    assert json.loads(out.getvalue())[0]["helpful_share"] == "1.0000"

    # a judge of a third court sees nothing of it
    assert judge_c.get("/api/alerts").json()["count"] == 0
    assert judge_c.get(alert_url).status_code == 404
    assert judge_c.get(f"/api/parties/{world.company.pk}").status_code == 404
    assert judge_c.get("/api/cases/(2024)沪0112执200号").status_code == 404
    assert judge_c.get("/api/stats").json() == []

    # the audit log records every look at the alert and at the debtor, with the address
    looks = list(
        AuditEvent.objects.filter(action__in=["view_alert", "view_party"])
        .order_by("pk").values_list("username", "action", "ip")
    )
    assert looks == [
        ("judge_a", "view_alert", "10.0.0.8"),
        ("judge_b", "view_alert", "10.0.0.8"),
        ("judge_a", "view_party", "10.0.0.8"),
    ]
    out = io.StringIO()
    call_command("audit", "--party", CREDIT_CODE, "--format", "json", stdout=out)
    actions = [json.loads(line)["action"] for line in out.getvalue().splitlines()]
    assert actions == ["view_alert", "view_alert", "disbursement_refused", "view_party", "feedback"]
    assert "judge_c" not in out.getvalue()
