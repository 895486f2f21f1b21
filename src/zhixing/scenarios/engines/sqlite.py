from __future__ import annotations

import datetime as dt
from typing import Any

from zhixing.scenarios.engines.database import DatabaseEngine, sqlite_value


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"
    dialect = "sqlite"

    def adapt(self, value: Any) -> Any:
        return sqlite_value(value)

    def value(self, value: Any) -> Any:
        """Django stores datetimes on SQLite as naive UTC."""
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value
