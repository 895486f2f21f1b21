"""Issuing and revoking API tokens (docs/api.md); each is audited inside its transaction."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from zhixing.audit.log import record_for
from zhixing.core import clock
from zhixing.core.commands import Actor, write
from zhixing.tokens.models import ApiToken, token_digest

TOKEN_PREFIX = "zx"  # noqa: S105 -- a prefix, not a secret
MAX_DAYS = 3650


class TokenError(ValueError):
    pass


@dataclass(frozen=True)
class IssuedToken:
    token: str
    prefix: str
    expires_at: dt.datetime


def issue_token(actor: Actor, username: str, name: str, *, days: int | None = None) -> IssuedToken:
    """A token for a user, valid ``days`` (default ZHIXING_TOKEN_DAYS); shown once, stored as a digest."""
    lifetime = settings.ZHIXING_TOKEN_DAYS if days is None else days
    if not 1 <= lifetime <= MAX_DAYS:
        raise TokenError(f"days: 有效天数应在 1 到 {MAX_DAYS} 之间，收到 {lifetime}")
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise TokenError(f"username: 没有用户 {username!r}")
    prefix = secrets.token_hex(4)
    token = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    now = clock.now()
    expires_at = now + dt.timedelta(days=lifetime)
    with write():
        ApiToken.objects.create(
            user=user, name=name or "api", prefix=prefix, digest=token_digest(token),
            created_at=now, expires_at=expires_at,
        )
        record_for(actor, "issue_token", "api_token", prefix, detail={
            "user": username, "name": name or "api", "expires_at": expires_at.isoformat(),
        })
    return IssuedToken(token, prefix, expires_at)


def revoke_token(actor: Actor, prefix: str) -> ApiToken:
    """From now on the token is refused (401); a revoked token stays revoked."""
    prefix = prefix.strip().removeprefix(f"{TOKEN_PREFIX}_").split("_")[0]
    with write():
        token = ApiToken.objects.select_for_update().filter(prefix=prefix).select_related("user").first()
        if token is None:
            raise TokenError(f"prefix: 没有前缀为 {prefix!r} 的令牌")
        if token.revoked_at is not None:
            raise TokenError(f"prefix: 令牌 {prefix} 已于 {clock.shanghai_date(token.revoked_at)} 吊销")
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record_for(actor, "revoke_token", "api_token", prefix, detail={
            "user": token.user.get_username(), "name": token.name,
        })
    return token
