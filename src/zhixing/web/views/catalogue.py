"""场景目录: each scenario with its figures."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.accounts.permissions import figures_court_scope
from zhixing.alerts import stats
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, show


@page
def catalogue(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    court = figures_court_scope(viewer)
    figures = {f.scenario: f for f in stats.compute(court=court)}
    entries = [
        {"code": code, "name": name, "handling": scenario_text.handling(code), "figures": figures.get(code)}
        for code, name in sorted(scenario_text.NAMES.items())
    ]
    return show(request, viewer, "web/catalogue.html", {"entries": entries, "court": court})
