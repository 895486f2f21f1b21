"""``INSERT … ON CONFLICT`` over many rows, for SQLite (3.24+) and PostgreSQL.

Django's ``bulk_create(update_conflicts=True)`` writes the same statement but builds a model
instance and compiles every value through the ORM, which caps an import at a few thousand
rows a second. Here rows are plain tuples; only datetimes pass through their field's
database preparation (SQLite stores them as UTC text); the drivers adapt the rest. Table and column names come from model
metadata (quoted); every value is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.db.models import QuerySet

# One prepared single-row statement run over many rows (psycopg pipelines them); progress
# is reported after each call.
ROWS_PER_CALL = 2000


def _preparer(field: models.Field) -> Callable[[Any], Any] | None:
    if not isinstance(field, models.DateTimeField):
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
    target = f"{quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    conflict = f"ON CONFLICT ({', '.join(quote(c) for c in unique)}) {action}"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_CALL):
            chunk = rows[start : start + ROWS_PER_CALL]
            if preparers:
                chunk = [_prepared(row, preparers) for row in chunk]
            if connection.vendor == "postgresql":
                # One statement per chunk: each column travels as one array parameter.
                types = [fields[c].db_type(connection) for c in columns]
                arrays = ", ".join(f"%s::{t}[]" for t in types)
                sql = f"INSERT INTO {target} SELECT * FROM unnest({arrays}) {conflict}"
                cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])
            else:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders}) {conflict}", chunk)
            on_chunk(len(chunk))


def _prepared(row: Sequence[Any], preparers: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for index, prepare in preparers:
        values[index] = prepare(values[index])
    return values


def insert_returning_ids(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert rows and return their new ids in row order (multi-row INSERT … RETURNING, as
    Django's bulk_create does on SQLite 3.35+ and PostgreSQL, without its per-value cost)."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    target = f"{quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, 30_000 // max(len(columns), 1) // 10)
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([one_row] * len(chunk))
            cursor.execute(
                f"INSERT INTO {target} VALUES {values} RETURNING {quote('id')}",
                [value for row in chunk for value in row],
            )
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def refresh_planner_statistics() -> None:
    """After a bulk load: PostgreSQL plans joins blind on tables it has never analysed (the
    scenario queries then run for minutes instead of seconds). SQLite's ``PRAGMA optimize``
    skipped tables that had grown fifteenfold, so its planner scanned whole tables where an
    index lookup was right; a sampled ANALYZE keeps the row counts true at a small cost."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("ANALYZE")


def fill_field(rows: QuerySet, field: str, compute: Callable[[Any], Any], batch: int = 2000) -> None:
    """Set ``field`` on every row of ``rows`` to ``compute(row)``, a batch at a time (data
    migrations that derive a new column from existing ones)."""
    pending = []
    for row in rows.iterator(chunk_size=batch):
        setattr(row, field, compute(row))
        pending.append(row)
        if len(pending) >= batch:
            rows.model.objects.bulk_update(pending, [field])
            pending = []
    rows.model.objects.bulk_update(pending, [field])
