"""``INSERT … ON CONFLICT`` and ``UPDATE … WHERE id`` over many rows, for SQLite (3.24+) and
PostgreSQL.

Django's ``bulk_create(update_conflicts=True)`` writes the same statement but builds a model
instance and compiles every value through the ORM, which caps an import at a few thousand
rows a second. Here rows are plain tuples; only datetimes pass through their field's
database preparation (SQLite stores them as UTC text); the drivers adapt the rest. Table and
column names come from model metadata (quoted); every value is a bound parameter or COPY data.

On PostgreSQL the rows are streamed with COPY into a temporary staging table, then moved by
one statement (a round trip per statement and the parsing of huge array literals were what
capped the import there). SQLite runs in-process: one prepared statement over many rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction
from django.db.models import QuerySet

from zhixing.core.money import MoneyField

# Rows per executemany call (SQLite) or per COPY write burst (PostgreSQL); progress is
# reported after each.
ROWS_PER_CALL = 2000
STAGE = "zx_stage"
# Bound values per statement on SQLite (its limit is 32,766).
SQLITE_VARIABLES = 3000


# Fewer rows than this (an event from the API) go straight in: a staging table costs more.
STAGE_MIN_ROWS = 50


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    """Fields whose stored form differs from the Python value: datetimes, and money (fen on SQLite)."""
    if not isinstance(field, models.DateTimeField | MoneyField):
        return None

    def prepare(value: Any) -> Any:
        return None if value is None else field.get_db_prep_save(value, connection)

    return prepare


def _prepared_chunks(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> Iterator[Sequence[Sequence[Any]]]:
    fields = {f.attname: f for f in model._meta.concrete_fields}
    preparers = [(i, p) for i, name in enumerate(columns) if (p := _preparer(fields[name]))]
    for start in range(0, len(rows), ROWS_PER_CALL):
        chunk = rows[start : start + ROWS_PER_CALL]
        yield [_prepared(row, preparers) for row in chunk] if preparers else chunk


def _prepared(row: Sequence[Any], preparers: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for index, prepare in preparers:
        values[index] = prepare(values[index])
    return values


@contextmanager
def _staged(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    on_chunk: Callable[[int], None],
) -> Iterator[str]:
    """PostgreSQL: a temporary table with ``columns`` (the model's column types, no
    constraints) holding ``rows``, loaded by COPY; dropped afterwards. The savepoint undoes
    it together with whatever failed."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    stage = quote(STAGE)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {stage} AS "  # noqa: S608 -- quoted names from model metadata; values are bound
            f"SELECT {names} FROM {quote(model._meta.db_table)} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {stage} ({names}) FROM STDIN") as copy:
            for chunk in _prepared_chunks(model, columns, rows):
                for row in chunk:
                    copy.write_row(row)
                on_chunk(len(chunk))
        yield stage
        cursor.execute(f"DROP TABLE {stage}")


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
    names = ", ".join(quote(c) for c in columns)
    if update:
        assignments = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
        action = f"DO UPDATE SET {assignments}"
    else:
        action = "DO NOTHING"
    target = f"{quote(model._meta.db_table)} ({names})"
    conflict = f"ON CONFLICT ({', '.join(quote(c) for c in unique)}) {action}"
    if connection.vendor == "postgresql" and len(rows) >= STAGE_MIN_ROWS:
        with _staged(model, columns, rows, on_chunk) as stage, connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {target} SELECT {names} FROM {stage} {conflict}")  # noqa: S608 -- quoted names from model metadata; values are bound
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        for chunk in _prepared_chunks(model, columns, rows):
            cursor.executemany(f"INSERT INTO {target} VALUES ({placeholders}) {conflict}", chunk)  # noqa: S608 -- quoted names from model metadata; values are bound
            on_chunk(len(chunk))


