"""Writes on alerts other than feedback and holds: reading state."""

from __future__ import annotations

from zhixing.alerts.models import READ, UNREAD, Alert, AlertRecipient
from zhixing.core import clock


def mark_read(alert: Alert, staff_id: str) -> bool:
    """An unread recipient becomes 已读 when they open the alert. True when it changed."""
    if not staff_id:
        return False
    changed = AlertRecipient.objects.filter(alert=alert, staff_id=staff_id, state=UNREAD).update(
        state=READ, read_at=clock.now()
    )
    return changed > 0
