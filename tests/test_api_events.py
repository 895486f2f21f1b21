"""Events: stored like an import row, clear 422s naming the field, evaluated in real time."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from zhixing.alerts.fixtures import build_world, client_for, make_users
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
    corrected = {**ARRIVAL, "amount": "1600.00", "beneficiary_key": None}
    assert post("judge_b", "money-arrival", corrected).status_code == 200  # same key again: upsert
    txn = AccountTxn.objects.get(txn_id="EV-9")
    assert (txn.amount, txn.beneficiary) == (Decimal("1600.00"), None)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "12.345"}, "amount"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"occurred_at": "2025-13-40"}, "occurred_at"),
        ({"beneficiary_key": "nobody"}, "beneficiary_key"),
        ({"case_no": "(2024)沪0112执999号"}, "case_no"),
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


def test_a_key_of_another_case_is_not_moved(world):
    from zhixing.alerts.fixtures import make_case

    make_case("(2024)沪0112执201号", "沪0112", "沪0112-J019")
    body = ARRIVAL | {"txn_id": "T-B-1", "case_no": "(2024)沪0112执201号"}
    body.pop("beneficiary_key")
    response = post("judge_b", "money-arrival", body)
    assert response.status_code == 422
    assert "txn_id" in response.content.decode()
    assert AccountTxn.objects.get(txn_id="T-B-1").case == world.case_b


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

    monkeypatch.setattr("zhixing.scenarios.realtime.evaluate_touched", evaluate_touched)
    body = post("judge_b", "money-arrival", ARRIVAL).json()
    assert body["evaluated"] is True
    assert [(a["scenario"], a["subject_id_number"]) for a in body["alerts_raised"]] == [("S05", "913101********XQ3B")]
    assert seen["case_ids"] == {world.case_b.pk}
    assert world.company.pk in seen["identity_ids"]
    assert seen["tables"] == {"zx_account_txn"}


def test_an_engine_failure_is_reported_and_the_event_kept(world, monkeypatch):
    def broken(*, identity_ids, case_ids, tables, as_of):
        raise RuntimeError("engine down")

    monkeypatch.setattr("zhixing.scenarios.realtime.evaluate_touched", broken)
    response = post("judge_b", "money-arrival", ARRIVAL)
    assert response.status_code == 200
    assert response.json()["evaluated"] is False
    assert "RuntimeError" in response.json()["evaluation_error"]
    assert AccountTxn.objects.filter(txn_id="EV-9").exists()


def test_a_partial_evaluation_lists_what_was_raised_and_names_what_was_not(world, monkeypatch):
    from zhixing.scenarios.realtime import RealtimeIncomplete

    def partly(*, identity_ids, case_ids, tables, as_of):
        raise RealtimeIncomplete({"S08": "the working-day calendar does not know 2031"}, [world.alert])

    monkeypatch.setattr("zhixing.scenarios.realtime.evaluate_touched", partly)
    body = post("judge_b", "money-arrival", ARRIVAL).json()
    assert body["evaluated"] is False
    assert [a["id"] for a in body["alerts_raised"]] == [world.alert.pk]
    assert "S08" in body["evaluation_error"] and "2031" in body["evaluation_error"]


@pytest.mark.parametrize("value", ["S01\x00", "\x00", "沪0104\x00x"])
def test_a_nul_character_in_a_filter_is_refused_not_a_server_error(world, value):
    for name in ("scenario", "court", "case_no"):
        response = client_for("judge_a").get("/api/alerts", {name: value})
        assert response.status_code == 422, (name, response.status_code)
