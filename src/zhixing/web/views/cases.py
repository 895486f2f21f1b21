"""我的案件: the cases the viewer may open (a judge's own, an assistant's judge's, a court's
for the chief and the centre), filtered by status and text, a page at a time."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from zhixing.accounts.permissions import visible_cases
from zhixing.audit import log
from zhixing.cases.models import Staff
from zhixing.web.access import Viewer, page, show
from zhixing.web.export import MAX_ROWS, workbook_response
from zhixing.web.paging import Pager

CASES_PER_PAGE = 50
STATUSES = ("在办", "已结")
SORTS = {"filed": ("-filed_on", "case_no"), "old": ("filed_on", "case_no"), "no": ("case_no",)}


def case_list(viewer: Viewer, status: str, text: str, sort: str):
    cases = visible_cases(viewer).select_related("court")
    if status in STATUSES:
        cases = cases.filter(status=status)
    if text:
        cases = cases.filter(Q(case_no__icontains=text) | Q(case_parties__party__name__icontains=text)).distinct()
    return cases.order_by(*SORTS.get(sort, SORTS["filed"]))


@page
def cases_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    status = request.GET.get("status", "在办")
    text = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "filed")
    cases = case_list(viewer, status, text, sort)
    pages = Pager(request, CASES_PER_PAGE)
    pages.total = cases.count()
    start, end = pages.window
    rows = list(cases[start:end])
    judges = dict(Staff.objects.filter(pk__in={c.judge_id for c in rows}).values_list("pk", "name"))
    query = request.GET.copy()
    query.pop("page", None)
    return show(request, viewer, "web/cases.html", {
        "cases": rows, "judges": judges, "pages": pages, "status": status, "q": text, "sort": sort,
        "statuses": STATUSES, "query": query.urlencode(),
    })


@page
def cases_export(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    cases = case_list(viewer, request.GET.get("status", "在办"), request.GET.get("q", "").strip(),
                      request.GET.get("sort", "filed"))
    rows = list(cases[:MAX_ROWS])
    judges = dict(Staff.objects.filter(pk__in={c.judge_id for c in rows}).values_list("pk", "name"))
    log.record(request, request.user, "export", "cases", len(rows))
    return workbook_response("案件.xlsx", "案件", ("案号", "法院", "承办法官", "立案日期", "状态", "结案方式", "当前节点", "申请执行标的（元）"), (
        (c.case_no, c.court.name, judges.get(c.judge_id, "未分配"), c.filed_on, c.status, c.closure_mode or "",
         c.stage or "", c.applied_amount) for c in rows
    ))
