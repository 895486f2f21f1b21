"""The declared catalogue, its registry, parameters per deployment and per court, the
thresholds helpers, and `zhixing scenarios`."""

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command

from engine_fixtures import engine  # noqa: F401
from scenario_data import Data, at, findings
from zhixing.scenarios.models import ParameterOverride
from zhixing.scenarios.params import ParameterError, parameter_groups
from zhixing.scenarios.registry import REGISTRY, Registry
from zhixing.scenarios.thresholds import add_months, earliest_start_reaching, workdays_before


def test_catalogue_is_complete_and_declared():
    assert REGISTRY.codes() == [f"S{n:02d}" for n in range(1, 20)]
    for scenario in REGISTRY.all():
        assert scenario.name and scenario.description and scenario.legal_basis and scenario.handling
        assert scenario.recipients and scenario.key
        assert dataclasses.is_dataclass(scenario)
        with pytest.raises(dataclasses.FrozenInstanceError):
            scenario.code = "X"  # type: ignore[misc]
    assert [s.code for s in REGISTRY.all() if not s.enabled_by_default] == ["S17"]


def test_registry_rejects_duplicate_codes():
    s01 = REGISTRY.get("S01")
    with pytest.raises(ValueError, match="S01 is registered twice"):
        Registry([s01, s01])
    with pytest.raises(KeyError, match="没有场景 'S42'"):
        REGISTRY.get("S42")


def test_scenario_sql_holds_no_date_arithmetic_and_no_pasted_values():
    for scenario in REGISTRY.all():
        text = scenario.sql.upper()
        for banned in ("INTERVAL", "DATE_ADD", "DATEADD", "JULIANDAY", "STRFTIME", "NOW()", "CURRENT_DATE"):
            assert banned not in text, (scenario.code, banned)
        assert "%" not in scenario.sql, scenario.code  # LIKE patterns are bound parameters


@pytest.mark.django_db
def test_deployment_and_court_parameters(settings, engine):  # noqa: F811
    data = Data()
    near = data.case("沪0109", judge="J-1", filed_on=dt.date(2025, 3, 3))
    data.txn(near, "到账", "10.00", at(dt.date(2025, 6, 1)))  # 29 days before 30 Jun
    other = data.case("沪0104", judge="J-2", filed_on=dt.date(2025, 3, 3))
    data.txn(other, "到账", "10.00", at(dt.date(2025, 6, 1)))
    as_of = dt.date(2025, 6, 30)
    assert findings("S05", as_of, engine) == []
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_days": 20}}
    assert sorted(f.dedup_key for f in findings("S05", as_of, engine)) == sorted([near.case_no, other.case_no])
    ParameterOverride.objects.create(scenario="S05", court_id="沪0109", name="disburse_days", value=45)
    [found] = findings("S05", as_of, engine)
    assert found.dedup_key == other.case_no and found.evidence["规则参数"]["disburse_days"] == 20
    groups = parameter_groups(REGISTRY.get("S05"))
    assert [g.values["disburse_days"] for g in groups] == [20, 45]


@pytest.mark.django_db
def test_bad_parameters_are_named_clearly(settings):
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_dayz": 20}}
    with pytest.raises(ParameterError, match="S05 has no parameter 'disburse_dayz'"):
        parameter_groups(REGISTRY.get("S05"))
    settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_unit": "月"}}
    with pytest.raises(ParameterError, match="disburse_unit must be one of 自然日/工作日"):
        parameter_groups(REGISTRY.get("S05"))
    settings.ZHIXING_SCENARIO_PARAMETERS = {}
    ParameterOverride.objects.create(scenario="S04", court_id="沪0104", name="start_days", value="ten")
    with pytest.raises(ParameterError, match="ParameterOverride S04/沪0104: start_days must be a whole number"):
        parameter_groups(REGISTRY.get("S04"))


@pytest.mark.django_db
def test_scenarios_command_lists_parameters_and_state():
    ParameterOverride.objects.create(scenario="S05", court_id="沪0104", name="disburse_days", value=20)
    out = io.StringIO()
    call_command("scenarios", stdout=out)
    text = out.getvalue()
    for code in REGISTRY.codes():
        assert code in text
    assert "disburse_days=30" in text and "沪0104: disburse_days=20" in text
    assert "被执行人享有到期债权" in text


@pytest.mark.django_db
def test_threshold_helpers():
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 6, 30), -6) == dt.date(2024, 12, 30)
    start = earliest_start_reaching(dt.date(2025, 2, 28), 6)
    assert add_months(start, 6) >= dt.date(2025, 2, 28) > add_months(start - dt.timedelta(days=1), 6)
    assert start == dt.date(2024, 8, 28)
    # Mon 30 Jun 2025: the 4th working day back (inclusive) is Wed 25 Jun
    assert workdays_before(dt.date(2025, 6, 30), 3) == dt.date(2025, 6, 25)
    # across the Dragon Boat holiday (31 May – 2 Jun 2025): 4 Jun, 3 Jun, then 30 May
    # (Monday–Friday counting would have given Monday 2 Jun)
    assert workdays_before(dt.date(2025, 6, 4), 2) == dt.date(2025, 5, 30)


def test_docs_catalogue_is_generated_from_the_declared_scenarios():
    from pathlib import Path

    from zhixing.scenarios.catalogue_doc import render_markdown

    committed = Path(__file__).resolve().parent.parent / "docs" / "scenarios.md"
    assert committed.read_text(encoding="utf-8") == render_markdown(), (
        "docs/scenarios.md is stale: run `zhixing scenarios --markdown > docs/scenarios.md`"
    )
