"""zhixing scenarios: the catalogue with effective parameters."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from rich.console import Console
from rich.table import Table

from zhixing.scenarios.params import court_overrides, deployment_values, is_enabled
from zhixing.scenarios.registry import REGISTRY


class Command(BaseCommand):
    help = "列出预警场景及其参数 (list the scenarios with their parameters)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--markdown", action="store_true", help="print the catalogue as docs/scenarios.md"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["markdown"]:
            from zhixing.scenarios.catalogue_doc import render_markdown

            self.stdout.write(render_markdown(), ending="")
            return
        console = Console(file=self.stdout._out, width=160)  # type: ignore[arg-type]
        table = Table(title="预警场景", show_lines=True)
        for column in ("场景", "名称", "启用", "参数（部署值；默认值）", "法院参数", "依据"):
            table.add_column(column)
        for scenario in REGISTRY.all():
            values = deployment_values(scenario)
            params = "\n".join(
                f"{p.name}={values[p.name]}（默认 {p.default}）{p.description}" for p in scenario.params
            )
            courts = "\n".join(
                f"{court}: " + ", ".join(f"{k}={v}" for k, v in sorted(vals.items()))
                for court, vals in sorted(court_overrides(scenario).items())
            )
            table.add_row(
                scenario.code,
                scenario.name,
                "是" if is_enabled(scenario) else "否",
                params or "—",
                courts or "—",
                scenario.legal_basis,
            )
        console.print(table)
