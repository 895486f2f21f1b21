"""Issue 21 item 8 (tokens expire, are revoked and listed, audited; a bad token is a 401, never
a CSRF 403) and issue 12 item 8 (tokens issued, stored, checked and revoked in one app)."""

from __future__ import annotations

import datetime as dt
import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from world import build_world, make_users
from zhixing.audit.models import AuditEvent
from zhixing.core import clock
from zhixing.tokens.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    build_world()
    make_users()


def users(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("users", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def issue(*args: str) -> str:
    return users("token", "admin", "--name", "执行案件管理系统", *args)[0].strip()


def get(token: str, path: str = "/api/alerts"):
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_expires_after_the_configured_days(world, settings, monkeypatch):
    settings.ZHIXING_TOKEN_DAYS = 90
    token = issue()
    stored = ApiToken.objects.get()
    assert stored.expires_at - stored.created_at == dt.timedelta(days=90)
    assert get(token).status_code == 200
    monkeypatch.setattr("zhixing.core.clock.now", lambda: stored.expires_at + dt.timedelta(seconds=1))
    expired = get(token)
    assert expired.status_code == 401
    assert "已于" in expired.json()["detail"] and "过期" in expired.json()["detail"]
    assert expired["WWW-Authenticate"].startswith("Bearer")


def test_days_can_be_given_per_token(world):
    issue("--days", "7")
    stored = ApiToken.objects.get()
    assert stored.expires_at - stored.created_at == dt.timedelta(days=7)
    with pytest.raises(CommandError, match="days"):
        issue("--days", "0")


def test_a_revoked_token_gets_401_and_the_revocation_is_audited(world):
    token = issue()
    prefix = ApiToken.objects.get().prefix
    assert get(token).status_code == 200
    out, _ = users("token", "--revoke", prefix)
    assert f"已吊销令牌 {prefix}" in out
    refused = get(token)
    assert refused.status_code == 401
    assert refused.json()["detail"] == f"令牌 {prefix} 已被吊销"
    assert AuditEvent.objects.filter(action="revoke_token", object_id=prefix).count() == 1
    assert AuditEvent.objects.filter(action="issue_token", object_id=prefix).count() == 1
    with pytest.raises(CommandError, match="已于"):
        users("token", "--revoke", prefix)
    with pytest.raises(CommandError, match="没有前缀"):
        users("token", "--revoke", "ffffffff")


def test_the_listing_shows_every_token_and_its_state_without_the_secret(world, monkeypatch):
    live = issue()
    issue("--days", "1")
    old = ApiToken.objects.order_by("pk").last()
    revoked = issue()
    users("token", "--revoke", revoked.split("_")[1])
    monkeypatch.setattr("zhixing.core.clock.now", lambda: old.expires_at + dt.timedelta(minutes=1))
    out, _ = users("token", "--list")
    lines = out.strip().splitlines()
    assert lines[0].split("\t") == ["前缀", "用户", "用途", "签发", "有效至", "最近使用", "状态"]
    assert [line.split("\t")[-1] for line in lines[1:]] == ["有效", "已过期", "已吊销"]
    assert all(token not in out for token in (live, revoked))
    assert AuditEvent.objects.filter(action="list_tokens").count() == 1
    assert users("token", "judge_a", "--list")[0].strip().count("\n") == 0  # header only


def test_a_bad_bearer_token_is_401_not_a_csrf_403(world):
    client = Client(enforce_csrf_checks=True)
    body = {"reason": "x"}
    for header in ("Bearer zx_wrong_token", "Bearer ", "Token abc", "Basic YWRtaW46eA=="):
        response = client.post("/api/holds/1/release", body, content_type="application/json",
                               HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, (header, response.content)
        assert "CSRF" not in response.content.decode()
        assert "令牌" in response.json()["detail"]
    # signed in with a session too: the header still decides
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get("/api/alerts", HTTP_AUTHORIZATION="Bearer zx_wrong_token")
    assert response.status_code == 401
    assert response.json()["detail"] == "令牌无效"


def test_no_credentials_at_all_is_a_chinese_401(world):
    response = Client().get("/api/alerts")
    assert response.status_code == 401
    assert response.json()["detail"] == "请先登录或提供有效的 Bearer 令牌"


def test_a_deactivated_users_token_is_refused(world):
    token = issue()
    get_user_model().objects.filter(username="admin").update(is_active=False)
    assert get(token).status_code == 401


def test_tokens_live_in_one_app_on_the_same_table():
    import zhixing.accounts.commands as accounts_actions

    assert ApiToken._meta.app_label == "tokens"
    assert ApiToken._meta.db_table == "zx_api_token"
    assert not hasattr(accounts_actions, "issue_token")
    with pytest.raises(ImportError):
        importlib.import_module("zhixing.api.models")


@pytest.mark.django_db(transaction=True)
def test_moving_the_model_keeps_the_tokens_and_gives_them_an_expiry(settings):
    """A database with tokens from before the move keeps every row; each expires
    ZHIXING_TOKEN_DAYS after it was issued."""
    get_user_model().objects.create_user("admin")  # no courts: a transactional test may run after a flush
    executor = MigrationExecutor(connection)
    before = [("api", "0001_initial"), ("tokens", None)]
    executor.migrate(before)
    created = dt.datetime(2026, 1, 5, 9, 0, tzinfo=clock.SHANGHAI)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO zx_api_token (user_id, name, prefix, digest, created_at) "
            "SELECT id, 'old', 'abcd1234', %s, %s FROM auth_user WHERE username = 'admin'",
            ["d" * 64, created],
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    token = ApiToken.objects.get(prefix="abcd1234")
    assert token.user.username == "admin" and token.digest == "d" * 64
    assert token.expires_at == created + dt.timedelta(days=settings.ZHIXING_TOKEN_DAYS)
