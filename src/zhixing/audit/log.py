"""Writing audit events. Callers pass the request so the address is recorded."""

from __future__ import annotations

import getpass
from typing import Any

from django.http import HttpRequest

from zhixing.audit.models import AuditEvent
from zhixing.core import clock
from zhixing.core.commands import Actor


def client_ip(request: HttpRequest | None) -> str | None:
    """The peer address Django saw. Proxies must set REMOTE_ADDR themselves (no header trust)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    return address


def record(
    request: HttpRequest | None,
    user: Any,
    action: str,
    object_type: str,
    object_id: object,
    *,
    identity_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """A read of personal data by a page or the API, with the address it came from."""
    actor = Actor(
        username=user.get_username() if user is not None else "system",
        user=user if getattr(user, "pk", None) else None,
        ip=client_ip(request),
    )
    return record_for(actor, action, object_type, object_id, identity_id=identity_id, detail=detail)


def record_for(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: object,
    *,
    identity_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """The audit entry of a command, written inside its transaction (``core.commands.Actor``)."""
    return AuditEvent.objects.create(
        at=clock.now(),
        user=actor.user,
        username=actor.username,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        identity_id=identity_id,
        ip=actor.ip,
        detail=detail or {},
    )


def record_command(
    action: str,
    object_type: str,
    object_id: object,
    *,
    identity_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """A read made with the command-line tool: the operating-system account is the reader."""
    return AuditEvent.objects.create(
        at=clock.now(),
        username=f"命令行:{getpass.getuser()}",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        identity_id=identity_id,
        detail=detail or {},
    )
