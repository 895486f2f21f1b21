"""Django settings. Everything deployment-specific comes from ZHIXING_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "sqlite:///var/zhixing.sqlite3"


def _database_config() -> dict[str, Any]:
    url = os.environ.get("ZHIXING_DATABASE_URL", DEFAULT_DATABASE_URL)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        relative = url.removeprefix("sqlite:///")
        if relative and relative != ":memory:":
            path = Path.cwd() / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
    # Connections are kept between requests: opening one per request cost more than a
    # whole real-time evaluation (a PostgreSQL backend process per request).
    max_age = int(os.environ.get("ZHIXING_DB_CONN_MAX_AGE", "300"))
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=max_age, conn_health_checks=max_age > 0)
    )
    if config["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("ZHIXING_PG_PREPARE", "1") == "1":
        # Django turns prepared statements off for connection poolers; its own cursors bind
        # on the client and never prepare, so this reaches only the real-time scenario
        # queries (scenarios.engines.postgresql). Set ZHIXING_PG_PREPARE=0 behind a pooler
        # that cannot keep prepared statements.
        config["OPTIONS"] = {"prepare_threshold": 5}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = "zhixing.core.sqlite_writer"
        config["OPTIONS"] = {
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Concurrent requests that read and then write would otherwise fail with
            # "database is locked" instead of waiting for the lock.
            "transaction_mode": "IMMEDIATE",
        }
        if config["NAME"] != ":memory:":
            # A file, not Django's shared in-memory test database: concurrent requests in
            # the tests must meet the same write lock as on a server.
            config["TEST"] = {"NAME": f"{config['NAME']}.test"}
    return config


def _flag(name: str) -> bool:
    return os.environ.get(name, "0") == "1"


DEBUG = _flag("ZHIXING_DEBUG")
DEVELOPMENT_SECRET_KEY = "zhixing-development-key-not-for-production"  # noqa: S105 -- used only with ZHIXING_DEBUG=1


def _secret_key() -> str:
    key = os.environ.get("ZHIXING_SECRET_KEY", "").strip()
    if key:
        return key
    if DEBUG:
        return DEVELOPMENT_SECRET_KEY
    raise ImproperlyConfigured(
        "ZHIXING_SECRET_KEY 未设置：生产环境必须设置自己的密钥（例如 50 位随机字符）；"
        "仅在开发时可改设 ZHIXING_DEBUG=1 使用开发密钥。平台未启动。"
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = os.environ.get("ZHIXING_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "zhixing.core",
    "zhixing.accounts",
    "zhixing.tokens",
    "zhixing.audit",
    "zhixing.ops",
    "zhixing.parties",
    "zhixing.cases",
    "zhixing.exchange",
    "zhixing.scenarios",
    "zhixing.alerts",
    "zhixing.evaluation",
    "zhixing.web",
    "zhixing.api",
    "zhixing.demo",
    "zhixing.bench",
    "zhixing.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zhixing.web.headers.content_security_policy",
    "zhixing.core.overload.RefuseWhenBusy",
    "zhixing.web.middleware.no_jit",
]

ROOT_URLCONF = "zhixing.config.urls"
WSGI_APPLICATION = "zhixing.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path.cwd() / "var" / "static"
STATICFILES_DIRS = [p for p in [Path(os.environ.get("ZHIXING_NODE_MODULES", ""))] if str(p) not in ("", ".") and p.is_dir()]
# Without ZHIXING_NODE_MODULES, a source checkout serves the node_modules that `make install` fills.
_CHECKOUT_NODE_MODULES = BASE_DIR.parent.parent / "node_modules"
if not STATICFILES_DIRS and _CHECKOUT_NODE_MODULES.is_dir():
    STATICFILES_DIRS = [_CHECKOUT_NODE_MODULES]

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

# Every way a password is set (web, `zhixing users`, Django's own commands) runs these.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhixing.accounts.passwords.NotBlankOrRepeatedValidator"},
    {"NAME": "zhixing.accounts.passwords.NoUsernameValidator"},
]

# The web login refuses a username from one address after this many failures within the
# cool-off period (429), also for the right password, until the period has passed.
ZHIXING_LOGIN_FAILURE_LIMIT = int(os.environ.get("ZHIXING_LOGIN_FAILURE_LIMIT", "5"))
ZHIXING_LOGIN_COOLOFF_MINUTES = int(os.environ.get("ZHIXING_LOGIN_COOLOFF_MINUTES", "15"))
# Days an API token is valid from its issue (`zhixing users token --days` overrides).
ZHIXING_TOKEN_DAYS = int(os.environ.get("ZHIXING_TOKEN_DAYS", "90"))

# Served over HTTPS (directly or behind a proxy that sets X-Forwarded-Proto): secure cookies,
# HSTS for a year and a redirect from plain HTTP.
ZHIXING_HTTPS = _flag("ZHIXING_HTTPS")
SESSION_COOKIE_SECURE = ZHIXING_HTTPS
CSRF_COOKIE_SECURE = ZHIXING_HTTPS
SECURE_SSL_REDIRECT = ZHIXING_HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if ZHIXING_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = ZHIXING_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ZHIXING_HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Seconds a web or API request waits for the database's write turn before it is refused
# with 503 and Retry-After (core.overload); the command line and the worker wait longer.
ZHIXING_WRITE_WAIT_SECONDS = float(os.environ.get("ZHIXING_WRITE_WAIT_SECONDS", "5"))

# Per-deployment scenario parameter overrides, e.g. {"S05": {"disburse_days": 20}}.
# Per-court overrides live in the database (scenarios.ParameterOverride).
ZHIXING_SCENARIO_PARAMETERS: dict = {}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ZHIXING_LOG_LEVEL", "WARNING")},
}
