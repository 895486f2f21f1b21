"""Carrying out a scenario's declared effects (zhixing.scenarios.effects) on its alerts.

Each effect type has one handler here. raising.py calls the handlers of a scenario's
effects at three moments, whatever the scenario:

- ``applied``: alerts were raised, refreshed or reopened with these findings;
- ``explain``: the system is about to close alerts whose condition is gone; a handler may
  know a more precise cause (the owed case is settled) and say it;
- ``closed``: the system closed these alerts, each with its cause (also when the scenario
  was switched off).

``tables_written`` names the tables a handler writes, so a scan can refresh an engine's
snapshot of them before the next scenario reads them (S05 reads the holds S01 placed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from zhixing.alerts.models import OWED_CASE_SETTLED, SCENARIO_DISABLED, AlertCase, Hold
from zhixing.scenarios.base import Scenario
from zhixing.scenarios.effects import Effect, HoldMoney
from zhixing.scenarios.engine import Finding

CHUNK = 500


@dataclass(frozen=True)
class SystemClose:
    """Why the system closes an alert: a cause (zhixing.alerts.models.CLOSE_CAUSES) and the
    reason in words."""

    cause: str
    reason: str


class EffectHandler(Protocol):
    tables_written: frozenset[str]

    def applied(self, effect: Any, alerts: list[tuple[Any, Finding]], now: dt.datetime) -> None: ...

    def explain(self, effect: Any, alert_ids: list[int]) -> dict[int, SystemClose]: ...

    def closed(self, effect: Any, closes: dict[int, SystemClose], now: dt.datetime) -> None: ...


def _chunks(items: list[int], size: int = CHUNK) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def is_owed(status: str, closure_mode: str) -> bool:
    """A case's debt is still owed: the case is active, or closed as 终本 (it can be restored)."""
    return status == "在办" or (status == "已结" and closure_mode == "终结本次执行程序")


class HoldMoneyHandler:
    """HoldMoney: a hold on the money in the held case for the alert's subject. A hold the
    system released is put back when the alert is raised again; one a person released is
    respected. The hold is released when the owed case is settled or the scenario is off."""

    tables_written = frozenset({"zx_hold"})
    releasing_causes = (OWED_CASE_SETTLED, SCENARIO_DISABLED)

    def applied(self, effect: HoldMoney, alerts: list[tuple[Any, Finding]], now: dt.datetime) -> None:
        wanted = [
            (alert, case_id, finding.subject_id)
            for alert, finding in alerts if finding.subject_id is not None
            for case_id in finding.case_ids(effect.held_case)
        ]
        existing: dict[tuple[int, int], Hold] = {}
        for chunk in _chunks(sorted({alert.id for alert, _, _ in wanted})):
            for hold in Hold.objects.filter(alert_id__in=chunk):
                existing[(hold.alert_id, hold.case_id)] = hold
        create: list[Hold] = []
        reopen: list[Hold] = []
        for alert, case_id, subject_id in wanted:
            current = existing.get((alert.id, case_id))
            if current is None:
                create.append(Hold(alert=alert, case_id=case_id, identity_id=subject_id, held_at=now))
            elif current.released_at is not None and current.released_by_system:
                current.released_at, current.released_by_system, current.release_reason = None, False, ""
                current.held_at = now
                reopen.append(current)
        Hold.objects.bulk_create(create, batch_size=CHUNK)
        Hold.objects.bulk_update(reopen, ["released_at", "released_by_system", "release_reason", "held_at"])

    def explain(self, effect: HoldMoney, alert_ids: list[int]) -> dict[int, SystemClose]:
        causes: dict[int, SystemClose] = {}
        for chunk in _chunks(alert_ids):
            links = AlertCase.objects.filter(alert_id__in=chunk, label=effect.owed_case).values_list(
                "alert_id", "case__case_no", "case__status", "case__closure_mode"
            )
            for alert_id, case_no, status, mode in links:
                if not is_owed(status, mode):
                    causes[alert_id] = SystemClose(
                        OWED_CASE_SETTLED, f"{effect.owed_case}案{case_no}已不再欠款（{mode or status}）"
                    )
        return causes

    def closed(self, effect: HoldMoney, closes: dict[int, SystemClose], now: dt.datetime) -> None:
        by_reason: dict[str, list[int]] = {}
        for alert_id, close in closes.items():
            if close.cause in self.releasing_causes:
                by_reason.setdefault(close.reason, []).append(alert_id)
        for reason, alert_ids in by_reason.items():
            for chunk in _chunks(sorted(alert_ids)):
                Hold.objects.filter(alert_id__in=chunk, released_at__isnull=True).update(
                    released_at=now, released_by_system=True, released_by="", release_reason=reason[:300]
                )


HANDLERS: dict[type[Effect], EffectHandler] = {HoldMoney: HoldMoneyHandler()}


def handler(effect: Effect) -> EffectHandler:
    try:
        return HANDLERS[type(effect)]
    except KeyError:
        raise LookupError(f"no handler for the effect {type(effect).__name__} (zhixing.alerts.effects)") from None


def tables_written(scenario: Scenario) -> set[str]:
    """The tables storing this scenario's findings writes besides the alerts' own."""
    return {table for effect in scenario.effects for table in handler(effect).tables_written}
