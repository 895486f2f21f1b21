from __future__ import annotations

from zhixing.scenarios.engines.database import DatabaseEngine


class PostgreSQLEngine(DatabaseEngine):
    name = "postgresql"
    dialect = "postgres"
