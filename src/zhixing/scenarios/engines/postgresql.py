from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

from zhixing.scenarios.engines.database import DatabaseEngine

if TYPE_CHECKING:
    from sqlglot.expressions import Expr


def _inline(node: Expr) -> Expr:
    """PostgreSQL materialises a CTE named twice and then guesses its row counts; a view
    used by both sides of a self-join (S02) ran for minutes that way. Inlined, the planner
    sees the base tables' statistics and indexes."""
    if isinstance(node, exp.CTE):
        node.set("materialized", False)
    return node


class PostgreSQLEngine(DatabaseEngine):
    name = "postgresql"
    dialect = "postgres"

    def render(self, tree: Expr) -> str:
        return super().render(tree.transform(_inline))
