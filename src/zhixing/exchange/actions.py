"""Importing one batch folder: read, check, then write everything or nothing."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.db import transaction

from zhixing.core.bulksql import refresh_planner_statistics
from zhixing.exchange.checks import check_references, merge_repeats
from zhixing.exchange.errors import BatchRejected, Problem, Problems
from zhixing.exchange.models import ImportBatch
from zhixing.exchange.parsing import ParsedFile, parse_file
from zhixing.exchange.readers import MANIFEST, WORKBOOK, read_batch
from zhixing.exchange.spec import FILES
from zhixing.exchange.upsert import write


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


def import_batch(
    path: Path | str,
    *,
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
    with transaction.atomic():
        known = check_references(files, source, problems)
        if problems:
            raise BatchRejected(_ordered(problems))
        sink.start("写入", sum(len(f.rows) for f in files.values()))
        written = write(files, source, known, sink.advance)
        counts = {entity: parsed.read for entity, parsed in files.items()}
        batch = ImportBatch.objects.create(
            source=source,
            exported_at=raw.manifest.exported_at,
            path=str(folder.resolve()),
            digest=raw.digest,
            row_counts=counts,
            realtime=realtime,
        )
        if realtime:
            transaction.on_commit(
                functools.partial(
                    _evaluate_touched, sorted(written.identity_ids), sorted(written.case_ids)
                )
            )
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


def _evaluate_touched(identity_ids: list[int], case_ids: list[int]) -> None:
    # The engine is imported only when asked for: importing data never needs it.
    from zhixing.scenarios.realtime import evaluate_touched

    evaluate_touched(identity_ids=set(identity_ids), case_ids=set(case_ids))
