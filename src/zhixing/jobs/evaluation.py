"""Running an owed real-time evaluation: by the writer right after its commit, or by the worker.

A writer (an event command, a real-time import) calls ``enqueue_evaluation`` inside its
transaction and ``evaluate_now_or_later`` after the commit: the answer says whether the
evaluation is done; when it is not, the row stays owed and the worker retries it until it
is. A stored event therefore never goes unevaluated, whatever fails after its commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from types import ModuleType

from django.db import DatabaseError

from zhixing.jobs.commands import describe, fail_evaluation, finish_evaluation
from zhixing.jobs.models import PendingEvaluation

logger = logging.getLogger(__name__)
LATER = "事件已保存，后台任务将重试研判直至完成"


@dataclass
class Evaluation:
    evaluated: bool
    raised_ids: list[int] = field(default_factory=list)
    error: str | None = None


def _realtime() -> ModuleType:
    """The real-time engine. The one place that names it, imported when first needed:
    writing data never needs it loaded."""
    from zhixing.evaluation import realtime

    return realtime


def run_evaluation(pending_id: int) -> Evaluation:
    """Evaluate an owed row over its identities, cases and tables as of its date; mark it done,
    or record the error and when to try again."""
    pending = PendingEvaluation.objects.get(pk=pending_id)
    if pending.done_at is not None:
        return Evaluation(True)
    realtime = _realtime()
    try:
        raised = realtime.evaluate_touched(
            identity_ids=set(pending.identity_ids),
            case_ids=set(pending.case_ids),
            tables=set(pending.tables) if pending.tables is not None else None,
            as_of=pending.as_of,
        )
    except realtime.RealtimeIncomplete as incomplete:
        logger.warning("real-time evaluation %s incomplete: %s", pending_id, incomplete)
        _record_failure(pending_id, describe(incomplete))
        return Evaluation(
            False, [alert.pk for alert in incomplete.raised],
            error=f"部分场景未能实时研判（{LATER}）：{incomplete}",
        )
    except Exception as exc:
        logger.warning("real-time evaluation %s failed: %s", pending_id, describe(exc), exc_info=True)
        _record_failure(pending_id, describe(exc))
        return Evaluation(False, error=f"实时研判失败（{LATER}）：{type(exc).__name__}")
    try:
        finish_evaluation(pending_id)
    except DatabaseError as exc:
        # The alerts are stored; the row stays claimed and is evaluated again after the lease.
        logger.warning("real-time evaluation %s done but not marked: %s", pending_id, describe(exc))
    return Evaluation(True, [alert.pk for alert in raised])


def _record_failure(pending_id: int, error: str) -> None:
    try:
        fail_evaluation(pending_id, error)
    except DatabaseError as exc:
        # Unrecorded, the row is still owed: due again when the claim's lease ends.
        logger.warning("real-time evaluation %s: failure not recorded: %s", pending_id, describe(exc))


def evaluate_now_or_later(pending: PendingEvaluation | int) -> Evaluation:
    """After the writer's commit: evaluate what it enqueued at once, or leave it to the worker.
    Never raises for a failed evaluation: the data is stored, and the answer says so."""
    pending_id = pending if isinstance(pending, int) else pending.pk
    try:
        return run_evaluation(pending_id)
    except DatabaseError as exc:
        logger.warning("real-time evaluation %s not started: %s", pending_id, describe(exc))
        return Evaluation(False, error=f"实时研判未能开始（{LATER}）：{type(exc).__name__}")
