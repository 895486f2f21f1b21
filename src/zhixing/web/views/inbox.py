"""预警收件箱: filters, counts per scenario, unread first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.alerts.models import ALERT_STATUSES, SEVERITIES
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, show
from zhixing.web.queries.inbox import InboxFilters, courts_for_filter, inbox


@page
def inbox_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    filters = InboxFilters.parse(request.GET)
    result = inbox(viewer, filters)
    context = {
        "filters": filters,
        "inbox": result,
        "names": scenario_text.NAMES,
        "severities": SEVERITIES,
        "statuses": ALERT_STATUSES,
        "courts": courts_for_filter(viewer),
        "query": _without_page(request),
    }
    template = "web/partials/inbox_results.html" if request.headers.get("HX-Request") else "web/inbox.html"
    return show(request, viewer, template, context)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
