from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg
from django.db import connection
from sqlglot import exp

from zhixing.scenarios.compile import SCOPE_CASES, SCOPE_IDENTITIES, IdList
from zhixing.scenarios.engines.database import DatabaseEngine

if TYPE_CHECKING:
    from sqlglot.expressions import Expr

_ID_LISTS = (SCOPE_IDENTITIES, SCOPE_CASES)


def _inline(node: Expr) -> Expr:
    """PostgreSQL materialises a CTE named twice and then guesses its row counts; a view
    used by both sides of a self-join (S02) ran for minutes that way. Inlined, the planner
    sees the base tables' statistics and indexes."""
    if isinstance(node, exp.CTE):
        node.set("materialized", False)
    return node


def _id_list_as_array(node: Expr) -> Expr:
    """``x IN (:scope_cases)`` becomes ``x = ANY(CAST(:scope_cases AS BIGINT[]))``: the ids
    travel as one array parameter, so the statement text is the same for every event and
    its plan can be prepared once per connection."""
    if isinstance(node, exp.In) and len(node.expressions) == 1:
        (target,) = node.expressions
        if isinstance(target, exp.Placeholder) and target.name in _ID_LISTS:
            array = exp.Cast(this=target, to=exp.DataType.build("BIGINT[]", dialect="postgres"))
            return exp.EQ(this=node.this, expression=exp.Any(this=exp.Paren(this=array)))
    return node


class PostgreSQLEngine(DatabaseEngine):
    name = "postgresql"
    dialect = "postgres"

    def render(self, tree: Expr) -> str:
        return super().render(tree.transform(_inline).transform(_id_list_as_array))

    def fetch_sql(self, sql: str, params: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A scoped query (real time) runs as a prepared statement: planning the scenario
        queries took ten times longer than running them on a handful of cases. A full scan
        runs once, so it is planned for its own values as before."""
        if not any(isinstance(value, IdList) for value in params.values()):
            return super().fetch_sql(sql, params)
        bound = {
            name: list(value) if isinstance(value, IdList) else self.adapt(value)
            for name, value in params.items()
        }
        connection.ensure_connection()
        # Django's own cursors bind on the client, which cannot prepare statements.
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, bound, prepare=True)
            columns = [c.name for c in cursor.description or ()]
            rows = [tuple(self.value(v) for v in row) for row in cursor.fetchall()]
        return columns, rows
