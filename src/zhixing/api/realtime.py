"""Calling the scenario engine's real-time evaluation after an event is committed."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable

from django.db.models import Max

from zhixing.alerts.models import Alert

REALTIME_MODULE = "zhixing.scenarios.realtime"


def realtime_available() -> bool:
    return importlib.util.find_spec(REALTIME_MODULE) is not None


def evaluate(identity_ids: Iterable[int], case_ids: Iterable[int]) -> tuple[bool, list[int]]:
    """(evaluated, ids of alerts raised). Must be called outside any transaction."""
    if not realtime_available():
        return False, []
    module = importlib.import_module(REALTIME_MODULE)
    before = Alert.objects.aggregate(top=Max("pk"))["top"] or 0
    module.evaluate_touched(identity_ids=sorted(set(identity_ids)), case_ids=sorted(set(case_ids)))
    raised = list(Alert.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    return True, raised
