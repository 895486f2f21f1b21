"""Backups that are proven: `zhixing backup` then `zhixing restore` into a fresh database gives
back every row of every table (cases, money, alerts, holds, feedback, audit), and a restore
refuses a damaged file, a file of the other database kind and a non-empty target, changing
nothing. Runs on SQLite, and on PostgreSQL with ZHIXING_TEST_ON_POSTGRES=1 (a scratch
database on the same server, dropped afterwards)."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.test import Client

from batches import CASE_1, ZHANG_SAN_ID, court_batch_files, write_batch
from zhixing.accounts.commands import create_user
from zhixing.alerts.models import Alert, Feedback, Hold
from zhixing.audit.models import AuditEvent
from zhixing.cases.models import Court
from zhixing.cases.shanghai import SHANGHAI_COURTS
from zhixing.exchange.commands.batches import import_batch
from zhixing.ops.archive import MANIFEST

# Transactional: pg_dump and the restoring child process see only committed rows. (No
# serialized_rollback: after the browser tests' flush it would clash with the content types
# the flush recreated; the courts the migration seeds are seeded again here instead.)
pytestmark = pytest.mark.django_db(transaction=True)

CASE_B = "(2024)沪0112执200号"
SRC = Path(__file__).resolve().parent.parent / "src"


def closure_court_batch() -> dict[str, list[dict[str, Any]]]:
    """沪0112: 张三, the debtor of 沪0104's case, is an applicant here and ¥5,000 arrived for him."""
    return {
        "staff": [{"staff_id": "沪0112-J019", "court_code": "沪0112", "name": "陈法官", "role": "执行法官"}],
        "parties": [{"party_key": "Q1", "kind": "自然人", "name": "张三", "id_type": "居民身份证",
                     "id_number": ZHANG_SAN_ID, "phone": None, "address": None}],
        "cases": [{"case_no": CASE_B, "court_code": "沪0112", "category": "执行", "procedure": "首次执行",
                   "cause": "借款合同纠纷", "filed_on": dt.date(2024, 5, 1), "judge_id": "沪0112-J019",
                   "panel": "独任", "status": "在办", "closed_on": None, "closure_mode": None,
                   "stage": "查控", "stage_since": dt.date(2024, 5, 2), "basis_case_no": None,
                   "applied_amount": Decimal("5000.00"), "deadline_on": None}],
        "case_parties": [{"case_no": CASE_B, "party_key": "Q1", "role": "申请执行人", "owed_amount": None}],
        "account_txns": [{"txn_id": "B-1", "case_no": CASE_B, "direction": "到账", "amount": Decimal("5000.00"),
                          "occurred_at": "2025-06-20T10:00:00+08:00", "counterparty_key": None,
                          "beneficiary_key": "Q1", "channel": "网银"}],
    }


