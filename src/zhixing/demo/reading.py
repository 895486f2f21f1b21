"""Read demo batches back as rows (for checks and tests; the importer has its own readers).

CSV encoding is detected the way the exchange format asks: a UTF-8 byte-order mark, else
UTF-8 if the bytes decode, else GB18030.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

BOM = b"\xef\xbb\xbf"


def detect_encoding(data: bytes) -> str:
    if data.startswith(BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def read_file(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    text = data.decode(detect_encoding(data))
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_batch(folder: Path) -> dict[str, list[dict[str, str]]]:
    """Every entity file of one batch folder, by entity name."""
    rows: dict[str, list[dict[str, str]]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in (".csv", ".jsonl"):
            rows[path.stem] = read_file(path)
    return rows


def batch_folders(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).iterdir() if (p / "manifest.json").is_file())
