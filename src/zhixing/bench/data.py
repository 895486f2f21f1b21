"""Benchmark data: generated once per size and seed, then reused."""

from __future__ import annotations

import csv
import json
from pathlib import Path


def batch_dirs(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob("manifest.json"))


def count_rows(root: Path) -> int:
    """Data rows in every batch file (header lines excluded)."""
    total = 0
    for path in root.rglob("*.csv"):
        with path.open("rb") as handle:
            total += max(sum(1 for _ in handle) - 1, 0)
    for path in root.rglob("*.jsonl"):
        with path.open("rb") as handle:
            total += sum(1 for line in handle if line.strip())
    return total


def party_rows(root: Path) -> int:
    total = 0
    for path in root.rglob("parties.csv"):
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig") if _is_utf8(raw) else raw.decode("gb18030")
        total += sum(1 for _ in csv.reader(text.splitlines())) - 1
    return total


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def write_stamp(root: Path, info: dict) -> None:
    (root / ".generated.json").write_text(json.dumps(info))


def read_stamp(root: Path) -> dict | None:
    stamp = root / ".generated.json"
    return json.loads(stamp.read_text()) if stamp.exists() else None
