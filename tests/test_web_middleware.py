"""Requests run their queries without PostgreSQL's JIT compilation; other work keeps it."""

import pytest
from django.db import connection

import web_scene
from zhixing.web.middleware import no_jit

pytestmark = pytest.mark.django_db


def _jit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0]


def test_a_request_turns_jit_off_once_per_connection(client, settings):
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    web_scene.build()
    with connection.cursor() as cursor:
        cursor.execute("SET jit = on")
    connection.zx_jit_off_for = None
    assert client.login(username="judge-a", password=web_scene.PASSWORD)
    assert client.get("/alerts/").status_code == 200
    assert _jit() == "off"
    with connection.cursor() as cursor:
        cursor.execute("SET jit = on")
    client.get("/alerts/")
    assert _jit() == "on", "set once for the connection, not again on every request"


def test_the_middleware_passes_the_request_on():
    seen = []
    no_jit(lambda request: seen.append(request) or "page")("request")
    assert seen == ["request"]
