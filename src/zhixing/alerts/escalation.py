"""Escalation: a 高 alert nobody answered within ``escalate_workdays`` working days goes to
the chief (执行局长) of each recipient's court. Running it twice changes nothing more.
``run_escalation`` is the alerts context's command for it: each escalation and its audit
entry are written in one transaction. The worker runs it daily (jobs.daily); ``zhixing
escalate`` runs it once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet

from zhixing.alerts.models import OPEN, Alert, AlertRecipient, Escalation
from zhixing.audit.log import record_for
from zhixing.cases.enums import CHIEF
from zhixing.cases.models import Case, Staff
from zhixing.core import clock
from zhixing.core.commands import Actor, write
from zhixing.core.workdays import add_workdays

DEFAULT_ESCALATE_WORKDAYS = 3
REASON = "escalation"


def escalate_workdays() -> int:
    return int(getattr(settings, "ZHIXING_ESCALATE_WORKDAYS", DEFAULT_ESCALATE_WORKDAYS))


@dataclass
class EscalationReport:
    as_of: dt.date
    escalated: list[tuple[int, str, list[str]]] = field(default_factory=list)
    without_chief: list[tuple[int, str]] = field(default_factory=list)


def due(alert: Alert, as_of: dt.date, workdays: int) -> bool:
    raised_on = alert.raised_at.astimezone(clock.SHANGHAI).date()
    return add_workdays(raised_on, workdays) <= as_of


def recipient_courts(alert: Alert) -> list[str]:
    staff_ids = list(
        alert.recipients.exclude(reason=REASON).values_list("staff_id", flat=True)
    )
    courts = set(Staff.objects.filter(pk__in=staff_ids).values_list("court_id", flat=True))
    if not courts:
        courts = set(Case.objects.filter(alert_links__alert=alert).values_list("court_id", flat=True))
    return sorted(courts)


def candidates() -> QuerySet[Alert]:
    return (
        Alert.objects.filter(status=OPEN, severity="高", feedbacks__isnull=True)
        .distinct()
        .order_by("pk")
    )


def run_escalation(as_of: dt.date, actor: Actor | None = None) -> EscalationReport:
    actor = actor or Actor.system()
    workdays = escalate_workdays()
    report = EscalationReport(as_of)
    for alert in candidates():
        if not due(alert, as_of, workdays):
            continue
        for court_id in recipient_courts(alert):
            _escalate_to_court(actor, alert, court_id, as_of, report)
    return report


def _escalate_to_court(
    actor: Actor, alert: Alert, court_id: str, as_of: dt.date, report: EscalationReport
) -> None:
    if Escalation.objects.filter(alert=alert, court_id=court_id).exists():
        return
    chiefs = list(
        Staff.objects.filter(court_id=court_id, role=CHIEF).order_by("pk").values_list("pk", flat=True)
    )
    if not chiefs:
        report.without_chief.append((alert.pk, court_id))
        return
    with write():
        _, created = Escalation.objects.get_or_create(
            alert=alert, court_id=court_id,
            defaults={"chief_staff_ids": chiefs, "as_of": as_of, "escalated_at": clock.now()},
        )
        if not created:
            return
        for staff_id in chiefs:
            AlertRecipient.objects.get_or_create(
                alert=alert, staff_id=staff_id, defaults={"reason": REASON}
            )
        record_for(actor, "escalate", "alert", alert.pk, identity_id=alert.subject_id,
                   detail={"court": court_id, "chiefs": chiefs, "as_of": as_of.isoformat()})
    report.escalated.append((alert.pk, court_id, chiefs))

