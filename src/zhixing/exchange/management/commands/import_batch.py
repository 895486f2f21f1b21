"""`zhixing import DIR [DIR …]`: import exchange-format batch folders, each all or nothing."""

from __future__ import annotations

from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from zhixing.core.commands import Actor
from zhixing.exchange.commands.batches import (
    ImportResult,
    StoredNotEvaluated,
    import_batch,
    refresh_statistics_after,
)
from zhixing.exchange.errors import BatchRejected

# Below this many rows a batch imports too quickly for a progress bar to help.
PROGRESS_THRESHOLD = 3000
REJECTED_STATUS = 2
NOT_EVALUATED_STATUS = 3


class _RichProgress:
    """Shows a bar per phase once a phase has more than PROGRESS_THRESHOLD rows."""

    def __init__(self, console: Console):
        self.console = console
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def start(self, description: str, total: int) -> None:
        if total <= PROGRESS_THRESHOLD:
            self.task = None
            return
        if self.progress is None:
            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self.progress.start()
        self.task = self.progress.add_task(description, total=total)

    def advance(self, count: int) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, count)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


class Command(BaseCommand):
    help = "导入一个交换格式 v1 批次目录（manifest.json 加各实体的 CSV、JSONL 或 batch.xlsx）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "directories", nargs="+", metavar="DIR",
            help="批次目录；可给多个，按顺序逐个导入，每个批次独立地全部导入或全部拒绝",
        )
        parser.add_argument(
            "--realtime",
            action="store_true",
            help="提交后对受影响的当事人和案件运行实时场景（由场景引擎提供）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), width=100)
        imported_rows = 0
        try:
            for index, directory in enumerate(options["directories"]):
                imported_rows += self._import_one(index, directory, options["realtime"], console)
        finally:
            # Once for all folders, also when one was rejected after others were imported.
            refresh_statistics_after(imported_rows)

    def _import_one(self, index: int, directory: str, realtime: bool, console: Console) -> int:
        progress = _RichProgress(Console(stderr=True))
        try:
            result = import_batch(directory, actor=Actor.command_line(), realtime=realtime,
                                  progress=progress, refresh_statistics=False)
        except StoredNotEvaluated as failed:
            progress.close()
            raise CommandError(str(failed), returncode=NOT_EVALUATED_STATUS) from None
        except BatchRejected as rejected:
            progress.close()
            for line in rejected.listing():
                self.stderr.write(line)
            if index == 0:
                message = f"{rejected}，数据库未作任何改动"
            else:
                message = f"{directory}: {rejected}，该批次未作任何改动（此前的 {index} 个批次已导入）"
            raise CommandError(message, returncode=REJECTED_STATUS) from None
        progress.close()
        _summary(result, console)
        return result.total_rows


def _summary(result: ImportResult, console: Console) -> None:
    console.print(f"已导入批次 #{result.batch_id}（来源 {result.source}）", markup=False, highlight=False)
    table = Table()
    table.add_column("文件")
    table.add_column("行数", justify="right")
    for entity, count in result.counts.items():
        table.add_row(escape(result.labels[entity]), str(count))
    table.add_row("合计", str(result.total_rows), style="bold")
    console.print(table)
    console.print(f"涉及当事人身份 {len(result.identity_ids)} 个，案件 {len(result.case_ids)} 件")
    for name in result.ignored_files:
        console.print(f"已忽略不属于交换格式的文件：{name}", markup=False, highlight=False)
    for warning in result.warnings:
        console.print(f"警告 {warning}", markup=False, highlight=False)
