"""/api/docs and /api/openapi.json are for signed-in people and systems with a token only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse

from zhixing.tokens.checking import TokenRefused, user_for_token


def _signed_in(request: HttpRequest) -> bool:
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            return False
        try:
            user_for_token(token.strip())
        except TokenRefused:
            return False
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_active)


def docs_need_login(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A person is sent to the login page; a program (JSON, or a token header) gets 401."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _signed_in(request):
            return view(request, *args, **kwargs)
        wants_page = "text/html" in request.headers.get("Accept", "") and "Authorization" not in request.headers
        if wants_page:
            return redirect_to_login(request.get_full_path())
        return JsonResponse({"detail": "请先登录或提供有效的 Bearer 令牌"}, status=401)

    return guarded
