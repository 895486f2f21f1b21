"""The alert inbox: the viewer's visible alerts, filtered, unread first, with counts per scenario."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from zhixing.accounts.permissions import Viewer, visible_alerts
from zhixing.alerts import queries as alerts_queries
from zhixing.alerts.escalation import REASON as ESCALATION
from zhixing.alerts.models import (
    ALERT_STATUSES,
    HANDLED,
    OPEN,
    SEVERITIES,
    UNREAD,
    Alert,
    AlertCase,
    AlertRecipient,
)
from zhixing.alerts.queries import AlertFilters
from zhixing.cases.models import Case, Court

PAGE_SIZE = 50
VIEWS = {"todo": "待我处理", "handled": "我已处理", "info": "仅供知悉（无需我反馈）"}
SORTS = {"new": "最新在前", "old": "最早在前"}


@dataclass(frozen=True)
class InboxFilters:
    scenario: str = ""
    severity: str = ""
    status: str = ""
    court: str = ""
    page: int = 1
    errors: tuple[str, ...] = field(default=())
    view: str = ""  # VIEWS: the viewer's own to-do, handled, or for information only
    q: str = ""  # a case number fragment or the party's name
    sort: str = ""  # SORTS; default: unread first, then by severity, newest first

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
        view = params.get("view", "")
        if view and view not in VIEWS:
            errors.append(f"视图应为 {'、'.join(VIEWS.values())} 之一，已忽略")
            view = ""
        sort = params.get("sort", "")
        sort = sort if sort in SORTS else ""
        text = params.get("q", "").strip()[:60]
        return cls(scenario, severity, status, court, page, tuple(errors), view, text, sort)


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
    alerts = alerts_queries.inbox(viewer, narrowed).order_by()
    mine = AlertRecipient.objects.filter(staff_id=viewer.staff_id)
    if filters.view == "todo":
        alerts = alerts.filter(status=OPEN, pk__in=mine.exclude(state=HANDLED).values("alert_id"))
    elif filters.view == "handled":
        alerts = alerts.filter(pk__in=mine.filter(state=HANDLED).values("alert_id"))
    elif filters.view == "info":
        alerts = alerts.exclude(pk__in=mine.values("alert_id"))
    if filters.q:
        about = AlertCase.objects.filter(case__case_no__icontains=filters.q).values("alert_id")
        alerts = alerts.filter(Q(pk__in=about) | Q(subject__name__icontains=filters.q))
    return alerts


def _ranked(per_severity: dict[str, int]) -> list[str]:
    return [s for s in SEVERITIES if s in per_severity] + sorted(set(per_severity) - set(SEVERITIES))


def _unread_ids(viewer: Viewer) -> QuerySet:
    return AlertRecipient.objects.filter(staff_id=viewer.staff_id, state=UNREAD).values("alert_id")


def _groups(alerts: QuerySet[Alert], viewer: Viewer) -> list[tuple[QuerySet[Alert], int]]:
    """The administrator's inbox order (every alert in the city) as groups with their sizes:
    the viewer's unread alerts first, then by severity. Each group is read newest first
    through the (severity, raised_at) index instead of sorting every alert."""
    per_severity = dict(alerts.order_by().values_list("severity").annotate(n=Count("pk")))
    if not viewer.staff_id:
        return [(alerts.filter(severity=s), per_severity[s]) for s in _ranked(per_severity)]
    unread = _unread_ids(viewer)
    unread_per_severity = dict(
        alerts.filter(pk__in=unread).order_by().values_list("severity").annotate(n=Count("pk"))
    )
    read = {s: n - unread_per_severity.get(s, 0) for s, n in per_severity.items()}
    return [
        *[(alerts.filter(pk__in=unread, severity=s), unread_per_severity[s]) for s in _ranked(unread_per_severity)],
        *[(alerts.exclude(pk__in=unread).filter(severity=s), read[s]) for s in _ranked(read) if read[s]],
    ]


def _page(groups: list[tuple[QuerySet[Alert], int]], wanted_page: int) -> tuple[int, int, list[Alert]]:
    """The total, the page shown and its alerts, newest first within each group."""
    total = sum(n for _, n in groups)
    page = min(wanted_page, max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))
    rows: list[Alert] = []
    skip = (page - 1) * PAGE_SIZE
    for alerts, size in groups:
        if len(rows) >= PAGE_SIZE:
            break
        if skip >= size:
            skip -= size
            continue
        newest = alerts.order_by("-raised_at", "-pk").select_related("subject")
        rows += list(newest[skip : skip + PAGE_SIZE - len(rows)])
        skip = 0
    return total, page, rows


def inbox(viewer: Viewer, filters: InboxFilters) -> Inbox:
    base = _base(viewer, filters)
    if viewer.is_admin:
        return _whole_city(viewer, base, filters)
    return _own(viewer, base, filters)


def _own(viewer: Viewer, base: QuerySet[Alert], filters: InboxFilters) -> Inbox:
    """A judge's or a court's alerts are read once (id, scenario, severity, raised) and are
    counted and ordered here: counted in the database, each count found the visible alerts
    again, and ordering by the viewer's own unread state took a subquery per alert."""
    rows = list(base.values_list("pk", "scenario", "severity", "raised_at"))
    unread_ids = set(_unread_ids(viewer).values_list("alert_id", flat=True)) if viewer.staff_id else set()
    rank = {severity: i for i, severity in enumerate(SEVERITIES)}
    wanted = [r for r in rows if r[1] == filters.scenario] if filters.scenario else rows
    if filters.sort == "new":
        wanted.sort(key=lambda r: (-r[3].timestamp(), -r[0]))
    elif filters.sort == "old":
        wanted.sort(key=lambda r: (r[3].timestamp(), r[0]))
    else:
        wanted.sort(key=lambda r: (r[0] not in unread_ids, rank.get(r[2], 9), -r[3].timestamp(), -r[0]))
    total = len(wanted)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(filters.page, pages)
    ids = [r[0] for r in wanted[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    alerts = Alert.objects.select_related("subject").in_bulk(ids)
    states = alerts_queries.my_states(ids, viewer.staff_id)
    return Inbox(
        rows=[InboxRow(alerts[pk], states.get(pk)) for pk in ids],
        total=total,
        scenario_counts=sorted(Counter(r[1] for r in rows).items()),
        unread=sum(1 for r in rows if r[0] in unread_ids),
        page=page,
        pages=pages,
    )


def _sorted_page(alerts: QuerySet[Alert], filters: InboxFilters) -> tuple[int, int, list[Alert]]:
    total = alerts.count()
    page = min(filters.page, max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1))
    order = ("-raised_at", "-pk") if filters.sort == "new" else ("raised_at", "pk")
    start = (page - 1) * PAGE_SIZE
    return total, page, list(alerts.order_by(*order).select_related("subject")[start : start + PAGE_SIZE])


def _whole_city(viewer: Viewer, base: QuerySet[Alert], filters: InboxFilters) -> Inbox:
    counts = list(base.order_by().values_list("scenario").annotate(n=Count("pk")).order_by("scenario"))
    alerts = base.filter(scenario=filters.scenario) if filters.scenario else base
    if filters.sort:
        total, page, shown = _sorted_page(alerts, filters)
    else:
        total, page, shown = _page(_groups(alerts, viewer), filters.page)
    states = alerts_queries.my_states([a.pk for a in shown], viewer.staff_id)
    unread = base.filter(pk__in=_unread_ids(viewer)).count() if viewer.staff_id else 0
    return Inbox(
        rows=[InboxRow(a, states.get(a.pk)) for a in shown],
        total=total,
        scenario_counts=[(code, n) for code, n in counts],
        unread=unread,
        page=page,
        pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1),
    )


def courts_for_filter(viewer: Viewer) -> list[Court]:
    """The courts whose cases appear in the viewer's alerts."""
    if viewer.is_admin:
        return list(Court.objects.order_by("code"))  # every alert in the city is theirs
    # Semi-joins from the alerts' cases: joining every court to its cases made PostgreSQL
    # repeat the join once per court (90 ms at 100k cases, 25 ms this way).
    alert_ids = visible_alerts(viewer).values("pk")
    cases = Case.objects.filter(pk__in=AlertCase.objects.filter(alert_id__in=alert_ids).values("case_id"))
    return list(Court.objects.filter(code__in=cases.values("court_id")).order_by("code"))


def escalated_to(viewer: Viewer) -> tuple[int, int]:
    """(open alerts escalated to this viewer, of which unread)."""
    if not viewer.staff_id:
        return 0, 0
    mine = AlertRecipient.objects.filter(
        staff_id=viewer.staff_id, reason=ESCALATION, alert__status=OPEN
    )
    return mine.count(), mine.filter(state=UNREAD).count()
