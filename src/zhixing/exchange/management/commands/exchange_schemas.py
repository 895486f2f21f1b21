"""`zhixing exchange_schemas`: write (or with --check, verify) the published JSON Schemas."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhixing.exchange.schema import SCHEMA_DIR, all_schemas, render, write_schemas


class Command(BaseCommand):
    help = "Write the exchange format's JSON Schemas (one per file) from the column specifications."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="only report schemas that differ")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            stale = [
                name
                for name, schema in all_schemas().items()
                if not (SCHEMA_DIR / name).is_file()
                or (SCHEMA_DIR / name).read_text(encoding="utf-8") != render(schema)
            ]
            if stale:
                raise CommandError(f"schemas out of date: {', '.join(stale)}")
            self.stdout.write("schemas up to date")
            return
        for path in write_schemas(SCHEMA_DIR):
            self.stdout.write(str(path))
