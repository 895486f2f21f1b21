"""zhixing alerts [--format jsonl|table] [--scenario S01] [--all]"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from zhixing.alerts.serialise import alert_dict, alerts_for_output
from zhixing.audit.log import record_command
from zhixing.core.idnumbers import mask_id_number


class Command(BaseCommand):
    help = "列出预警 (list open alerts; --all includes closed ones)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=("jsonl", "table"), default="table")
        parser.add_argument("--scenario", help="only this scenario, e.g. S01")
        parser.add_argument("--all", action="store_true", help="include closed alerts")

    def handle(self, *args: Any, **options: Any) -> None:
        alerts = alerts_for_output(options["scenario"], options["all"])
        record_command(
            "list_alerts", "alerts", options["scenario"] or "*",
            detail={"format": options["format"], "all": options["all"], "count": alerts.count()},
        )
        if options["format"] == "jsonl":
            for alert in alerts.iterator(chunk_size=500):
                self.stdout.write(json.dumps(alert_dict(alert), ensure_ascii=False, sort_keys=False))
            return
        table = Table(title="预警")
        for column in ("编号", "场景", "等级", "状态", "案件", "当事人", "接收人", "核查日"):
            table.add_column(column)
        for alert in alerts:
            data = alert_dict(alert)
            subject = data["subject"]
            who = "—"
            if subject:
                who = f"{subject['name']} {mask_id_number(subject['id_number'] or '')}".strip()
            table.add_row(
                data["alert_id"], data["scenario"], data["severity"], data["status"],
                "\n".join(data["cases"]), who, ", ".join(data["recipients"]), data["as_of"],
            )
        console = Console(file=self.stdout._out, width=160)  # type: ignore[arg-type]
        console.print(table)
