"""Holds on every door, end to end: an S01 hold on company's money in case B; a batch
reporting a payout of that money is stored and recorded as an S19 breach (alert to both
judges and B's chief, shown on the alert, case and dashboard pages); the same payout by
event is refused with 409; a payout whose payee is only the counterparty is netted by S01."""

import datetime as dt
import json

import pytest

from batches import write_batch
from world import build_world, client_for, make_users
from zhixing.alerts.models import CLOSED, OPEN, Alert, Hold
from zhixing.cases.models import AccountTxn
from zhixing.evaluation.scan import run_scan
from zhixing.exchange.commands.batches import import_batch

pytestmark = pytest.mark.django_db

CASE_B = "(2024)沪0112执200号"
AS_OF = dt.date(2025, 7, 3)


@pytest.fixture
def world():
    w = build_world()
    make_users()
    run_scan(dt.date(2025, 6, 30), codes=["S01"])  # confirms the fixture's S01 alert and its hold
    w.alert.refresh_from_db()
    assert w.alert.status == OPEN and w.alert.evidence["B案为其留存案款"] == "260000.00"
    assert Hold.objects.get(alert=w.alert).released_at is None
    return w


def payout(txn_id: str, amount: str, **payee) -> dict:
    return {"txn_id": txn_id, "case_no": CASE_B, "direction": "发放", "amount": amount,
            "occurred_at": "2025-07-02T09:30:00", "channel": "网银", **payee}


def import_realtime(tmp_path, rows, capture) -> None:
    folder = write_batch(tmp_path, "沪0112", {"account_txns": rows})
    with capture(execute=True):
        import_batch(folder, realtime=True)


def test_a_batch_payout_of_held_money_is_stored_and_recorded_as_a_breach(
    world, tmp_path, django_capture_on_commit_callbacks
):
    import_realtime(tmp_path, [payout("PAY-B-1", "100000.00", beneficiary_key="q7")],
                    django_capture_on_commit_callbacks)

    txn = AccountTxn.objects.get(source="沪0112", txn_id="PAY-B-1")  # stored, never refused
    [breach] = Alert.objects.filter(scenario="S19")
    assert breach.severity == "高" and breach.status == OPEN and breach.subject == world.company
    assert dict(breach.recipients.values_list("staff_id", "reason")) == {
        "沪0104-J001": "judge(A)", "沪0112-J019": "judge(B)", "沪0112-C001": "chief(B)",
    }
    assert breach.dedup_key == f"{world.hold.pk}|{txn.pk}"
    assert breach.evidence["发放金额"] == "100000.00" and breach.evidence["收款人"] == "上海某某贸易有限公司"

    alert_page = client_for("judge_b").get(f"/alerts/{breach.pk}/").content.decode()
    assert "暂缓发放期间案款被发放" in alert_page
    assert "PAY-B-1" in alert_page and "¥100,000.00" in alert_page and "网银" in alert_page
    assert "暂缓发放中" in alert_page  # the hold the payout broke

    case_page = client_for("judge_b").get(f"/cases/{world.case_b.pk}/").content.decode()
    assert "暂缓发放期间发放" in case_page
    assert f"预警 S19 #{breach.pk}" in case_page and "¥100,000.00" in case_page

    dashboard = client_for("chief_b").get("/dashboard/", {"from": "2025-01-01", "as_of": "2099-12-31"})
    section = dashboard.content.decode().split('id="hold-breaches"')[1].split("</section>")[0]
    assert "上海市闵行区人民法院" in section and ">1</a>" in section

    detail = client_for("judge_b").get(f"/api/cases/{CASE_B}").json()
    assert [t["payee"] for t in detail["account"]] == ["上海某某贸易有限公司", "上海某某贸易有限公司"]
    assert [p["money_held"] for p in detail["parties"] if p["role"] == "申请执行人"] == ["160000.00"]

    # The same payout by event is refused while the hold is open, and nothing is stored.
    body = {k: v for k, v in payout("PAY-E-1", "100000.00", beneficiary_key="q7").items() if k != "direction"}
    response = client_for("judge_b").post("/api/events/disbursement", json.dumps(body),
                                          content_type="application/json")
    assert response.status_code == 409
    assert response.json()["alert_id"] == world.alert.pk
    assert not AccountTxn.objects.filter(txn_id="PAY-E-1").exists()


def test_a_payout_naming_its_payee_only_as_counterparty_is_netted_by_s01(
    world, tmp_path, django_capture_on_commit_callbacks
):
    import_realtime(tmp_path, [payout("PAY-C-1", "60000.00", counterparty_key="q7")],
                    django_capture_on_commit_callbacks)
    world.alert.refresh_from_db()
    assert world.alert.status == OPEN
    assert world.alert.evidence["B案为其留存案款"] == "200000.00"

    import_realtime(tmp_path, [payout("PAY-C-2", "200000.00", counterparty_key="q7")],
                    django_capture_on_commit_callbacks)
    world.alert.refresh_from_db()
    assert world.alert.status == CLOSED  # nothing is held for the debtor any more
    assert Hold.objects.get(alert=world.alert).released_at is None  # A is still owed
    assert Alert.objects.filter(scenario="S19", status=OPEN).count() == 2  # both were breaches


def test_a_scan_finds_the_breach_of_a_batch_imported_without_real_time(world, tmp_path):
    import_batch(write_batch(tmp_path, "沪0112", {"account_txns": [payout("PAY-S-1", "10.00")]}))
    assert AccountTxn.objects.filter(txn_id="PAY-S-1").exists()
    assert not Alert.objects.filter(scenario="S19").exists()
    run_scan(AS_OF, codes=["S19"])
    [breach] = Alert.objects.filter(scenario="S19")
    assert breach.evidence["收款人"] == "未指明（全体申请执行人）"  # pooled money: covered by the hold too
