"""The backup file: a tar archive whose first member, manifest.json, says what it is
(format, database kind, created time, row counts per table, the dump's size and SHA-256)
and whose second member is the dump itself. Restore reads and checks the manifest and the
dump's digest before it touches a database."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from zhixing.core import clock

FORMAT = "zhixing-backup/1"
MANIFEST = "manifest.json"
DATABASE_KINDS = ("sqlite", "postgresql")
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore refused or failed; the message (Chinese) names the place and reason."""


@dataclass(frozen=True)
class Manifest:
    format: str
    database: str
    created_at: str
    zhixing_version: str
    tables: dict[str, int]
    dump_name: str
    dump_bytes: int
    dump_sha256: str

    @property
    def total_rows(self) -> int:
        return sum(self.tables.values())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write(out: Path, manifest: Manifest, dump: Path) -> None:
    """Write the archive next to ``out`` and move it into place only when complete."""
    fd, partial = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    os.close(fd)
    try:
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as archive:
            body = json.dumps(asdict(manifest), ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mode, info.mtime = 0o600, int(clock.now().timestamp())
            archive.addfile(info, io.BytesIO(body))
            info = archive.gettarinfo(str(dump), arcname=manifest.dump_name)
            info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
            with dump.open("rb") as handle:
                archive.addfile(info, handle)
        os.chmod(partial, 0o600)
        os.replace(partial, out)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, checked for shape; BackupError when it is not one."""
    not_ours = f"{path}: 不是执行平台的备份文件"
    try:
        with tarfile.open(path, "r:") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(f"{not_ours}（第一项应为 {MANIFEST}），数据库未改动")
            handle = archive.extractfile(first)
            raw: Any = json.loads(handle.read().decode("utf-8")) if handle else None
    except BackupError:
        raise
    except FileNotFoundError:
        raise BackupError(f"{path}: 文件不存在，数据库未改动") from None
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{not_ours}或已损坏（{exc}），数据库未改动") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(f"{path}: {MANIFEST} 已损坏（{exc}），数据库未改动") from None
    return _manifest(path, raw)


def _manifest(path: Path, raw: Any) -> Manifest:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        found = raw.get("format") if isinstance(raw, dict) else None
        raise BackupError(f"{path}: {MANIFEST}: format 应为 {FORMAT}，收到 {found!r}，数据库未改动")
    database = raw.get("database")
    if database not in DATABASE_KINDS:
        raise BackupError(f"{path}: {MANIFEST}: database 应为 sqlite 或 postgresql，收到 {database!r}，数据库未改动")
    tables = raw.get("tables")
    fields_ok = (
        isinstance(tables, dict)
        and all(isinstance(k, str) and type(v) is int and v >= 0 for k, v in tables.items())
        and raw.get("dump_name") == DUMP_NAMES[database]
        and type(raw.get("dump_bytes")) is int
        and isinstance(raw.get("dump_sha256"), str)
        and len(raw["dump_sha256"]) == 64
        and isinstance(raw.get("created_at"), str)
    )
    if not fields_ok:
        raise BackupError(f"{path}: {MANIFEST}: 内容不完整或格式不对（tables、dump_name、dump_bytes、dump_sha256、created_at），数据库未改动")
    return Manifest(
        format=FORMAT, database=database, created_at=raw["created_at"],
        zhixing_version=str(raw.get("zhixing_version", "")), tables=dict(raw["tables"]),
        dump_name=raw["dump_name"], dump_bytes=raw["dump_bytes"], dump_sha256=raw["dump_sha256"],
    )


def extract_dump(path: Path, manifest: Manifest, into: Path) -> None:
    """Copy the dump out of the archive into ``into``; BackupError unless its size and
    SHA-256 are the manifest's."""
    damaged = f"{path}: 备份文件已损坏"
    try:
        with tarfile.open(path, "r:") as archive:
            member = next((m for m in archive if m.name == manifest.dump_name), None)
            if member is None or not member.isfile():
                raise BackupError(f"{damaged}：缺少 {manifest.dump_name}，数据库未改动")
            source = archive.extractfile(member)
            if source is None:
                raise BackupError(f"{damaged}：读不出 {manifest.dump_name}，数据库未改动")
            digest = hashlib.sha256()
            size = 0
            with into.open("wb") as target:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
    except BackupError:
        raise
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{damaged}（{exc}），数据库未改动") from None
    if size != manifest.dump_bytes or digest.hexdigest() != manifest.dump_sha256:
        raise BackupError(
            f"{damaged}：{manifest.dump_name} 的 SHA-256 与清单不符"
            f"（清单 {manifest.dump_sha256[:16]}…，{manifest.dump_bytes} 字节；"
            f"实际 {digest.hexdigest()[:16]}…，{size} 字节），数据库未改动"
        )
