"""What an alert does beyond being read: a scenario declares its effects, the alert layer
runs them (``zhixing.alerts.effects`` holds one handler per effect type).

A declaration names the cases it acts on by their labels (``CaseRole.label``) and carries no
behaviour, so the scenarios never depend on the alerts that carry their effects out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Effect:
    """One declared effect of a scenario's alerts."""

    def case_labels(self) -> tuple[str, ...]:
        """The case labels the effect names (each must be one of the scenario's cases)."""
        return ()

    def describe(self) -> str:
        """One English sentence for the catalogue (docs/scenarios.md)."""
        raise NotImplementedError


@dataclass(frozen=True)
class HoldMoney(Effect):
    """Hold the money kept in case ``held_case`` for the alert's subject: no 发放 of it while
    the hold is open. The system releases the hold when case ``owed_case`` is no longer owed
    (or the scenario is switched off); a hold a judge released is not put back."""

    held_case: str
    owed_case: str

    def case_labels(self) -> tuple[str, ...]:
        return (self.held_case, self.owed_case)

    def describe(self) -> str:
        return (
            f"holds the money kept in {self.held_case} for the subject (暂缓发放) until "
            f"{self.owed_case} is no longer owed or judge({self.owed_case}) releases it"
        )
