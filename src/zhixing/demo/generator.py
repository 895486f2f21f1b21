"""``generate``: the whole demo data set, chunk by chunk, into batch folders.

Memory stays bounded: the city-wide state is a few numpy arrays per case and per pool member
(skeleton, pools, which court used which party); rows exist only for the chunk being written.
The same seed, size and as-of date give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from zhixing.demo import actions, agency, auctions, courts, measures, money, records
from zhixing.demo.cases import Skeleton, build_chunk, build_skeleton, finish_chunk
from zhixing.demo.context import Context, case_numbers, normal_case_numbers
from zhixing.demo.dates import day_number
from zhixing.demo.parties import PartyRegistry
from zhixing.demo.planting import Planter, Truth
from zhixing.demo.population import Pools
from zhixing.demo.writer import Batch, split_by

DEFAULT_AS_OF = dt.date(2025, 6, 30)
CHUNK_SIZE = 50_000
TRUTH_FILE = "demo-truth.json"

# Row generators per court file, in the order they run (measures feed auctions and actions).
COURT_TABLES: tuple[tuple[str, Callable], ...] = (
    ("cases", records.cases),
    ("case_parties", records.case_parties),
    ("measures", measures.measures),
    ("auctions", auctions.auctions),
    ("actions", actions.actions),
    ("stage_history", actions.stage_history),
    ("account_txns", money.account_txns),
    ("fees", money.fees),
    ("asset_findings", records.asset_findings),
    ("bankruptcies", records.bankruptcies),
    ("basis_changes", records.basis_changes),
)


class OutputNotEmpty(Exception):
    pass


@dataclass
class Summary:
    cases: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    planted: dict[str, int] = field(default_factory=dict)


def _exported_at(as_of: dt.date) -> str:
    return f"{as_of.isoformat()}T18:00:00+08:00"


def generate(out: Path, cases: int, seed: int = 1, as_of: dt.date = DEFAULT_AS_OF,
             chunk_size: int = CHUNK_SIZE, progress: Callable[[int, int], None] | None = None) -> Summary:
    if cases < 200:
        raise ValueError(f"--cases must be at least 200 so every scenario can be planted (got {cases})")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise OutputNotEmpty(f"{out} is not empty: choose a new folder (the generator never mixes runs)")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    as_of_day = day_number(as_of)
    pools = Pools(seed, cases, as_of_day)
    skeleton = build_skeleton(seed, cases, as_of_day)
    staff = courts.build_staff(seed, np.bincount(skeleton.court, minlength=len(courts.CODES)))
    registry = PartyRegistry(seed, pools)
    stamp = _exported_at(as_of)
    batches = [Batch(out, c.code, stamp, c.encoding, c.jsonl) for c in courts.COURTS]
    feeds = {s: Batch(out, s, stamp) for s in agency.AGENCY_SOURCES}
    rows: dict[str, int] = {}

    def put(batch: Batch, name: str, columns: dict[str, np.ndarray]) -> None:
        rows[name] = rows.get(name, 0) + batch.append(name, columns)

    for i, (court, batch) in enumerate(zip(courts.COURTS, batches, strict=True)):
        put(batch, "courts", {k: np.array([v], dtype=object) for k, v in (
            ("code", court.code), ("name", court.name), ("level", court.level), ("parent_code", court.parent or ""))})
        staff_rows = np.array(staff[i].rows, dtype=object).reshape(-1, 3)
        put(batch, "staff", {"staff_id": staff_rows[:, 0], "court_code": np.full(len(staff_rows), court.code, dtype=object),
                             "name": staff_rows[:, 1], "role": staff_rows[:, 2],
                             "phone": np.array([f"021-6{i:03d}{k:04d}" for k in range(len(staff_rows))], dtype=object)})

    truth = Truth()
    examples: dict[int, str] = {}
    for chunk_no, start in enumerate(range(0, cases, chunk_size)):
        stop = min(cases, start + chunk_size)
        rng = np.random.default_rng([seed, 0xC4, chunk_no])
        chunk = build_chunk(rng, skeleton, start, stop, pools, staff, as_of_day)
        Planter(chunk, rng, pools, as_of_day, truth, start).run()
        finish_chunk(chunk, rng, as_of_day)
        ctx = Context(chunk, registry, rng, as_of_day, case_numbers(chunk), staff)
        for name, make in COURT_TABLES:
            court_of_row, columns = make(ctx)
            for i, part in enumerate(split_by(court_of_row, columns, len(batches))):
                put(batches[i], name, part)
        put(feeds[agency.PRISON_SOURCE], "custody", agency.custody(ctx, pools))
        flights, hotels = agency.consumption(ctx, pools)
        put(feeds[agency.FLIGHT_SOURCE], "consumption", flights)
        put(feeds[agency.HOTEL_SOURCE], "consumption", hotels)
        _remember_examples(truth, chunk.index, normal_case_numbers(chunk), examples)
        if progress:
            progress(stop, cases)

    for i, batch in enumerate(batches):
        put(batch, "parties", registry.person_rows(i))
        put(batch, "parties", registry.company_rows(i))
    put(feeds[agency.REGISTRY_SOURCE], "registrations",
        agency.registrations(pools, np.asarray(registry.used[1].any(axis=0)), as_of_day))
    summary = Summary(cases=cases, seconds=time.perf_counter() - started, rows=rows, planted=dict(truth.counts))
    _write_truth(out, seed, as_of, summary, truth, examples, registry)
    return summary


def _remember_examples(truth: Truth, index: np.ndarray, numbers: np.ndarray, examples: dict[int, str]) -> None:
    lo = int(index[0]) if len(index) else 0
    for rows in truth.examples.values():
        for row in rows:
            for case in row:
                if lo <= case < lo + len(index):
                    examples[case] = str(numbers[case - lo])


def _write_truth(out: Path, seed: int, as_of: dt.date, summary: Summary, truth: Truth,
                 examples: dict[int, str], registry: PartyRegistry) -> None:
    """What was planted, for people checking the scan's alerts (not a batch: no manifest)."""
    payload = {
        "seed": seed,
        "cases": summary.cases,
        "as_of": as_of.isoformat(),
        "rows": dict(sorted(summary.rows.items())),
        "planted": {
            code: {
                "count": truth.counts[code],
                "examples": [[examples.get(case, "") for case in row] for row in truth.examples[code]],
            }
            for code in sorted(truth.counts)
        },
        "wrong_check_digits": [list(row) for row in registry.bad_numbers],
    }
    (out / TRUTH_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


__all__ = ["DEFAULT_AS_OF", "OutputNotEmpty", "Skeleton", "Summary", "build_skeleton", "generate"]
