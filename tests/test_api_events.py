"""Events: stored like an import row, clear 422s naming the field, evaluated in real time."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from world import build_world, client_for, make_users
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient
from zhixing.cases.models import AccountTxn, AssetFinding, Measure

pytestmark = pytest.mark.django_db

ARRIVAL = {"case_no": "（2024）沪0112执200号", "txn_id": "EV-9", "amount": "1500.50",
           "occurred_at": "2025-07-01T10:00:00", "beneficiary_key": "q7", "channel": "网银"}


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def post(username, path, body):
    return client_for(username).post(f"/api/events/{path}", json.dumps(body), content_type="application/json")


def test_money_arrival_is_stored_with_decimal_and_shanghai_time(world):
    response = post("judge_b", "money-arrival", ARRIVAL)
    assert response.status_code == 200, response.content
    assert response.json()["stored"] == {"kind": "account_txn", "source": "沪0112", "key": "EV-9",
                                         "case_no": "(2024)沪0112执200号"}
    txn = AccountTxn.objects.get(txn_id="EV-9")
    assert txn.amount == Decimal("1500.50")
    assert txn.beneficiary == world.company_in_b
    assert txn.occurred_at == dt.datetime(2025, 7, 1, 2, 0, tzinfo=dt.UTC)
    again = post("judge_b", "money-arrival", ARRIVAL)
    assert again.status_code == 200 and again.json()["stored"]["key"] == "EV-9"
    assert AccountTxn.objects.filter(txn_id="EV-9").count() == 1


def test_a_money_row_is_a_fact_another_report_cannot_rewrite(world):
    assert post("judge_b", "money-arrival", ARRIVAL).status_code == 200
    rewrite = post("judge_b", "disbursement", {**ARRIVAL, "amount": "1600.00", "beneficiary_key": None})
    assert rewrite.status_code == 409, rewrite.content
    assert "冲正" not in rewrite.json()["detail"] or "编号" in rewrite.json()["detail"]
    txn = AccountTxn.objects.get(txn_id="EV-9")
    assert (txn.direction, txn.amount, txn.beneficiary) == ("到账", Decimal("1500.50"), world.company_in_b)


def test_an_imported_arrival_cannot_be_turned_into_a_payout_by_an_event(world):
    imported = AccountTxn.objects.get(case=world.case_b, direction="到账")
    body = {"case_no": world.case_b.case_no, "txn_id": imported.txn_id, "amount": "1.00",
            "occurred_at": "2025-07-01T10:00:00"}
    assert post("judge_b", "disbursement", body).status_code == 409
    assert post("admin", "money-arrival", body).status_code == 409
    assert AccountTxn.objects.get(pk=imported.pk).amount == imported.amount


def test_a_reversal_voids_a_money_row_with_its_reason_and_is_audited(world):
    from zhixing.audit.models import AuditEvent
    from zhixing.cases.models import TxnReversal

    assert post("judge_b", "money-arrival", ARRIVAL).status_code == 200
    reversal = {"case_no": ARRIVAL["case_no"], "txn_id": "EV-9", "reason": ""}
    assert post("judge_b", "reversal", reversal).status_code == 422
    assert post("judge_b", "reversal", reversal | {"reason": "录入错误，金额应为150.50元"}).status_code == 200
    stored = TxnReversal.objects.get(txn__txn_id="EV-9")
    assert stored.reason == "录入错误，金额应为150.50元" and stored.recorded_by == "judge_b"
    assert AccountTxn.objects.get(txn_id="EV-9").amount == Decimal("1500.50")  # the row itself stays
    assert AuditEvent.objects.filter(action="reverse_account_txn", username="judge_b").count() == 1
    assert post("judge_b", "reversal", reversal | {"reason": "再次冲正"}).status_code == 409
    missing = post("judge_b", "reversal", reversal | {"txn_id": "NOPE", "reason": "x"})
    assert missing.status_code == 422 and "txn_id" in missing.content.decode()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "12.345"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"occurred_at": "2025-13-40"}, "occurred_at"),
        ({"beneficiary_key": "nobody"}, "beneficiary_key"),
        ({"case_no": "not a number"}, "case_no"),
    ],
)
def test_bad_rows_get_422_naming_the_field_and_change_nothing(world, change, field):
    before = AccountTxn.objects.count()
    body = {k: v for k, v in (ARRIVAL | change).items() if v is not None}
    response = post("admin", "money-arrival", body)
    assert response.status_code == 422, response.content
    assert field in json.dumps(response.json(), ensure_ascii=False)
    assert AccountTxn.objects.count() == before


def test_a_key_of_another_case_is_not_moved_and_the_answer_does_not_name_that_case(world):
    from world import make_case

    make_case("(2024)沪0112执201号", "沪0112", "沪0112-J019")
    body = ARRIVAL | {"txn_id": "T-B-1", "case_no": "(2024)沪0112执201号"}
    body.pop("beneficiary_key")
    response = post("judge_b", "money-arrival", body)
    assert response.status_code == 409
    assert "txn_id" in response.content.decode() or "编号" in response.json()["detail"]
    assert world.case_b.case_no not in response.content.decode()
    assert AccountTxn.objects.get(txn_id="T-B-1").case == world.case_b


def test_an_unknown_case_and_a_case_one_may_not_see_get_the_same_answer(world):
    unknown = post("judge_b", "money-arrival", ARRIVAL | {"case_no": "(2024)沪0112执999号"})
    forbidden = post("judge_b", "money-arrival", ARRIVAL | {"case_no": world.case_a.case_no})
    assert unknown.status_code == forbidden.status_code == 404
    shape = [r.json()["detail"].replace(case_no, "X") for r, case_no in (
        (unknown, "(2024)沪0112执999号"), (forbidden, world.case_a.case_no))]
    assert shape[0] == shape[1]
    assert AccountTxn.objects.filter(txn_id="EV-9").count() == 0


def test_a_party_key_must_belong_to_the_case(world):
    from world import make_party

    make_party("沪0112", "stranger", world.person)  # a party of the source, in none of case B's rows
    finding = {"case_no": world.case_b.case_no, "finding_id": "F-S", "party_key": "stranger", "source": "银行存款",
               "found_on": "2025-07-01", "value": "10.00"}
    response = post("judge_b", "asset-finding", finding)
    assert response.status_code == 422 and "party_key" in response.content.decode()
    assert not AssetFinding.objects.filter(finding_id="F-S").exists()
    arrival = post("judge_b", "money-arrival", ARRIVAL | {"beneficiary_key": "stranger"})
    assert arrival.status_code == 422 and "beneficiary_key" in arrival.content.decode()


def test_measure_and_asset_finding(world):
    measure = {"case_no": "(2024)沪0104执100号", "measure_id": "M-1", "party_key": "p1", "kind": "冻结存款",
               "started_on": "2025-07-01", "amount": "260000.00"}
    assert post("judge_a", "measure", measure).status_code == 200
    assert Measure.objects.get(measure_id="M-1").term_ends_on == dt.date(2026, 7, 1)
    bad = post("judge_a", "measure", measure | {"kind": "没收"})
    assert bad.status_code == 422 and "kind" in bad.content.decode()
    finding = {"case_no": "(2024)沪0104执100号", "finding_id": "F-1", "party_key": "p1", "source": "银行存款",
               "found_on": "2025-07-01", "value": "80000.00"}
    assert post("judge_a", "asset-finding", finding).status_code == 200
    assert AssetFinding.objects.get(finding_id="F-1").value == Decimal("80000.00")
    assert post("judge_a", "asset-finding", finding | {"found_on": "1200-01-01"}).status_code == 422


@pytest.mark.django_db(transaction=True)
def test_response_lists_the_alerts_the_event_raised(world, monkeypatch):
    seen = {}

    def evaluate_touched(*, identity_ids, case_ids, tables, as_of):
        seen.update(identity_ids=identity_ids, case_ids=case_ids, tables=tables)
        alert = Alert.objects.create(
            scenario="S05", dedup_key="b", severity="中", subject=world.company, case_nos=[world.case_b.case_no],
            evidence={}, as_of=dt.date(2025, 7, 1), raised_at=world.alert.raised_at, updated_at=world.alert.raised_at,
        )
        AlertCase.objects.create(alert=alert, case=world.case_b)
        AlertRecipient.objects.create(alert=alert, staff_id="沪0112-J019", reason="judge")
        return [alert]

    monkeypatch.setattr("zhixing.evaluation.realtime.evaluate_touched", evaluate_touched)
    body = post("judge_b", "money-arrival", ARRIVAL).json()
    assert body["evaluated"] is True
    assert [(a["scenario"], a["subject_id_number"]) for a in body["alerts_raised"]] == [("S05", "913101********XQ3B")]
    assert seen["case_ids"] == {world.case_b.pk}
    assert world.company.pk in seen["identity_ids"]
    assert seen["tables"] == {"zx_account_txn"}


@pytest.mark.django_db(transaction=True)
def test_an_engine_failure_is_reported_and_the_event_kept(world, monkeypatch):
    def broken(*, identity_ids, case_ids, tables, as_of):
        raise RuntimeError("engine down")

    monkeypatch.setattr("zhixing.evaluation.realtime.evaluate_touched", broken)
    response = post("judge_b", "money-arrival", ARRIVAL)
    assert response.status_code == 200
    assert response.json()["evaluated"] is False
    assert "RuntimeError" in response.json()["evaluation_error"]
    assert AccountTxn.objects.filter(txn_id="EV-9").exists()


@pytest.mark.django_db(transaction=True)
def test_a_partial_evaluation_lists_what_was_raised_and_names_what_was_not(world, monkeypatch):
    from zhixing.evaluation.realtime import RealtimeIncomplete

    def partly(*, identity_ids, case_ids, tables, as_of):
        raise RealtimeIncomplete({"S08": "the working-day calendar does not know 2031"}, [world.alert])

    monkeypatch.setattr("zhixing.evaluation.realtime.evaluate_touched", partly)
    body = post("judge_b", "money-arrival", ARRIVAL).json()
    assert body["evaluated"] is False
    assert [a["id"] for a in body["alerts_raised"]] == [world.alert.pk]
    assert "S08" in body["evaluation_error"] and "2031" in body["evaluation_error"]


@pytest.mark.parametrize("value", ["S01\x00", "\x00", "沪0104\x00x"])
def test_a_nul_character_in_a_filter_is_refused_not_a_server_error(world, value):
    for name in ("scenario", "court", "case_no"):
        response = client_for("judge_a").get("/api/alerts", {name: value})
        assert response.status_code == 422, (name, response.status_code)


@pytest.mark.django_db(transaction=True)
def test_reversing_the_arrival_behind_an_s01_hold_voids_the_money_held(world):
    from zhixing.cases.money_held import money_held

    arrival = AccountTxn.objects.get(case=world.case_b, direction="到账")
    key = (world.case_b.pk, world.company.pk)
    assert money_held([world.case_b.pk], [world.company.pk])[key] > 0
    response = post("judge_b", "reversal", {"case_no": world.case_b.case_no, "txn_id": arrival.txn_id,
                                            "reason": "到账记录重复，财务已退回"})
    assert response.status_code == 200, response.content
    assert money_held([world.case_b.pk], [world.company.pk]).get(key, Decimal("0")) == Decimal("0")
    world.alert.refresh_from_db()
    assert world.alert.status == "已关闭"  # evaluated after the commit: S01 no longer holds


def test_the_case_page_shows_a_reversed_row_as_voided(world):
    assert post("judge_b", "money-arrival", ARRIVAL).status_code == 200
    reason = "录入错误"
    assert post("judge_b", "reversal", {"case_no": ARRIVAL["case_no"], "txn_id": "EV-9", "reason": reason}).status_code == 200
    page = client_for("judge_b").get(f"/cases/{world.case_b.pk}/").content.decode()
    assert f"（已冲正：{reason}）" in page
    account = client_for("judge_b").get(f"/api/cases/{world.case_b.case_no}").json()["account"]
    assert {row["txn_id"]: row["reversal_reason"] for row in account}["EV-9"] == reason
