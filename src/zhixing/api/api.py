"""The REST API (django-ninja). OpenAPI at /api/openapi.json, docs at /api/docs (login needed;
Swagger UI is served from the installed ninja package, never from outside)."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError

from zhixing.api.auth import AUTH, TokenRefusedError
from zhixing.api.docs_access import docs_need_login
from zhixing.api.routers import alerts, cases, events, scenarios, stats
from zhixing.core.overload import api_exception_handler

api = NinjaAPI(
    title="Zhixing 执行 API",
    version="1",
    description="预警、案件、当事人全景、场景与统计、事件报送。会话登录（页面）或 Bearer 令牌（系统）。",
    auth=AUTH,
    urls_namespace="api",
    # validatorUrl None: Swagger UI would otherwise send the schema to an outside validator.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_decorator=docs_need_login,
)
api.add_exception_handler(OperationalError, api_exception_handler)
for module in (alerts, cases, events, stats, scenarios):
    api.add_router("", module.router)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(request, {"detail": "请先登录或提供有效的 Bearer 令牌"}, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(TokenRefusedError)
def token_refused(request: HttpRequest, exc: TokenRefusedError) -> HttpResponse:
    response = api.create_response(request, {"detail": exc.message}, status=401)
    response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return response
