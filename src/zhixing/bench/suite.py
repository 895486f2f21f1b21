"""The benchmark suite: generation, import, identity resolution and scans at each size."""

from __future__ import annotations

import json
import os
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from zhixing.bench.data import batch_dirs, count_rows, party_rows, read_stamp, write_stamp
from zhixing.bench.latency import RATES, measure_latency
from zhixing.bench.runner import Measurement, Run, StepFailed, run_child

AS_OF = "2025-06-30"


@dataclass
class Options:
    workdir: Path
    sizes: list[int]
    runs: int
    engines: list[str]
    seed: int
    postgres_url: str | None
    spark_size: int | None
    spark_runs: int = 1
    log: Callable[[str], None] = print
    saved: Callable[[list[Measurement]], None] = lambda results: None
    results: list[Measurement] = field(default_factory=list)
    earlier: list[Measurement] = field(default_factory=list)

    def kept(self, name: str, size: int, engine: str) -> Measurement | None:
        """With --resume: this step's measurement from the interrupted run, reused as is."""
        for measurement in self.earlier:
            if (measurement.name, measurement.size, measurement.engine) == (name, size, engine):
                return measurement
        return None

    def add(self, *measurements: Measurement) -> None:
        """Keep a measurement and save the report so far: a run cut short keeps what it measured."""
        self.results.extend(measurements)
        self.saved(self.results)


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def _database_url(options: Options, engine: str, size: int, fresh: bool = True) -> str:
    """The size's benchmark database, emptied first unless ``fresh`` is False (a resumed
    run goes on with the database its import step left)."""
    if engine == "sqlite":
        path = options.workdir / f"bench-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            if fresh:
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if options.postgres_url is None:
        raise StepFailed("the PostgreSQL engine needs --postgres-url")
    name = f"zhixing_bench_{size}"
    if fresh:
        with psycopg.connect(options.postgres_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = options.postgres_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


def _env(url: str) -> dict[str, str]:
    env = _base_env()
    env["ZHIXING_DATABASE_URL"] = url
    return env


def ensure_data(options: Options, size: int) -> Path:
    root = options.workdir / f"data-{size}-seed{options.seed}"
    stamp = read_stamp(root)
    if stamp is None:
        shutil.rmtree(root, ignore_errors=True)
        options.log(f"generating {size:,} cases …")
        run = run_child(
            ["demo-data", str(root), "--cases", str(size), "--seed", str(options.seed)],
            _base_env(), str(options.workdir),
        )
        stamp = {
            "seconds": run.seconds, "peak_rss_mib": run.peak_rss_mib,
            "rows": count_rows(root), "party_rows": party_rows(root),
        }
        write_stamp(root, stamp)
    generation = Measurement("generate", size, runs=[Run(stamp["seconds"], stamp["peak_rss_mib"], "")])
    generation.extra["cases_per_minute"] = round(size / stamp["seconds"] * 60)
    options.add(generation)
    return root


def _import_all(root: Path, env: dict[str, str], workdir: Path) -> Run:
    return run_child(["import", *map(str, batch_dirs(root))], env, str(workdir))


def bench_database(options: Options, engine: str, size: int, root: Path) -> None:
    earlier_import = options.kept("import", size, engine)
    if earlier_import is not None:
        options.log(f"[{engine} {size:,}] resumed: the import and the database of the earlier run are kept")
        url = _database_url(options, engine, size, fresh=False)
        options.add(earlier_import)
    else:
        url = _import(options, engine, size, root)
    env = _env(url)
    steps: list[tuple[str, str, Callable[[], Measurement]]] = [
        ("resolve", engine, lambda: _resolve(options, engine, size, env))
    ]
    steps += [("scan", e, _scan_measurer(options, e, size, env)) for e in _scan_engines(options, engine, size)]
    steps.append(("pages", engine, lambda: _pages(options, engine, size, env)))
    for name, step_engine, measure in steps:
        kept = options.kept(name, size, step_engine)
        options.add(kept if kept is not None else measure())
    if size == max(options.sizes):
        kept_latency = [options.kept(f"latency {rate}/s", size, engine) for rate in RATES]
        if all(m is not None for m in kept_latency):
            options.add(*[m for m in kept_latency if m is not None])
        else:
            options.log(f"[{engine} {size:,}] event-to-alert latency at {', '.join(map(str, RATES))} events/s")
            options.add(*measure_latency(env, size=size, engine=engine, workdir=options.workdir))


def _import(options: Options, engine: str, size: int, root: Path) -> str:
    stamp = read_stamp(root) or {}
    rows = int(stamp.get("rows", count_rows(root)))
    imports = Measurement("import", size, engine)
    url = ""
    for attempt in range(options.runs if size <= 20_000 else 1):
        url = _database_url(options, engine, size)
        options.log(f"[{engine} {size:,}] import run {attempt + 1}")
        imports.runs.append(_import_all(root, _env(url), options.workdir))
    imports.extra["rows"] = rows
    imports.extra["rows_per_second"] = round(rows / imports.median_seconds)
    options.add(imports)
    return url


def _resolve(options: Options, engine: str, size: int, env: dict[str, str]) -> Measurement:
    options.log(f"[{engine} {size:,}] identity resolution")
    resolve_run = run_child(["bench", "step", "resolve"], env, str(options.workdir))
    detail = json.loads(resolve_run.output.strip().splitlines()[-1])
    resolution = Measurement("resolve", size, engine, runs=[Run(detail["seconds"], resolve_run.peak_rss_mib, "")])
    resolution.extra.update(detail)
    resolution.extra["seconds_per_million_party_rows"] = round(
        detail["seconds"] / max(detail["party_rows"], 1) * 1_000_000, 2
    )
    return resolution


def _scan_engines(options: Options, engine: str, size: int) -> list[str]:
    engines = [engine]
    if "spark" in options.engines and engine == "sqlite" and size == options.spark_size:
        engines.append("spark")
    return engines


def _scan_measurer(options: Options, scan_engine: str, size: int, env: dict[str, str]) -> Callable[[], Measurement]:
    def measure() -> Measurement:
        scan = Measurement("scan", size, scan_engine)
        per_scenario: dict[str, list[float]] = {}
        for attempt in range(options.spark_runs if scan_engine == "spark" else options.runs):
            options.log(f"[{scan_engine} {size:,}] full scan run {attempt + 1}")
            child = run_child(["bench", "step", "scan", "--engine", scan_engine], env, str(options.workdir))
            detail = json.loads(child.output.strip().splitlines()[-1])
            scan.runs.append(Run(detail["seconds"], child.peak_rss_mib, ""))
            for code, seconds in detail["scenarios"].items():
                per_scenario.setdefault(code, []).append(seconds)
        options.log(f"[{scan_engine} {size:,}] floors")
        floor_run = run_child(["bench", "step", "floor", "--engine", scan_engine], env, str(options.workdir))
        floors = json.loads(floor_run.output.strip().splitlines()[-1])
        scan.extra["floor_seconds"] = floors["seconds"]
        scan.extra["time_over_floor"] = round(scan.median_seconds / max(floors["seconds"], 1e-6), 2)
        scan.extra["scenarios"] = {
            code: {"median_seconds": statistics.median(times), "floor_seconds": floors["scenarios"].get(code)}
            for code, times in sorted(per_scenario.items())
        }
        return scan

    return measure


def _pages(options: Options, engine: str, size: int, env: dict[str, str]) -> Measurement:
    options.log(f"[{engine} {size:,}] page render times")
    pages_run = run_child(["bench", "step", "pages"], env, str(options.workdir))
    pages = json.loads(pages_run.output.strip().splitlines()[-1])
    slowest = Measurement("pages", size, engine, runs=[Run(pages["seconds"], pages_run.peak_rss_mib, "")])
    slowest.extra.update(pages)
    return slowest


def run_suite(options: Options) -> list[Measurement]:
    options.workdir.mkdir(parents=True, exist_ok=True)
    for size in options.sizes:
        root = ensure_data(options, size)
        for engine in ("sqlite", "postgresql"):
            if engine in options.engines and (engine == "sqlite" or options.postgres_url):
                bench_database(options, engine, size, root)
    return options.results
