"""``backup(out)`` and ``restore(path)``: the whole database to one checked file and back.

A backup records what it is (archive.Manifest). A restore checks, before it touches
anything, that the file is a whole, undamaged backup of the target's kind of database and
that the target holds no platform data (unless ``force``); the restore itself either
completes with every table's recorded row count or leaves the database as it was.
Both leave an audit entry: the backup's is inside the backup, the restore's is the first
entry after it."""

from __future__ import annotations

import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from zhixing.core import clock
from zhixing.core.commands import Actor
from zhixing.ops import archive, postgresql, sqlite
from zhixing.ops.archive import BackupError, Manifest
from zhixing.ops.commands import record_backup, record_restore

# Tables whose rows are platform data: a database with a row in one of them is not empty.
# The courts are not: the migrations seed them, and the console script migrates a fresh
# database before any command, a restore too.
USER_TABLE = "auth_user"
SEEDED_TABLES = ("zx_court",)


def database_kind(connection: Any) -> str:
    if connection.vendor not in archive.DATABASE_KINDS:
        raise BackupError(f"数据库类型 {connection.vendor} 不支持备份（只支持 sqlite 与 postgresql）")
    return str(connection.vendor)


def backup(out: Path | str, *, actor: Actor | None = None, using: str = DEFAULT_DB_ALIAS) -> Manifest:
    out = Path(out)
    connection = connections[using]
    kind = database_kind(connection)
    if out.exists():
        raise BackupError(f"{out}: 文件已存在，不覆盖；请换一个文件名")
    if not out.parent.is_dir():
        raise BackupError(f"{out}: 目录 {out.parent} 不存在")
    if kind == "postgresql":
        postgresql.require_clients("pg_dump")
    record_backup(actor or Actor.command_line(), str(out.resolve()), using=using)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".zhixing-backup-") as work:
        dump = Path(work) / archive.DUMP_NAMES[kind]
        counts = sqlite.dump(connection, dump) if kind == "sqlite" else postgresql.dump(connection, dump)
        manifest = Manifest(
            format=archive.FORMAT, database=kind,
            created_at=clock.now().isoformat(timespec="seconds"),
            zhixing_version=_version(), tables=counts, dump_name=dump.name,
            dump_bytes=dump.stat().st_size, dump_sha256=archive.sha256_of(dump),
        )
        archive.write(out, manifest, dump)
    return manifest


def restore(
    path: Path | str, *, force: bool = False, actor: Actor | None = None, using: str = DEFAULT_DB_ALIAS
) -> Manifest:
    path = Path(path)
    connection = connections[using]
    kind = database_kind(connection)
    if kind == "postgresql":
        postgresql.require_clients("pg_restore", "psql")
    manifest = archive.read_manifest(path)
    if manifest.database != kind:
        raise BackupError(
            f"{path}: 这是 {manifest.database} 数据库的备份，目标数据库是 {kind}，不能恢复；数据库未改动"
        )
    with tempfile.TemporaryDirectory(prefix="zhixing-restore-") as work:  # under TMPDIR
        dump = Path(work) / manifest.dump_name
        archive.extract_dump(path, manifest, dump)
        if kind == "sqlite":
            sqlite.check(dump, path, manifest.tables)
        else:
            postgresql.check(dump, path, manifest.tables)
        holding = platform_data(connection)
        if holding and not force:
            raise BackupError(
                f"目标数据库不是空的（{'、'.join(holding[:5])} 中有数据）：恢复会覆盖它。"
                "确要覆盖请加 --force；数据库未改动"
            )
        if kind == "sqlite":
            sqlite.restore(connection, dump)
        else:
            postgresql.restore(connection, dump, manifest.tables)
    record_restore(actor or Actor.command_line(), str(path.resolve()), manifest, overwrote=holding, using=using)
    return manifest


def platform_data(connection: Any) -> list[str]:
    """The platform tables of a database that hold at least one row (seeded ones aside)."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor)
                  if (t.startswith("zx_") and t not in SEEDED_TABLES) or t == USER_TABLE]
        holding = []
        for table in sorted(tables):
            # The table name is the database's own, from introspection.
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                holding.append(table)
    return holding


def _version() -> str:
    try:
        return metadata.version("zhixing")
    except metadata.PackageNotFoundError:
        return ""
