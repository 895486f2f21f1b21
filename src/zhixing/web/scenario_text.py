"""What the pages say about a scenario, read from the scenario registry (the one catalogue)."""

from __future__ import annotations

from zhixing.scenarios.base import Scenario
from zhixing.scenarios.registry import REGISTRY

FEEDBACK_NOTE = "每位收件人都应反馈：有帮助或无帮助（须说明理由）、采取的措施和处置结果（执行到位金额、是否结案）。"

NAMES = {scenario.code: scenario.name for scenario in REGISTRY.all()}


def scenario(code: str) -> Scenario | None:
    """The registered scenario, or None for an alert whose scenario is no longer registered."""
    return next((s for s in REGISTRY.all() if s.code == code), None)


def name(code: str) -> str:
    return NAMES.get(code, code)


def handling(code: str) -> str:
    found = scenario(code)
    return found.handling if found else ""
