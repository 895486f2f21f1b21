"""Session login for pages, bearer tokens for other systems; both end in a Viewer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from zhixing.accounts.actions import token_digest
from zhixing.accounts.permissions import NoMembership, Viewer, viewer_for
from zhixing.api.models import ApiToken
from zhixing.core import clock

# last_used_at is written at most this often: a system posting many events a second would
# otherwise take the database's write lock once more for every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer zx_…`` — the token's SHA-256 digest is looked up."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        if not token or "\x00" in token or len(token) > 200:
            return None
        api_token = (
            ApiToken.objects.filter(digest=token_digest(token), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        if api_token is None or not api_token.user.is_active:
            return None
        now = clock.now()
        last = api_token.last_used_at
        if last is None or now - last >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), ActiveSessionAuth()]


def viewer(request: HttpRequest) -> Viewer:
    user = request.auth  # type: ignore[attr-defined]
    try:
        return viewer_for(user)
    except NoMembership as exc:
        raise HttpError(403, str(exc)) from exc
