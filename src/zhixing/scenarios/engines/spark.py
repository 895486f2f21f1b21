"""Spark engine: the same scenario SQL over a Parquet snapshot of the tables it reads.

The snapshot is written from the database with pyarrow (typed: dates, UTC timestamps,
decimals) into a temporary directory, one file per table, and registered as temporary
views named like the tables. Only tables some scenario of the scan reads are copied."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Set as AbstractSet
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import SparkSession
    from sqlglot.expressions import Expr

from zhixing.scenarios.compile import inline_id_lists
from zhixing.scenarios.engines import EngineError

BATCH_ROWS = 50_000


def spark_session(master: str = "local[2]", shuffle_partitions: int = 4, **conf: str) -> SparkSession:
    """The process's SparkSession: the active one when there is one (tests make their own),
    else a new local one with the UI off and UTC session time."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # the optional extra is missing
        raise EngineError("pyspark is not installed: install zhixing with the [spark] extra") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (
        SparkSession.builder.master(master)
        .appName("zhixing-scan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.ansi.enabled", "false")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing or unusable: say so instead of a JVM trace
        raise EngineError(f"cannot start Spark in local mode (is Java 17 installed?): {exc}") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def _model_for(table: str) -> type[models.Model]:
    for model in apps.get_models():
        if model._meta.db_table == table:
            return model
    raise EngineError(f"no model stores table {table!r}")


def _arrow_type(field: models.Field[Any, Any]) -> pa.DataType:
    import pyarrow as pa

    if isinstance(field, models.ForeignKey):
        return _arrow_type(field.target_field)
    if isinstance(field, models.DateTimeField):
        return pa.timestamp("us", tz="UTC")
    if isinstance(field, models.DateField):
        return pa.date32()
    if isinstance(field, models.DecimalField):
        return pa.decimal128(field.max_digits or 38, field.decimal_places or 0)
    if isinstance(field, models.BooleanField):
        return pa.bool_()
    if isinstance(field, models.IntegerField | models.AutoField):
        return pa.int64()
    if isinstance(field, models.FloatField):
        return pa.float64()
    return pa.string()


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool | Decimal | dt.date | float):
        return value
    return str(value)  # JSON and other exotic columns: scenario SQL does not compare them


def write_snapshot(table: str, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    model = _model_for(table)
    fields = list(model._meta.local_concrete_fields)
    schema = pa.schema([(f.column, _arrow_type(f)) for f in fields])
    names = [f.attname for f in fields]
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[tuple[Any, ...]] = []
        rows = model._base_manager.order_by().values_list(*names).iterator(chunk_size=BATCH_ROWS)
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                writer.write_table(_to_table(batch, schema))
                batch = []
        writer.write_table(_to_table(batch, schema))
    return path


def _to_table(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [() for _ in schema]
    arrays = [
        pa.array([_cell(v) for v in column], type=schema.field(i).type)
        for i, column in enumerate(columns)
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


def _aware(value: Any) -> Any:
    """pyspark hands timestamps back as naive local time of this process."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.astimezone()
    return value


class SparkEngine:
    name = "spark"
    dialect = "spark"

    def __init__(self) -> None:
        self.spark = spark_session()
        self.directory = Path(tempfile.mkdtemp(prefix="zhixing-spark-"))
        self.loaded: set[str] = set()
        self.version = 0

    def _load(self, table: str) -> None:
        self.version += 1  # a fresh file per load: Spark may cache an old file's listing
        path = write_snapshot(table, self.directory / f"{table}.{self.version}.parquet")
        self.spark.read.parquet(str(path)).createOrReplaceTempView(table)
        self.loaded.add(table)

    def prepare(self, tables: AbstractSet[str]) -> None:
        for table in sorted(tables - self.loaded):
            self._load(table)

    def refresh(self, tables: AbstractSet[str]) -> None:
        for table in sorted(tables & self.loaded):
            self._load(table)

    def render(self, tree: Expr) -> str:
        return tree.sql(dialect=self.dialect)

    def fetch(self, tree: Expr, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        return self.fetch_sql(self.render(tree), params)

    def fetch_sql(self, sql: str, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        sql, params = inline_id_lists(sql, params, lambda name: f":{name}")
        frame = self.spark.sql(sql, args=params)
        rows = [tuple(_aware(v) for v in row) for row in frame.collect()]
        return list(frame.columns), rows

    def close(self) -> None:
        for table in self.loaded:
            self.spark.catalog.dropTempView(table)
        self.loaded.clear()
        shutil.rmtree(self.directory, ignore_errors=True)
