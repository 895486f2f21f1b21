"""Commands on alerts: opening one (it becomes 已读, the look is audited), feedback and its
outcome, a recipient marking it handled, a judge closing it, and releasing an S01 hold. Each checks permission, writes and audits in one
transaction; the web pages and the API call these and nothing else."""

from __future__ import annotations

from decimal import Decimal

from zhixing.accounts.permissions import can_view_alert, may_close_alert, may_release_hold
from zhixing.alerts import feedback as answers
from zhixing.alerts.models import (
    CLOSED,
    CLOSED_BY_PERSON,
    HANDLED,
    READ,
    UNREAD,
    Alert,
    AlertRecipient,
    Feedback,
    Hold,
)
from zhixing.audit.log import record_for
from zhixing.core import clock
from zhixing.core.commands import Actor, Refused, write

RELEASE_RULE = "只有另案（A案）承办法官可以解除暂缓发放；A案未分配法官时由其法院指挥中心解除。"


def _visible_alert(actor: Actor, alert_id: int) -> Alert:
    alert = Alert.objects.filter(pk=alert_id).select_related("subject").first()
    if alert is None or (actor.viewer is not None and not can_view_alert(actor.viewer, alert)):
        raise Refused("预警不存在或您无权查看", kind="unavailable")
    return alert


def _staff_id(actor: Actor) -> str:
    return actor.viewer.staff_id if actor.viewer is not None else ""


def open_alert(actor: Actor, alert_id: int) -> Alert:
    """The actor opens an alert: an unread recipient becomes 已读; the look is audited."""
    with write():
        alert = _visible_alert(actor, alert_id)
        staff_id = _staff_id(actor)
        if staff_id:
            AlertRecipient.objects.filter(alert=alert, staff_id=staff_id, state=UNREAD).update(
                state=READ, read_at=clock.now()
            )
        record_for(actor, "view_alert", "alert", alert.pk, identity_id=alert.subject_id)
    return alert


def _refused(exc: answers.FeedbackError | answers.NotARecipient) -> Refused:
    if isinstance(exc, answers.NotARecipient):
        return Refused(str(exc), kind="forbidden")
    return Refused(exc.message, field=exc.field)


def give_feedback(actor: Actor, alert_id: int, data: answers.FeedbackInput) -> Feedback:
    """A recipient's verdict, reason, measures and (optionally) outcome; replaces their earlier one."""
    try:
        answers.validate(data)
        with write():
            alert = _visible_alert(actor, alert_id)
            given = answers.write_feedback(alert, _staff_id(actor), actor.username, data)
            record_for(actor, "feedback", "alert", alert.pk, identity_id=alert.subject_id,
                       detail={"verdict": given.verdict})
    except (answers.FeedbackError, answers.NotARecipient) as exc:
        raise _refused(exc) from exc
    return given


def record_outcome(
    actor: Actor, alert_id: int, *, money_recovered: Decimal | None, case_closed: bool | None
) -> Feedback:
    """Money recovered and whether the case closed, added to feedback already given."""
    try:
        answers.validate_outcome(money_recovered, case_closed)
        with write():
            alert = _visible_alert(actor, alert_id)
            given = answers.write_outcome(alert, _staff_id(actor), money_recovered, case_closed)
            record_for(actor, "outcome", "alert", alert.pk, identity_id=alert.subject_id,
                       detail={"money_recovered": str(given.money_recovered), "case_closed": given.case_closed})
    except (answers.FeedbackError, answers.NotARecipient) as exc:
        raise _refused(exc) from exc
    return given


CLOSE_RULE = "只有预警所涉案件的承办法官可以关闭预警；案件未分配法官时由其法院指挥中心关闭。"


def mark_handled(actor: Actor, alert_id: int) -> AlertRecipient:
    """A recipient is done with an alert: it leaves their 待处理 list (the alert stays open
    for the others until a judge closes it or the scan finds its condition gone)."""
    with write():
        alert = _visible_alert(actor, alert_id)
        recipient = AlertRecipient.objects.select_for_update().filter(alert=alert, staff_id=_staff_id(actor)).first()
        if recipient is None or not _staff_id(actor):
            raise Refused("您不是该预警的收件人", kind="forbidden")
        if recipient.state != HANDLED:
            recipient.state = HANDLED
            recipient.read_at = recipient.read_at or clock.now()
            recipient.save(update_fields=["state", "read_at"])
            record_for(actor, "alert_handled", "alert", alert.pk, identity_id=alert.subject_id)
    return recipient


def close_alert(actor: Actor, alert_id: int, reason: str) -> Alert:
    """A judge of the alert's cases closes it, saying why; a scan does not reopen an alert a
    person closed. An alert whose S01 hold is still open cannot close: release it first.
    Closing a closed alert changes nothing."""
    reason = reason.strip()
    with write():
        alert = _visible_alert(actor, alert_id)
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if actor.viewer is not None and not may_close_alert(actor.viewer, alert):
            raise Refused(CLOSE_RULE, kind="forbidden")
        if not reason:
            raise Refused("关闭预警必须说明理由", field="reason")
        if alert.status == CLOSED:
            return alert
        if Hold.objects.filter(alert=alert, released_at__isnull=True).exists():
            raise Refused("该预警的暂缓发放尚未解除：请先解除暂缓发放，再关闭预警", field="reason")
        now = clock.now()
        alert.status, alert.closed_at, alert.updated_at = CLOSED, now, now
        alert.close_reason = (CLOSED_BY_PERSON + reason)[:300]
        alert.save(update_fields=["status", "closed_at", "updated_at", "close_reason"])
        record_for(actor, "close_alert", "alert", alert.pk, identity_id=alert.subject_id, detail={"reason": reason[:300]})
    return alert


def release_hold(actor: Actor, hold_id: int, reason: str) -> Hold:
    """judge(A) (or A's centre when A has no judge) releases a hold, saying why. Releasing a
    released hold changes nothing."""
    reason = reason.strip()
    with write():
        hold = Hold.objects.select_for_update().filter(pk=hold_id).select_related("alert").first()
        if hold is None or (actor.viewer is not None and not can_view_alert(actor.viewer, hold.alert)):
            raise Refused("暂缓发放记录不存在或您无权查看", kind="unavailable")
        if actor.viewer is not None and not may_release_hold(actor.viewer, hold):
            raise Refused(RELEASE_RULE, kind="forbidden")
        if not reason:
            raise Refused("解除暂缓发放必须说明理由", field="reason")
        if hold.released_at is None:
            hold.released_at = clock.now()
            hold.released_by = _staff_id(actor) or actor.username
            hold.release_reason = reason[:300]
            hold.save(update_fields=["released_at", "released_by", "release_reason"])
            record_for(actor, "release_hold", "hold", hold.pk, identity_id=hold.identity_id,
                       detail={"alert_id": hold.alert_id, "reason": hold.release_reason})
    return hold
