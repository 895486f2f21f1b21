"""Effective scenario parameters: defaults, then the deployment's settings, then per court.

settings.ZHIXING_SCENARIO_PARAMETERS = {"S05": {"disburse_days": 20}, "S17": {"enabled": True}}
ParameterOverride rows (scenarios app) set one parameter for one court."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from zhixing.scenarios.base import Scenario

ENABLED = "enabled"


class ParameterError(ValueError):
    """A configured parameter names an unknown parameter or has a value of the wrong kind."""


@dataclass(frozen=True)
class ParamGroup:
    """Parameter values shared by a set of courts. ``courts`` None = every court not listed
    in ``excluded`` (the deployment's values)."""

    values: dict[str, Any]
    courts: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()

    def covers(self, court_code: str | None) -> bool:
        if self.courts is not None:
            return court_code in self.courts
        return court_code not in self.excluded


def _deployment_config(code: str) -> dict[str, Any]:
    config = getattr(settings, "ZHIXING_SCENARIO_PARAMETERS", {}) or {}
    value = config.get(code, {})
    if not isinstance(value, dict):
        raise ParameterError(f"settings.ZHIXING_SCENARIO_PARAMETERS[{code!r}] must be a dict")
    return value


def _apply(scenario: Scenario, base: dict[str, Any], name: str, value: Any, where: str) -> None:
    declared = {p.name: p for p in scenario.params}
    if name not in declared:
        known = ", ".join(declared) or "none"
        raise ParameterError(f"{where}: {scenario.code} has no parameter {name!r} (known: {known})")
    try:
        base[name] = declared[name].coerce(value, where)
    except ValueError as exc:
        raise ParameterError(str(exc)) from exc


def deployment_values(scenario: Scenario) -> dict[str, Any]:
    values: dict[str, Any] = scenario.defaults()
    for name, value in _deployment_config(scenario.code).items():
        if name == ENABLED:
            continue
        _apply(scenario, values, name, value, f"settings.ZHIXING_SCENARIO_PARAMETERS[{scenario.code!r}]")
    return values


def is_enabled(scenario: Scenario) -> bool:
    flag = _deployment_config(scenario.code).get(ENABLED, scenario.enabled_by_default)
    if not isinstance(flag, bool):
        raise ParameterError(
            f"settings.ZHIXING_SCENARIO_PARAMETERS[{scenario.code!r}]['enabled'] must be true or false"
        )
    return flag


def court_overrides(scenario: Scenario) -> dict[str, dict[str, Any]]:
    from zhixing.scenarios.models import ParameterOverride

    by_court: dict[str, dict[str, Any]] = {}
    rows = ParameterOverride.objects.filter(scenario=scenario.code).order_by("court_id", "name")
    for court_id, name, value in rows.values_list("court_id", "name", "value"):
        _apply(scenario, by_court.setdefault(court_id, {}), name, value,
               f"ParameterOverride {scenario.code}/{court_id}")
    return by_court


def parameter_groups(scenario: Scenario) -> list[ParamGroup]:
    """One group per distinct set of values; the deployment's group first."""
    base = deployment_values(scenario)
    overrides = court_overrides(scenario)
    merged: dict[tuple[tuple[str, Any], ...], set[str]] = {}
    for court, values in overrides.items():
        effective = {**base, **values}
        if effective == base:
            continue
        merged.setdefault(tuple(sorted(effective.items())), set()).add(court)
    special = frozenset(c for courts in merged.values() for c in courts)
    groups = [ParamGroup(base, None, special)]
    for items, courts in sorted(merged.items(), key=lambda kv: sorted(kv[1])):
        groups.append(ParamGroup(dict(items), frozenset(courts)))
    return groups
