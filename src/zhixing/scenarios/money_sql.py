"""Money in scenario SQL. A query turns a money column into whole fen (分) with exactly
``CAST(ROUND(x * 100) AS BIGINT)``, where ``x`` is a money column, ``COALESCE(column, 0)``,
or a sum or difference of them (anything that scales with its columns):
exact on PostgreSQL (NUMERIC) and Spark (DECIMAL(16, 2) in the snapshot). SQLite keeps
money columns as fen already (``zhixing.core.money.MoneyField``), so its engine rewrites
every such expression to ``x`` with ``fen_on_sqlite``; multiplying there would go through
floating point and lose digits past 2**53 fen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.expressions import Expr

FEN_PATTERN = "CAST(ROUND(x * 100) AS BIGINT)"


def money_column_of_fen(node: Expr) -> Expr | None:
    """``x`` when the node is ``CAST(ROUND(x * 100) AS BIGINT)``, else None."""
    if not isinstance(node, exp.Cast) or not node.to.is_type(exp.DataType.Type.BIGINT):
        return None
    rounded = node.this
    if not isinstance(rounded, exp.Round) or rounded.args.get("decimals") is not None:
        return None
    product = rounded.this
    if not isinstance(product, exp.Mul):
        return None
    factor = product.expression
    if not (isinstance(factor, exp.Literal) and not factor.is_string and factor.this == "100"):
        return None
    money: exp.Expr = product.this
    return money


def fen_on_sqlite(node: Expr) -> Expr:
    """sqlglot transform: ``CAST(ROUND(x * 100) AS BIGINT)`` becomes ``x`` (fen on SQLite)."""
    column = money_column_of_fen(node)
    return column.copy() if column is not None else node
