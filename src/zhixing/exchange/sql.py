"""Multi-row ``INSERT … ON CONFLICT`` for SQLite (3.24+) and PostgreSQL.

Django's ``bulk_create(update_conflicts=True)`` writes the same statement but builds a model
instance and compiles every value through the ORM, which caps an import at a few thousand
rows a second. Here rows are plain tuples; only date, datetime and decimal values pass
through their field's database preparation. Table and column names come from model
metadata (quoted); every value is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

MAX_ROWS_PER_STATEMENT = 1000
# Below SQLite's default limit of bound variables (32766 since 3.32) and PostgreSQL's 65535.
MAX_PARAMS_PER_STATEMENT = 30000
_PREPARED_FIELDS = (models.DateField, models.DecimalField)  # DateTimeField is a DateField


def _preparer(field: models.Field) -> Callable[[Any], Any] | None:
    if not isinstance(field, _PREPARED_FIELDS):
        return None

    def prepare(value: Any) -> Any:
        return None if value is None else field.get_db_prep_save(value, connection)

    return prepare


def upsert_rows(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    unique: Sequence[str],
    update: Sequence[str],
    on_chunk: Callable[[int], None] = lambda count: None,
) -> None:
    """Insert rows (values in ``columns`` order, by attname); on a conflict over ``unique``,
    overwrite ``update`` columns (or leave the row when ``update`` is empty)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = {f.attname: f for f in model._meta.concrete_fields}
    preparers = [(i, p) for i, name in enumerate(columns) if (p := _preparer(fields[name]))]
    if update:
        assignments = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        action = f"DO UPDATE SET {assignments}"
    else:
        action = "DO NOTHING"
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    tail = f" ON CONFLICT ({', '.join(quote(c) for c in unique)}) {action}"
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, min(MAX_ROWS_PER_STATEMENT, MAX_PARAMS_PER_STATEMENT // len(columns)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            params: list[Any] = []
            for row in chunk:
                values = list(row)
                for index, prepare in preparers:
                    values[index] = prepare(values[index])
                params.extend(values)
            cursor.execute(head + ", ".join([placeholder] * len(chunk)) + tail, params)
            on_chunk(len(chunk))
