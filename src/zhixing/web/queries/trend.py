"""Weekly trend for the dashboard: alerts raised, alerts answered and cases closed per week."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Min, Sum
from django.db.models.functions import TruncWeek

from zhixing.alerts.models import Alert, Feedback
from zhixing.cases.models import ClosureDay
from zhixing.core.clock import SHANGHAI, end_of_day

WEEKS = 12


@dataclass
class Week:
    starts_on: dt.date
    raised: int = 0
    answered: int = 0
    closed: int = 0

    @property
    def label(self) -> str:
        return f"{self.starts_on.month}月{self.starts_on.day}日"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _as_date(value) -> dt.date:
    return value.astimezone(SHANGHAI).date() if isinstance(value, dt.datetime) else value


def weekly(as_of: dt.date, court: str | None, weeks: int = WEEKS) -> list[Week]:
    """The ``weeks`` weeks (Monday to Sunday) up to the one holding ``as_of``; nothing after it counts."""
    first = _monday(as_of) - dt.timedelta(weeks=weeks - 1)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=SHANGHAI)
    end = end_of_day(as_of)
    table = {first + dt.timedelta(weeks=i): Week(first + dt.timedelta(weeks=i)) for i in range(weeks)}
    alerts = Alert.objects.all()
    if court:
        alerts = alerts.filter(pk__in=Alert.objects.filter(alert_cases__case__court_id=court).values("pk"))
    raised = (
        alerts.filter(raised_at__gte=start, raised_at__lte=end)
        .annotate(week=TruncWeek("raised_at", tzinfo=SHANGHAI)).values("week").annotate(n=Count("pk")).order_by()
    )
    for item in raised:
        table[_as_date(item["week"])].raised += item["n"]
    first_answers = (
        Feedback.objects.filter(alert__in=alerts).values("alert_id").annotate(first=Min("given_at")).order_by()
    )
    for item in first_answers:
        if start <= item["first"] <= end:
            table[_monday(_as_date(item["first"]))].answered += 1
    days = ClosureDay.objects.filter(closed_on__gte=first, closed_on__lte=as_of)
    if court:
        days = days.filter(court_id=court)
    for closed_on, n in days.values_list("closed_on").annotate(n=Sum("closed")).order_by():
        table[_monday(closed_on)].closed += n
    return [table[key] for key in sorted(table)]
