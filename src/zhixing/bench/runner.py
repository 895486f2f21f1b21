"""Run a measured step in a child process: wall time and that process's peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field


@dataclass
class Run:
    seconds: float
    peak_rss_mib: float
    output: str


@dataclass
class Measurement:
    name: str
    size: int | None = None
    engine: str | None = None
    runs: list[Run] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def median_seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_rss_mib(self) -> float:
        return max(run.peak_rss_mib for run in self.runs)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "size": self.size,
            "engine": self.engine,
            "median_seconds": round(self.median_seconds, 4),
            "runs_seconds": [round(run.seconds, 4) for run in self.runs],
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            **self.extra,
        }


class StepFailed(RuntimeError):
    pass


def run_child(args: list[str], env: dict[str, str], cwd: str) -> Run:
    """Run ``python -m zhixing ARGS``; peak memory is the child's own maximum resident set."""
    with tempfile.TemporaryFile(mode="w+") as out:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 -- this interpreter running project modules, no user input
            [sys.executable, "-m", "zhixing", *args], env=env, cwd=cwd, stdout=out,
            stderr=subprocess.STDOUT, text=True,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read()
    if process.returncode != 0:
        raise StepFailed(f"`zhixing {' '.join(args)}` exited {process.returncode}:\n{output[-3000:]}")
    return Run(seconds=elapsed, peak_rss_mib=usage.ru_maxrss / 1024, output=output)
