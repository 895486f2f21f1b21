"""预警详情: why it fired, the cases side by side, what to do, feedback, holds."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from zhixing.accounts.permissions import can_view_alert, can_view_party, may_close_alert
from zhixing.alerts import commands
from zhixing.alerts.feedback import FeedbackError, FeedbackInput
from zhixing.alerts.models import (
    HANDLED,
    HELPFUL_REASONS,
    MEASURES_TAKEN,
    NOT_HELPFUL_REASONS,
    OPEN,
    VERDICTS,
    Alert,
    Hold,
)
from zhixing.core.commands import Actor, Refused
from zhixing.core.money import AmountError, parse_amount
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, not_found, page, refuse, show
from zhixing.web.evidence import PARAMETERS
from zhixing.web.queries.alert_page import AlertView, alert_view


def _visible_alert(viewer: Viewer, alert_id: int) -> Alert | None:
    alert = Alert.objects.filter(pk=alert_id).select_related("subject").first()
    return alert if alert is not None and can_view_alert(viewer, alert) else None


def _form_values(view: AlertView, submitted: QueryDict | None) -> dict:
    """What the feedback form shows: what was just submitted, else the feedback already given."""
    if submitted is not None:
        return {
            "verdict": submitted.get("verdict", ""), "reason": submitted.get("reason", ""),
            "measures": submitted.getlist("measures"), "money_recovered": submitted.get("money_recovered", ""),
            "case_closed": submitted.get("case_closed", ""), "comment": submitted.get("comment", ""),
        }
    given = view.my_feedback
    if given is None:
        return {"measures": []}
    return {
        "verdict": given.verdict, "reason": given.reason, "measures": given.measures,
        "money_recovered": "" if given.money_recovered is None else given.money_recovered,
        "case_closed": ("是" if given.case_closed else "否") if given.outcome_at else "",
        "comment": given.comment,
    }


def _parameters(alert: Alert) -> dict | None:
    """The thresholds the alert was raised with (its evidence keeps them)."""
    values = alert.evidence.get(PARAMETERS) if isinstance(alert.evidence, dict) else None
    return values if isinstance(values, dict) else None


def _context(viewer: Viewer, alert: Alert, submitted: QueryDict | None = None, **extra) -> dict:
    view = alert_view(viewer, alert)
    may_close = alert.status == OPEN and may_close_alert(viewer, alert)
    return {
        "view": view,
        "form": _form_values(view, submitted),
        "scenario_name": scenario_text.name(alert.scenario),
        "handling": scenario_text.handling(alert.scenario, _parameters(alert)),
        "feedback_note": scenario_text.FEEDBACK_NOTE,
        "may_close": may_close,
        "may_open_party": alert.subject is not None and can_view_party(viewer, alert.subject),
        "handled": view.my_recipient is not None and view.my_recipient.state == HANDLED,
        "verdicts": VERDICTS,
        "helpful_reasons": HELPFUL_REASONS,
        "not_helpful_reasons": NOT_HELPFUL_REASONS,
        "measures_taken": MEASURES_TAKEN,
        **extra,
    }


@page
def alert_page(request: HttpRequest, viewer: Viewer, alert_id: int) -> HttpResponse:
    alert = _visible_alert(viewer, alert_id)
    if alert is None:
        return not_found(request, "该预警")
    commands.open_alert(Actor.for_request(request, viewer), alert.pk)
    return show(request, viewer, "web/alert.html", _context(viewer, alert))


def parse_feedback(post) -> FeedbackInput:
    """The feedback form as the alerts app's input; a bad amount names the field."""
    money_text = post.get("money_recovered", "").strip().replace(",", "").replace("，", "")
    try:
        money: Decimal | None = parse_amount(money_text) if money_text else None
    except AmountError as error:
        raise FeedbackError("money_recovered", "执行到位金额应为不小于0、最多两位小数的金额（元）") from error
    closed = post.get("case_closed", "")
    return FeedbackInput(
        verdict=post.get("verdict", ""),
        reason=post.get("reason", ""),
        comment=post.get("comment", "").strip(),
        measures=tuple(post.getlist("measures")),
        money_recovered=money,
        case_closed={"是": True, "否": False}.get(closed),
    )


