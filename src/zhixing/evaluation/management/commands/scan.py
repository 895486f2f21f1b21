"""zhixing scan [--as-of YYYY-MM-DD] [--only S01,S05] [--engine sqlite|postgresql|spark]"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from zhixing.core import clock
from zhixing.evaluation.scan import ScenarioOutcome, run_scan, select_scenarios
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.engines import ENGINE_NAMES, EngineError
from zhixing.scenarios.params import ParameterError


def parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}：{text!r} 不是日期（应为 年-月-日，例如 2025-06-30）") from None


class Command(BaseCommand):
    help = "运行预警场景并保存预警 (run the scenarios as of a date and store the alerts)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="核查日 YYYY-MM-DD (default: today)")
        parser.add_argument("--only", help="comma-separated scenario codes, e.g. S01,S05")
        parser.add_argument("--engine", choices=ENGINE_NAMES, help="default: the database's own")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_day(options["as_of"], "--as-of") if options["as_of"] else clock.today()
        codes = [c for c in (options["only"] or "").split(",") if c.strip()] or None
        console = Console(file=self.stdout._out, width=120)  # type: ignore[arg-type]
        try:
            total = len(select_scenarios(codes))
        except (KeyError, ParameterError) as exc:
            raise CommandError(str(exc.args[0] if isinstance(exc, KeyError) else exc)) from None
        outcomes: list[ScenarioOutcome] = []
        progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console
        )
        with progress:
            task = progress.add_task(f"扫描 截至{as_of}", total=total)

            def started(scenario: Scenario) -> None:
                progress.update(task, description=f"{scenario.code} {scenario.name}")

            def done(outcome: ScenarioOutcome) -> None:
                outcomes.append(outcome)
                if outcome.error:
                    progress.console.print(f"[red]{outcome.code} 失败[/red]: {outcome.error}")
                else:
                    progress.console.print(
                        f"{outcome.code} {outcome.name}: 命中 {outcome.found} · 新增 {outcome.raised}"
                        f" · 更新 {outcome.updated} · 关闭 {outcome.closed}"
                    )
                progress.advance(task)

            try:
                run_scan(as_of, codes, options["engine"], on_start=started, on_done=done)
            except EngineError as exc:
                raise CommandError(str(exc)) from None
        console.print(self._summary(outcomes, as_of, options["engine"]))
        failed = [o for o in outcomes if o.error]
        if failed:
            raise CommandError(
                "scan incomplete: " + "; ".join(f"{o.code}: {o.error}" for o in failed)
            )

    @staticmethod
    def _summary(outcomes: list[ScenarioOutcome], as_of: dt.date, engine: str | None) -> Table:
        table = Table(title=f"扫描结果 截至 {as_of}（引擎 {engine or '数据库'}）")
        for column in ("场景", "名称", "命中", "新增", "更新", "关闭", "状态"):
            table.add_column(column)
        for o in outcomes:
            state = f"[red]{o.error}[/red]" if o.error else "完成"
            table.add_row(o.code, o.name, str(o.found), str(o.raised), str(o.updated), str(o.closed), state)
        return table
