"""A description of the machine a benchmark ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from pathlib import Path


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def _java_version() -> str:
    try:
        result = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30)  # noqa: S607 -- the java on PATH, only asked its version
    except (OSError, subprocess.TimeoutExpired):
        return "not found"
    return (result.stderr or result.stdout).splitlines()[0] if (result.stderr or result.stdout) else "unknown"


def _postgres_version(url: str | None) -> str:
    if not url:
        return "not used"
    import psycopg

    try:
        with psycopg.connect(url.replace("postgresql://", "postgresql://", 1), connect_timeout=5) as conn:
            row = conn.execute("SHOW server_version").fetchone()
    except psycopg.Error as exc:
        return f"unreachable ({exc.__class__.__name__})"
    return str(row[0]) if row else "unknown"


def describe(postgres_url: str | None) -> dict[str, object]:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": _memory_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": _postgres_version(postgres_url),
        "java": _java_version(),
    }
