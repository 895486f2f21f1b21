"""修改密码: the logged-in user's own password (accounts.commands.change_own_password)."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from zhixing.accounts.commands import AccountError, change_own_password
from zhixing.web.access import Viewer, page, show

FIELDS = {"current": "当前密码", "new": "新密码", "repeated": "再次输入新密码", "password": "新密码"}


@page
def password_page(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if request.method != "POST":
        return show(request, viewer, "web/password.html")
    post = request.POST
    user = request.user
    assert isinstance(user, AbstractBaseUser)  # noqa: S101 -- @page let only a logged-in user in
    try:
        change_own_password(user, post.get("current", ""), post.get("new", ""), post.get("repeated", ""))
    except AccountError as error:
        field, _, message = str(error).partition(": ")
        return show(request, viewer, "web/password.html",
                    {"error": f"{FIELDS.get(field, '密码')}：{message}", "field": field}, status=422)
    except ValidationError as error:
        return show(request, viewer, "web/password.html",
                    {"error": "新密码：" + "；".join(error.messages), "field": "new"}, status=422)
    update_session_auth_hash(request, user)  # stay logged in with the new password
    return show(request, viewer, "web/password.html", {"done": True})
