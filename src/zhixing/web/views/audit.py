"""审计日志 for administrators: who looked at or decided what, newest first, filtered."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse

from zhixing.audit.models import AuditEvent
from zhixing.audit.queries import events
from zhixing.cases.models import Court
from zhixing.web.access import Viewer, page, refuse, show
from zhixing.web.export import MAX_ROWS, workbook_response
from zhixing.web.paging import Pager
from zhixing.web.templatetags.zx import cndatetime

PER_PAGE = 100
ACTIONS = {
    "view_alert": "查看预警", "list_alerts": "查询预警列表", "view_case": "查看案件", "view_party": "查看当事人全景",
    "lookup": "快速查询", "export": "导出", "feedback": "反馈", "outcome": "处置结果", "release_hold": "解除暂缓发放",
    "alert_handled": "标记已处理", "close_alert": "关闭预警", "escalate": "升级", "import_batch": "导入批次",
    "event_account_txn": "报送案款", "reverse_account_txn": "案款冲正", "event_measure": "报送措施",
    "event_asset_finding": "报送财产线索", "disbursement_refused": "拒绝发放",
    "create_user": "新建用户", "reset_password": "重置密码", "set_membership": "修改法院与角色",
    "set_password": "设置密码", "change_password": "修改本人密码", "assign_assistant": "指定协助法官",
    "login": "登录", "login_failed": "登录失败", "issue_token": "签发接口令牌", "revoke_token": "吊销接口令牌",
    "list_tokens": "查看接口令牌", "backup": "备份数据库", "restore": "恢复数据库",
}
OBJECTS = {
    "alert": "预警", "alerts": "预警", "case": "案件", "cases": "案件", "identity": "当事人", "hold": "暂缓发放",
    "query": "查询", "batch": "批次", "measure": "措施", "asset_finding": "财产线索", "account_txn": "案款", "user": "用户",
    "login": "登录", "api_token": "接口令牌", "database": "数据库",
}


def _source(username: str, courts: dict[str, str]) -> str:
    """An import acts as ``批次:<source>``; the source is said by its court's name."""
    prefix, _, source = username.partition(":")
    return courts.get(source, source) if prefix == "批次" and source else ""


@page
def audit_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if not viewer.is_admin:
        return refuse(request, "审计日志仅供系统管理员查看。")
    username = request.GET.get("user", "").strip()
    party = request.GET.get("party", "").strip()
    since_text = request.GET.get("since", "").strip()
    error = ""
    since = None
    if since_text:
        try:
            since = dt.date.fromisoformat(since_text)
        except ValueError:
            error = "起始日期：不是有效的日期，请按 年-月-日 选择或填写"
    found = events(username=username or None, party=party or None, since=since).order_by("-at", "-pk")
    courts = dict(Court.objects.values_list("code", "name"))
    if request.GET.get("format") == "xlsx" and not error:
        return workbook_response("审计日志.xlsx", "审计日志", ("时间", "操作人", "操作", "对象", "当事人", "地址"), (
            (cndatetime(e.at), _source(e.username, courts) or e.username, ACTIONS.get(e.action, e.action),
             f"{OBJECTS.get(e.object_type, e.object_type)} {courts.get(e.object_id, e.object_id)}",
             e.identity.name if e.identity else "—", e.ip or "—")
            for e in found.select_related("identity")[:MAX_ROWS]
        ))
    pages = Pager(request, PER_PAGE)
    pages.total = found.count()
    start, end = pages.window
    rows = [
        {"event": e, "action": ACTIONS.get(e.action, e.action), "object": OBJECTS.get(e.object_type, e.object_type),
         "object_id": courts.get(e.object_id, e.object_id), "source": _source(e.username, courts)}
        for e in found[start:end]
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return show(request, viewer, "web/audit.html", {
        "rows": rows, "pages": pages, "user": username, "party": party, "since": since_text, "error": error,
        "query": query.urlencode(), "total_events": AuditEvent.objects.count(),
    }, status=400 if error else 200)
