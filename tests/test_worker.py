"""Overload and the worker: a busy database answers 503 at once and stores nothing; an event's
evaluation is owed from the moment it is stored and the worker does it when the request could
not; a worker killed mid-run leaves nothing half done."""

import datetime as dt
import fcntl
import io
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test import override_settings

from world import build_world, client_for, make_users
from zhixing.alerts.models import Alert, Hold
from zhixing.audit.models import AuditEvent
from zhixing.cases.models import AccountTxn, Court
from zhixing.cases.shanghai import SHANGHAI_COURTS
from zhixing.core import clock
from zhixing.core.sqlite_writer.base import DatabaseWrapper as SqliteWriter
from zhixing.jobs import evaluation
from zhixing.jobs.commands import LEASE, claim_next_evaluation, enqueue_evaluation
from zhixing.jobs.models import DailyRun, PendingEvaluation

ZHIXING = str(Path(sys.executable).with_name("zhixing"))
EVENT_DAY = dt.datetime(2025, 7, 1, 10, 5, tzinfo=clock.SHANGHAI)
ARRIVAL = {"case_no": "（2024）沪0112执200号", "txn_id": "EV-9", "amount": "1500.50",
           "occurred_at": "2025-07-01T10:00:00", "beneficiary_key": "q7", "channel": "网银"}


@pytest.fixture
def frozen(monkeypatch):
    """The wall clock at a moment the caller can move."""
    moment = {"now": EVENT_DAY}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


def post_arrival(body=ARRIVAL):
    return client_for("judge_b").post("/api/events/money-arrival", json.dumps(body), content_type="application/json")


def s01_without_its_alert():
    """The S01 world (the company owes in A, money arrived for it in B) before any scan."""
    world = build_world()
    make_users()
    Hold.objects.all().delete()
    Alert.objects.all().delete()
    return world


