"""Engines that run a compiled scenario query: the database's own (SQLite, PostgreSQL)
or Spark over a Parquet snapshot. ``open_engine`` picks one by name."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlglot.expressions import Expr

ENGINE_NAMES = ("sqlite", "postgresql", "spark")


class EngineError(RuntimeError):
    """The requested engine cannot run here (wrong database, missing pyspark or Java)."""


class Engine(Protocol):
    name: str
    dialect: str

    def prepare(self, tables: AbstractSet[str]) -> None:
        """Make these zx_* tables readable by the engine (a no-op for the database)."""

    def refresh(self, tables: AbstractSet[str]) -> None:
        """Re-read tables the scan itself writes (holds), so later scenarios see them."""

    def render(self, tree: Expr) -> str:
        """The query as this engine's SQL text (callers may cache it: it depends on the tree only)."""

    def fetch_sql(self, sql: str, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run rendered SQL; column names and rows."""

    def fetch(self, tree: Expr, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Render and run the query; column names and rows."""

    def close(self) -> None: ...


def database_engine_name() -> str:
    from django.db import connection

    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise EngineError(f"unsupported database vendor {vendor!r}")
    return vendor


def open_engine(name: str | None = None) -> Engine:
    own = database_engine_name()
    name = name or own
    if name not in ENGINE_NAMES:
        raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINE_NAMES)}")
    if name == "spark":
        from zhixing.scenarios.engines.spark import SparkEngine

        return SparkEngine()
    if name != own:
        raise EngineError(
            f"engine {name!r} needs a {name} database, but this deployment's database is {own}"
        )
    if name == "sqlite":
        from zhixing.scenarios.engines.sqlite import SQLiteEngine

        return SQLiteEngine()
    from zhixing.scenarios.engines.postgresql import PostgreSQLEngine

    return PostgreSQLEngine()
