"""Reads on alerts for the inbox and the detail view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from zhixing.accounts.permissions import Viewer, visible_alerts
from zhixing.alerts.models import Alert, AlertRecipient, Feedback, Hold
from zhixing.core.clock import SHANGHAI


@dataclass(frozen=True)
class AlertFilters:
    scenario: str | None = None
    status: str | None = None
    severity: str | None = None
    state: str | None = None
    court: str | None = None
    case_no: str | None = None
    raised_from: dt.date | None = None
    raised_to: dt.date | None = None


def inbox(viewer: Viewer, filters: AlertFilters) -> QuerySet[Alert]:
    """Alerts this viewer may see, newest first, narrowed by the filters."""
    qs = visible_alerts(viewer)
    if filters.scenario:
        qs = qs.filter(scenario=filters.scenario)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.severity:
        qs = qs.filter(severity=filters.severity)
    if filters.state:
        qs = qs.filter(recipients__staff_id=viewer.staff_id, recipients__state=filters.state)
    if filters.court:
        qs = qs.filter(alert_cases__case__court_id=filters.court)
    if filters.case_no:
        qs = qs.filter(alert_cases__case__case_no=filters.case_no)
    if filters.raised_from:
        qs = qs.filter(raised_at__gte=dt.datetime.combine(filters.raised_from, dt.time.min, tzinfo=SHANGHAI))
    if filters.raised_to:
        qs = qs.filter(raised_at__lte=dt.datetime.combine(filters.raised_to, dt.time.max, tzinfo=SHANGHAI))
    if filters.state or filters.court or filters.case_no:
        # These filters join recipients or cases, which repeats an alert once per match.
        qs = Alert.objects.filter(pk__in=qs.values("pk"))
    return qs.select_related("subject").order_by("-raised_at", "-pk")


def my_states(alert_ids: list[int], staff_id: str) -> dict[int, str]:
    if not staff_id:
        return {}
    return dict(
        AlertRecipient.objects.filter(alert_id__in=alert_ids, staff_id=staff_id).values_list(
            "alert_id", "state"
        )
    )


def recipients(alert: Alert) -> list[AlertRecipient]:
    return list(alert.recipients.order_by("pk"))


def feedbacks(alert: Alert) -> list[Feedback]:
    return list(alert.feedbacks.select_related("recipient", "outcome_case").order_by("given_at", "pk"))


def holds(alert: Alert) -> list[Hold]:
    return list(alert.holds.select_related("case", "identity").order_by("pk"))
