"""The one write path (docs/architecture.md): every change is a command.

A command is one function of its context's ``commands`` module, ``(actor, validated input)
-> result``. It checks permission through ``accounts.permissions``, writes and audits inside
``write()`` (one durable transaction), and schedules what must wait for the commit
(real-time evaluation, notifications, outside calls) with ``after_commit``. Views, routers,
management commands, the importer and jobs parse input, build an ``Actor`` and call commands.
"""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction


@dataclass(frozen=True)
class Actor:
    """Who makes a change, as the audit log names them.

    ``viewer`` is the ``accounts.permissions.Viewer`` of a person (web or API); it is None
    for the command line, a batch and the platform's own jobs, which are trusted callers."""

    username: str
    user: Any = None
    viewer: Any = None
    ip: str | None = None

    @classmethod
    def for_request(cls, request: Any, viewer: Any) -> Actor:
        user = getattr(request, "user", None)
        return cls(
            username=viewer.username,
            user=user if getattr(user, "pk", None) else None,
            viewer=viewer,
            ip=request.META.get("REMOTE_ADDR") or None,  # as audit.log.client_ip: no header trusted
        )

    @classmethod
    def command_line(cls) -> Actor:
        return cls(username=f"命令行:{getpass.getuser()}")

    @classmethod
    def batch(cls, source: str) -> Actor:
        return cls(username=f"批次:{source}")

    @classmethod
    def system(cls) -> Actor:
        return cls(username="system")

    @property
    def is_person(self) -> bool:
        return self.viewer is not None


def write() -> transaction.Atomic:
    """The command's transaction: durable, so a command never runs inside another one's."""
    return transaction.atomic(durable=True)


def after_commit(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run ``fn`` once the command's transaction has committed (never if it rolls back)."""
    transaction.on_commit(functools.partial(fn, *args, **kwargs))


class Refused(Exception):
    """A command refused its input; nothing was changed.

    ``kind`` tells a door how to answer: ``invalid`` (the field ``field`` is wrong: 422),
    ``unavailable`` (does not exist or may not be touched by this actor, answered alike so
    the answer reveals nothing: 404), ``forbidden`` (the actor may see it but not do this:
    403), ``conflict`` (it contradicts a stored fact: 409)."""

    def __init__(self, message: str, *, kind: str = "invalid", field: str | None = None,
                 detail: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.field = field
        self.detail = detail or {}