FIELD_LABELS = {
    "verdict": "反馈结论", "reason": "理由", "measures": "采取的措施", "comment": "说明",
    "money_recovered": "执行到位金额", "feedback": "反馈",
}


@require_POST
@page
def feedback(request: HttpRequest, viewer: Viewer, alert_id: int) -> HttpResponse:
    alert = _visible_alert(viewer, alert_id)
    if alert is None:
        return not_found(request, "该预警")
    error = None
    try:
        commands.give_feedback(Actor.for_request(request, viewer), alert.pk, parse_feedback(request.POST))
    except FeedbackError as exc:
        error = f"{FIELD_LABELS.get(exc.field, exc.field)}：{exc.message}"
    except Refused as exc:
        if exc.kind != "invalid":
            return refuse(request, "该预警未发送给您，不能反馈。")
        error = f"{FIELD_LABELS.get(exc.field or '', exc.field)}：{exc.message}"
    context = _context(viewer, alert, request.POST if error else None, feedback_error=error)
    status = 422 if error else 200  # htmx swaps 422 in (base.html's htmx-config) to show the error
    if request.headers.get("HX-Request"):
        return show(request, viewer, "web/partials/feedback.html", context, status=status)
    if error:
        return show(request, viewer, "web/alert.html", context, status=status)
    return redirect("web:alert", alert_id=alert.pk)


@require_POST
@page
def release(request: HttpRequest, viewer: Viewer, hold_id: int) -> HttpResponse:
    if request.POST.get("confirm") != "是":
        held = Hold.objects.select_related("alert").filter(pk=hold_id).first()
        if held is None or not can_view_alert(viewer, held.alert):
            return not_found(request, "该暂缓发放")
        context = _context(viewer, held.alert, release_error="请勾选“我确认解除”后再解除暂缓发放。")
        return show(request, viewer, "web/alert.html", context, status=400)
    try:
        hold = commands.release_hold(Actor.for_request(request, viewer), hold_id, request.POST.get("reason", ""))
    except Refused as exc:
        if exc.kind == "unavailable":
            return not_found(request, "该暂缓发放")
        if exc.kind == "forbidden":
            return refuse(request, exc.message)
        held = Hold.objects.select_related("alert").get(pk=hold_id)
        context = _context(viewer, held.alert, release_error=f"{exc.message}。")
        return show(request, viewer, "web/alert.html", context, status=400)
    return redirect("web:alert", alert_id=hold.alert_id)


@require_POST
@page
def handled(request: HttpRequest, viewer: Viewer, alert_id: int) -> HttpResponse:
    """已处理: the recipient is done with the alert."""
    try:
        commands.mark_handled(Actor.for_request(request, viewer), alert_id)
    except Refused as exc:
        if exc.kind == "unavailable":
            return not_found(request, "该预警")
        return refuse(request, "该预警未发送给您，不能标记为已处理。")
    return redirect("web:alert", alert_id=alert_id)


@require_POST
@page
def close(request: HttpRequest, viewer: Viewer, alert_id: int) -> HttpResponse:
    """关闭预警 with a reason, by a judge of its cases."""
    reason = request.POST.get("reason", "")
    try:
        commands.close_alert(Actor.for_request(request, viewer), alert_id, reason)
    except Refused as exc:
        if exc.kind == "unavailable":
            return not_found(request, "该预警")
        if exc.kind == "forbidden":
            return refuse(request, exc.message)
        alert = Alert.objects.select_related("subject").get(pk=alert_id)
        context = _context(viewer, alert, close_error=f"关闭理由：{exc.message}", close_reason=reason)
        return show(request, viewer, "web/alert.html", context, status=422)
    return redirect("web:alert", alert_id=alert_id)
