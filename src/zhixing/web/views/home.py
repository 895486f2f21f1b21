"""首页 per role: judges see their inbox and cases; chiefs and the centre their court; others their tools."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from zhixing.accounts.models import SCENARIO_ADMIN
from zhixing.accounts.permissions import visible_cases
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, show
from zhixing.web.queries.inbox import InboxFilters, escalated_to, inbox


@page
def home(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if viewer.role == SCENARIO_ADMIN:
        return redirect("web:catalogue")
    # a member of staff sees their own to-do; what only informs them is counted beside it
    todo = "todo" if viewer.staff_id else ""
    open_alerts = inbox(viewer, InboxFilters(status="待处理", view=todo))
    info = inbox(viewer, InboxFilters(status="待处理", view="info")).total if viewer.staff_id else None
    cases = visible_cases(viewer)
    return show(request, viewer, "web/home.html", {
        "inbox": open_alerts,
        "todo_query": "view=todo&status=待处理" if todo else "status=待处理",
        "info_total": info,
        "top": open_alerts.rows[:10],
        "names": scenario_text.NAMES,
        "open_cases": cases.filter(status="在办").count(),
        "cases_label": "我承办的在办案件" if viewer.handles_cases else "本院在办案件",
        "escalated": escalated_to(viewer) if viewer.is_court_wide else None,
    })
