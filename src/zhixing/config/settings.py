"""Django settings. Everything deployment-specific comes from ZHIXING_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url

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
    return config


SECRET_KEY = os.environ.get("ZHIXING_SECRET_KEY", "zhixing-development-key-change-me-in-production")
DEBUG = os.environ.get("ZHIXING_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("ZHIXING_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "zhixing.core",
    "zhixing.accounts",
    "zhixing.audit",
    "zhixing.parties",
    "zhixing.cases",
    "zhixing.exchange",
    "zhixing.scenarios",
    "zhixing.alerts",
    "zhixing.web",
    "zhixing.api",
    "zhixing.demo",
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
