"""Alerts: inbox, detail (audited), feedback, outcome, hold release."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema

from zhixing.accounts.permissions import (
    Viewer,
    can_see_full_id_numbers,
    visible_alerts,
)
from zhixing.alerts import commands, queries
from zhixing.alerts.feedback import FeedbackInput
from zhixing.alerts.models import (
    ALERT_STATUSES,
    MEASURES_TAKEN,
    RECIPIENT_STATES,
    SEVERITIES,
    VERDICTS,
    Alert,
    Feedback,
    Hold,
)
from zhixing.api.auth import viewer
from zhixing.api.common import MAX_ID, Day, Key, LongText, Text, Yuan, refused
from zhixing.api.schemas import ERRORS, Error, Subject
from zhixing.audit.log import record
from zhixing.core.commands import Actor, Refused
from zhixing.core.idnumbers import mask_id_number

router = Router(tags=["alerts"])

MAX_PAGE = 500


class AlertItem(Schema):
    id: int
    scenario: str
    severity: str
    status: str
    case_nos: list[str]
    subject_name: str | None
    subject_id_number: str | None = Field(description="masked: 310104********123X")
    raised_at: dt.datetime
    as_of: dt.date
    my_state: str | None = Field(description="your own state as a recipient, if you are one")


class AlertPage(Schema):
    count: int
    items: list[AlertItem]


class RecipientOut(Schema):
    staff_id: str
    reason: str
    state: str
    read_at: dt.datetime | None
    answered_at: dt.datetime | None


class FeedbackOut(Schema):
    staff_id: str
    verdict: str
    reason: str
    comment: str
    measures: list[str]
    given_at: dt.datetime
    outcome_case_no: str | None
    money_recovered: str | None = Field(description="yuan, two decimals")
    case_closed: bool
    outcome_at: dt.datetime | None


class HoldOut(Schema):
    id: int
    case_no: str
    party_name: str
    held_at: dt.datetime
    released_at: dt.datetime | None
    released_by: str = Field(description="staff_id or username of the person who released it; empty when the system did")
    released_by_system: bool = Field(description="released by the system (the owed case settled, or the scenario switched off)")
    release_reason: str


class AlertDetail(Schema):
    id: int
    scenario: str
    severity: str
    status: str
    case_nos: list[str]
    subject: Subject | None
    evidence: dict[str, Any]
    as_of: dt.date
    raised_at: dt.datetime
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    close_cause: str = Field(description="condition_gone / owed_case_settled / scenario_disabled / person; empty while open")
    closed_by: str = Field(description="username of the person who closed it; empty when the system did")
    closed_by_system: bool
    close_reason: str = Field(description="the reason in words")
    my_state: str | None
    recipients: list[RecipientOut]
    feedback: list[FeedbackOut]
    holds: list[HoldOut]


class AlertQuery(Schema):
    scenario: Key | None = None
    status: Literal[ALERT_STATUSES] | None = None  # type: ignore[valid-type]
    severity: Literal[SEVERITIES] | None = None  # type: ignore[valid-type]
    state: Literal[RECIPIENT_STATES] | None = Field(None, description="your own recipient state")  # type: ignore[valid-type]
    court: Key | None = None
    case_no: Key | None = None
    raised_from: Day | None = None
    raised_to: Day | None = None
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=10**9)


class FeedbackIn(Schema):
    verdict: Literal[VERDICTS]  # type: ignore[valid-type]
    reason: Text = ""
    comment: LongText = ""
    measures: list[Literal[MEASURES_TAKEN]] = Field(default_factory=list, max_length=len(MEASURES_TAKEN) * 2)  # type: ignore[valid-type]
    money_recovered: Yuan | None = None
    case_closed: bool | None = None


class OutcomeIn(Schema):
    money_recovered: Yuan | None = None
    case_closed: bool | None = None


class ReleaseIn(Schema):
    reason: Text


def _masked_item(alert: Alert, state: str | None) -> dict:
    subject = alert.subject
    return {
        "id": alert.pk,
        "scenario": alert.scenario,
        "severity": alert.severity,
        "status": alert.status,
        "case_nos": list(alert.case_nos),
        "subject_name": subject.name if subject else None,
        "subject_id_number": mask_id_number(subject.id_number) if subject else None,
        "raised_at": alert.raised_at,
        "as_of": alert.as_of,
        "my_state": state,
    }


def _get_visible(v: Viewer, alert_id: int) -> Alert:
    alert = visible_alerts(v).select_related("subject").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("预警不存在或您无权查看")
    return alert


def _feedback_out(fb: Feedback) -> dict:
    return {
        "staff_id": fb.recipient.staff_id,
        "verdict": fb.verdict,
        "reason": fb.reason,
        "comment": fb.comment,
        "measures": list(fb.measures),
        "given_at": fb.given_at,
        "outcome_case_no": fb.outcome_case.case_no if fb.outcome_case else None,
        "money_recovered": None if fb.money_recovered is None else str(fb.money_recovered),
        "case_closed": fb.case_closed,
        "outcome_at": fb.outcome_at,
    }


def _hold_out(hold: Hold) -> dict:
    return {
        "id": hold.pk,
        "case_no": hold.case.case_no,
        "party_name": hold.identity.name,
        "held_at": hold.held_at,
        "released_at": hold.released_at,
        "released_by": hold.released_by,
        "released_by_system": hold.released_by_system,
        "release_reason": hold.release_reason,
    }


@router.get("/alerts", response={200: AlertPage, **ERRORS}, summary="Alert inbox")
def list_alerts(request: HttpRequest, filters: Query[AlertQuery]):
    v = viewer(request)
    data = filters.dict()
    paging = (data.pop("limit"), data.pop("offset"))
    qs = queries.inbox(v, queries.AlertFilters(**data))
    count = qs.count()
    page = list(qs[paging[1] : paging[1] + paging[0]])
    states = queries.my_states([a.pk for a in page], v.staff_id)
    record(request, request.user, "list_alerts", "alert", "*", detail={"count": len(page), "filters": {k: str(x) for k, x in data.items() if x}})
    return {"count": count, "items": [_masked_item(a, states.get(a.pk)) for a in page]}


@router.get("/alerts/{alert_id}", response={200: AlertDetail, **ERRORS}, summary="One alert (audited; marks it read)")
def alert_detail(request: HttpRequest, alert_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    _get_visible(v, alert_id)
    alert = commands.open_alert(Actor.for_request(request, v), alert_id)
    subject = alert.subject
    full = can_see_full_id_numbers(v)
    state = queries.my_states([alert.pk], v.staff_id).get(alert.pk)
    return {
        "id": alert.pk,
        "scenario": alert.scenario,
        "severity": alert.severity,
        "status": alert.status,
        "case_nos": list(alert.case_nos),
        "subject": None if subject is None else {
            "identity_id": subject.pk,
            "name": subject.name,
            "kind": subject.kind,
            "id_type": subject.id_type,
            "id_number": subject.id_number if full else mask_id_number(subject.id_number),
        },
        "evidence": alert.evidence if isinstance(alert.evidence, dict) else {"value": alert.evidence},
        "as_of": alert.as_of,
        "raised_at": alert.raised_at,
        "updated_at": alert.updated_at,
        "closed_at": alert.closed_at,
        "close_cause": alert.close_cause,
        "closed_by": alert.closed_by,
        "closed_by_system": alert.closed_by_system,
        "close_reason": alert.close_reason,
        "my_state": state,
        "recipients": [
            {"staff_id": r.staff_id, "reason": r.reason, "state": r.state, "read_at": r.read_at, "answered_at": r.answered_at}
            for r in queries.recipients(alert)
        ],
        "feedback": [_feedback_out(fb) for fb in queries.feedbacks(alert)],
        "holds": [_hold_out(h) for h in queries.holds(alert)],
    }


@router.post("/alerts/{alert_id}/feedback", response={200: FeedbackOut, **ERRORS}, summary="Your feedback on an alert")
def post_feedback(request: HttpRequest, payload: FeedbackIn, alert_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    data = FeedbackInput(
        verdict=payload.verdict, reason=payload.reason, comment=payload.comment,
        measures=tuple(payload.measures), money_recovered=payload.money_recovered,
        case_closed=payload.case_closed,
    )
    try:
        feedback = commands.give_feedback(Actor.for_request(request, v), alert_id, data)
    except Refused as exc:
        raise refused(exc) from exc
    return _feedback_out(Feedback.objects.select_related("recipient", "outcome_case").get(pk=feedback.pk))


@router.post("/alerts/{alert_id}/outcome", response={200: FeedbackOut, **ERRORS}, summary="Add the outcome to your feedback")
def post_outcome(request: HttpRequest, payload: OutcomeIn, alert_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    try:
        feedback = commands.record_outcome(
            Actor.for_request(request, v), alert_id,
            money_recovered=payload.money_recovered, case_closed=payload.case_closed,
        )
    except Refused as exc:
        raise refused(exc) from exc
    return _feedback_out(Feedback.objects.select_related("recipient", "outcome_case").get(pk=feedback.pk))


@router.post("/holds/{hold_id}/release", response={200: HoldOut, **ERRORS}, summary="Release an S01 disbursement hold (judge of case A)")
def post_release(request: HttpRequest, payload: ReleaseIn, hold_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    try:
        hold = commands.release_hold(Actor.for_request(request, v), hold_id, payload.reason)
    except Refused as exc:
        raise refused(exc) from exc
    return _hold_out(Hold.objects.select_related("case", "identity").get(pk=hold.pk))


class CloseIn(Schema):
    reason: Text


class AlertStateOut(Schema):
    id: int
    status: str
    closed_at: dt.datetime | None
    close_reason: str
    my_state: str | None


def _state_out(alert_id: int, staff_id: str) -> dict:
    alert = Alert.objects.get(pk=alert_id)
    return {
        "id": alert.pk, "status": alert.status, "closed_at": alert.closed_at, "close_reason": alert.close_reason,
        "my_state": queries.my_states([alert.pk], staff_id).get(alert.pk),
    }


@router.post("/alerts/{alert_id}/handled", response={200: AlertStateOut, **ERRORS}, summary="Mark an alert handled (已处理) for yourself")
def post_handled(request: HttpRequest, alert_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    try:
        commands.mark_handled(Actor.for_request(request, v), alert_id)
    except Refused as exc:
        raise refused(exc) from exc
    return _state_out(alert_id, v.staff_id)


@router.post("/alerts/{alert_id}/close", response={200: AlertStateOut, **ERRORS}, summary="Close an alert with a reason (a judge of its cases)")
def post_close(request: HttpRequest, payload: CloseIn, alert_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    try:
        commands.close_alert(Actor.for_request(request, v), alert_id, payload.reason)
    except Refused as exc:
        raise refused(exc) from exc
    return _state_out(alert_id, v.staff_id)


__all__ = ["Error", "router"]
