"""The login page: audited, and closed (429) to a username from an address after too many failures."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zhixing.accounts.commands import record_login, record_login_failure
from zhixing.accounts.lockout import locked_until
from zhixing.audit.log import client_ip
from zhixing.core import clock
from zhixing.core.commands import Actor

TOO_MANY = 429


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        until = locked_until(username, client_ip(request)) if username.strip() else None
        if until is not None:
            local = until.astimezone(clock.SHANGHAI)
            message = (
                f"登录失败次数过多，用户 {username.strip()} 在此地址的登录已暂停，"
                f"请于 {local:%H:%M} 后再试；如忘记密码请联系系统管理员。"
            )
            response = render(request, "web/login.html", {"locked": message, "next": request.POST.get("next", "")},
                              status=TOO_MANY)
            response["Retry-After"] = str(max(1, int((until - clock.now()).total_seconds()) + 1))
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        record_login(Actor(username=user.get_username(), user=user, ip=client_ip(self.request)))
        return response

    def form_invalid(self, form) -> HttpResponse:
        username = self.request.POST.get("username", "")
        if username.strip():
            record_login_failure(username, client_ip(self.request))
        return super().form_invalid(form)
