"""Writes rows into batch folders, appending chunk after chunk.

A batch is ``OUT/<source>/manifest.json`` plus one file per entity, CSV (UTF-8, UTF-8 with
BOM or GB18030, as the source's system exports) or JSON Lines. Empty strings are empty cells
in CSV and missing keys in JSON Lines.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from zhixing.demo.formats import COLUMNS, FORMAT

Columns = dict[str, np.ndarray]


class Batch:
    def __init__(self, root: Path, source: str, exported_at: str, encoding: str = "utf-8",
                 jsonl: bool = False) -> None:
        self.folder = root / source
        self.folder.mkdir(parents=True, exist_ok=True)
        self.encoding = encoding
        self.jsonl = jsonl
        self._started: set[str] = set()
        manifest = {"format": FORMAT, "source": source, "exported_at": exported_at}
        (self.folder / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False) + "\n", encoding="utf-8"
        )

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.{'jsonl' if self.jsonl else 'csv'}"

    def append(self, name: str, columns: Columns) -> int:
        header = COLUMNS[name]
        missing = set(header) - set(columns)
        if missing:
            raise ValueError(f"{name}: generator produced no column(s) {sorted(missing)}")
        values = [columns[c].tolist() for c in header]
        rows = list(zip(*values, strict=True)) if values else []
        first = name not in self._started
        if not rows and not first:
            return 0
        self._started.add(name)
        if self.jsonl:
            self._append_jsonl(name, header, rows, first)
        else:
            self._append_csv(name, header, rows, first)
        return len(rows)

    def _append_csv(self, name: str, header: tuple[str, ...], rows: list[tuple], first: bool) -> None:
        encoding = self.encoding
        if not first and encoding == "utf-8-sig":
            encoding = "utf-8"  # the byte-order mark belongs at the start of the file only
        with self.path(name).open("w" if first else "a", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            if first:
                writer.writerow(header)
            writer.writerows(rows)

    def _append_jsonl(self, name: str, header: tuple[str, ...], rows: list[tuple], first: bool) -> None:
        with self.path(name).open("w" if first else "a", encoding="utf-8", newline="\n") as fh:
            for row in rows:
                record = {k: v for k, v in zip(header, row, strict=True) if v != ""}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def split_by(court: np.ndarray, columns: Columns, n_courts: int) -> list[Columns]:
    """Rows grouped per court, keeping their order inside each court."""
    order = np.argsort(court, kind="stable")
    bounds = np.searchsorted(court[order], np.arange(n_courts + 1))
    sorted_cols = {k: v[order] for k, v in columns.items()}
    return [
        {k: v[bounds[i]: bounds[i + 1]] for k, v in sorted_cols.items()} for i in range(n_courts)
    ]
