"""Refusing quickly under load: a request's write waits a few seconds for its turn, not 30.

Web and API requests wait at most ``ZHIXING_WRITE_WAIT_SECONDS`` (default 5) for the database's
write turn: on SQLite the write lock (``core.sqlite_writer``) and SQLite's own busy wait, on
PostgreSQL ``lock_timeout``. A write that gets no turn in time fails before anything is
stored (its transaction rolls back) and the request is answered 503 with ``Retry-After``, as
is a statement cancelled by a timeout and a connection refused for too many clients. The
command line and the worker keep the database's own, longer wait."""

from __future__ import annotations

import contextvars
import json
import logging
import math
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)
DEFAULT_WRITE_WAIT_SECONDS = 5.0

# The wait of the request being served on this thread; None outside requests.
request_write_wait: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "request_write_wait", default=None
)

# PostgreSQL: lock_not_available (lock_timeout), query_canceled (statement_timeout),
# too_many_connections, insufficient_resources, cannot_connect_now, deadlock_detected.
PG_BUSY_STATES = {"55P03", "57014", "53300", "53000", "57P03", "40P01"}
BUSY_WORDS = ("database is locked", "too many clients", "too many connections", "remaining connection slots")


def write_wait_seconds() -> float:
    return float(getattr(settings, "ZHIXING_WRITE_WAIT_SECONDS", DEFAULT_WRITE_WAIT_SECONDS))


def is_overload(exc: BaseException) -> bool:
    """True for a database error that says "too busy now, try again", not "this is wrong"."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in PG_BUSY_STATES:
        return True
    text = str(exc).lower()
    return any(word in text for word in BUSY_WORDS)


def busy_response(request: HttpRequest) -> HttpResponse:
    wait = write_wait_seconds()
    retry = max(1, math.ceil(wait))
    detail = (
        f"平台繁忙：写入在 {wait:g} 秒内未能轮到，本次请求未保存任何数据，请 {retry} 秒后重试"
    )
    if request.path.startswith("/api/"):
        response = HttpResponse(
            json.dumps({"detail": detail}, ensure_ascii=False), status=503,
            content_type="application/json; charset=utf-8",
        )
    else:
        response = HttpResponse(_PAGE.format(detail=detail), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(retry)
    return response


def apply_request_wait(seconds: float) -> None:
    """Give this thread's connection the request's wait once (kept while the connection lives)."""
    connection.ensure_connection()
    if getattr(connection, "zx_wait_for", None) == (connection.connection, seconds):
        return
    milliseconds = max(1, int(seconds * 1000))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET lock_timeout = {milliseconds}")
        elif connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {milliseconds}")
    connection.zx_wait_for = (connection.connection, seconds)  # type: ignore[attr-defined]


def api_exception_handler(request: HttpRequest, exc: Any) -> HttpResponse:
    """For django-ninja, which answers exceptions itself when DEBUG is on; otherwise re-raised
    to Django (and the middleware below)."""
    if is_overload(exc):
        logger.warning("refused %s %s: %s", request.method, request.path, exc)
        return busy_response(request)
    raise exc


class RefuseWhenBusy:
    """Middleware: requests wait briefly for a write turn; an overloaded database answers 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = write_wait_seconds()
        token = request_write_wait.set(seconds)
        try:
            try:
                apply_request_wait(seconds)
            except OperationalError as exc:
                # No connection to be had (too many clients): as busy as a lock held too long.
                if not is_overload(exc):
                    raise
                logger.warning("refused %s %s: %s", request.method, request.path, exc)
                return busy_response(request)
            return self.get_response(request)
        finally:
            request_write_wait.reset(token)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_overload(exc):
            return None
        logger.warning("refused %s %s: %s", request.method, request.path, exc)
        return busy_response(request)


_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>平台繁忙 · 执行</title></head>
<body style="font-family:sans-serif;margin:2rem">
<h1>平台繁忙</h1>
<p>{detail}。</p>
<p><a href="/">返回首页</a></p>
</body></html>
"""
