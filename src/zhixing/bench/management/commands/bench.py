"""`zhixing bench`: run the benchmark suite and write docs/benchmarks.md (see docs/benchmarks.md)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.bench.machine import describe
from zhixing.bench.report import load_results, write_report
from zhixing.bench.runner import StepFailed
from zhixing.bench.steps import STEPS, run_step
from zhixing.bench.suite import AS_OF, Options, run_suite
from zhixing.scenarios.engines import database_engine_name

NOTES_FILE = "benchmarks-notes.md"


def _sizes(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",") if part]
    except ValueError as exc:
        raise CommandError(f"--sizes: not a comma-separated list of case counts: {text}") from exc


def _notes(out: Path) -> str:
    notes_path = out / NOTES_FILE
    return notes_path.read_text() if notes_path.exists() else "No notes yet."


class Command(BaseCommand):
    help = "Measure generation, import, identity resolution and scans; write the report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", default="run", choices=["run", "step", "report"],
                            help="run the suite; report: rewrite benchmarks.md from benchmarks.json")
        parser.add_argument("step", nargs="?", choices=sorted(STEPS), help="internal: one step")
        parser.add_argument("--engine", default=None, help="internal: the engine of a scan step")
        parser.add_argument("--as-of", default=AS_OF, help="internal: the as-of date of a scan step")
        parser.add_argument("--out", default="docs", help="folder for benchmarks.md and .json")
        parser.add_argument("--workdir", default="var/bench", help="generated data and databases")
        parser.add_argument("--sizes", default="100000,1000000", type=_sizes)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument(
            "--spark-runs", type=int, default=1,
            help="full Spark scans per size (each one snapshots every table: minutes at 1M cases)",
        )
        parser.add_argument("--engines", default="sqlite,postgresql,spark")
        parser.add_argument(
            "--resume", action="store_true",
            help="go on from the benchmarks.json of an interrupted run: its measurements and databases are kept",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--postgres-url",
            default=os.environ.get("ZHIXING_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
        )

    def handle(self, *args, **options) -> None:
        if options["action"] == "step":
            if not options["step"]:
                raise CommandError("bench step needs a step name: " + ", ".join(sorted(STEPS)))
            engine = options["engine"] or database_engine_name()
            self.stdout.write(run_step(options["step"], engine, dt.date.fromisoformat(options["as_of"])))
            return
        engines = [e for e in options["engines"].split(",") if e]
        out = Path(options["out"])
        if options["action"] == "report":
            machine, measured = load_results(out / "benchmarks.json")
            write_report(out, machine, measured, _notes(out))
            self.stdout.write(f"rewrote {out / 'benchmarks.md'}")
            return
        machine = describe(options["postgres_url"] if "postgresql" in engines else None)
        earlier: list = []
        if options["resume"] and (out / "benchmarks.json").exists():
            _, earlier = load_results(out / "benchmarks.json")
        suite = Options(
            workdir=Path(options["workdir"]).resolve(), sizes=options["sizes"], runs=options["runs"],
            engines=engines, seed=options["seed"],
            postgres_url=options["postgres_url"] if "postgresql" in engines else None,
            spark_size=max(options["sizes"]), spark_runs=options["spark_runs"],
            log=lambda line: self.stdout.write(line),
            saved=lambda results: write_report(out, machine, results, _notes(out)),
            earlier=[m for m in earlier if m.name != "generate"],
        )
        try:
            results = run_suite(suite)
        except StepFailed as exc:
            raise CommandError(str(exc)) from exc
        write_report(out, machine, results, _notes(out))
        self.stdout.write(f"wrote {out / 'benchmarks.md'} and {out / 'benchmarks.json'}")
