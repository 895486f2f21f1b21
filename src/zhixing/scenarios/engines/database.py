"""Running a scenario tree through Django's own connection (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

from django.db import connection
from sqlglot import exp

from zhixing.scenarios.compile import inline_id_lists

if TYPE_CHECKING:
    from sqlglot.expressions import Expr


def _pyformat(node: Expr) -> Expr:
    """Named placeholders as %(name)s, and literal % doubled, as Django's cursor expects."""
    if isinstance(node, exp.Placeholder):
        return exp.Var(this=f"%({node.name})s")
    if isinstance(node, exp.Literal) and node.is_string and "%" in node.this:
        return exp.Literal.string(node.this.replace("%", "%%"))
    return node


class DatabaseEngine:
    name = ""
    dialect = ""

    def prepare(self, tables: AbstractSet[str]) -> None:
        return None

    def refresh(self, tables: AbstractSet[str]) -> None:
        return None

    def adapt(self, value: Any) -> Any:
        return value

    def value(self, value: Any) -> Any:
        return value

    def render(self, tree: Expr) -> str:
        return tree.transform(_pyformat).sql(dialect=self.dialect)

    def fetch(self, tree: Expr, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        return self.fetch_sql(self.render(tree), params)

    def fetch_sql(self, sql: str, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        sql, params = inline_id_lists(sql, params, lambda name: f"%({name})s")
        bound = {name: self.adapt(value) for name, value in params.items()}
        with connection.cursor() as cursor:
            cursor.execute(sql, bound)
            columns = [c[0] for c in cursor.description]
            rows = [tuple(self.value(v) for v in row) for row in cursor.fetchall()]
        return columns, rows

    def close(self) -> None:
        return None


def sqlite_value(value: Any) -> Any:
    """Dates as ISO text; aware datetimes as the naive UTC text Django stores on SQLite."""
    if isinstance(value, dt.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
