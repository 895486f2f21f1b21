"""Spark gives exactly the database engine's findings: every declared scenario case of
the test_scenario_sNN modules is built into one database, each scenario runs once on
each engine, and the results must be identical and meet every case's expectation."""

import importlib
from pathlib import Path

import pytest

from engine_fixtures import spark_session_once  # noqa: F401
from scenario_data import AS_OF, Data, own_findings
from zhixing.scenarios.engine import StaffDirectory, evaluate
from zhixing.scenarios.engines import database_engine_name, open_engine
from zhixing.scenarios.registry import REGISTRY

pytestmark = pytest.mark.django_db


def declared_cases():
    modules = sorted(p.stem for p in Path(__file__).parent.glob("test_scenario_s[0-9][0-9].py"))
    return [build for name in modules for build in importlib.import_module(name).CASES]


def test_declared_cases_exist_for_every_scenario():
    codes = {build(Data()).code for build in []}  # builders need the database: see below
    assert codes == set()
    assert len(declared_cases()) >= 60


@pytest.mark.spark
def test_spark_finds_what_the_database_finds(spark_session_once):  # noqa: F811
    built = []
    for build in declared_cases():
        data = Data()
        built.append((build, data, build(data)))
    codes = sorted({expect.code for _, _, expect in built})
    assert codes == [s.code for s in REGISTRY.all()]
    staff = StaffDirectory.load()
    database, spark = open_engine(database_engine_name()), open_engine("spark")
    try:
        for code in codes:
            scenario = REGISTRY.get(code)
            expected = evaluate(scenario, AS_OF, database, staff)
            actual = evaluate(scenario, AS_OF, spark, staff)
            assert actual == expected, code
            for build, data, expect in built:
                if expect.code != code:
                    continue
                mine = own_findings(actual, data)
                assert sorted(f.dedup_key for f in mine) == sorted(expect.keys), build.__name__
                if expect.check is not None:
                    expect.check(mine)
    finally:
        database.close()
        spark.close()
