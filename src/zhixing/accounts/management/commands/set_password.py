"""`zhixing set-password USERNAME`: the same as `zhixing users set-password USERNAME`."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Set a user's password (enables login)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--stdin", action="store_true", help="read the password from standard input")

    def handle(self, *args, **options) -> None:
        extra = ["--stdin"] if options["stdin"] else []
        call_command("users", "set-password", options["username"], *extra, stdout=self.stdout, stderr=self.stderr)
