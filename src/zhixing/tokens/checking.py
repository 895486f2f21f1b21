"""Who a bearer token belongs to, or why it is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhixing.core import clock
from zhixing.tokens.models import ApiToken, token_digest

MAX_TOKEN_LENGTH = 200
# last_used_at is written at most this often: a system posting many events a second would
# otherwise take the database's write lock once more for every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenRefused(Exception):
    """The token does not authenticate; the message says why, in words for the calling system."""


def user_for_token(token: str) -> Any:
    if not token or "\x00" in token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenRefused("令牌无效")
    api_token = ApiToken.objects.filter(digest=token_digest(token)).select_related("user").first()
    if api_token is None:
        raise TokenRefused("令牌无效")
    now = clock.now()
    if api_token.revoked_at is not None:
        raise TokenRefused(f"令牌 {api_token.prefix} 已被吊销")
    if api_token.expires_at <= now:
        raise TokenRefused(f"令牌 {api_token.prefix} 已于 {clock.shanghai_date(api_token.expires_at)} 过期")
    if not api_token.user.is_active:
        raise TokenRefused(f"令牌 {api_token.prefix} 所属用户已停用")
    last = api_token.last_used_at
    if last is None or now - last >= LAST_USED_RESOLUTION:
        # Bookkeeping of the token itself, not a change a user makes: no command, no audit.
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return api_token.user
