"""The feedback reasons of a period, 有帮助 and 无帮助 apart (the dashboard's 反馈理由)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count

from zhixing.alerts.models import HELPFUL, NOT_HELPFUL, AlertCase, Feedback
from zhixing.core.clock import SHANGHAI, end_of_day


def feedback_reasons(date_from: dt.date, as_of: dt.date, court: str | None) -> dict[str, list[tuple[str, int]]]:
    """{有帮助: [(reason, n)], 无帮助: [...]} over the feedback on alerts raised in the period
    (as the funnel counts them), most frequent first; an empty reason is 未说明."""
    given = Feedback.objects.filter(
        alert__raised_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=SHANGHAI),
        alert__raised_at__lte=end_of_day(as_of),
    )
    if court:
        given = given.filter(alert_id__in=AlertCase.objects.filter(case__court_id=court).values("alert_id"))
    rows = given.values_list("verdict", "reason").annotate(n=Count("pk")).order_by("verdict", "-n", "reason")
    split: dict[str, list[tuple[str, int]]] = {HELPFUL: [], NOT_HELPFUL: []}
    for verdict, reason, n in rows:
        split.setdefault(verdict, []).append((reason or "未说明", n))
    return split
