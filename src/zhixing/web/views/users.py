"""用户管理 for administrators: list, create (a first password shown once), change court,
role and staff row, reset a password. Writes are accounts.commands, audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from zhixing.accounts import commands
from zhixing.accounts.models import ROLES, Membership
from zhixing.cases.models import Court
from zhixing.core.commands import Actor
from zhixing.web.access import Viewer, not_found, page, refuse, show
from zhixing.web.paging import Pager

PER_PAGE = 100
FIELDS = {"username": "用户名", "court": "法院", "role": "角色", "staff": "工号", "password": "密码"}


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "密码：" + "；".join(error.messages)
    field, _, text = str(error).partition(": ")
    return f"{FIELDS.get(field, field)}：{text}" if text else str(error)


def _form_context() -> dict:
    return {"roles": ROLES, "courts": list(Court.objects.order_by("code"))}


@page
def users_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if not viewer.is_admin:
        return refuse(request, "用户管理仅供系统管理员使用。")
    context = _form_context()
    status = 200
    if request.method == "POST":
        post = request.POST
        try:
            password = commands.admin_create_user(
                Actor.for_request(request, viewer), post.get("username", "").strip(),
                court_code=post.get("court", ""), role=post.get("role", ""),
                staff_id=post.get("staff", "").strip() or None, full_name=post.get("name", "").strip(),
            )
            context["created"] = {"username": post.get("username", "").strip(), "password": password}
        except (commands.AccountError, ValidationError) as error:
            context.update(error=_message(error), form=post)
            status = 422
    text = request.GET.get("q", "").strip()
    members = Membership.objects.select_related("user", "court", "staff").order_by("court_id", "role", "user__username")
    if text:
        members = members.filter(Q(user__username__icontains=text) | Q(user__first_name__icontains=text))
    pages = Pager(request, PER_PAGE)
    pages.total = members.count()
    start, end = pages.window
    context.update(members=list(members[start:end]), pages=pages, q=text)
    return show(request, viewer, "web/users.html", context, status=status)


@page
def user_page(request: HttpRequest, viewer: Viewer, username: str) -> HttpResponse:
    if not viewer.is_admin:
        return refuse(request, "用户管理仅供系统管理员使用。")
    member = Membership.objects.select_related("user", "court", "staff").filter(user__username=username).first()
    if member is None:
        return not_found(request, "该用户")
    context = {**_form_context(), "member": member}
    if request.method == "POST":
        actor = Actor.for_request(request, viewer)
        try:
            if request.POST.get("do") == "reset":
                context["password"] = commands.admin_reset_password(actor, username)
            else:
                commands.admin_set_membership(actor, username, court_code=request.POST.get("court", ""),
                                             role=request.POST.get("role", ""),
                                             staff_id=request.POST.get("staff", "").strip() or None)
                return redirect("web:user", username=username)
        except (commands.AccountError, ValidationError) as error:
            context["error"] = _message(error)
            return show(request, viewer, "web/user.html", context, status=422)
    return show(request, viewer, "web/user.html", context)
