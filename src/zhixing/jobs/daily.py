"""The daily jobs the worker runs, each once per as-of date and idempotent.

A run for day D covers everything due by D (escalation sends every alert overdue by D), so a
worker that was stopped for days runs today's only. A new daily job (deadlines, standing
orders, outbox retries) is one more entry in ``DAILY_JOBS``."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from zhixing.jobs.commands import claim_daily_run, describe, fail_daily_run, finish_daily_run

logger = logging.getLogger(__name__)


def escalation(as_of: dt.date) -> tuple[dict, str]:
    from zhixing.alerts.escalation import run_escalation

    report = run_escalation(as_of)
    summary = {
        "escalated": [[alert, court, chiefs] for alert, court, chiefs in report.escalated],
        "without_chief": [[alert, court] for alert, court in report.without_chief],
    }
    said = f"升级 {len(report.escalated)} 条"
    if report.without_chief:
        said += f"，{len(report.without_chief)} 条因法院没有执行局长未能升级"
    return summary, said


# job name -> (what users call it, the job: as-of date -> (summary stored, summary said))
DAILY_JOBS: dict[str, tuple[str, Callable[[dt.date], tuple[dict, str]]]] = {
    "escalation": ("预警升级", escalation),
}


@dataclass
class DailyOutcome:
    job: str
    label: str
    as_of: dt.date
    said: str = ""
    error: str | None = None


def run_daily_jobs(as_of: dt.date, worker: str) -> list[DailyOutcome]:
    """Run every daily job still owed for ``as_of``; a failed one is tried again later."""
    outcomes = []
    for job, (label, run) in DAILY_JOBS.items():
        claimed = claim_daily_run(job, as_of, worker)
        if claimed is None:
            continue
        try:
            summary, said = run(as_of)
        except Exception as exc:
            logger.warning("daily job %s as of %s failed: %s", job, as_of, describe(exc), exc_info=True)
            fail_daily_run(claimed.pk, describe(exc))
            outcomes.append(DailyOutcome(job, label, as_of, error=describe(exc)))
            continue
        finish_daily_run(claimed.pk, summary)
        outcomes.append(DailyOutcome(job, label, as_of, said))
    return outcomes
