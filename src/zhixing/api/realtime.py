"""Calling the scenario engine's real-time evaluation after an event is committed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from zhixing.evaluation import realtime

logger = logging.getLogger(__name__)


@dataclass
class Evaluation:
    evaluated: bool
    raised_ids: list[int] = field(default_factory=list)
    error: str | None = None


def evaluate(identity_ids: Iterable[int], case_ids: Iterable[int], table: str) -> Evaluation:
    """Evaluate what a committed event touched. The event is already stored, so a failure of
    the engine is logged and reported in the answer (the next scan evaluates it again)
    rather than turned into a server error. Only scenarios that read ``table``, where the
    event was stored, are evaluated."""
    cases = set(case_ids)
    try:
        raised = realtime.evaluate_touched(identity_ids=set(identity_ids), case_ids=cases, tables={table})
    except realtime.RealtimeIncomplete as incomplete:
        logger.warning("real-time evaluation incomplete for cases %s: %s", sorted(cases), incomplete)
        return Evaluation(
            False, [alert.pk for alert in incomplete.raised],
            error=f"部分场景未能实时研判（事件已保存，将在下次全量扫描时研判）：{incomplete}",
        )
    except Exception as exc:
        logger.exception("real-time evaluation failed for cases %s", sorted(cases))
        return Evaluation(False, error=f"实时研判失败（事件已保存，将在下次全量扫描时研判）：{type(exc).__name__}")
    return Evaluation(True, [alert.pk for alert in raised])
