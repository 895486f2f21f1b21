"""Commands of the accounts context: what a login attempt leaves in the audit log."""

from __future__ import annotations

from zhixing.accounts.lockout import LOGIN, LOGIN_FAILED, login_key
from zhixing.audit.log import record_for
from zhixing.core.commands import Actor, write


def record_login(actor: Actor) -> None:
    """A good login; the failures before it no longer count towards a lockout."""
    with write():
        record_for(actor, LOGIN, "login", login_key(actor.username))


def record_login_failure(username: str, ip: str | None) -> None:
    """A failed login: the audit entry names the username tried and the address it came from."""
    key = login_key(username)
    with write():
        record_for(Actor(username=key, ip=ip), LOGIN_FAILED, "login", key)
