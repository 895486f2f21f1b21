"""Engine selection for scenario tests.

Every declared scenario case runs on the database's own engine: SQLite in the SQLite pass
of scripts/run-tests, PostgreSQL in its PostgreSQL pass. Spark runs all declared cases at
once on one combined data set (tests/test_scenario_engines.py) to keep the suite fast;
CI requires it (ZHIXING_REQUIRE_SPARK=1)."""

from __future__ import annotations

import pytest

from conftest import require
from scenario_data import spark_available


@pytest.fixture(scope="session")
def spark_session_once():
    missing = spark_available()
    if missing:
        require("ZHIXING_REQUIRE_SPARK", "Spark (pyspark + Java)", missing)
    from zhixing.scenarios.engines.spark import spark_session

    # Tiny data: one core, one shuffle partition, no whole-stage code generation (compiling
    # Java for every query costs more than running it on a few rows).
    return spark_session(
        "local[1]", 1, **{"spark.sql.codegen.wholeStage": "false", "spark.driver.memory": "768m"}
    )


@pytest.fixture
def engine() -> str:
    """The database's own engine: each pass of scripts/run-tests runs every case once on it."""
    from django.db import connection

    return connection.vendor
