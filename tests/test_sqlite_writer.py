"""SQLite write transactions take turns through a lock file beside the database."""

import threading
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler


@pytest.fixture
def two_connections(tmp_path, django_db_blocker):
    options = {"timeout": 5, "transaction_mode": "IMMEDIATE"}
    settings = {
        alias: {"ENGINE": "zhixing.core.sqlite_writer", "NAME": str(tmp_path / "court.sqlite3"), "OPTIONS": options}
        for alias in ("default", "first", "second")
    }
    handler = ConnectionHandler(settings)
    first, second = handler["first"], handler["second"]
    for connection in (first, second):
        connection.inc_thread_sharing()
    with django_db_blocker.unblock():
        with first.cursor() as cursor:
            cursor.execute("CREATE TABLE payments (id INTEGER PRIMARY KEY, note TEXT)")
        yield first, second
        handler.close_all()


@contextmanager
def atomic(connection):
    """What transaction.atomic does, for a connection outside django.db.connections."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    finally:
        connection.set_autocommit(True)


def _insert(connection, note: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO payments (note) VALUES (%s)", [note])


def _notes(connection) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM payments ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_second_writer_waits_for_the_first_and_then_writes(two_connections):
    first, second = two_connections
    inside, order = threading.Event(), []

    def hold_the_lock():
        with atomic(first):
            _insert(first, "first")
            inside.set()
            time.sleep(0.3)
            order.append("first committed")

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    inside.wait()
    with atomic(second):
        order.append("second began")
        _insert(second, "second")
    holder.join()
    assert order == ["first committed", "second began"]
    assert _notes(second) == ["first", "second"]


def test_a_writer_that_cannot_get_its_turn_fails_clearly_and_writes_nothing(two_connections):
    first, second = two_connections
    second.settings_dict["OPTIONS"] = {**second.settings_dict["OPTIONS"], "timeout": 0.2}
    with atomic(first):
        _insert(first, "first")

        def try_to_write():
            with pytest.raises(OperationalError, match="database is locked"), atomic(second):
                _insert(second, "second")

        waiter = threading.Thread(target=try_to_write)
        waiter.start()
        waiter.join()
    assert _notes(first) == ["first"]


def test_a_rolled_back_transaction_gives_the_turn_back(two_connections):
    first, second = two_connections
    with pytest.raises(RuntimeError), atomic(first):
        _insert(first, "lost")
        raise RuntimeError("the request failed half way")
    with atomic(second):
        _insert(second, "kept")
    assert _notes(first) == ["kept"]


def test_writers_queue_on_the_lock_file_beside_the_database(two_connections):
    import fcntl

    first, _ = two_connections
    began = threading.Event()
    with open(f"{first.settings_dict['NAME']}-writelock", "a+") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # another server process's turn

        def write():
            with atomic(first):
                began.set()
                _insert(first, "after the other process")

        writer = threading.Thread(target=write)
        writer.start()
        assert not began.wait(0.3)
        fcntl.flock(lock_file, fcntl.LOCK_UN)
        writer.join()
    assert began.is_set() and _notes(first) == ["after the other process"]
