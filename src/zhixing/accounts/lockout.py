"""Whether the web login refuses a username from an address: ZHIXING_LOGIN_FAILURE_LIMIT
failed logins within ZHIXING_LOGIN_COOLOFF_MINUTES (since the pair's last good login) lock
it, also for the right password, until the oldest of them is older than the cool-off.

The failures are the audit log's own ``login_failed`` entries: nothing else to keep or clear."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from zhixing.audit.models import AuditEvent
from zhixing.core import clock

LOGIN = "login"
LOGIN_FAILED = "login_failed"
MAX_USERNAME = 100


def login_key(username: str) -> str:
    return username.strip()[:MAX_USERNAME]


def cooloff() -> dt.timedelta:
    return dt.timedelta(minutes=settings.ZHIXING_LOGIN_COOLOFF_MINUTES)


def locked_until(username: str, ip: str | None) -> dt.datetime | None:
    """When the pair may try again, or None when it may now."""
    limit = settings.ZHIXING_LOGIN_FAILURE_LIMIT
    if limit <= 0:
        return None
    key = login_key(username)
    since = clock.now() - cooloff()
    entries = AuditEvent.objects.filter(username=key, ip=ip, at__gt=since, object_type="login")
    last_login = entries.filter(action=LOGIN).order_by("-at").values_list("at", flat=True).first()
    failures = entries.filter(action=LOGIN_FAILED)
    if last_login is not None:
        failures = failures.filter(at__gt=last_login)
    recent = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(recent) < limit:
        return None
    return recent[-1] + cooloff()
