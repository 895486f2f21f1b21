"""``zhixing demo-data OUT [--cases N] [--seed S] [--as-of D]``: write demo exchange batches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.demo.generator import DEFAULT_AS_OF, OutputNotEmpty, generate


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"--as-of: not a date of the form YYYY-MM-DD: {text!r}") from exc


class Command(BaseCommand):
    help = "Write realistic Shanghai demo data as exchange-format v1 batches (one folder per source)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="empty or new folder to write the batches into")
        parser.add_argument("--cases", type=int, default=30_000, help="number of cases (default 30000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
        parser.add_argument("--as-of", default=DEFAULT_AS_OF.isoformat(),
                            help="the date the data describes (default 2025-06-30)")

    def handle(self, *args, **options) -> None:
        as_of = _date(options["as_of"])
        if not dt.date(2016, 1, 1) <= as_of <= dt.date(2034, 12, 31):
            raise CommandError(f"--as-of: {as_of} is outside the years the generator supports (2016-2034)")
        if options["seed"] < 0:
            raise CommandError("--seed: must be zero or positive")

        def progress(done: int, total: int) -> None:
            self.stderr.write(f"  {done}/{total} cases")

        try:
            summary = generate(Path(options["out"]), options["cases"], options["seed"], as_of,
                               progress=progress)
        except (OutputNotEmpty, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        rate = summary.cases / summary.seconds * 60 if summary.seconds else 0
        self.stdout.write(
            f"wrote {summary.cases} cases ({sum(summary.rows.values())} rows) into {options['out']} "
            f"in {summary.seconds:.1f} s ({rate:,.0f} cases/min)"
        )
        planted = ", ".join(f"{code} {n}" for code, n in sorted(summary.planted.items()))
        self.stdout.write(f"planted: {planted}")
