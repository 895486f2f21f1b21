"""The issue's end-to-end story over the API. The first test builds its world with the ORM (cases, parties, the S01 alert and its hold);
the second runs real batches through import and scan."""

import io
import json

import pytest
from django.core.management import call_command

from world import CREDIT_CODE, build_world, client_for, make_users
from zhixing.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_s01_from_alert_to_money_recovered():
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


def test_imported_courts_become_users_and_the_hold_follows_the_resolved_identity(tmp_path):
    """Two courts' batches through `zhixing import`: staff become users, the company written
    with its credit code in one court and its organisation code in the other is one identity,
    and the hold on it stops a disbursement written with the other court's party key.
    The S01 alert and its hold come from a real scan."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from batches import credit_code, org_code, write_batch
    from zhixing.alerts.models import Alert, Hold
    from zhixing.parties.models import PartyRecord

    company_code = credit_code("310104", "MA1FL0AB")
    case_a, case_b = "(2024)沪0104执1234号", "(2024)沪0112执778号"
    person = {"kind": "自然人", "id_type": None, "id_number": None, "phone": None, "address": None}
    court_a = {
        "staff": [{"staff_id": "沪0104-J001", "court_code": "沪0104", "name": "王法官", "role": "执行法官"}],
        "parties": [
            {"party_key": "P2", "kind": "法人", "name": "上海某某贸易有限公司", "id_type": "统一社会信用代码",
             "id_number": company_code, "phone": None, "address": None},
            {"party_key": "P1", "name": "张三", **person},
        ],
        "cases": [{"case_no": case_a, "court_code": "沪0104", "category": "执行", "procedure": "首次执行",
                   "filed_on": "2024-03-01", "judge_id": "沪0104-J001", "status": "在办"}],
        "case_parties": [
            {"case_no": case_a, "party_key": "P2", "role": "被执行人", "owed_amount": "500000.00"},
            {"case_no": case_a, "party_key": "P1", "role": "申请执行人", "owed_amount": None},
        ],
    }
    court_b = {
        "staff": [{"staff_id": "沪0112-J019", "court_code": "沪0112", "name": "陈法官", "role": "执行法官"}],
        "parties": [
            {"party_key": "K7", "kind": "法人", "name": "上海某某贸易有限公司", "id_type": "组织机构代码",
             "id_number": org_code("MA1FL0AB"), "phone": None, "address": None},
            {"party_key": "K8", "name": "李四", **person},
        ],
        "cases": [{"case_no": case_b, "court_code": "沪0112", "category": "执行", "procedure": "首次执行",
                   "filed_on": "2024-05-01", "judge_id": "沪0112-J019", "status": "在办"}],
        "case_parties": [
            {"case_no": case_b, "party_key": "K7", "role": "申请执行人", "owed_amount": None},
            {"case_no": case_b, "party_key": "K8", "role": "被执行人", "owed_amount": "260000.00"},
        ],
        "account_txns": [{"txn_id": "T1", "case_no": case_b, "direction": "到账", "amount": "260000.00",
                          "occurred_at": "2025-06-28T10:00:00", "counterparty_key": "K8",
                          "beneficiary_key": "K7", "channel": "网银"}],
    }
    for source, files in (("沪0104", court_a), ("沪0112", court_b)):
        call_command("import_batch", str(write_batch(tmp_path, source, files)), stdout=io.StringIO())

    company = PartyRecord.objects.get(source="沪0104", party_key="P2").identity
    assert PartyRecord.objects.get(source="沪0112", party_key="K7").identity == company

    call_command("users", "sync", stdout=io.StringIO())
    User = get_user_model()
    assert not User.objects.get(username="沪0112-J019").has_usable_password()

    call_command("scan", "--as-of", "2025-06-30", stdout=io.StringIO())
    alert = Alert.objects.get(scenario="S01")
    assert alert.subject == company and alert.case_nos == [case_a, case_b]
    assert set(alert.recipients.values_list("staff_id", flat=True)) == {"沪0104-J001", "沪0112-J019"}
    assert Hold.objects.get(alert=alert).case.case_no == case_b

    judge_b = client_for("沪0112-J019")
    assert [x["id"] for x in judge_b.get("/api/alerts?scenario=S01").json()["items"]] == [alert.pk]
    panorama = client_for("沪0104-J001").get(f"/api/parties/{company.pk}").json()
    held = {c["case_no"]: c["money_held"] for c in panorama["cases"]}
    assert Decimal(held[case_b]) == Decimal("260000.00")
    refused = judge_b.post("/api/events/disbursement", json.dumps({
        "case_no": case_b, "txn_id": "T2", "amount": "260000.00", "occurred_at": "2025-07-01T09:00:00",
        "beneficiary_key": "K7",
    }), content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["alert_id"] == alert.pk
