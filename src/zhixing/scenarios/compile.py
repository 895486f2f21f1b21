"""Turn a scenario's SQL (written once, PostgreSQL dialect) into one tree per use: the
canonical views it names are added as CTEs, and an optional scope filter restricts the
result to touched identities and cases (real-time evaluation)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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


@lru_cache(maxsize=64)
def tables_used(sql: str) -> frozenset[str]:
    """The zx_* tables the expanded query reads (what a snapshot must hold)."""
    return frozenset(t.name for t in expand(sql).find_all(exp.Table) if t.name.startswith("zx_"))


# Views of case roles a scope may cut down to the touched cases: every scenario reads a
# party's roles only through them, and a scope already holds every case of every party
# it names (see realtime.expand_scope), so no finding in scope loses a row.
ROLE_VIEWS = ("v_case_role", "v_enf_role")
SCOPE_IDENTITIES = "scope_identities"
SCOPE_CASES = "scope_cases"


class IdList(tuple[int, ...]):
    """Ids bound to one placeholder. Engines write them into the SQL text as integer
    literals (see ``inline_id_lists``): a scope can name thousands of cases, and one
    placeholder each made building and rendering the query cost more than running it."""


def inline_id_lists(sql: str, params: dict[str, Any], placeholder: Callable[[str], str]) -> tuple[str, dict[str, Any]]:
    """Replace each IdList parameter's placeholder with its ids; other parameters stay bound."""
    bound = {}
    for name, value in params.items():
        if isinstance(value, IdList):
            sql = sql.replace(placeholder(name), ", ".join(str(int(v)) for v in value))
        else:
            bound[name] = value
    return sql, bound


def _restrict_roles(ctes: Expr) -> None:
    for cte in ctes.expressions:
        if cte.alias in ROLE_VIEWS:
            select = cte.this
            in_scope = exp.column("case_id", table="cp").isin(exp.Placeholder(this=SCOPE_CASES))
            cte.set("this", select.where(in_scope))


@lru_cache(maxsize=256)
def scoped(
    sql: str, identity_columns: tuple[str, ...], case_columns: tuple[str, ...],
    has_identities: bool, has_cases: bool,
) -> Expr:
    """The expanded query wrapped to keep rows whose identity or case columns are in the
    ``scope_identities`` / ``scope_cases`` lists. Its shape depends only on which lists are
    non-empty, so it is built once (this cached tree must not be mutated)."""
    conditions: list[Expr] = []
    for columns, present, name in (
        (identity_columns, has_identities, SCOPE_IDENTITIES), (case_columns, has_cases, SCOPE_CASES),
    ):
        if present:
            conditions += [exp.column(c, table="q").isin(exp.Placeholder(this=name)) for c in columns]
    if not conditions:
        # Nothing touched: an always-false filter keeps the query valid on every engine.
        conditions.append(exp.EQ(this=exp.Literal.number(1), expression=exp.Literal.number(0)))
    inner = expanded(sql)
    ctes = inner.args.get("with_")
    if ctes is not None and has_cases:
        _restrict_roles(ctes)
    inner.set("with_", None)
    where = exp.or_(*conditions) if len(conditions) > 1 else conditions[0]
    alias = exp.TableAlias(this=exp.to_identifier("q"))
    outer = exp.select("*").from_(exp.Subquery(this=inner, alias=alias)).where(where)
    if ctes is not None:
        outer.set("with_", ctes)
    return outer


def scope_lists(identity_ids: Iterable[int], case_ids: Iterable[int]) -> dict[str, IdList]:
    return {
        SCOPE_IDENTITIES: IdList(sorted({int(i) for i in identity_ids})),
        SCOPE_CASES: IdList(sorted({int(c) for c in case_ids})),
    }
