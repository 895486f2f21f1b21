"""Scenarios with their parameters and figures (from the scenario registry once it exists)."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from zhixing.api.auth import viewer
from zhixing.api.schemas import ERRORS

router = Router(tags=["scenarios"])
REGISTRY_MODULE = "zhixing.scenarios.registry"


class ScenarioOut(Schema):
    code: str
    name: str
    severity: str | None
    enabled: bool | None
    parameters: dict[str, Any]


def _registry_scenarios() -> list[dict]:
    if importlib.util.find_spec(REGISTRY_MODULE) is None:
        return []
    module = importlib.import_module(REGISTRY_MODULE)
    found = getattr(module, "all_scenarios", None) or getattr(module, "scenarios", None)
    items = found() if callable(found) else (found or getattr(module, "REGISTRY", {}))
    if isinstance(items, dict):
        items = list(items.values())
    rows = []
    for s in items:
        params = getattr(s, "parameters", None) or getattr(s, "defaults", None) or {}
        if not isinstance(params, dict):
            params = {getattr(p, "name", str(p)): getattr(p, "default", None) for p in params}
        rows.append({
            "code": str(getattr(s, "code", "")),
            "name": str(getattr(s, "name", "")),
            "severity": getattr(s, "severity", None) if isinstance(getattr(s, "severity", None), str) else None,
            "enabled": getattr(s, "enabled", None),
            "parameters": {str(k): v for k, v in params.items()},
        })
    return sorted(rows, key=lambda r: r["code"])


@router.get("/scenarios", response={200: list[ScenarioOut], **ERRORS}, summary="The scenario catalogue with parameters")
def scenarios(request: HttpRequest):
    viewer(request)
    return _registry_scenarios()
