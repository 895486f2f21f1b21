"""场景目录: each registered scenario with its description, legal basis, parameters and figures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.accounts.permissions import figures_court_scope
from zhixing.alerts import stats
from zhixing.scenarios.params import deployment_values, is_enabled
from zhixing.scenarios.registry import REGISTRY
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, show


@page
def catalogue(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    court = figures_court_scope(viewer)
    figures = {f.scenario: f for f in stats.compute(court=court)}
    entries = []
    for scenario in REGISTRY.all():
        values = deployment_values(scenario)
        entries.append({
            "code": scenario.code,
            "name": scenario.name,
            "description": scenario_text.readable(scenario.description, scenario.code, values),
            "legal_basis": scenario.legal_basis,
            "handling": scenario_text.readable(scenario.handling, scenario.code, values),
            "enabled": is_enabled(scenario),
            "params": [
                {"name": p.name, "label": p.label, "description": p.description, "value": values[p.name]}
                for p in scenario.params
            ],
            "figures": figures.get(scenario.code),
        })
    return show(request, viewer, "web/catalogue.html", {"entries": entries, "court": court})