def update_by_id(model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """``UPDATE table SET columns = … WHERE id = …`` for many rows (each row: the values,
    then the id). Django's bulk_update builds one CASE per chunk, which is several times
    slower."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    if connection.vendor == "postgresql":
        with _staged(model, [*columns, "id"], rows, lambda count: None) as stage:
            assignments = ", ".join(f"{quote(c)} = s.{quote(c)}" for c in columns)
            key = quote("id")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s WHERE t.{key} = s.{key}"  # noqa: S608 -- quoted names from model metadata; values are bound
                )
        return
    assignments = ", ".join(f"{quote(column)} = %s" for column in columns)
    with connection.cursor() as cursor:
        for chunk in _prepared_chunks(model, [*columns, "id"], rows):
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {quote('id')} = %s", chunk)  # noqa: S608 -- quoted names from model metadata; values are bound


def repoint_ids(model: type[models.Model], column: str, match: str, pairs: Sequence[tuple[int, int]]) -> None:
    """For each (old, new) pair: ``UPDATE table SET column = new WHERE match = old``, as one
    statement on PostgreSQL. ``column`` and ``match`` hold ids (both may be the same column)."""
    if not pairs:
        return
    quote = connection.ops.quote_name
    table, column, match = quote(model._meta.db_table), quote(column), quote(match)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            old, new = zip(*pairs, strict=True)
            cursor.execute(
                f"UPDATE {table} AS t SET {column} = p.new "  # noqa: S608 -- quoted names from model metadata; values are bound
                f"FROM unnest(%s::bigint[], %s::bigint[]) AS p(old, new) WHERE t.{match} = p.old",
                [list(old), list(new)],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET {column} = %s WHERE {match} = %s",  # noqa: S608 -- quoted names from model metadata; values are bound
                [(new, old) for old, new in pairs],
            )


def rows_matching(
    model: type[models.Model],
    key: Sequence[str],
    values: Iterable[Sequence[Any]],
    fields: Sequence[str],
) -> list[tuple[Any, ...]]:
    """``fields`` of every row whose ``key`` columns equal one of ``values`` (tuples; a
    repeated tuple finds its row once): on PostgreSQL one join with the staged values, on
    SQLite a join with a list of values per statement."""
    wanted = list(dict.fromkeys(tuple(v) for v in values))
    if not wanted:
        return []
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        selected = ", ".join(f"t.{quote(f)}" for f in fields)
        with _staged(model, key, wanted, lambda count: None) as stage, connection.cursor() as cursor:
            joined = " AND ".join(f"t.{quote(c)} = s.{quote(c)}" for c in key)
            cursor.execute(f"SELECT {selected} FROM {quote(model._meta.db_table)} AS t JOIN {stage} AS s ON {joined}")  # noqa: S608 -- quoted names from model metadata; values are bound
            joined_rows: list[tuple[Any, ...]] = cursor.fetchall()
            return joined_rows
    per_statement = max(1, SQLITE_VARIABLES // len(key))
    found: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), per_statement):
            chunk = wanted[start : start + per_statement]
            cursor.execute(sqlite_matching_sql(model, key, fields, len(chunk)), [v for row in chunk for v in row])
            found.extend(cursor.fetchall())
    return found


def sqlite_matching_sql(model: type[models.Model], key: Sequence[str], fields: Sequence[str], count: int) -> str:
    """SELECT ``fields`` of the rows matching ``count`` bound key tuples. The values drive a
    CROSS JOIN, which SQLite keeps as the outer loop, so every tuple is one search of the
    key's index; ``(a, b) IN (VALUES …)`` instead scanned the whole index once per statement,
    which made importing a million cases' parties quadratic."""
    quote = connection.ops.quote_name
    selected = ", ".join(f"t.{quote(f)}" for f in fields)
    one = "(" + ", ".join(["%s"] * len(key)) + ")"
    joined = " AND ".join(f"t.{quote(c)} = v.column{n}" for n, c in enumerate(key, start=1))
    return (
        f"SELECT {selected} FROM (VALUES {', '.join([one] * count)}) AS v"  # noqa: S608 -- quoted names from model metadata; values are bound
        f" CROSS JOIN {quote(model._meta.db_table)} AS t ON {joined}"
    )


def insert_returning_ids(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    """Insert rows and return their new ids in row order. PostgreSQL draws the ids from the
    table's sequence first and loads the rows by COPY; SQLite runs multi-row
    INSERT … RETURNING (as Django's bulk_create does, without its per-value cost)."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        return _copy_with_new_ids(model, columns, rows)
    target = f"{quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    per_statement = max(1, SQLITE_VARIABLES // max(len(columns), 1))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([one_row] * len(chunk))
            cursor.execute(
                f"INSERT INTO {target} VALUES {values} RETURNING {quote('id')}",  # noqa: S608 -- quoted names from model metadata; values are bound
                [value for row in chunk for value in row],
            )
            ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _copy_with_new_ids(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[int]:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    names = ", ".join(quote(c) for c in ["id", *columns])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [quote(table), len(rows)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        new_ids = iter(ids)
        with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
            for chunk in _prepared_chunks(model, columns, rows):
                for row in chunk:
                    copy.write_row((next(new_ids), *row))
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


def fill_field(rows: QuerySet[Any], field: str, compute: Callable[[Any], Any], batch: int = 2000) -> None:
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
