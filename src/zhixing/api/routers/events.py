"""Events: a money arrival, a disbursement, a measure or an asset finding for a case.

Each is stored like an import row (same keys, same validation), with the evaluation it owes
(jobs.PendingEvaluation) in the same transaction, then evaluated in real time; the answer
lists the alerts it raised, or says why the evaluation failed (the worker retries it). A
disbursement under an open S01 hold is refused with 409 naming the alert."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from zhixing.accounts.permissions import Viewer, can_post_events, visible_alerts
from zhixing.alerts.holds import DisbursementRefused, check_disbursement
from zhixing.api.auth import viewer
from zhixing.api.common import Day, Key, Moment, PositiveYuan, Text, Yuan, field_error
from zhixing.api.routers.alerts import AlertItem, _masked_item
from zhixing.api.schemas import ERRORS, Refusal
from zhixing.audit.log import record
from zhixing.cases.enums import FINDING_SOURCES, MEASURE_KINDS
from zhixing.cases.models import AccountTxn, AssetFinding, Case, Measure
from zhixing.core import clock
from zhixing.core.bulksql import upsert_rows
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.core.clock import SHANGHAI
from zhixing.jobs.commands import enqueue_evaluation
from zhixing.jobs.evaluation import evaluate_now_or_later
from zhixing.parties.models import PartyRecord

router = Router(tags=["events"])
TXN_KEY = ("source", "txn_id")


class TxnIn(Schema):
    case_no: Key
    txn_id: Key
    amount: PositiveYuan = Field(description="yuan, at most 2 decimals")
    occurred_at: Moment = Field(description="ISO 8601; +08:00 when no offset is given")
    beneficiary_key: Key | None = Field(None, description="party_key in the case's source; empty = all applicants")
    counterparty_key: Key | None = None
    channel: Text = ""


class MeasureIn(Schema):
    case_no: Key
    measure_id: Key
    party_key: Key
    kind: Literal[MEASURE_KINDS]  # type: ignore[valid-type]
    started_on: Day
    lifted_on: Day | None = None
    expires_on: Day | None = None
    detail: Text = ""
    amount: Yuan | None = None


class FindingIn(Schema):
    case_no: Key
    finding_id: Key
    party_key: Key
    source: Literal[FINDING_SOURCES]  # type: ignore[valid-type]
    found_on: Day
    description: Text = ""
    value: Yuan | None = None


class Stored(Schema):
    kind: str
    source: str
    key: str
    case_no: str


class EventOut(Schema):
    stored: Stored
    evaluated: bool = Field(description="false when the real-time evaluation failed; the worker retries it until done")
    evaluation_error: str | None = Field(None, description="why the evaluation failed; the event is stored and its evaluation owed")
    alerts_raised: list[AlertItem]


def _case_for(v: Viewer, case_no: str) -> Case:
    try:
        normal = normalise_case_no(case_no)
    except CaseNumberError as exc:
        raise field_error("case_no", str(exc)) from exc
    case = Case.objects.filter(case_no=normal).first()
    if case is None:
        raise field_error("case_no", f"案号 {normal} 不在平台中")
    if not can_post_events(v, case):
        raise HttpError(403, f"您无权为案件 {normal} 报送事件")
    return case


def _party(case: Case, field: str, key: str | None) -> PartyRecord | None:
    if key is None:
        return None
    party = PartyRecord.objects.filter(source=case.source, party_key=key).first()
    if party is None:
        raise field_error(field, f"当事人编号 {key!r} 在来源 {case.source} 中不存在")
    return party


def _key_free(model, case: Case, field: str, key: str) -> None:
    """A key already used for another case may not be moved by an event."""
    other = model.objects.filter(source=case.source, **{field: key}).exclude(case=case).first()
    if other is not None:
        raise field_error(field, f"编号 {key!r} 已用于案件 {other.case.case_no}")


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


def _audited(request: HttpRequest, case: Case, kind: str, key: str) -> dict:
    """Audit the event in the transaction that stores it; returns what the answer says was stored."""
    record(request, request.user, f"event_{kind}", "case", case.case_no, detail={"key": key})
    return {"kind": kind, "source": case.source, "key": key, "case_no": case.case_no}


def _owe_evaluation(identity_ids: set[int], case: Case, table: str) -> int:
    """Inside the event's transaction: its evaluation is owed from the moment it is stored."""
    return enqueue_evaluation(identity_ids, [case.pk], [table], clock.today()).pk


