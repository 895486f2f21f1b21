"""Session login for pages, bearer tokens for other systems; both end in a Viewer.

A request that carries an Authorization header is answered by the token alone: a token that
does not authenticate is a 401 naming why, never a fall-through to the session (and its
CSRF check)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from zhixing.accounts.permissions import NoMembership, Viewer, viewer_for
from zhixing.tokens.checking import TokenRefused, user_for_token


class TokenRefusedError(HttpError):
    def __init__(self, reason: str) -> None:
        super().__init__(401, reason)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer zx_…`` — the token's SHA-256 digest is looked up."""

    def __call__(self, request: HttpRequest) -> Any | None:
        value = request.headers.get(self.header)
        if value is None:
            return None
        scheme, _, token = value.strip().partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise TokenRefusedError("Authorization 请求头只接受 Bearer 令牌")
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        try:
            user = user_for_token(token)
        except TokenRefused as exc:
            raise TokenRefusedError(str(exc)) from exc
        request.user = user
        return user


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
