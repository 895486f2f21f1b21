"""The ``zhixing`` console script: Django management commands with migrations applied first."""

from __future__ import annotations

import os
import sys

# CLI names that are not valid Python module names map to their command modules.
ALIASES = {
    "import": "import_batch",
    "demo-data": "demo_data",
    "set-password": "set_password",
}


def _apply_pending_migrations() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhixing.config.settings")
    import django

    django.setup()
    if len(argv) > 1 and not argv[1].startswith("-") and argv[1] not in ("help", "makemigrations"):
        _apply_pending_migrations()
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
