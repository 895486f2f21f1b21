"""Feedback from a recipient: verdict, reason, measures taken, and the outcome then or later."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zhixing.alerts.models import (
    ANSWERED,
    HELPFUL_REASONS,
    MEASURES_TAKEN,
    NOT_HELPFUL,
    NOT_HELPFUL_REASONS,
    VERDICTS,
    Alert,
    AlertRecipient,
    Feedback,
)
from zhixing.cases.models import Case, Staff
from zhixing.core import clock
from zhixing.core.money import MONEY_MAX


class FeedbackError(ValueError):
    """Bad feedback input; ``field`` names the field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotARecipient(PermissionError):
    pass


@dataclass(frozen=True)
class FeedbackInput:
    verdict: str
    reason: str = ""
    comment: str = ""
    measures: tuple[str, ...] = ()
    money_recovered: Decimal | None = None
    case_closed: bool | None = None


def validate(data: FeedbackInput) -> None:
    if data.verdict not in VERDICTS:
        raise FeedbackError("verdict", f"应为 {' / '.join(VERDICTS)}，收到 {data.verdict!r}")
    allowed = NOT_HELPFUL_REASONS if data.verdict == NOT_HELPFUL else HELPFUL_REASONS
    if data.verdict == NOT_HELPFUL and not data.reason:
        raise FeedbackError("reason", f"选择无帮助时须说明理由，可选：{'、'.join(allowed)}")
    if data.reason and data.reason not in allowed:
        raise FeedbackError("reason", f"{data.verdict}的理由应为 {'、'.join(allowed)} 之一，收到 {data.reason!r}")
    unknown = [m for m in data.measures if m not in MEASURES_TAKEN]
    if unknown:
        raise FeedbackError("measures", f"未知措施 {unknown}，可选：{'、'.join(MEASURES_TAKEN)}")
    if len(data.comment) > 2000:
        raise FeedbackError("comment", "说明不超过2000字")
    _validate_money(data.money_recovered)


def _validate_money(amount: Decimal | None) -> None:
    if amount is None:
        return
    if not amount.is_finite() or amount < 0:
        raise FeedbackError("money_recovered", "执行到位金额应为不小于0的金额（元）")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise FeedbackError("money_recovered", "金额最多两位小数")
    if amount > MONEY_MAX:
        raise FeedbackError("money_recovered", f"金额超出上限 {MONEY_MAX}")


def recipient_of(alert: Alert, staff_id: str) -> AlertRecipient:
    recipient = AlertRecipient.objects.filter(alert=alert, staff_id=staff_id).first() if staff_id else None
    if recipient is None:
        raise NotARecipient(f"预警 {alert.pk} 未发送给您，不能反馈")
    return recipient


def own_case(alert: Alert, staff_id: str) -> Case | None:
    """The alert's case the recipient answers for: the one they handle, else one of their court."""
    cases = list(Case.objects.filter(alert_links__alert=alert).order_by("case_no"))
    for case in cases:
        if case.judge_id and case.judge_id == staff_id:
            return case
    court_id = Staff.objects.filter(pk=staff_id).values_list("court_id", flat=True).first()
    for case in cases:
        if court_id and case.court_id == court_id:
            return case
    return cases[0] if len(cases) == 1 else None


def write_feedback(alert: Alert, staff_id: str, username: str, data: FeedbackInput) -> Feedback:
    """Create or replace this recipient's feedback; the recipient becomes 已反馈. Runs inside
    the command alerts.commands.give_feedback, after ``validate``."""
    recipient = recipient_of(alert, staff_id)
    now = clock.now()
    feedback = Feedback.objects.select_for_update().filter(recipient=recipient).first()
    if feedback is None:
        feedback = Feedback(recipient=recipient, alert=alert, given_at=now, outcome_case=own_case(alert, staff_id))
    feedback.verdict = data.verdict
    feedback.reason = data.reason
    feedback.comment = data.comment
    feedback.measures = list(dict.fromkeys(data.measures))
    feedback.given_by = username
    feedback.updated_at = now
    _apply_outcome(feedback, data.money_recovered, data.case_closed, now)
    feedback.save()
    AlertRecipient.objects.filter(pk=recipient.pk).update(
        state=ANSWERED, answered_at=recipient.answered_at or now, read_at=recipient.read_at or now
    )
    return feedback


def validate_outcome(money_recovered: Decimal | None, case_closed: bool | None) -> None:
    _validate_money(money_recovered)
    if money_recovered is None and case_closed is None:
        raise FeedbackError("money_recovered", "请填写执行到位金额或案件是否结案")


def write_outcome(
    alert: Alert, staff_id: str, money_recovered: Decimal | None, case_closed: bool | None
) -> Feedback:
    """Add the outcome to feedback already given (money recovered in yuan, case closed).
    Runs inside the command alerts.commands.record_outcome, after ``validate_outcome``."""
    recipient = recipient_of(alert, staff_id)
    feedback = Feedback.objects.select_for_update().filter(recipient=recipient).first()
    if feedback is None:
        raise FeedbackError("feedback", "请先提交反馈（有帮助/无帮助），再登记处置结果")
    now = clock.now()
    _apply_outcome(feedback, money_recovered, case_closed, now)
    feedback.updated_at = now
    feedback.save()
    return feedback


def _apply_outcome(feedback: Feedback, money: Decimal | None, closed: bool | None, now: dt.datetime) -> None:
    if money is None and closed is None:
        return
    if money is not None:
        feedback.money_recovered = money.quantize(Decimal("0.01"))
    if closed is not None:
        feedback.case_closed = closed
    feedback.outcome_at = now
