"""Audit log: every look at personal data and every decision, with who, when and from where."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, help_text="kept when the user is deleted")
    action = models.CharField(max_length=40, help_text="view_alert, view_party, feedback, …")
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=100)
    identity = models.ForeignKey(
        "parties.Identity", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="the person or organisation whose data was seen, when there is one",
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "zx_audit_event"
        indexes = [
            models.Index(fields=["username", "at"]),
            models.Index(fields=["identity", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type}:{self.object_id}"
