from __future__ import annotations

from typing import Any

from zhixing.scenarios.engines.database import DatabaseEngine, sqlite_value


class SQLiteEngine(DatabaseEngine):
    name = "sqlite"
    dialect = "sqlite"

    def adapt(self, value: Any) -> Any:
        return sqlite_value(value)
