"""快速查询 by case number, identity number or plate; the form works on a phone."""

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
        log.record(
            request, request.user, "lookup", "query", result.kind or "空",
            identity_id=result.identity.pk if result.identity else None,
            detail={"query": result.query, "cases": len(result.cases)},
        )
    return show(request, viewer, "web/lookup.html", {"q": text, "result": result})
