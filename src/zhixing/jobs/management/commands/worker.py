"""`zhixing worker [--once] [--as-of D] [--interval S]`: the platform's one background process."""

from __future__ import annotations

import datetime as dt
import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.jobs.worker import DEFAULT_INTERVAL, Round, Worker


class Command(BaseCommand):
    help = (
        "Run the worker: the daily jobs (escalation) once per day, and the real-time evaluations "
        "owed by events and imports until each is done. SIGTERM or Ctrl-C stops it after the row in hand."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="one round (everything due now), then exit")
        parser.add_argument("--as-of", dest="as_of", help="the daily jobs' date YYYY-MM-DD (default: today, each round)")
        parser.add_argument(
            "--interval", type=float, default=DEFAULT_INTERVAL,
            help=f"seconds to wait after a round with nothing to do (default {DEFAULT_INTERVAL:g})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["as_of"]
        try:
            as_of = dt.date.fromisoformat(text) if text else None
        except ValueError as exc:
            raise CommandError(f"--as-of: 不是 YYYY-MM-DD 格式的日期：{text!r}") from exc
        if options["interval"] <= 0:
            raise CommandError(f"--interval: 须为正数：{options['interval']:g}")
        worker = Worker(as_of=as_of)
        if options["once"]:
            done = worker.run_round(limit=None)
            self._report(done)
            if done.idle:
                self.stdout.write(f"截至 {done.as_of}：没有待办的任务")
            return
        self._stop_on_signals(worker)
        self.stdout.write(f"后台任务已启动（{worker.name}），SIGTERM 或 Ctrl-C 停止")
        worker.run_forever(options["interval"], report=self._report)
        self.stdout.write("后台任务已停止")

    def _stop_on_signals(self, worker: Worker) -> None:
        def stop(signum: int, frame: object) -> None:
            # A second signal ends the process at once: the row in hand is retried after its lease.
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            worker.stop()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    def _report(self, done: Round) -> None:
        for outcome in done.daily:
            if outcome.error is not None:
                self.stderr.write(f"{outcome.label}（截至 {outcome.as_of}）失败，稍后重试：{outcome.error}")
            else:
                self.stdout.write(f"{outcome.label}（截至 {outcome.as_of}）完成：{outcome.said}")
        for pending_id, result in done.evaluations:
            if result.evaluated:
                self.stdout.write(f"实时研判 #{pending_id} 完成：新预警 {len(result.raised_ids)} 条")
            else:
                self.stderr.write(f"实时研判 #{pending_id} 未完成，稍后重试：{result.error}")

