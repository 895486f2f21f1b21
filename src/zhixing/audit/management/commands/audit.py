"""`zhixing audit [--user U] [--party ID] [--from YYYY-MM-DD] [--format table|json]`."""

from __future__ import annotations

import datetime as dt
import io
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from zhixing.audit.queries import events
from zhixing.core.clock import SHANGHAI


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--from: not a date YYYY-MM-DD: {text!r}") from exc


class Command(BaseCommand):
    help = "Query the audit log: who looked at what, when, from where."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", help="username")
        parser.add_argument("--party", help="identity id or identity number (身份证号/统一社会信用代码)")
        parser.add_argument("--from", dest="since", help="first day, YYYY-MM-DD")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, **options) -> None:
        since = _date(options["since"]) if options["since"] else None
        rows = events(username=options["user"], party=options["party"], since=since)
        if options["format"] == "json":
            for event in rows:
                self.stdout.write(json.dumps({
                    "at": event.at.isoformat(),
                    "user": event.username,
                    "action": event.action,
                    "object": f"{event.object_type}:{event.object_id}",
                    "identity_id": event.identity_id,
                    "ip": event.ip,
                    "detail": event.detail,
                }, ensure_ascii=False))
            return
        table = Table(title="审计日志")
        for column in ("时间", "用户", "操作", "对象", "当事人", "来源地址"):
            table.add_column(column)
        for event in rows:
            table.add_row(
                f"{event.at.astimezone(SHANGHAI):%Y-%m-%d %H:%M:%S}",
                event.username,
                event.action,
                f"{event.object_type}:{event.object_id}",
                event.identity.name if event.identity else "",
                event.ip or "",
            )
        buffer = io.StringIO()
        Console(file=buffer, width=140).print(table)
        self.stdout.write(buffer.getvalue())