def build_world(tmp_path: Path) -> Alert:
    """Two imported batches, a scan raising S01 with its hold, a judge who reads and answers."""
    for code, name, level, parent in SHANGHAI_COURTS:  # a flush before this test removed them
        Court.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent})
    import_batch(write_batch(tmp_path / "in", "沪0104", court_batch_files()))
    import_batch(write_batch(tmp_path / "in", "沪0112", closure_court_batch()))
    call_command("scan", "--as-of", "2025-06-30", "--only", "S01", stdout=io.StringIO())
    alert = Alert.objects.get(scenario="S01", dedup_key=f"{CASE_1}|{CASE_B}")
    assert Hold.objects.filter(alert=alert).exists()
    create_user("judge_a", court_code="沪0104", role="执行法官", staff_id="沪0104-J001")
    judge = Client(REMOTE_ADDR="10.0.0.8")
    judge.force_login(get_user_model().objects.get(username="judge_a"))
    assert judge.get(f"/api/alerts/{alert.pk}").status_code == 200
    answer = judge.post(f"/api/alerts/{alert.pk}/feedback", json.dumps({"verdict": "有帮助"}),
                        content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert Feedback.objects.filter(recipient__alert=alert).exists()
    assert AuditEvent.objects.filter(action__in=["view_alert", "feedback"]).count() >= 2
    return alert


def every_row(connection: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a database, in a stable order."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        dump = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 -- introspected name
            dump[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return dump


@contextlib.contextmanager
def fresh_database(tmp_path: Path):
    """A new, empty database beside the test database: its URL, and a connection to read it."""
    default = connections["default"]
    settings_dict = copy.deepcopy(default.settings_dict)
    if default.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        settings_dict["NAME"] = f"{default.settings_dict['NAME']}_restored"
        _drop_and_create(default, settings_dict["NAME"], create=True)
        credentials = settings_dict["USER"] + (f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else "")
        url = f"postgresql://{credentials}@{settings_dict['HOST']}:{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    # Not registered in django.db.connections: a test may open such a connection.
    reader = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "restored")
    try:
        yield url, reader
    finally:
        reader.close()
        if default.vendor != "sqlite":
            _drop_and_create(default, settings_dict["NAME"], create=False)


def zhixing(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    """The console script, as an operator runs it."""
    env = os.environ | {"ZHIXING_DATABASE_URL": database_url, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "zhixing", *args], capture_output=True, text=True, env=env)


def _drop_and_create(connection: Any, name: str, *, create: bool) -> None:
    quoted = connection.ops.quote_name(name)  # the test database's name and a suffix
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        if create:
            cursor.execute(f"CREATE DATABASE {quoted}")


def rewrite(path: Path, out: Path, *, manifest: dict[str, Any] | None = None, dump: bytes | None = None) -> Path:
    """A copy of a backup file with its manifest or its dump replaced."""
    with tarfile.open(path) as archive:
        members = [(m, archive.extractfile(m).read()) for m in archive.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(out, "w") as archive:
        for member, body in members:
            if member.name == MANIFEST and manifest is not None:
                body = json.dumps(manifest).encode()
            elif member.name != MANIFEST and dump is not None:
                body = dump
            member.size = len(body)
            archive.addfile(member, io.BytesIO(body))
    return out


def manifest_of(path: Path) -> dict[str, Any]:
    with tarfile.open(path) as archive:
        return json.loads(archive.extractfile(MANIFEST).read())  # type: ignore[union-attr]


def dump_of(path: Path) -> bytes:
    with tarfile.open(path) as archive:
        name = manifest_of(path)["dump_name"]
        return archive.extractfile(name).read()  # type: ignore[union-attr]


def refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("restore", *args, stdout=io.StringIO())
    return str(caught.value)


@pytest.fixture
def world(tmp_path):
    return build_world(tmp_path)


@pytest.fixture
def backup_file(world, tmp_path) -> Path:
    out = tmp_path / "world.zxb"
    call_command("backup", str(out), stdout=io.StringIO())
    return out


def test_a_restored_backup_holds_every_row_alert_hold_and_audit_entry(world, tmp_path):
    out = tmp_path / "world.zxb"
    said = io.StringIO()
    call_command("backup", str(out), stdout=said)
    assert "已备份" in said.getvalue()
    source = every_row(connection)
    assert source["zx_alert"] and source["zx_hold"] and source["zx_alert_feedback"] and source["zx_account_txn"]
    assert AuditEvent.objects.filter(action="backup").count() == 1  # the backup records itself

    recorded = manifest_of(out)
    assert recorded["database"] == connections["default"].vendor
    assert recorded["tables"] == {table: len(rows) for table, rows in source.items()}
    assert len(recorded["dump_sha256"]) == 64

    with fresh_database(tmp_path) as (url, target):
        # The console script migrates the empty database first (as before every command):
        # its seeded courts do not make it "not empty".
        run = zhixing("restore", str(out), database_url=url)
        assert run.returncode == 0, run.stderr
        assert "行数与备份清单一致" in run.stdout
        restored = every_row(target)
        *kept, (entry_id, action, detail) = latest_audit(target)
        assert action == "restore"
        assert detail["dump_sha256"] == recorded["dump_sha256"]
        restored["zx_audit_event"] = [row for row in restored["zx_audit_event"] if row[0] != entry_id]
        assert restored == source
        assert {row[1] for row in kept} >= {"view_alert", "feedback", "backup"}


def latest_audit(connection: Any) -> list[tuple[int, str, dict[str, Any]]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, action, detail FROM zx_audit_event ORDER BY id")
        return [(pk, action, detail if isinstance(detail, dict) else json.loads(detail))
                for pk, action, detail in cursor.fetchall()]


def test_a_damaged_backup_is_refused_even_with_force_and_changes_nothing(backup_file, tmp_path):
    before = every_row(connection)
    dump = bytearray(dump_of(backup_file))
    dump[len(dump) // 2] ^= 0xFF
    damaged = rewrite(backup_file, tmp_path / "damaged.zxb", dump=bytes(dump))
    message = refused(str(damaged), "--force")
    assert "已损坏" in message and "SHA-256" in message and "数据库未改动" in message

    truncated = tmp_path / "truncated.zxb"
    truncated.write_bytes(backup_file.read_bytes()[: backup_file.stat().st_size // 2])
    assert "数据库未改动" in refused(str(truncated), "--force")
    assert every_row(connection) == before


def test_a_file_that_is_no_backup_is_refused(backup_file, tmp_path):
    before = every_row(connection)
    text = tmp_path / "notes.txt"
    text.write_text("这不是备份", "utf-8")
    assert "不是执行平台的备份文件" in refused(str(text), "--force")
    manifest = manifest_of(backup_file) | {"format": "zhixing-exchange/1"}
    other_format = rewrite(backup_file, tmp_path / "exchange.zxb", manifest=manifest)
    assert "format 应为 zhixing-backup/1" in refused(str(other_format), "--force")
    assert "文件不存在" in refused(str(tmp_path / "nowhere.zxb"))
    assert every_row(connection) == before


def test_a_backup_of_the_other_database_kind_is_refused(backup_file, tmp_path):
    before = every_row(connection)
    manifest = manifest_of(backup_file)
    other = "postgresql" if manifest["database"] == "sqlite" else "sqlite"
    names = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
    wrong = rewrite(backup_file, tmp_path / "wrong-kind.zxb",
                    manifest=manifest | {"database": other, "dump_name": names[other]})
    message = refused(str(wrong), "--force")
    assert f"这是 {other} 数据库的备份" in message and "数据库未改动" in message
    assert every_row(connection) == before


def test_a_backup_whose_rows_differ_from_its_manifest_is_refused_and_rolled_back(backup_file, tmp_path):
    """The dump is whole (its SHA-256 matches) but the manifest says one alert more: SQLite
    finds it before touching the database, PostgreSQL inside the restore's one transaction,
    which then rolls back the dropped and reloaded tables."""
    before = every_row(connection)
    manifest = manifest_of(backup_file)
    manifest["tables"]["zx_alert"] += 1
    miscounted = rewrite(backup_file, tmp_path / "miscounted.zxb", manifest=manifest)
    message = refused(str(miscounted), "--force")
    assert "zx_alert" in message and "数据库未改动" in message
    assert every_row(connection) == before


def test_a_non_empty_database_is_overwritten_only_with_force(backup_file):
    before = every_row(connection)
    AuditEvent.objects.create(at=world_time(), username="after-backup", action="view_case",
                              object_type="case", object_id="x")
    changed = every_row(connection)
    message = refused(str(backup_file))
    assert "目标数据库不是空的" in message and "--force" in message
    assert every_row(connection) == changed

    call_command("restore", str(backup_file), "--force", stdout=io.StringIO())
    restored = every_row(connection)
    entry = AuditEvent.objects.latest("id")
    assert entry.action == "restore" and "zx_audit_event" in entry.detail["overwrote"]
    restored["zx_audit_event"] = [row for row in restored["zx_audit_event"] if row[0] != entry.pk]
    assert restored == before


def test_backup_never_overwrites_a_file(backup_file):
    with pytest.raises(CommandError, match="文件已存在，不覆盖"):
        call_command("backup", str(backup_file), stdout=io.StringIO())


def world_time() -> dt.datetime:
    from zhixing.core.clock import SHANGHAI

    return dt.datetime(2025, 7, 1, 9, 0, tzinfo=SHANGHAI)


def test_a_sqlite_backup_taken_while_the_server_writes_is_one_consistent_moment(tmp_path):
    """Writers commit two audit rows per transaction while `zhixing backup` runs: the copy
    holds an even number of them (no half transaction) and restores with matching counts."""
    if connection.vendor != "sqlite":
        pytest.skip("the online copy through SQLite's backup API")
    live = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    assert zhixing("migrate", database_url=live).returncode == 0
    stop = threading.Event()

    def write_pairs() -> None:
        db = sqlite3.connect(tmp_path / "live.sqlite3", timeout=30, isolation_level=None)
        while not stop.is_set():
            db.execute("BEGIN IMMEDIATE")
            for _ in range(2):
                db.execute("INSERT INTO zx_audit_event (at, username, action, object_type, object_id, detail)"
                           " VALUES ('2025-07-01 01:00:00', 'writer', 'view_case', 'case', 'x', '{}')")
            db.execute("COMMIT")
        db.close()

    writer = threading.Thread(target=write_pairs)
    writer.start()
    try:
        time.sleep(0.3)
        made = zhixing("backup", str(tmp_path / "live.zxb"), database_url=live)
    finally:
        stop.set()
        writer.join()
    assert made.returncode == 0, made.stderr
    written = manifest_of(tmp_path / "live.zxb")["tables"]["zx_audit_event"] - 1  # less the backup's own entry
    assert written > 0 and written % 2 == 0
    restored = zhixing("restore", str(tmp_path / "live.zxb"), database_url=f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    assert restored.returncode == 0, restored.stderr
