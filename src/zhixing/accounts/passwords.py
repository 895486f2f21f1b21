"""The platform's own password rules, next to Django's validators (settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

MIN_USERNAME_IN_PASSWORD = 3


class NotBlankOrRepeatedValidator:
    """Refuses a password of blanks only or of one character repeated (``aaaaaaaaaa``)."""

    def validate(self, password: str, user: Any = None) -> None:
        if not password.strip():
            raise ValidationError("密码不能只由空格组成", code="password_blank")
        if len(set(password)) == 1:
            raise ValidationError("密码不能由同一个字符重复组成", code="password_repeated")

    def get_help_text(self) -> str:
        return "密码不能只由空格或同一个字符重复组成。"


class NoUsernameValidator:
    """Refuses a password that contains the username, whatever the rest of it."""

    def validate(self, password: str, user: Any = None) -> None:
        username = (getattr(user, "username", "") or "").casefold()
        if len(username) >= MIN_USERNAME_IN_PASSWORD and username in password.casefold():
            raise ValidationError("密码不能包含用户名", code="password_contains_username")

    def get_help_text(self) -> str:
        return "密码不能包含用户名。"
