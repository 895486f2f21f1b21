"""docs/benchmarks.md and docs/benchmarks.json from the measurements."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from zhixing.bench.runner import Measurement, Run


@dataclass(frozen=True)
class Target:
    label: str
    measurement: str
    engine: str | None
    metric: str
    limit: float
    higher_is_better: bool
    unit: str


TARGETS = [
    Target("demo data generation", "generate", None, "cases_per_minute", 100_000, True, "cases/min"),
    Target("import", "import", "sqlite", "rows_per_second", 20_000, True, "rows/s"),
    Target("import", "import", "postgresql", "rows_per_second", 20_000, True, "rows/s"),
    Target("full scan, largest size", "scan", "sqlite", "median_seconds", 60, False, "s"),
    Target("full scan over its floor", "scan", "sqlite", "time_over_floor", 1.5, False, "×"),
    Target("event-to-alert p99 at 200 events/s", "latency 200/s", "sqlite", "p99_ms", 50, False, "ms"),
    Target("event-to-alert p99 at 200 events/s", "latency 200/s", "postgresql", "p99_ms", 50, False, "ms"),
    Target("slowest page", "pages", "sqlite", "median_seconds", 0.3, False, "s"),
    Target("slowest page", "pages", "postgresql", "median_seconds", 0.3, False, "s"),
]


def _largest(results: list[Measurement], name: str, engine: str | None) -> Measurement | None:
    matching = [m for m in results if m.name == name and (engine is None or m.engine == engine)]
    return max(matching, key=lambda m: m.size or 0, default=None)


def _metric(measurement: Measurement, metric: str) -> float | None:
    reading = measurement.as_dict().get(metric)
    return None if reading is None else float(reading)  # type: ignore[arg-type]


def target_rows(results: list[Measurement]) -> list[list[str]]:
    rows = []
    for target in TARGETS:
        measurement = _largest(results, target.measurement, target.engine)
        if measurement is None:
            continue
        value = _metric(measurement, target.metric)
        if value is None:
            if measurement.extra.get("answered") == 0:
                rows.append([
                    f"{target.label} ({target.engine or 'all'}, {measurement.size:,})",
                    f"{'≥' if target.higher_is_better else '≤'} {target.limit:,} {target.unit}",
                    "no request answered", "missed: every request timed out or was dropped",
                ])
            continue
        met = value >= target.limit if target.higher_is_better else value <= target.limit
        ratio = value / target.limit if target.higher_is_better else target.limit / value if value else 1
        verdict = "met" if met else f"missed: {ratio:.0%} of target"
        rows.append([
            f"{target.label} ({target.engine or 'all'}, {measurement.size:,})",
            f"{'≥' if target.higher_is_better else '≤'} {target.limit:,} {target.unit}",
            f"{value:,.2f} {target.unit}", verdict,
        ])
    return rows


def growth_rows(results: list[Measurement]) -> list[list[str]]:
    """How each time grows from the smallest to the largest size (1.0 = linear)."""
    rows = []
    keys = sorted({(m.name, m.engine or "") for m in results})
    for name, engine in keys:
        sized = sorted((m for m in results if m.name == name and (m.engine or "") == engine),
                       key=lambda m: m.size or 0)
        if len(sized) < 2 or not sized[0].size or not sized[-1].size:
            continue
        small, large = sized[0], sized[-1]
        time_ratio = large.median_seconds / small.median_seconds
        size_ratio = large.size / small.size  # type: ignore[operator]
        rows.append([f"{name} {engine}".strip(), f"{small.size:,} → {large.size:,}",
                     f"×{time_ratio:.1f} for ×{size_ratio:.0f}", f"{time_ratio / size_ratio:.2f}"])
    return rows


def scenario_rows(results: list[Measurement]) -> list[list[str]]:
    rows = []
    for m in results:
        for code, times in dict(m.extra.get("scenarios") or {}).items():  # type: ignore[call-overload]
            ours, floor = times["median_seconds"], times["floor_seconds"]
            ratio = f"{ours / floor:.1f}" if floor else ""
            rows.append([code, m.engine or "", f"{m.size:,}", f"{ours:.3f}", f"{floor or 0:.3f}", ratio])
    return rows


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def load_results(path: Path) -> tuple[dict, list[Measurement]]:
    """Machine and measurements back from a benchmarks.json, to rewrite the report."""
    data = json.loads(path.read_text())
    results = []
    for item in data["measurements"]:
        item = dict(item)
        runs = [Run(seconds, item["peak_rss_mib"], "") for seconds in item.pop("runs_seconds")]
        name, size, engine = item.pop("name"), item.pop("size"), item.pop("engine")
        for derived in ("median_seconds", "peak_rss_mib"):
            item.pop(derived)
        results.append(Measurement(name, size, engine, runs=runs, extra=item))
    return data["machine"], results


def write_report(out: Path, machine: dict, results: list[Measurement], notes: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine, "measurements": [m.as_dict() for m in results]}
    (out / "benchmarks.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    measured = [
        [m.name, m.engine or "", f"{m.size:,}" if m.size else "", f"{m.median_seconds:.2f}",
         str(len(m.runs)), f"{m.peak_rss_mib:,.0f}",
         ", ".join(f"{k}={v}" for k, v in m.extra.items() if k != "scenarios")]
        for m in results
    ]
    text = "\n\n".join([
        "# Benchmarks",
        "Written by `make bench` (`zhixing bench`). Times are medians of the runs shown; "
        "peak memory is the measured process's own maximum resident set.",
        "## Machine\n" + _table(["what", "value"], [[k, str(v)] for k, v in machine.items()]),
        "## Targets\n" + _table(["what", "target", "measured", "verdict"], target_rows(results)),
        "## Measurements\n" + _table(
            ["step", "engine", "cases", "median s", "runs", "peak MiB", "detail"], measured
        ),
        "## Scans per scenario\nOur time is the full pipeline (query, routing, storing alerts); "
        "the floor is the same engine executing only the scenario's query as one SELECT COUNT(*).\n\n"
        + _table(["scenario", "engine", "cases", "our s", "floor s", "our / floor"], scenario_rows(results)),
        "## Growth\nTime ratio divided by size ratio: 1.00 is linear.\n\n"
        + _table(["step", "sizes", "time", "per size"], growth_rows(results)),
        "## Notes\n" + notes.strip(),
    ])
    (out / "benchmarks.md").write_text(text + "\n")
