"""Issue 21 item 8, the login door: lockout after failures, password rules on every door, no
start without a secret key, HTTPS settings and the security headers of every page."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from world import make_staff
from zhixing.accounts.commands import (
    AccountError,
    check_password_strength,
    create_user,
    ensure_demo_users,
    set_password,
)
from zhixing.audit.models import AuditEvent
from zhixing.core import clock

GOOD = "Zhixing-door-2026"
WEAK = ["aaaaaaaaaa", "password12", "judge-door-2026", " " * 10]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def judge(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_staff()
    return create_user("judge-door", court_code="沪0104", role="执行法官", password=GOOD)


def post_login(password: str, ip: str = "10.0.0.7", username: str = "judge-door"):
    return Client(REMOTE_ADDR=ip).post("/login/", {"username": username, "password": password})


def at(moment: dt.datetime, monkeypatch) -> None:
    monkeypatch.setattr("zhixing.core.clock.now", lambda: moment)


# --- lockout ---------------------------------------------------------------------------

def test_a_hundred_wrong_passwords_lock_the_login_even_for_the_right_one(judge):
    statuses = [post_login(f"wrong-{i}").status_code for i in range(100)]
    assert statuses[:5] == [200] * 5  # the form again, "用户名或密码不正确"
    assert set(statuses[5:]) == {429}
    response = post_login(GOOD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "judge-door" in page
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in response.client.session
    # only the five tries that reached the password check are in the audit log
    assert AuditEvent.objects.filter(action="login_failed", username="judge-door", ip="10.0.0.7").count() == 5


def test_the_lock_is_per_username_and_address_and_ends_after_the_cool_off(judge, settings, monkeypatch):
    settings.ZHIXING_LOGIN_FAILURE_LIMIT = 3
    settings.ZHIXING_LOGIN_COOLOFF_MINUTES = 15
    start = dt.datetime(2026, 3, 16, 9, 0, tzinfo=clock.SHANGHAI)
    for minute in range(3):
        at(start + dt.timedelta(minutes=minute), monkeypatch)
        assert post_login("wrong").status_code == 200
    assert post_login(GOOD).status_code == 429
    assert post_login(GOOD, ip="10.0.0.8").status_code == 302  # another address is not locked
    at(start + dt.timedelta(minutes=15, seconds=1), monkeypatch)
    assert post_login(GOOD).status_code == 302  # the first failure has left the window
    assert AuditEvent.objects.filter(action="login", username="judge-door").count() == 2


def test_a_good_login_clears_the_count(judge, settings):
    settings.ZHIXING_LOGIN_FAILURE_LIMIT = 3
    for _ in range(2):
        post_login("wrong")
    assert post_login(GOOD).status_code == 302
    for _ in range(2):
        assert post_login("wrong").status_code == 200
    assert post_login(GOOD).status_code == 302


# --- password rules --------------------------------------------------------------------

@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_in_chinese_on_every_door(judge, password, monkeypatch):
    user = get_user_model().objects.get(username="judge-door")
    with pytest.raises(AccountError) as refused:
        check_password_strength(password, user)
    assert str(refused.value).startswith("password: ") and CJK.search(str(refused.value))
    assert not re.search(r"[A-Za-z]{4,}", str(refused.value).removeprefix("password: "))  # no English
    with pytest.raises(AccountError, match="password"):
        set_password("judge-door", password)
    with pytest.raises(AccountError, match="password"):
        create_user("judge-door2", court_code="沪0104", role="执行法官", password=password.replace("judge-door", "judge-door2"))
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    with pytest.raises(CommandError, match="password"):
        call_command("users", "set-password", "judge-door", "--stdin", stdout=io.StringIO())
    with pytest.raises(ValidationError):  # Django's own changepassword and createsuperuser
        validate_password(password, user)
    assert authenticate(username="judge-door", password=password) is None
    assert authenticate(username="judge-door", password=GOOD) is not None


def test_demo_passwords_pass_every_rule(db):
    make_staff()
    users = ensure_demo_users()
    assert len(users) == 6
    for demo in users:
        assert demo.password is not None
        check_password_strength(demo.password, get_user_model().objects.get(username=demo.username))


# --- the secret key --------------------------------------------------------------------

def run_settings(code: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("ZHIXING_SECRET_KEY", "ZHIXING_DEBUG", "ZHIXING_HTTPS")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; " + code],
        env=environ, capture_output=True, text=True, timeout=60,
    )


def test_without_a_secret_key_the_platform_refuses_to_start():
    refused = run_settings("print(settings.SECRET_KEY)")
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "ZHIXING_SECRET_KEY 未设置" in refused.stderr
    assert run_settings("print(settings.SECRET_KEY)", ZHIXING_SECRET_KEY="k" * 50).stdout.strip() == "k" * 50
    development = run_settings("print(settings.DEBUG)", ZHIXING_DEBUG="1")
    assert development.returncode == 0 and development.stdout.strip() == "True"


def test_the_zhixing_command_says_why_it_does_not_start(tmp_path):
    environ = {k: v for k, v in os.environ.items() if k not in ("ZHIXING_SECRET_KEY", "ZHIXING_DEBUG")}
    run = subprocess.run([sys.executable, "-m", "zhixing", "check"], env=environ, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.startswith("zhixing: ZHIXING_SECRET_KEY 未设置") and "Traceback" not in run.stderr


# --- HTTPS and the headers -------------------------------------------------------------

def test_https_turns_on_secure_cookies_hsts_and_the_redirect():
    code = ("print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT, "
            "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_PROXY_SSL_HEADER)")
    on = run_settings(code, ZHIXING_SECRET_KEY="k" * 50, ZHIXING_HTTPS="1")
    assert on.stdout.split(" ", 5) == ["True", "True", "True", "31536000", "True", "('HTTP_X_FORWARDED_PROTO', 'https')\n"]
    off = run_settings(code, ZHIXING_SECRET_KEY="k" * 50)
    assert off.stdout.split() == ["False", "False", "False", "0", "False", "None"]


def test_over_https_the_cookies_are_secure_and_hsts_is_sent(judge, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    client = Client()
    page = client.get("/login/", secure=True)
    assert page.cookies["csrftoken"]["secure"] is True
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    logged_in = client.post("/login/", {"username": "judge-door", "password": GOOD}, secure=True)
    assert logged_in.status_code == 302
    assert logged_in.cookies["sessionid"]["secure"] is True


def test_every_answer_carries_the_security_headers(judge):
    for response in (Client().get("/login/"), Client().get("/alerts/"), Client().get("/api/alerts")):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
