"""快速查询 by case number (or part of one), party name, identity number or plate; the form works on a phone."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.audit import log
from zhixing.web.access import Viewer, page, show
from zhixing.web.queries.lookup import lookup


@page
def lookup_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    text = request.GET.get("q", "")
    result = lookup(viewer, text) if text.strip() else None
    if result is not None:
        detail: dict[str, object] = {"query": result.query, "cases": len(result.cases)}
        if result.court_plate_hits:  # minimum disclosure of a same-court seizure: which cases were named
            detail["court_plate_cases"] = [h.case_id for h in result.court_plate_hits]
        log.record(
            request, request.user, "lookup", "query", result.kind or "空",
            identity_id=result.identity.pk if result.identity else None, detail=detail,
        )
    return show(request, viewer, "web/lookup.html", {"q": text, "result": result})
