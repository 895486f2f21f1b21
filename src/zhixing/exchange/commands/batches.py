"""The import command: read a batch folder, check it, then write everything or nothing in
one durable transaction with its audit entry; real-time evaluation runs after the commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from zhixing.audit.log import record_for
from zhixing.core import clock
from zhixing.core.bulksql import refresh_planner_statistics
from zhixing.core.commands import Actor, after_commit, write
from zhixing.exchange.checks import check_references, merge_repeats
from zhixing.exchange.errors import BatchRejected, Problem, Problems
from zhixing.exchange.models import ImportBatch
from zhixing.exchange.parsing import ParsedFile, parse_file
from zhixing.exchange.readers import MANIFEST, WORKBOOK, read_batch
from zhixing.exchange.spec import FILES
from zhixing.exchange.upsert import write as write_rows
from zhixing.jobs.commands import LEASE, enqueue_evaluation
from zhixing.jobs.evaluation import evaluate_now_or_later


class ProgressSink(Protocol):
    def start(self, description: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


class _Silent:
    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass


@dataclass
class ImportResult:
    batch_id: int
    source: str
    counts: dict[str, int]  # rows read per entity file present in the batch
    labels: dict[str, str]  # entity -> file as named in the batch (cases.csv, batch.xlsx[cases])
    identity_ids: set[int] = field(default_factory=set)
    case_ids: set[int] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    ignored_files: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.counts.values())


# Imports of at least this many rows refresh the planner's statistics once written.
ANALYZE_AFTER_ROWS = 1000


class StoredNotEvaluated(RuntimeError):
    """The batch was committed, but its real-time evaluation failed afterwards."""

    def __init__(self, batch_id: int, reason: str):
        super().__init__(
            f"批次 #{batch_id} 已保存，但未完成实时研判（{reason}）；后台 zhixing worker 将重试，"
            "也可运行 zhixing scan 补做研判"
        )
        self.batch_id = batch_id


def import_batch(
    path: Path | str,
    *,
    actor: Actor | None = None,
    realtime: bool = False,
    progress: ProgressSink | None = None,
    refresh_statistics: bool = True,
) -> ImportResult:
    """Import a batch folder. Raises BatchRejected, with every problem, when it is invalid;
    the database is then exactly as it was. ``refresh_statistics=False`` leaves the
    statistics to the caller (one refresh after many batches: each costs seconds on a large
    database)."""
    sink = progress or _Silent()
    folder = Path(path)
    problems = Problems()
    raw = read_batch(folder, problems)
    if raw.manifest is None:
        raise BatchRejected(_ordered(problems))
    source = raw.manifest.source
    warnings: list[str] = list(raw.warnings)
    files: dict[str, ParsedFile] = {}
    sink.start("校验", sum(len(f.rows) for f in raw.files.values()))
    for spec in FILES:
        if spec.name in raw.files:
            parsed = parse_file(spec, raw.files[spec.name], problems, warnings)
            merge_repeats(parsed, problems)
            files[spec.name] = parsed
            sink.advance(parsed.read)
    labels = {entity: parsed.label for entity, parsed in files.items()}
    actor = actor or Actor.batch(source)
    with write():
        known = check_references(files, source, problems)
        if problems:
            raise BatchRejected(_ordered(problems))
        sink.start("写入", sum(len(f.rows) for f in files.values()))
        written = write_rows(files, source, known, sink.advance)
        counts = {entity: parsed.read for entity, parsed in files.items()}
        batch = ImportBatch.objects.create(
            source=source,
            exported_at=raw.manifest.exported_at,
            path=str(folder.resolve()),
            digest=raw.digest,
            row_counts=counts,
            realtime=realtime,
        )
        record_for(actor, "import_batch", "batch", batch.pk,
                   detail={"source": source, "path": str(folder.resolve()), "rows": counts})
        if realtime:
            # Owed in the import's own transaction; tried after its commit, else by the worker.
            pending = enqueue_evaluation(
                written.identity_ids, written.case_ids, None, clock.today(), lease=LEASE
            )
            after_commit(_evaluate_or_tell, batch.pk, pending.pk)
    if refresh_statistics:
        refresh_statistics_after(sum(counts.values()))
    return ImportResult(
        batch_id=batch.pk,
        source=source,
        counts=counts,
        labels=labels,
        identity_ids=written.identity_ids,
        case_ids=written.case_ids,
        warnings=warnings,
        ignored_files=raw.ignored,
    )


def refresh_statistics_after(imported_rows: int) -> None:
    if imported_rows >= ANALYZE_AFTER_ROWS:
        refresh_planner_statistics()


_FILE_RANK = {MANIFEST: 0} | {
    label: index
    for index, spec in enumerate(FILES, start=1)
    for label in (f"{spec.name}.csv", f"{spec.name}.jsonl", f"{WORKBOOK}[{spec.name}]")
}


def _ordered(problems: Problems) -> list[Problem]:
    """Problems by file (manifest first, then the format's file order), then by line."""
    return sorted(problems.items, key=lambda p: (_FILE_RANK.get(p.file, 0), p.line))


def _evaluate_or_tell(batch_id: int, pending_id: int) -> None:
    """After the commit: the batch is stored whatever happens here; a failed evaluation stays
    owed for the worker and is told to the caller, not thrown as a traceback."""
    result = evaluate_now_or_later(pending_id)
    if not result.evaluated:
        raise StoredNotEvaluated(batch_id, result.error or "原因不明")
