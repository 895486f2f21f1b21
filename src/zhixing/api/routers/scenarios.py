"""The scenario catalogue with each scenario's effective parameters and its figures."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from zhixing.accounts.permissions import figures_court_scope
from zhixing.alerts.stats import compute
from zhixing.api.auth import viewer
from zhixing.api.routers.stats import FiguresOut
from zhixing.api.schemas import ERRORS

router = Router(tags=["scenarios"])
REGISTRY_MODULE = "zhixing.scenarios.registry"
PARAMS_MODULE = "zhixing.scenarios.params"


class ParameterOut(Schema):
    name: str
    default: int | str
    value: int | str
    description: str


class ScenarioOut(Schema):
    code: str
    name: str
    description: str
    handling: str
    enabled: bool
    parameters: list[ParameterOut]
    figures: FiguresOut | None


def _catalogue() -> list[Any]:
    """Every registered scenario; empty while the scenario engine is not installed."""
    if importlib.util.find_spec(REGISTRY_MODULE) is None:
        return []
    return list(importlib.import_module(REGISTRY_MODULE).REGISTRY.all())


def _effective(scenario: Any) -> tuple[dict[str, Any], bool]:
    """The deployment's parameter values and whether the scenario is switched on."""
    params = importlib.import_module(PARAMS_MODULE)
    return params.deployment_values(scenario), params.is_enabled(scenario)


@router.get("/scenarios", response={200: list[ScenarioOut], **ERRORS}, summary="Scenarios, parameters and figures")
def scenarios(request: HttpRequest):
    v = viewer(request)
    court = figures_court_scope(v)
    figures = {row.scenario: row.as_dict() for row in compute(court=court)}
    answer = []
    for scenario in _catalogue():
        values, enabled = _effective(scenario)
        answer.append({
            "code": scenario.code,
            "name": scenario.name,
            "description": scenario.description,
            "handling": scenario.handling,
            "enabled": enabled,
            "parameters": [
                {"name": p.name, "default": p.default, "value": values.get(p.name, p.default), "description": p.description}
                for p in scenario.params
            ],
            "figures": figures.get(scenario.code),
        })
    return answer
