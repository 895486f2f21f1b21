"""Turn a scenario's SQL (written once, PostgreSQL dialect) into one tree per use: the
canonical views it names are added as CTEs, and an optional scope filter restricts the
result to touched identities and cases (real-time evaluation)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import sqlglot
from sqlglot import exp

if TYPE_CHECKING:
    from sqlglot.expressions import Expr

from zhixing.scenarios.views import VIEWS

SOURCE_DIALECT = "postgres"


def _referenced_views(tree: Expr) -> list[str]:
    return sorted({t.name for t in tree.find_all(exp.Table) if t.name in VIEWS})


@lru_cache(maxsize=32)
def _view_tree(name: str) -> Expr:
    tree: Expr = sqlglot.parse_one(VIEWS[name], read=SOURCE_DIALECT)
    return tree


def _views_in_order(tree: Expr) -> list[str]:
    """Every view the tree needs, dependencies first."""
    ordered: list[str] = []

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in trail:
            raise ValueError(f"canonical views form a cycle: {' -> '.join(trail + (name,))}")
        for dep in _referenced_views(_view_tree(name)):
            visit(dep, trail + (name,))
        ordered.append(name)

    for name in _referenced_views(tree):
        visit(name, ())
    return ordered


@lru_cache(maxsize=64)
def expand(sql: str) -> Expr:
    """The query with the views it uses prepended as CTEs (a fresh copy is returned by
    ``expanded``; this cached tree must not be mutated)."""
    tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
    if not isinstance(tree, exp.Query):
        raise ValueError("a scenario query must be a SELECT")
    own = tree.args.get("with_")
    own_ctes = list(own.expressions) if own else []
    clash = {c.alias for c in own_ctes} & set(VIEWS)
    if clash:
        raise ValueError(f"a scenario query may not redefine canonical views: {sorted(clash)}")
    view_ctes = [
        exp.CTE(this=_view_tree(name).copy(), alias=exp.TableAlias(this=exp.to_identifier(name)))
        for name in _views_in_order(tree)
    ]
    if view_ctes or own_ctes:
        tree.set("with_", exp.With(expressions=view_ctes + own_ctes))
    return tree


def expanded(sql: str) -> Expr:
    return expand(sql).copy()


def tables_used(sql: str) -> set[str]:
    """The zx_* tables the expanded query reads (what a snapshot must hold)."""
    return {t.name for t in expand(sql).find_all(exp.Table) if t.name.startswith("zx_")}


# Views of case roles a scope may cut down to the touched cases: every scenario reads a
# party's roles only through them, and a scope already holds every case of every party
# it names (see realtime.expand_scope), so no finding in scope loses a row.
ROLE_VIEWS = ("v_case_role", "v_enf_role")


def _restrict_roles(ctes: Expr, placeholders: list[Expr]) -> None:
    if not placeholders:
        return
    for cte in ctes.expressions:
        if cte.alias in ROLE_VIEWS:
            select = cte.this
            cte.set("this", select.where(exp.column("case_id", table="cp").isin(*placeholders)))


def with_scope(
    tree: Expr,
    identity_columns: Iterable[str],
    case_columns: Iterable[str],
    identity_ids: Iterable[int],
    case_ids: Iterable[int],
) -> tuple[Expr, dict[str, int]]:
    """Wrap the query: keep rows whose identity or case columns hit the touched ids."""
    params: dict[str, int] = {}
    conditions: list[Expr] = []

    def in_list(column: str, ids: list[int], prefix: str) -> None:
        if not ids:
            return
        names = []
        for value in ids:
            name = f"{prefix}{len(params)}"
            params[name] = value
            names.append(exp.Placeholder(this=name))
        conditions.append(exp.column(column, table="q").isin(*names))

    identities = sorted(set(identity_ids))
    cases = sorted(set(case_ids))
    for column in identity_columns:
        in_list(column, identities, "scope_i")
    for column in case_columns:
        in_list(column, cases, "scope_c")
    if not conditions:
        # Nothing touched: an always-false filter keeps the query valid on every engine.
        conditions.append(exp.EQ(this=exp.Literal.number(1), expression=exp.Literal.number(0)))
    inner = tree.copy()
    ctes = inner.args.get("with_")
    if ctes is not None and cases:
        _restrict_roles(ctes, [exp.Placeholder(this=n) for n in params if n.startswith("scope_c")])
    inner.set("with_", None)
    where = exp.or_(*conditions) if len(conditions) > 1 else conditions[0]
    alias = exp.TableAlias(this=exp.to_identifier("q"))
    outer = exp.select("*").from_(exp.Subquery(this=inner, alias=alias)).where(where)
    if ctes is not None:
        outer.set("with_", ctes)
    return outer, params