def _respond(v: Viewer, stored: dict, pending_id: int) -> dict:
    result = evaluate_now_or_later(pending_id)
    alerts = list(visible_alerts(v).filter(pk__in=result.raised_ids).select_related("subject").order_by("pk"))
    return {
        "stored": stored,
        "evaluated": result.evaluated,
        "evaluation_error": result.error,
        "alerts_raised": [_masked_item(a, None) for a in alerts],
    }


def _store_txn(request: HttpRequest, payload: TxnIn, direction: str) -> dict:
    v = viewer(request)
    case = _case_for(v, payload.case_no)
    beneficiary = _party(case, "beneficiary_key", payload.beneficiary_key)
    counterparty = _party(case, "counterparty_key", payload.counterparty_key)
    _key_free(AccountTxn, case, "txn_id", payload.txn_id)
    with transaction.atomic():
        if direction == "发放":
            check_disbursement(case, beneficiary)
        # One statement, as the importer writes the same rows: a repeated txn_id updates its row.
        values = {
            "source": case.source, "txn_id": payload.txn_id, "case_id": case.pk, "direction": direction,
            "amount": payload.amount, "occurred_at": _aware(payload.occurred_at),
            "beneficiary_id": beneficiary.pk if beneficiary else None,
            "counterparty_id": counterparty.pk if counterparty else None, "channel": payload.channel,
        }
        upsert_rows(AccountTxn, list(values), [tuple(values.values())], TXN_KEY,
                    [c for c in values if c not in TXN_KEY])
        stored = _audited(request, case, "account_txn", payload.txn_id)
        # The case's own parties come into the scope with the case (realtime.expand_scope).
        identities = {p.identity_id for p in (beneficiary, counterparty) if p is not None and p.identity_id}
        pending = _owe_evaluation(identities, case, AccountTxn._meta.db_table)
    return _respond(v, stored, pending)


@router.post("/events/money-arrival", response={200: EventOut, **ERRORS}, summary="Money arrived in a case account (到账)")
def money_arrival(request: HttpRequest, payload: TxnIn):
    return _store_txn(request, payload, "到账")


@router.post("/events/disbursement", response={200: EventOut, 409: Refusal, **ERRORS}, summary="Money paid out of a case account (发放)")
def disbursement(request: HttpRequest, payload: TxnIn):
    try:
        return _store_txn(request, payload, "发放")
    except DisbursementRefused as exc:
        record(request, request.user, "disbursement_refused", "case", payload.case_no,
               identity_id=exc.hold.identity_id, detail={"alert_id": exc.alert_id})
        return Status(409, {"detail": str(exc), "alert_id": exc.alert_id, "scenario": exc.scenario})


@router.post("/events/measure", response={200: EventOut, **ERRORS}, summary="A measure taken in a case")
def measure(request: HttpRequest, payload: MeasureIn):
    v = viewer(request)
    case = _case_for(v, payload.case_no)
    party = _party(case, "party_key", payload.party_key)
    if payload.lifted_on and payload.lifted_on < payload.started_on:
        raise field_error("lifted_on", "解除日期早于采取日期")
    _key_free(Measure, case, "measure_id", payload.measure_id)
    with transaction.atomic():
        row = Measure.objects.filter(source=case.source, measure_id=payload.measure_id).first() or Measure(
            source=case.source, measure_id=payload.measure_id
        )
        row.case, row.party, row.kind = case, party, payload.kind  # type: ignore[assignment]
        row.started_on, row.lifted_on, row.expires_on = payload.started_on, payload.lifted_on, payload.expires_on
        row.detail, row.amount = payload.detail, payload.amount
        row.save()
        stored = _audited(request, case, "measure", payload.measure_id)
        identities = {party.identity_id} if party and party.identity_id else set()
        pending = _owe_evaluation(identities, case, Measure._meta.db_table)
    return _respond(v, stored, pending)


@router.post("/events/asset-finding", response={200: EventOut, **ERRORS}, summary="An asset found for a party of a case")
def asset_finding(request: HttpRequest, payload: FindingIn):
    v = viewer(request)
    case = _case_for(v, payload.case_no)
    party = _party(case, "party_key", payload.party_key)
    _key_free(AssetFinding, case, "finding_id", payload.finding_id)
    with transaction.atomic():
        AssetFinding.objects.update_or_create(
            source=case.source, finding_id=payload.finding_id,
            defaults={
                "party": party, "case": case, "finding_source": payload.source,
                "found_on": payload.found_on, "description": payload.description, "value": payload.value,
            },
        )
        stored = _audited(request, case, "asset_finding", payload.finding_id)
        identities = {party.identity_id} if party and party.identity_id else set()
        pending = _owe_evaluation(identities, case, AssetFinding._meta.db_table)
    return _respond(v, stored, pending)
