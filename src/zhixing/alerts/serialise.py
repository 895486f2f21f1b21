"""Alerts in the exchange format's output shape (exchange format v1, "alerts as JSON Lines")."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from zhixing.alerts.models import OPEN, Alert
from zhixing.core.clock import SHANGHAI


def alert_dict(alert: Alert) -> dict[str, Any]:
    subject = None
    if alert.subject is not None:
        subject = {
            "name": alert.subject.name,
            "id_type": alert.subject.id_type or None,
            "id_number": alert.subject.id_number or None,
        }
    recipients = sorted(r.staff_id for r in alert.recipients.all())
    return {
        "alert_id": str(alert.id),
        "scenario": alert.scenario,
        "severity": alert.severity,
        "status": alert.status,
        "cases": sorted(alert.case_nos),
        "subject": subject,
        "recipients": recipients,
        "as_of": alert.as_of.isoformat(),
        "raised_at": alert.raised_at.astimezone(SHANGHAI).isoformat(timespec="seconds"),
        "evidence": alert.evidence,
    }


def alerts_for_output(scenario: str | None = None, include_closed: bool = False) -> QuerySet[Alert]:
    alerts = Alert.objects.select_related("subject").prefetch_related("recipients")
    if not include_closed:
        alerts = alerts.filter(status=OPEN)
    if scenario:
        alerts = alerts.filter(scenario=scenario.upper())
    return alerts.order_by("scenario", "dedup_key")
