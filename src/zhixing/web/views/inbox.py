"""预警收件箱: filters, counts per scenario, unread first."""

from __future__ import annotations

from dataclasses import replace

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from zhixing.alerts.models import ALERT_STATUSES, SEVERITIES
from zhixing.audit import log
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, show
from zhixing.web.export import workbook_response
from zhixing.web.queries.inbox import SORTS, VIEWS, InboxFilters, courts_for_filter, inbox
from zhixing.web.templatetags.zx import cndatetime

EXPORT_PAGES = 40  # 2,000 alerts


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
        "views": VIEWS,
        "sorts": SORTS,
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


@page
def inbox_export(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    """The filtered inbox as an Excel workbook (the first EXPORT_PAGES pages)."""
    filters = InboxFilters.parse(request.GET)
    rows = []
    for number in range(1, EXPORT_PAGES + 1):
        result = inbox(viewer, replace(filters, page=number))
        rows += result.rows
        if number >= result.pages:
            break
    log.record(request, request.user, "export", "alerts", len(rows))
    return workbook_response("预警.xlsx", "预警", ("编号", "场景", "严重程度", "当事人", "案号", "发出时间", "状态", "我的状态"), (
        (r.alert.pk, f"{r.alert.scenario} {scenario_text.name(r.alert.scenario)}", r.alert.severity,
         r.alert.subject.name if r.alert.subject else "", "、".join(r.alert.case_nos),
         cndatetime(r.alert.raised_at), r.alert.status, r.my_state or "") for r in rows
    ))
