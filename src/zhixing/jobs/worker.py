"""The one worker: a loop of rounds, each running the daily jobs still owed for its as-of date,
then the real-time evaluations that are due. One process, one scheduler (docs/decisions.md).

Safe to kill at any moment: every row is claimed in a transaction with a lease and finished in
another, so a run that died is simply due again when its lease ends; every job is idempotent."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import close_old_connections, connection

from zhixing.core import clock
from zhixing.jobs.commands import claim_next_evaluation
from zhixing.jobs.daily import DailyOutcome, run_daily_jobs
from zhixing.jobs.evaluation import Evaluation, run_evaluation

logger = logging.getLogger(__name__)
DEFAULT_INTERVAL = 5.0
# Evaluations per round before the daily jobs are looked at again.
ROUND_EVALUATIONS = 200


@dataclass
class Round:
    as_of: dt.date
    daily: list[DailyOutcome] = field(default_factory=list)
    evaluations: list[tuple[int, Evaluation]] = field(default_factory=list)

    @property
    def idle(self) -> bool:
        return not self.daily and not self.evaluations


class Worker:
    def __init__(self, as_of: dt.date | None = None, name: str | None = None):
        """``as_of`` fixes the daily jobs' date; without it each round takes today's."""
        self.as_of = as_of
        self.name = name or f"worker {socket.gethostname()}:{os.getpid()}"
        self._stop = threading.Event()

    def stop(self) -> None:
        """Finish the row in hand, then stop."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run_round(self, limit: int | None = ROUND_EVALUATIONS) -> Round:
        _refresh_connections()
        done = Round(self.as_of or clock.today())
        done.daily = run_daily_jobs(done.as_of, self.name)
        while not self.stopping and (limit is None or len(done.evaluations) < limit):
            pending = claim_next_evaluation(self.name)
            if pending is None:
                break
            done.evaluations.append((pending.pk, run_evaluation(pending.pk)))
        return done

    def run_forever(
        self, interval: float = DEFAULT_INTERVAL, report: Callable[[Round], None] | None = None
    ) -> None:
        """Rounds until ``stop``; waits ``interval`` seconds after a round with nothing to do.
        A round that fails (the database unreachable, say) is logged and tried again."""
        while not self.stopping:
            try:
                done = self.run_round()
            except Exception:
                logger.exception("worker round failed; trying again in %s s", interval)
                _refresh_connections()
                self._stop.wait(interval)
                continue
            if report is not None and not done.idle:
                report(done)
            if done.idle:
                self._stop.wait(interval)


def _refresh_connections() -> None:
    """What Django does between requests: drop broken or expired connections. Never inside a
    transaction (a test's), which it would close."""
    if not connection.in_atomic_block:
        close_old_connections()
