"""Every declared scenario case (the CASES lists of test_scenario_sNN) built into one
database at once. On the database's own engine each case must still hold (no case leaks
into another); on Spark each scenario must give exactly the database engine's findings
and meet every case's expectation."""

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


def build_all():
    built = []
    for build in declared_cases():
        data = Data()
        built.append((build, data, build(data)))
    return built


def check_cases(code, found, built):
    for build, data, expect in built:
        if expect.code != code:
            continue
        mine = own_findings(found, data)
        assert sorted(f.dedup_key for f in mine) == sorted(expect.keys), build.__name__
        if expect.check is not None:
            expect.check(mine)


def test_all_cases_together_on_the_database_engine():
    built = build_all()
    codes = sorted({expect.code for _, _, expect in built})
    assert codes == [s.code for s in REGISTRY.all()]  # every scenario has declared cases
    staff = StaffDirectory.load()
    engine = open_engine(database_engine_name())
    try:
        for code in codes:
            check_cases(code, evaluate(REGISTRY.get(code), AS_OF, engine, staff), built)
    finally:
        engine.close()


@pytest.mark.spark
def test_spark_finds_exactly_what_the_database_finds(spark_session_once):  # noqa: F811
    built = build_all()
    staff = StaffDirectory.load()
    database, spark = open_engine(database_engine_name()), open_engine("spark")
    try:
        for scenario in REGISTRY.all():
            expected = evaluate(scenario, AS_OF, database, staff)
            actual = evaluate(scenario, AS_OF, spark, staff)
            assert actual == expected, scenario.code
            check_cases(scenario.code, actual, built)
    finally:
        database.close()
        spark.close()
