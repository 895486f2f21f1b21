"""Extension point for alert handling (notifications, escalation timers, statistics).

``raising.store_findings`` calls ``after_alerts_changed`` inside its transaction after it
has written a scenario's alerts, with the ids of alerts raised (new or reopened by the
system) and of alerts it closed. Work with outside effects belongs in
``transaction.on_commit``. The body is intentionally empty until alert handling fills it."""

from __future__ import annotations

from collections.abc import Collection


def after_alerts_changed(raised_ids: Collection[int], closed_ids: Collection[int]) -> None:
    """Called once per stored scenario; must not raise for ordinary data."""
    return None
