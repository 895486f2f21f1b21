"""Session login for pages, bearer tokens for other systems; both end in a Viewer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from zhixing.accounts.actions import token_digest
from zhixing.accounts.permissions import NoMembership, Viewer, viewer_for
from zhixing.api.models import ApiToken
from zhixing.core import clock


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
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=clock.now())
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
