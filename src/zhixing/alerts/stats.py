"""Per-scenario figures in the form Shanghai published: raised, answered, helpful, recovered.

Definitions (docs/api.md):
- an alert belongs to the period when it was raised in it (Shanghai dates, both ends
  included) and to every court one of its cases belongs to;
- answered = at least one recipient gave feedback; helpful = at least one said 有帮助;
- cases with money recovered = distinct cases whose feedback reports money recovered > 0;
- days to first feedback = working days from the day raised to the day of the first feedback.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet

from zhixing.alerts.models import HELPFUL, Alert, AlertCase, Feedback
from zhixing.core.clock import SHANGHAI
from zhixing.core.workdays import workdays_between

RATE = Decimal("0.0001")


@dataclass
class Figures:
    scenario: str
    court: str | None
    raised: int = 0
    answered: int = 0
    helpful: int = 0
    cases_recovered: int = 0
    money_recovered: Decimal = Decimal("0.00")
    median_workdays_to_feedback: float | None = None
    _days: list[int] = field(default_factory=list, repr=False)
    _cases: set[str] = field(default_factory=set, repr=False)

    @property
    def answer_rate(self) -> Decimal | None:
        return (Decimal(self.answered) / self.raised).quantize(RATE) if self.raised else None

    @property
    def helpful_share(self) -> Decimal | None:
        return (Decimal(self.helpful) / self.answered).quantize(RATE) if self.answered else None

    def as_dict(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "scenario": self.scenario,
            "court": self.court,
            "raised": self.raised,
            "answered": self.answered,
            "answer_rate": text(self.answer_rate),
            "helpful": self.helpful,
            "helpful_share": text(self.helpful_share),
            "cases_recovered": self.cases_recovered,
            "money_recovered": str(self.money_recovered),
            "median_workdays_to_feedback": self.median_workdays_to_feedback,
        }


def _local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(SHANGHAI).date()


def compute(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    court: str | None = None,
    scenario: str | None = None,
    by_court: bool = False,
) -> list[Figures]:
    """Raised alerts are counted by the database; only the answered ones (those with
    feedback, a small share) are walked in Python, so the figures cost the same at a
    million cases as at a thousand."""
    alerts = Alert.objects.all()
    if date_from:
        alerts = alerts.filter(raised_at__gte=dt.datetime.combine(date_from, dt.time.min, tzinfo=SHANGHAI))
    if date_to:
        alerts = alerts.filter(raised_at__lte=dt.datetime.combine(date_to, dt.time.max, tzinfo=SHANGHAI))
    if scenario:
        alerts = alerts.filter(scenario=scenario)
    if court:
        alerts = alerts.filter(pk__in=AlertCase.objects.filter(case__court_id=court).values("alert_id"))

    table: dict[tuple[str, str | None], Figures] = {}

    def figures_for(scen: str, group: str | None) -> Figures:
        return table.setdefault((scen, group), Figures(scen, group if by_court else court))

    for scen, group, raised in _raised_counts(alerts, court, by_court):
        figures_for(scen, group).raised += raised

    answered = list(alerts.filter(pk__in=Feedback.objects.values("alert_id")).values_list("pk", "scenario", "raised_at"))
    answered_ids = [row[0] for row in answered]
    courts_of: dict[int, set[str]] = defaultdict(set)
    for alert_id, court_id in AlertCase.objects.filter(alert_id__in=answered_ids).values_list(
        "alert_id", "case__court_id"
    ):
        courts_of[alert_id].add(court_id)
    feedbacks: dict[int, list[Feedback]] = defaultdict(list)
    for fb in Feedback.objects.filter(alert_id__in=answered_ids).select_related("outcome_case"):
        feedbacks[fb.alert_id].append(fb)
    for alert_id, scen, raised_at in answered:
        for group in _groups(courts_of[alert_id], court, by_court):
            _add(figures_for(scen, group), _local_date(raised_at), feedbacks[alert_id], group or court, alert_id)
    for figures in table.values():
        figures.cases_recovered = len(figures._cases)
        figures.median_workdays_to_feedback = (
            float(statistics.median(figures._days)) if figures._days else None
        )
    return [table[key] for key in sorted(table, key=lambda k: (k[0], k[1] or ""))]


def _groups(courts: set[str], court: str | None, by_court: bool) -> list[str | None]:
    """The rows an alert counts in: one per court of its cases when by court, else one."""
    if not by_court:
        return [None]
    groups: list[str | None] = [*sorted(courts)] or [None]
    return [g for g in groups if g in (None, court)] if court else groups


def _raised_counts(alerts: QuerySet[Alert], court: str | None, by_court: bool) -> list[tuple[str, str | None, int]]:
    if not by_court:
        return [(row["scenario"], None, row["n"]) for row in alerts.values("scenario").annotate(n=Count("pk")).order_by()]
    links = AlertCase.objects.filter(alert__in=alerts)
    if court:
        links = links.filter(case__court_id=court)
    counts = [
        (row["alert__scenario"], row["case__court_id"], row["n"])
        for row in links.values("alert__scenario", "case__court_id")
        .annotate(n=Count("alert_id", distinct=True)).order_by()
    ]
    if not court:
        unlinked = alerts.exclude(pk__in=AlertCase.objects.values("alert_id"))
        counts += [(row["scenario"], None, row["n"]) for row in unlinked.values("scenario").annotate(n=Count("pk")).order_by()]
    return counts


def _add(figures: Figures, raised_on: dt.date, fbs: list[Feedback], court: str | None, alert_id: int) -> None:
    """Count one answered alert (``fbs`` is its feedback, never empty)."""
    figures.answered += 1
    if any(fb.verdict == HELPFUL for fb in fbs):
        figures.helpful += 1
    first = min(_local_date(fb.given_at) for fb in fbs)
    figures._days.append(workdays_between(raised_on, first))
    for fb in fbs:
        if not fb.money_recovered or fb.money_recovered <= 0:
            continue
        case = fb.outcome_case
        if court and case is not None and case.court_id != court:
            continue
        figures._cases.add(case.case_no if case is not None else f"alert:{alert_id}")
        figures.money_recovered += fb.money_recovered
