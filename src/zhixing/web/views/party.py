"""当事人全景: every case in every court, money held anywhere, findings, custody, consumption."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from zhixing.accounts.permissions import can_see_full_id_numbers, can_view_party, visible_cases
from zhixing.audit import log
from zhixing.parties.models import Identity
from zhixing.parties.queries import panorama
from zhixing.web.access import Viewer, not_found, page, show
from zhixing.web.export import MAX_ROWS, workbook_response
from zhixing.web.paging import Pager
from zhixing.web.templatetags.zx import cndate

CASES_PER_PAGE = 100


@page
def party_page(request: HttpRequest, viewer: Viewer, identity_id: int) -> HttpResponse:
    identity = Identity.objects.filter(pk=identity_id).first()
    if identity is None or not can_view_party(viewer, identity):
        return not_found(request, "该当事人")
    if identity.merged_into is not None:
        identity = identity.merged_into
    if request.GET.get("format") == "xlsx":
        return _cases_workbook(request, identity)
    pages = Pager(request, CASES_PER_PAGE)
    view = panorama(identity, window=pages.window)
    pages.total = view.case_count
    log.record(request, request.user, "view_party", "identity", identity.pk, identity_id=identity.pk)
    case_nos = [c.case_no for c in view.cases]
    openable = dict(visible_cases(viewer).filter(case_no__in=case_nos).values_list("case_no", "pk"))
    return show(request, viewer, "web/party.html", {
        "view": view,
        "full_id": can_see_full_id_numbers(viewer),
        "openable": openable,
        "pages": pages,
    })


def _cases_workbook(request: HttpRequest, identity: Identity) -> HttpResponse:
    """The party's cases in every court, as the page lists them (up to MAX_ROWS)."""
    view = panorama(identity, window=(0, MAX_ROWS))
    log.record(request, request.user, "export", "identity", identity.pk, identity_id=identity.pk)
    return workbook_response(f"{identity.name}-案件.xlsx", "案件", (
        "案号", "法院", "地位", "程序", "状态", "立案日期", "欠款（元）", "账户内保留（元）"), (
        (c.case_no, c.court_name, c.role, c.procedure, c.closure_mode or c.status, cndate(c.filed_on),
         c.owed_amount, c.money_held)
        for c in view.cases
    ))
