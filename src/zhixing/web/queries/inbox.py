"""The alert inbox: the viewer's visible alerts, filtered, unread first, with counts per scenario."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case as CaseWhen
from django.db.models import (
    CharField,
    Count,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from zhixing.accounts.permissions import Viewer, visible_alerts
from zhixing.alerts import queries as alerts_queries
from zhixing.alerts.escalation import REASON as ESCALATION
from zhixing.alerts.models import ALERT_STATUSES, OPEN, SEVERITIES, UNREAD, Alert, AlertRecipient
from zhixing.alerts.queries import AlertFilters
from zhixing.cases.models import Court

PAGE_SIZE = 50


@dataclass(frozen=True)
class InboxFilters:
    scenario: str = ""
    severity: str = ""
    status: str = ""
    court: str = ""
    page: int = 1
    errors: tuple[str, ...] = field(default=())

    @classmethod
    def parse(cls, params) -> InboxFilters:
        """Unknown values are dropped with a message naming the filter, never guessed."""
        errors = []
        severity = params.get("severity", "")
        if severity and severity not in SEVERITIES:
            errors.append(f"严重程度应为 {'、'.join(SEVERITIES)} 之一，已忽略“{severity}”")
            severity = ""
        status = params.get("status", "")
        if status and status not in ALERT_STATUSES:
            errors.append(f"状态应为 {'、'.join(ALERT_STATUSES)} 之一，已忽略“{status}”")
            status = ""
        court = params.get("court", "")
        if court and not Court.objects.filter(pk=court).exists():
            errors.append(f"没有法院代码“{court}”，已忽略")
            court = ""
        scenario = params.get("scenario", "").strip().upper()
        try:
            page = max(int(params.get("page", "1")), 1)
        except ValueError:
            errors.append(f"页码应为正整数，已忽略“{params.get('page')}”")
            page = 1
        return cls(scenario, severity, status, court, page, tuple(errors))


@dataclass
class InboxRow:
    alert: Alert
    my_state: str | None


@dataclass
class Inbox:
    rows: list[InboxRow]
    total: int
    scenario_counts: list[tuple[str, int]]
    unread: int
    page: int
    pages: int


def _base(viewer: Viewer, filters: InboxFilters) -> QuerySet[Alert]:
    """Everything but the scenario filter, so the counts per scenario stay visible."""
    narrowed = AlertFilters(
        severity=filters.severity or None, status=filters.status or None, court=filters.court or None
    )
    return alerts_queries.inbox(viewer, narrowed).order_by()


def _my_state(viewer: Viewer):
    """The viewer's own reading state of each alert (None when not addressed to them)."""
    if not viewer.staff_id:
        return Value(None, output_field=CharField())
    return Subquery(AlertRecipient.objects.filter(alert=OuterRef("pk"), staff_id=viewer.staff_id).values("state")[:1])


def _page_by_severity(alerts: QuerySet[Alert], wanted_page: int) -> tuple[int, int, list[Alert]]:
    """For a viewer who is addressed by no alert (an administrator) the order is severity,
    then newest: one count per severity, then the page read through the (severity,
    raised_at) index instead of sorting every alert in the city. Returns the total, the
    page shown and its alerts."""
    per_severity = dict(alerts.order_by().values_list("severity").annotate(n=Count("pk")))
    total = sum(per_severity.values())
    page = min(wanted_page, max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))
    ranked = [s for s in SEVERITIES if s in per_severity] + sorted(set(per_severity) - set(SEVERITIES))
    rows: list[Alert] = []
    skip = (page - 1) * PAGE_SIZE
    for severity in ranked:
        if len(rows) >= PAGE_SIZE:
            break
        if skip >= per_severity[severity]:
            skip -= per_severity[severity]
            continue
        newest = alerts.filter(severity=severity).order_by("-raised_at", "-pk").select_related("subject")
        rows += list(newest[skip : skip + PAGE_SIZE - len(rows)])
        skip = 0
    return total, page, rows


def inbox(viewer: Viewer, filters: InboxFilters) -> Inbox:
    base = _base(viewer, filters)
    counts = list(base.order_by().values_list("scenario").annotate(n=Count("pk")).order_by("scenario"))
    alerts = base.filter(scenario=filters.scenario) if filters.scenario else base
    if not viewer.staff_id:
        total, page, shown = _page_by_severity(alerts, filters.page)
        pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        return Inbox([InboxRow(a, None) for a in shown], total, list(counts), 0, page, pages)
    alerts = alerts.annotate(
        my_state=_my_state(viewer),
        unread_rank=CaseWhen(When(my_state=UNREAD, then=Value(0)), default=Value(1), output_field=IntegerField()),
        severity_rank=CaseWhen(
            *[When(severity=s, then=Value(i)) for i, s in enumerate(SEVERITIES)],
            default=Value(9), output_field=IntegerField(),
        ),
    ).order_by("unread_rank", "severity_rank", "-raised_at", "-pk")
    total = alerts.count()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(filters.page, pages)
    start = (page - 1) * PAGE_SIZE
    chunk = list(alerts.select_related("subject")[start : start + PAGE_SIZE])
    unread = base.annotate(my_state=_my_state(viewer)).filter(my_state=UNREAD).count()
    return Inbox(
        rows=[InboxRow(a, getattr(a, "my_state", None)) for a in chunk],
        total=total,
        scenario_counts=[(code, n) for code, n in counts],
        unread=unread,
        page=page,
        pages=pages,
    )


def courts_for_filter(viewer: Viewer) -> list[Court]:
    """The courts whose cases appear in the viewer's alerts."""
    if viewer.is_admin:
        return list(Court.objects.order_by("code"))  # every alert in the city is theirs
    alert_ids = visible_alerts(viewer).values("pk")
    return list(Court.objects.filter(cases__alert_links__alert_id__in=alert_ids).distinct().order_by("code"))


def escalated_to(viewer: Viewer) -> tuple[int, int]:
    """(open alerts escalated to this viewer, of which unread)."""
    if not viewer.staff_id:
        return 0, 0
    mine = AlertRecipient.objects.filter(
        staff_id=viewer.staff_id, reason=ESCALATION, alert__status=OPEN
    )
    return mine.count(), mine.filter(state=UNREAD).count()
