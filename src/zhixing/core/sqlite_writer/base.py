"""Django's SQLite backend with write transactions handed from one to the next without a pause.

SQLite lets one writer in at a time. A writer that finds the lock taken sleeps in SQLite's
busy handler for 1, 2, 5, 10, … up to 100 ms between tries, so under a steady stream of
events (several server processes, several threads each) waiting writers oversleep the
moment the lock is free and queue up. Here every write transaction first takes an
exclusive lock on a file beside the database, polled at sub-millisecond intervals, and only
then begins; SQLite's own lock is then almost always free. In-memory databases (tests)
have no file and no other process, so they go without. A web or API request waits for its
turn only as long as ``core.overload`` allows it (a few seconds), everyone else up to the
connection's ``timeout``.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator

from django.db.backends.sqlite3 import base

from zhixing.core.overload import request_write_wait

POLL_SECONDS = 0.0005
DEFAULT_TIMEOUT = 30.0


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock_fd: int | None = None
    _write_lock_pid = 0
    _holds_write_lock = False

    def _write_lock_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writelock"

    def _take_write_lock(self) -> None:
        path = self._write_lock_path()
        if path is None or self._holds_write_lock:
            return
        if self._write_lock_fd is None or self._write_lock_pid != os.getpid():
            # A forked server process opens its own: a shared open file would share the lock.
            self._write_lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            self._write_lock_pid = os.getpid()
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", DEFAULT_TIMEOUT))
        serving = request_write_wait.get()
        if serving is not None:
            timeout = min(timeout, serving)
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self._write_lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._holds_write_lock = True
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    with self.wrap_database_errors:
                        raise sqlite3.OperationalError(
                            f"database is locked: no write turn within {timeout:g} s ({path})"
                        ) from None
                time.sleep(POLL_SECONDS)

    @contextlib.contextmanager
    def write_turn(self) -> Iterator[None]:
        """The platform's write turn held outside a transaction: a restore replaces the whole
        file through SQLite's backup API, which must not run inside one."""
        self._take_write_lock()
        try:
            yield
        finally:
            self._release_write_lock()

    def _release_write_lock(self) -> None:
        if self._holds_write_lock and self._write_lock_fd is not None:
            fcntl.flock(self._write_lock_fd, fcntl.LOCK_UN)
        self._holds_write_lock = False

    def _start_transaction_under_autocommit(self) -> None:
        self._take_write_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_write_lock()
            if self._write_lock_fd is not None:
                os.close(self._write_lock_fd)
                self._write_lock_fd = None
