"""What the pages say about a scenario, read from the scenario registry (the one catalogue)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from zhixing.scenarios.base import Scenario
from zhixing.scenarios.registry import REGISTRY

FEEDBACK_NOTE = "每位收件人都应反馈：有帮助或无帮助（须说明理由）、采取的措施和处置结果（执行到位金额、是否结案）。"

NAMES = {scenario.code: scenario.name for scenario in REGISTRY.all()}


def scenario(code: str) -> Scenario | None:
    """The registered scenario, or None for an alert whose scenario is no longer registered."""
    return next((s for s in REGISTRY.all() if s.code == code), None)


def name(code: str) -> str:
    return NAMES.get(code, code)


def handling(code: str, values: Mapping[str, Any] | None = None) -> str:
    found = scenario(code)
    return readable(found.handling, code, values) if found else ""


# The catalogue writes the party an alert is about as P and its thresholds by parameter name
# (docs/scenarios.md keeps that form); a page says 该当事人 and the value in force.
_PARTY = re.compile(r"(?<![A-Za-z_])P(?![A-Za-z_(])")


def readable(text: str, code: str, values: Mapping[str, Any] | None = None) -> str:
    """A catalogue text for a page: parameter names become their values (or their labels
    when no values are given), P becomes 该当事人."""
    found = scenario(code)
    if found is not None:
        for param in sorted(found.params, key=lambda p: -len(p.name)):
            shown = str(values[param.name]) if values and param.name in values else f"〔{param.label}〕"
            text = re.sub(rf"(?<![A-Za-z_]){param.name}(?![A-Za-z_])", shown, text)
    text = text.replace("当事人P", "该当事人")
    return _PARTY.sub("该当事人", text)


def parameter_label(code: str, name: str) -> str:
    found = scenario(code)
    param = next((p for p in found.params if p.name == name), None) if found else None
    return param.label if param else name
