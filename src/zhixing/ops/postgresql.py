"""PostgreSQL: ``pg_dump -Fc`` inside an exported snapshot (the row counts in the manifest
are of that same snapshot), and a restore that runs as one transaction: drop what is there,
load the dump, check every table's row count against the manifest, commit; any error rolls
all of it back and the database is as it was.

The client programs come from the Debian package postgresql-client (``make install``)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction

from zhixing.ops.archive import BackupError

DROP_EVERYTHING = """
SET client_min_messages = warning;
DO $drop$
DECLARE r record;
BEGIN
  FOR r IN SELECT c.relname, c.relkind FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %I CASCADE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                     WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.relname);
  END LOOP;
  FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = current_schema() AND c.relkind = 'S'
  LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS %I CASCADE', r.relname);
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS signature, p.prokind FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
             AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE',
      CASE r.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, r.signature);
  END LOOP;
END
$drop$;
"""

# "232; 1259 16516 TABLE public zx_case postgres" in `pg_restore --list`.
TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", re.MULTILINE)


def program(name: str) -> str:
    found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
    if found is None:
        raise BackupError(f"找不到 {name}：请安装 postgresql-client（make install 会安装），数据库未改动")
    return found


def client_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The connection for pg_dump, pg_restore and psql, passed in the environment (a
    password never appears in a process list)."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(settings_dict["OPTIONS"]["sslmode"])
    return env


def table_counts(cursor: Any, table_names: list[str]) -> dict[str, int]:
    counts = {}
    for name in sorted(table_names):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 -- names from introspection
        counts[name] = cursor.fetchone()[0]
    return counts


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def dump(connection: Any, into: Path) -> dict[str, int]:
    pg_dump = program("pg_dump")
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        counts = table_counts(cursor, connection.introspection.table_names(cursor))
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={into}"],
             client_env(connection.settings_dict), "pg_dump")
    return counts


def check(path: Path, label: Path, tables: dict[str, int]) -> None:
    """pg_restore reads the archive's table of contents, and its tables are the manifest's
    (so the names the restore's row-count check uses come from the checked dump)."""
    result = subprocess.run(  # noqa: S603 -- our own program path and file
        [program("pg_restore"), "--list", str(path)], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{label}: 备份文件已损坏：pg_restore 读不出目录（{_last_line(result.stderr)}），数据库未改动")
    listed = {m.group(1) for m in TOC_TABLE.finditer(result.stdout)}
    if listed != set(tables):
        different = sorted(listed ^ set(tables))
        raise BackupError(f"{label}: 备份文件已损坏：清单与转储中的表不一致（{'、'.join(different[:5])}），数据库未改动")


def restore(connection: Any, path: Path, tables: dict[str, int]) -> None:
    env = client_env(connection.settings_dict)
    psql_argv = [
        program("psql"), "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
        f"--command={DROP_EVERYTHING}", "--file=-", f"--command={_count_check(tables)}",
    ]
    connection.close()  # the server's connections may stay; this one must not hold prepared plans
    with tempfile.TemporaryFile() as restore_errors:
        pg_restore = subprocess.Popen(  # noqa: S603 -- our own program path and file
            [program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(path)],
            stdout=subprocess.PIPE, stderr=restore_errors, env=env,
        )
        psql = subprocess.run(  # noqa: S603 -- our own program path; the SQL is built here
            psql_argv, stdin=pg_restore.stdout, capture_output=True, text=True, env=env
        )
        if pg_restore.stdout:
            pg_restore.stdout.close()
        pg_restore.wait()
        restore_errors.seek(0)
        errors = restore_errors.read().decode("utf-8", "replace")
    if pg_restore.returncode != 0 or psql.returncode != 0:
        reason = _last_line(errors) if pg_restore.returncode else _last_line(psql.stderr)
        raise BackupError(f"恢复失败，事务已回滚，数据库未改动：{reason}")


def require_clients(*names: str) -> None:
    """Refuse before anything is written when a client program is missing."""
    for name in names:
        program(name)


def _count_check(tables: dict[str, int]) -> str:
    """A DO block that raises (and so rolls the restore back) unless every table of the
    manifest holds exactly its recorded number of rows."""
    checks = "".join(
        # Names the dump's own table of contents lists (check()), counts integers.
        f"  IF (SELECT COUNT(*) FROM {quote(name)}) <> {int(count)} THEN\n"  # noqa: S608
        f"    RAISE EXCEPTION '表 % 的行数与备份清单不符', {_literal(name)};\n"
        f"  END IF;\n"
        for name, count in sorted(tables.items())
    )
    # pg_restore's script empties search_path; the manifest's names are of the default one.
    return f"RESET search_path;\nDO $check$\nBEGIN\n{checks}END\n$check$;"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _run(argv: list[str], env: dict[str, str], name: str) -> None:
    result = subprocess.run(argv, capture_output=True, text=True, env=env)  # noqa: S603 -- our own program path
    if result.returncode != 0:
        raise BackupError(f"{name} 失败：{_last_line(result.stderr)}")


def _last_line(text: str) -> str:
    """The error line of a client program's messages (else its last line)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "ERROR" in line or "error" in line or "错误" in line]
    return (errors or lines or ["没有错误信息"])[0 if errors else -1]
