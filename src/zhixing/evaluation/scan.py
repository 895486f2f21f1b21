"""A full scan: every enabled scenario (or the ones named) on one engine as of a date,
stored through the same raising code whatever the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from zhixing.alerts.effects import tables_written
from zhixing.alerts.raising import close_disabled, store_findings
from zhixing.core.workdays import UnknownCalendarYear
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.engine import StaffDirectory, evaluate
from zhixing.scenarios.engines import open_engine
from zhixing.scenarios.params import ParameterError, is_enabled
from zhixing.scenarios.registry import REGISTRY


@dataclass
class ScenarioOutcome:
    code: str
    name: str
    found: int = 0
    raised: int = 0
    updated: int = 0
    closed: int = 0
    error: str | None = None


def select_scenarios(codes: Iterable[str] | None) -> list[Scenario]:
    """Enabled scenarios in code order; named ones must exist and be enabled."""
    if not codes:
        return [s for s in REGISTRY.all() if is_enabled(s)]
    chosen = []
    for code in codes:
        scenario = REGISTRY.get(code.strip())
        if not is_enabled(scenario):
            raise ParameterError(
                f"场景{scenario.code}在本部署中已停用：在 ZHIXING_SCENARIO_PARAMETERS[{scenario.code!r}] "
                "中设置 'enabled': True 后才能运行"
            )
        chosen.append(scenario)
    return sorted({s.code: s for s in chosen}.values(), key=lambda s: s.code)


def _close_disabled(
    on_start: Callable[[Scenario], None] | None, on_done: Callable[[ScenarioOutcome], None] | None,
) -> list[ScenarioOutcome]:
    outcomes = []
    for scenario in REGISTRY.all():
        if is_enabled(scenario):
            continue
        if on_start:
            on_start(scenario)
        closed = close_disabled(scenario)
        if closed:
            outcome = ScenarioOutcome(scenario.code, f"{scenario.name}（已停用）", closed=closed)
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    return outcomes


def run_scan(
    as_of: dt.date,
    codes: Iterable[str] | None = None,
    engine_name: str | None = None,
    on_start: Callable[[Scenario], None] | None = None,
    on_done: Callable[[ScenarioOutcome], None] | None = None,
) -> list[ScenarioOutcome]:
    """Scan and store. A scenario whose thresholds need a calendar year nobody knows, or
    whose configured parameters are invalid, is reported with its error; the others run.
    A full scan (no codes) also closes the open alerts of scenarios switched off since."""
    scenarios = select_scenarios(codes)
    outcomes = [] if codes else _close_disabled(on_start, on_done)
    engine = open_engine(engine_name)
    staff = StaffDirectory.load()
    try:
        for scenario in scenarios:
            if on_start:
                on_start(scenario)
            outcome = ScenarioOutcome(scenario.code, scenario.name)
            try:
                findings = evaluate(scenario, as_of, engine, staff)
            except (UnknownCalendarYear, ParameterError) as exc:
                outcome.error = str(exc)
            else:
                stored = store_findings(scenario, findings, as_of)
                outcome.found = len(findings)
                outcome.raised, outcome.updated = len(stored.raised), len(stored.updated)
                outcome.closed = len(stored.closed)
                # Later scenarios read what this one's effects wrote (S05 reads S01's holds).
                engine.refresh(tables_written(scenario))
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)
    finally:
        engine.close()
    return outcomes
