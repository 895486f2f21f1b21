"""Writing the worker's bookkeeping: owed evaluations and daily runs, each claimed with a lease.

``enqueue_evaluation`` joins the caller's transaction (the row commits with the data); the
others are commands of their own, each one short durable transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from zhixing.core import clock
from zhixing.core.commands import write
from zhixing.jobs.models import DailyRun, PendingEvaluation

# How long a claim holds a row. A runner that has not finished by then is taken for dead and
# the row is due again; running twice is harmless (evaluations and daily jobs are idempotent).
LEASE = dt.timedelta(minutes=5)
# The writer's own try is one event's evaluation (well under a second); should its process die
# before recording the outcome, the worker takes the row up after this.
WRITER_LEASE = dt.timedelta(minutes=1)
FIRST_RETRY = dt.timedelta(seconds=15)
LONGEST_RETRY = dt.timedelta(hours=1)
ERROR_LENGTH = 2000


def retry_delay(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th try failed. After the writer's own try the worker
    tries at once; after that 15 s, 30 s, 1 min, … up to an hour, for as long as it takes."""
    if attempts <= 1:
        return dt.timedelta(0)
    return min(FIRST_RETRY * 2 ** (attempts - 2), LONGEST_RETRY)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]


def enqueue_evaluation(
    identity_ids: Iterable[int],
    case_ids: Iterable[int],
    tables: Iterable[str] | None,
    as_of: dt.date,
    *,
    try_now: bool = True,
    lease: dt.timedelta = WRITER_LEASE,
) -> PendingEvaluation:
    """Record the evaluation new rows owe, inside the transaction that writes them. With
    ``try_now`` the writer evaluates it right after the commit (``evaluate_now_or_later``)
    and holds it for ``lease`` meanwhile; without, the worker takes it on its next round."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue_evaluation belongs inside the transaction that writes the rows")
    now = clock.now()
    return PendingEvaluation.objects.create(
        identity_ids=sorted({int(i) for i in identity_ids}),
        case_ids=sorted({int(c) for c in case_ids}),
        tables=sorted(set(tables)) if tables is not None else None,
        as_of=as_of,
        created_at=now,
        attempts=1 if try_now else 0,
        next_try_at=now + lease if try_now else now,
        claimed_by="writer" if try_now else "",
    )


def claim_next_evaluation(worker: str) -> PendingEvaluation | None:
    """Take the longest-waiting due evaluation for ``worker``, or None when none is due."""
    now = clock.now()
    with write():
        due = PendingEvaluation.objects.filter(done_at__isnull=True, next_try_at__lte=now)
        for pk in due.order_by("next_try_at", "pk").values_list("pk", flat=True)[:5]:
            # The condition repeats the filter: a row another runner claimed meanwhile is skipped.
            claimed = due.filter(pk=pk).update(
                next_try_at=now + LEASE, claimed_by=worker, attempts=F("attempts") + 1
            )
            if claimed:
                return PendingEvaluation.objects.get(pk=pk)
    return None


def finish_evaluation(pending_id: int) -> None:
    with write():
        PendingEvaluation.objects.filter(pk=pending_id, done_at__isnull=True).update(
            done_at=clock.now(), last_error=""
        )


def fail_evaluation(pending_id: int, error: str) -> None:
    with write():
        row = PendingEvaluation.objects.filter(pk=pending_id, done_at__isnull=True).first()
        if row is None:
            return
        PendingEvaluation.objects.filter(pk=pending_id).update(
            last_error=error[:ERROR_LENGTH], next_try_at=clock.now() + retry_delay(row.attempts),
            claimed_by="",
        )


def claim_daily_run(job: str, as_of: dt.date, worker: str) -> DailyRun | None:
    """The run of ``job`` for ``as_of`` if it is still owed and due; None when it has finished,
    is claimed by a live runner, or waits for its next try."""
    now = clock.now()
    with write():
        DailyRun.objects.get_or_create(job=job, as_of=as_of, defaults={"next_try_at": now})
        due = DailyRun.objects.filter(job=job, as_of=as_of, finished_at__isnull=True, next_try_at__lte=now)
        if not due.update(next_try_at=now + LEASE, claimed_by=worker, attempts=F("attempts") + 1):
            return None
        return DailyRun.objects.get(job=job, as_of=as_of)


def finish_daily_run(run_id: int, summary: dict) -> None:
    with write():
        DailyRun.objects.filter(pk=run_id, finished_at__isnull=True).update(
            finished_at=clock.now(), summary=summary, last_error=""
        )


def fail_daily_run(run_id: int, error: str) -> None:
    with write():
        row = DailyRun.objects.filter(pk=run_id, finished_at__isnull=True).first()
        if row is None:
            return
        # A daily job has no writer's try before the worker's: its first retry waits.
        DailyRun.objects.filter(pk=run_id).update(
            last_error=error[:ERROR_LENGTH], next_try_at=clock.now() + retry_delay(row.attempts + 1),
            claimed_by="",
        )

