"""案件详情."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.accounts.permissions import visible_cases
from zhixing.audit import log
from zhixing.core import clock
from zhixing.web.access import Viewer, not_found, page, show
from zhixing.web.queries.case_page import case_view


@page
def case_page(request: HttpRequest, viewer: Viewer, case_id: int) -> HttpResponse:
    case = visible_cases(viewer).filter(pk=case_id).select_related("court").first()
    if case is None:
        return not_found(request, "该案件")
    log.record(request, request.user, "view_case", "case", case.pk)
    return show(request, viewer, "web/case.html", {"view": case_view(case, clock.today())})
