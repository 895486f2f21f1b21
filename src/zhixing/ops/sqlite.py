"""SQLite: an online copy through SQLite's backup API, and its restore through the same API.

The copy is taken in one step, so it is one consistent snapshot while the server keeps
writing (WAL readers do not block writers). The restore replaces the live database's
pages under the platform's write turn (``core.sqlite_writer``), so the server's writers
wait for it instead of interleaving."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from zhixing.ops.archive import BackupError


def table_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )]
    # Names from the database's own catalogue (the file already passed its integrity check).
    return {name: db.execute(f"SELECT COUNT(*) FROM {quote(name)}").fetchone()[0] for name in names}  # noqa: S608


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def dump(connection: Any, into: Path) -> dict[str, int]:
    """Copy the database of a Django connection into the file ``into``; its row counts."""
    connection.ensure_connection()
    copy = sqlite3.connect(into)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        return table_counts(copy)
    finally:
        copy.close()


def check(path: Path, label: Path, tables: dict[str, int]) -> None:
    """The dump opens, passes SQLite's integrity check and holds the manifest's rows."""
    damaged = f"{label}: 备份文件已损坏"
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{damaged}：SQLite 完整性检查未通过（{verdict}），数据库未改动")
            counts = table_counts(db)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{damaged}：不是可读的 SQLite 数据库（{exc}），数据库未改动") from None
    if counts != tables:
        different = sorted(set(counts) ^ set(tables) | {t for t in counts if counts[t] != tables.get(t)})
        raise BackupError(f"{damaged}：表的行数与清单不符（{'、'.join(different[:5])}），数据库未改动")


def restore(connection: Any, path: Path) -> None:
    """Replace the database of a Django connection with the SQLite file ``path``."""
    connection.ensure_connection()
    write_turn = getattr(connection, "write_turn", contextlib.nullcontext)
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source, write_turn():
        source.backup(connection.connection)
