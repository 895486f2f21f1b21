from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from zhixing.scenarios.engines.database import DatabaseEngine, sqlite_value
from zhixing.scenarios.money_sql import fen_on_sqlite

if TYPE_CHECKING:
    from sqlglot.expressions import Expr


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"
    dialect = "sqlite"

    def render(self, tree: Expr) -> str:
        return super().render(tree.transform(fen_on_sqlite))

    def adapt(self, value: Any) -> Any:
        return sqlite_value(value)

    def value(self, value: Any) -> Any:
        """Django stores datetimes on SQLite as naive UTC."""
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value
