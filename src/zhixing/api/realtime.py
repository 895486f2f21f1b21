"""Calling the scenario engine's real-time evaluation after an event is committed."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType

from django.db.models import Max

from zhixing.alerts.models import Alert

REALTIME_MODULE = "zhixing.scenarios.realtime"
logger = logging.getLogger(__name__)


@dataclass
class Evaluation:
    evaluated: bool
    raised_ids: list[int] = field(default_factory=list)
    error: str | None = None


def _engine() -> ModuleType | None:
    """The real-time module of the scenario engine, or None while it is not installed."""
    if importlib.util.find_spec(REALTIME_MODULE) is None:
        return None
    return importlib.import_module(REALTIME_MODULE)


def evaluate(identity_ids: Iterable[int], case_ids: Iterable[int]) -> Evaluation:
    """Evaluate what a committed event touched. The event is already stored, so a failure of
    the engine is logged and reported in the answer (the next scan evaluates it again)
    rather than turned into a server error."""
    engine = _engine()
    if engine is None:
        return Evaluation(False)
    before = Alert.objects.aggregate(top=Max("pk"))["top"] or 0
    try:
        result = engine.evaluate_touched(identity_ids=set(identity_ids), case_ids=set(case_ids))
    except Exception as exc:
        logger.exception("real-time evaluation failed for cases %s", sorted(set(case_ids)))
        return Evaluation(False, error=f"实时研判失败（事件已保存，将在下次全量扫描时研判）：{type(exc).__name__}")
    if result is not None:
        # the engine answers with the alerts it raised or reopened
        return Evaluation(True, [alert.pk for alert in result])
    raised = list(Alert.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    return Evaluation(True, raised)
