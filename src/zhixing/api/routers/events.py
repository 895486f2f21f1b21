"""Events: a money arrival, a disbursement, a measure or an asset finding for a case.

Each is parsed here and stored by its command (zhixing.exchange.commands.events), with the
evaluation it owes (jobs.PendingEvaluation) in the same transaction, then evaluated in real
time; the answer lists the alerts it raised, or says why the evaluation failed (the worker
retries it). A disbursement under an open S01 hold is refused with 409 naming the alert; a
money row, once stored, is voided only by a reversal (冲正). A payout's payee is its
beneficiary, else its counterparty."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from zhixing.accounts.permissions import Viewer, visible_alerts
from zhixing.alerts.holds import DisbursementRefused
from zhixing.api.auth import viewer
from zhixing.api.common import Day, Key, Moment, PositiveYuan, Text, Yuan, refused
from zhixing.api.routers.alerts import AlertItem, _masked_item
from zhixing.api.schemas import ERRORS, Refusal
from zhixing.cases.enums import FINDING_SOURCES, MEASURE_KINDS
from zhixing.core.clock import SHANGHAI
from zhixing.core.commands import Actor, Refused
from zhixing.exchange.commands import events
from zhixing.jobs.evaluation import Evaluation

router = Router(tags=["events"])


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


class ReversalIn(Schema):
    case_no: Key
    txn_id: Key = Field(description="the money row to void")
    reason: Text = Field(description="why it is voided (冲正理由)")


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


EVENT_RESPONSES: dict[int, Any] = {200: EventOut, 409: Refusal, **ERRORS}


def _respond(v: Viewer, stored: events.Stored) -> dict:
    result = stored.evaluation
    if stored.repeated:
        result = Evaluation(True)
    elif result is None:
        result = Evaluation(False, error="实时研判尚未完成（事件已保存，将由后台继续研判）")
    alerts = list(visible_alerts(v).filter(pk__in=result.raised_ids).select_related("subject").order_by("pk"))
    return {
        "stored": stored.answer(),
        "evaluated": result.evaluated,
        "evaluation_error": result.error,
        "alerts_raised": [_masked_item(a, None) for a in alerts],
    }


def _run(request: HttpRequest, command, *args) -> dict:
    v = viewer(request)
    try:
        stored = command(Actor.for_request(request, v), *args)
    except Refused as exc:
        raise refused(exc) from exc
    return _respond(v, stored)


def _money(payload: TxnIn) -> events.MoneyEvent:
    return events.MoneyEvent(
        case_no=payload.case_no, txn_id=payload.txn_id, amount=payload.amount,
        occurred_at=_aware(payload.occurred_at), beneficiary_key=payload.beneficiary_key,
        counterparty_key=payload.counterparty_key, channel=payload.channel,
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


@router.post("/events/money-arrival", response=EVENT_RESPONSES, summary="Money arrived in a case account (到账)")
def money_arrival(request: HttpRequest, payload: TxnIn):
    return _run(request, events.record_money, _money(payload), events.ARRIVAL)


@router.post("/events/disbursement", response=EVENT_RESPONSES, summary="Money paid out of a case account (发放)")
def disbursement(request: HttpRequest, payload: TxnIn):
    try:
        return _run(request, events.record_money, _money(payload), events.PAYOUT)
    except DisbursementRefused as exc:
        return Status(409, {"detail": str(exc), "alert_id": exc.alert_id, "scenario": exc.scenario})


@router.post("/events/reversal", response=EVENT_RESPONSES, summary="Void a stored money row (冲正) with a reason")
def reversal(request: HttpRequest, payload: ReversalIn):
    return _run(request, events.reverse_money, events.Reversal(payload.case_no, payload.txn_id, payload.reason))


@router.post("/events/measure", response=EVENT_RESPONSES, summary="A measure taken in a case")
def measure(request: HttpRequest, payload: MeasureIn):
    return _run(request, events.record_measure, events.MeasureEvent(**payload.dict()))


@router.post("/events/asset-finding", response=EVENT_RESPONSES, summary="An asset found for a party of a case")
def asset_finding(request: HttpRequest, payload: FindingIn):
    return _run(request, events.record_finding, events.FindingEvent(**payload.dict()))
