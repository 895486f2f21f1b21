"""Calling the scenario engine's real-time evaluation after an event is committed."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable
from types import ModuleType

from django.db.models import Max

from zhixing.alerts.models import Alert

REALTIME_MODULE = "zhixing.scenarios.realtime"


def _engine() -> ModuleType | None:
    """The real-time module of the scenario engine, or None while it is not installed."""
    if importlib.util.find_spec(REALTIME_MODULE) is None:
        return None
    return importlib.import_module(REALTIME_MODULE)


def evaluate(identity_ids: Iterable[int], case_ids: Iterable[int]) -> tuple[bool, list[int]]:
    """(evaluated, ids of alerts raised). Call it after the event's transaction committed."""
    engine = _engine()
    if engine is None:
        return False, []
    before = Alert.objects.aggregate(top=Max("pk"))["top"] or 0
    engine.evaluate_touched(identity_ids=sorted(set(identity_ids)), case_ids=sorted(set(case_ids)))
    raised = list(Alert.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    return True, raised