def worker_once(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("worker", "--once", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_an_evaluation_that_fails_after_the_commit_is_owed_and_the_worker_does_it(frozen, monkeypatch):
    world = s01_without_its_alert()
    realtime = evaluation._realtime()
    real, calls = realtime.evaluate_touched, []

    def fails_once(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError("engine down")
        return real(**kwargs)

    monkeypatch.setattr(realtime, "evaluate_touched", fails_once)
    answer = post_arrival()
    assert answer.status_code == 200, answer.content
    assert answer.json()["evaluated"] is False
    assert "RuntimeError" in answer.json()["evaluation_error"]
    assert "后台任务将重试" in answer.json()["evaluation_error"]
    assert AccountTxn.objects.filter(txn_id="EV-9").exists()
    owed = PendingEvaluation.objects.get()
    assert (owed.done_at, owed.attempts, owed.as_of) == (None, 1, dt.date(2025, 7, 1))
    assert "engine down" in owed.last_error
    assert not Alert.objects.filter(scenario="S01").exists()

    frozen["now"] += dt.timedelta(seconds=1)
    out, err = worker_once()
    assert f"实时研判 #{owed.pk} 完成" in out, err
    owed.refresh_from_db()
    assert owed.done_at is not None and owed.attempts == 2
    alert = Alert.objects.get(scenario="S01")
    assert alert.subject == world.company
    assert calls[1]["as_of"] == dt.date(2025, 7, 1)
    out, _ = worker_once()
    assert "实时研判" not in out  # done is done



@pytest.fixture
def hold_the_write_turn(tmp_path, monkeypatch):
    """A context in which another connection holds the write turn: on SQLite the writers'
    lock file, on PostgreSQL an EXCLUSIVE lock on the account table (reads go on, writes wait)."""
    if connection.vendor == "sqlite":
        path = str(tmp_path / "db-writelock")
        # The test database lives in memory, without a lock file: give it one.
        monkeypatch.setattr(SqliteWriter, "_write_lock_path", lambda self: path)

    @contextmanager
    def held():
        if connection.vendor == "sqlite":
            holder = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(holder, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(holder, fcntl.LOCK_UN)
                os.close(holder)
        else:
            other = connections.create_connection("default")
            other.set_autocommit(False)
            with other.cursor() as cursor:
                cursor.execute("LOCK TABLE zx_account_txn IN EXCLUSIVE MODE")
            try:
                yield
            finally:
                other.rollback()
                other.close()

    return held


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@override_settings(ZHIXING_WRITE_WAIT_SECONDS=0.3)
def test_a_write_that_gets_no_turn_is_refused_at_once_with_503_and_nothing_stored(frozen, hold_the_write_turn):
    # Transactional tests run last, after the browser tests' flush (even skipped ones') removed
    # the courts the migration seeded.
    for code, name, level, parent in SHANGHAI_COURTS:
        Court.objects.get_or_create(code=code, defaults={"name": name, "level": level, "parent_id": parent})
    s01_without_its_alert()
    client = client_for("judge_b")
    audit_before = AuditEvent.objects.count()
    with hold_the_write_turn():
        started = time.monotonic()
        answer = client.post("/api/events/money-arrival", json.dumps(ARRIVAL), content_type="application/json")
        waited = time.monotonic() - started
    assert answer.status_code == 503, answer.content
    assert answer["Retry-After"] == "1"
    assert "平台繁忙" in answer.json()["detail"] and "未保存任何数据" in answer.json()["detail"]
    assert waited < 3
    assert not AccountTxn.objects.filter(txn_id="EV-9").exists()
    assert not PendingEvaluation.objects.exists()
    assert AuditEvent.objects.count() == audit_before

    # The turn free again, the same request goes through and is evaluated.
    answer = client.post("/api/events/money-arrival", json.dumps(ARRIVAL), content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["evaluated"] is True
    assert PendingEvaluation.objects.get().done_at is not None


def test_a_page_whose_write_finds_the_database_busy_answers_503_in_chinese(rf):
    from django.db import OperationalError

    from zhixing.core.overload import RefuseWhenBusy

    def view(request):
        raise OperationalError("database is locked")

    middleware = RefuseWhenBusy(view)
    request = rf.post("/alerts/1/feedback")
    answer = middleware.process_exception(request, OperationalError("database is locked"))
    assert answer is not None and answer.status_code == 503
    assert answer["Retry-After"] == "5"
    assert "平台繁忙" in answer.content.decode()
    assert middleware.process_exception(request, OperationalError("no such table: zx_case")) is None


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_taken_up_again_when_its_lease_ends(frozen):
    world = s01_without_its_alert()
    with transaction.atomic():
        owed = enqueue_evaluation(set(), {world.case_b.pk}, ["zx_account_txn"], dt.date(2025, 7, 1), try_now=False)
    claimed = claim_next_evaluation("worker that is killed next")
    assert claimed is not None and claimed.pk == owed.pk
    # ... killed here: the row stays claimed, not done.

    frozen["now"] += LEASE - dt.timedelta(seconds=1)
    out, _ = worker_once()
    assert "没有待办" in out or f"#{owed.pk}" not in out  # a live claim is left alone
    owed.refresh_from_db()
    assert owed.done_at is None and owed.claimed_by == "worker that is killed next"

    frozen["now"] += dt.timedelta(seconds=2)
    out, err = worker_once()
    assert f"实时研判 #{owed.pk} 完成：新预警 1 条" in out, err
    owed.refresh_from_db()
    assert owed.done_at is not None and owed.attempts == 2
    assert Alert.objects.filter(scenario="S01", subject=world.company).exists()


@pytest.mark.django_db
def test_a_daily_job_runs_once_per_as_of_date_and_a_failed_one_is_retried(frozen, monkeypatch):
    from zhixing.jobs import daily

    build_world()
    label, escalation = daily.DAILY_JOBS["escalation"]

    def down(as_of):
        raise RuntimeError("calendar unavailable")

    monkeypatch.setitem(daily.DAILY_JOBS, "escalation", (label, down))
    _, err = worker_once("--as-of", "2025-07-04")
    assert "预警升级（截至 2025-07-04）失败，稍后重试：RuntimeError: calendar unavailable" in err
    monkeypatch.setitem(daily.DAILY_JOBS, "escalation", (label, escalation))
    out, _ = worker_once("--as-of", "2025-07-04")
    assert "预警升级" not in out  # waits for its retry
    frozen["now"] += dt.timedelta(minutes=1)
    out, _ = worker_once("--as-of", "2025-07-04")
    assert "预警升级（截至 2025-07-04）完成：升级 2 条" in out  # to the chiefs of both courts
    out, _ = worker_once("--as-of", "2025-07-04")
    assert "没有待办的任务" in out
    run = DailyRun.objects.get()
    assert (run.job, run.as_of, run.attempts, run.last_error) == ("escalation", dt.date(2025, 7, 4), 2, "")


def test_the_worker_stops_cleanly_on_sigterm(tmp_path):
    env = dict(os.environ, ZHIXING_DATABASE_URL=f"sqlite:///{tmp_path / 'worker.sqlite3'}", PYTHONUNBUFFERED="1")
    worker = subprocess.Popen([ZHIXING, "worker", "--interval", "0.2"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert worker.stdout is not None
        first = worker.stdout.readline()
        assert "后台任务已启动" in first, worker.stderr.read() if worker.stderr else ""
        time.sleep(0.5)
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    assert "后台任务已停止" in out


@pytest.mark.django_db
def test_a_realtime_import_owes_its_evaluation_in_its_own_transaction(tmp_path, django_capture_on_commit_callbacks, monkeypatch):
    from batches import court_batch_files, write_batch
    from zhixing.exchange.commands.batches import StoredNotEvaluated, import_batch

    def broken(**kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(evaluation._realtime(), "evaluate_touched", broken)
    with pytest.raises(StoredNotEvaluated), django_capture_on_commit_callbacks(execute=True):
        import_batch(write_batch(tmp_path, "沪0104", court_batch_files()), realtime=True)
    owed = PendingEvaluation.objects.get()
    assert owed.case_ids and owed.identity_ids
    assert owed.tables is None  # every scenario
    assert owed.done_at is None and "engine down" in owed.last_error


class _PgError(Exception):
    def __init__(self, sqlstate):
        super().__init__("from the server")
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("message", "sqlstate", "busy"),
    [
        ("database is locked", None, True),
        ("database is locked: no write turn within 5 s (/srv/zx.sqlite3-writelock)", None, True),
        ("canceling statement due to lock timeout", "55P03", True),
        ("canceling statement due to statement timeout", "57014", True),
        ('connection failed: FATAL:  sorry, too many clients already', None, True),
        ("deadlock detected", "40P01", True),
        ("no such table: zx_case", None, False),
        ("relation does not exist", "42P01", False),
    ],
)
def test_what_counts_as_the_database_being_too_busy(message, sqlstate, busy):
    from django.db import OperationalError

    from zhixing.core.overload import is_overload

    error = OperationalError(message)
    if sqlstate:
        error.__cause__ = _PgError(sqlstate)
    assert is_overload(error) is busy
