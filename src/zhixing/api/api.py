"""The REST API (django-ninja). OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.db import OperationalError
from ninja import NinjaAPI

from zhixing.api.auth import AUTH
from zhixing.api.routers import alerts, cases, events, scenarios, stats
from zhixing.core.overload import api_exception_handler

api = NinjaAPI(
    title="Zhixing 执行 API",
    version="1",
    description="预警、案件、当事人全景、场景与统计、事件报送。会话登录（页面）或 Bearer 令牌（系统）。",
    auth=AUTH,
    urls_namespace="api",
)
api.add_exception_handler(OperationalError, api_exception_handler)
for module in (alerts, cases, events, stats, scenarios):
    api.add_router("", module.router)
