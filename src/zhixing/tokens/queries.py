"""The tokens there are, for `zhixing users token --list`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zhixing.core import clock
from zhixing.tokens.models import ApiToken


@dataclass(frozen=True)
class TokenRow:
    prefix: str
    username: str
    name: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    status: str


def token_rows(username: str | None = None) -> list[TokenRow]:
    now = clock.now()
    tokens = ApiToken.objects.select_related("user").order_by("created_at", "pk")
    if username:
        tokens = tokens.filter(user__username=username)
    return [
        TokenRow(
            t.prefix, t.user.get_username(), t.name, t.created_at, t.expires_at, t.last_used_at,
            "已吊销" if t.revoked_at else ("已过期" if t.expires_at <= now else "有效"),
        )
        for t in tokens
    ]
