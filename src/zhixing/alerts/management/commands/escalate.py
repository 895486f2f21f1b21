"""`zhixing escalate [--as-of YYYY-MM-DD]`: run the escalation job once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.alerts.escalation import escalate_workdays, run_escalation
from zhixing.core import clock
from zhixing.core.commands import Actor


class Command(BaseCommand):
    help = "Send unanswered high-severity alerts to the chief of each recipient court (once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", dest="as_of", help="date YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["as_of"]
        try:
            as_of = dt.date.fromisoformat(text) if text else clock.today()
        except ValueError as exc:
            raise CommandError(f"--as-of: not a date YYYY-MM-DD: {text!r}") from exc
        report = run_escalation(as_of, Actor.command_line())
        self.stdout.write(
            f"截至 {as_of}（{escalate_workdays()} 个工作日未反馈的高风险预警）："
            f"升级 {len(report.escalated)} 条"
        )
        for alert_id, court_id, chiefs in report.escalated:
            self.stdout.write(f"  预警 {alert_id} → {court_id} 执行局长 {', '.join(chiefs)}")
        for alert_id, court_id in report.without_chief:
            self.stderr.write(f"  预警 {alert_id}: {court_id} 没有执行局长，无法升级")
