"""An API token. Only a SHA-256 digest of the token is stored; the token is shown once."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="which system uses it")
    prefix = models.CharField(max_length=12, unique=True, help_text="shown to tell tokens apart")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(help_text="refused from this moment on")
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_api_token"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"
