"""Event-to-alert latency through the API: the server in one process, the load generator
(zhixing.bench.loadgen) in another, money arrivals posted at fixed rates."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from zhixing.bench.runner import Measurement, Run, StepFailed, run_child

RATES = (50, 200)
SECONDS_PER_RATE = 10
WORKERS = os.cpu_count() or 2
# Threads per worker, as the README advises: on SQLite the queries run in the worker's own
# process and more threads only fight over the GIL (at 100k cases, 50 events/s: p50 111 ms
# with one thread, 757 ms with four); on PostgreSQL a thread waiting for the server lets
# another run (p50 527 ms with four, 894 ms with one).
THREADS = {"sqlite": 1, "postgresql": 4}
WARM_UP_RATE, WARM_UP_SECONDS = 10, 2


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StepFailed(f"the server exited with {process.returncode} before answering")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise StepFailed(f"the server did not answer on port {port} within {limit:.0f} s")


def _cancel_orphaned_queries(database_url: str) -> None:
    """Stopping the server does not stop the queries it had sent: on PostgreSQL they go on
    running (and loading the machine) until their database sessions are ended."""
    if not database_url.startswith("postgres"):
        return
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _load(url: str, token: str, targets: Path, rate: float, seconds: float, env: dict[str, str], workdir: Path) -> dict:
    load = subprocess.run(  # noqa: S603 -- this interpreter running project modules, no user input
        [sys.executable, "-m", "zhixing.bench.loadgen", url, token, str(targets), str(rate), str(seconds)],
        env=env, cwd=str(workdir), capture_output=True, text=True, timeout=600,
    )
    if load.returncode != 0:
        raise StepFailed(f"the load generator failed:\n{load.stderr[-2000:]}")
    figures: dict = json.loads(load.stdout.strip().splitlines()[-1])
    return figures


def measure_latency(env: dict[str, str], workdir: Path, size: int, engine: str) -> list[Measurement]:
    prepared = run_child(["bench", "step", "latency-targets"], env, str(workdir))
    setup = json.loads(prepared.output.strip().splitlines()[-1])
    if not setup["targets"]:
        raise StepFailed("no case where a money arrival would raise S01: cannot measure latency")
    targets_file = workdir / "latency-targets.json"
    targets_file.write_text(json.dumps(setup["targets"], ensure_ascii=False))
    port = _free_port()
    # As a court would run it: gunicorn, one worker process per core, a few threads each.
    server = subprocess.Popen(  # noqa: S603 -- this interpreter running project modules, no user input
        [sys.executable, "-m", "gunicorn", "zhixing.config.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(WORKERS), "--threads", str(THREADS[engine]), "--preload", "--log-level", "warning"],
        env=env, cwd=str(workdir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    results: list[Measurement] = []
    try:
        _wait_for(port, server)
        url = f"http://127.0.0.1:{port}/api/events/money-arrival"
        # A court's server has long been warm; each worker's first request loads what it needs.
        _load(url, setup["token"], targets_file, WARM_UP_RATE, WARM_UP_SECONDS, env, workdir)
        for rate in RATES:
            figures = _load(url, setup["token"], targets_file, rate, SECONDS_PER_RATE, env, workdir)
            p99 = figures["p99_ms"]
            measurement = Measurement(f"latency {rate}/s", size, engine)
            measurement.runs.append(Run((p99 or 0) / 1000, 0.0, ""))
            measurement.extra.update(figures)
            results.append(measurement)
    finally:
        server.terminate()
        _, _, usage = os.wait4(server.pid, 0)
        _cancel_orphaned_queries(env["ZHIXING_DATABASE_URL"])
        for measurement in results:
            measurement.runs[0].peak_rss_mib = usage.ru_maxrss / 1024
    return results
