"""API tokens for other court systems. Only a SHA-256 digest of the token is stored."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="which system uses it")
    prefix = models.CharField(max_length=12, unique=True, help_text="shown to tell tokens apart")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "zx_api_token"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"
