"""`zhixing stats [--format json|table] [--from D] [--to D] [--court CODE] [--scenario S] [--by-court]`."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from zhixing.alerts.stats import compute
from zhixing.cases.models import Court
from zhixing.core.money import format_yuan


def _date(option: str, text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"{option}: not a date YYYY-MM-DD: {text!r}") from exc


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


class Command(BaseCommand):
    help = "Per-scenario figures: raised, answered, helpful share, money recovered."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--from", dest="date_from", help="first day raised, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", help="last day raised, YYYY-MM-DD")
        parser.add_argument("--court", help="court code, e.g. 沪0104")
        parser.add_argument("--scenario", help="scenario code, e.g. S01")
        parser.add_argument("--by-court", action="store_true", help="one row per scenario and court")

    def handle(self, *args: Any, **options: Any) -> None:
        date_from = _date("--from", options["date_from"])
        date_to = _date("--to", options["date_to"])
        if date_from and date_to and date_from > date_to:
            raise CommandError("--from is after --to")
        court = options["court"]
        if court and not Court.objects.filter(pk=court).exists():
            raise CommandError(f"--court: no court with code {court!r}")
        rows = compute(
            date_from=date_from, date_to=date_to, court=court,
            scenario=options["scenario"], by_court=options["by_court"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps([r.as_dict() for r in rows], ensure_ascii=False, indent=2))
            return
        table = Table(title="预警成效统计")
        for column in ("场景", "法院", "预警数", "反馈数", "反馈率", "有帮助占比", "执行到位案件", "执行到位金额", "首次反馈中位工作日"):
            table.add_column(column)
        for r in rows:
            table.add_row(
                r.scenario, r.court or "全部", str(r.raised), str(r.answered), _percent(r.answer_rate),
                _percent(r.helpful_share), str(r.cases_recovered), format_yuan(r.money_recovered),
                "—" if r.median_workdays_to_feedback is None else f"{r.median_workdays_to_feedback:g}",
            )
        buffer = io.StringIO()
        Console(file=buffer, width=160).print(table)
        self.stdout.write(buffer.getvalue())
