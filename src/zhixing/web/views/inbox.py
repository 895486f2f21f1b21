"""预警收件箱: filters, counts per scenario, unread first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

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
    template = "web/partials/inbox_results.html" if wants_fragment(request) else "web/inbox.html"
    response = show(request, viewer, template, context)
    # The fragment and the page share a URL (hx-push-url): a browser's Back must not be
    # answered with the cached fragment.
    patch_vary_headers(response, ["HX-Request"])
    return response


def wants_fragment(request: HttpRequest) -> bool:
    """htmx asks for the list only; its history restore (HX-History-Restore-Request) wants the page."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get("HX-History-Restore-Request")


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
