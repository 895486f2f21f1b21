"""The catalogue, listed explicitly. Registering a code twice is an error."""

from __future__ import annotations

from collections.abc import Iterable

from zhixing.scenarios.base import Scenario
from zhixing.scenarios.catalogue import (
    s01_debtor_funds_elsewhere,
    s02_settlement_evasion,
    s03_debtor_in_custody,
    s04_auction_delay,
    s05_undisbursed_money,
    s06_measures_not_lifted,
    s07_basis_revoked,
    s08_time_limit,
    s09_stage_overtime,
    s10_zhongben_actions,
    s11_zhongben_assets_found,
    s12_zhongben_requery,
    s13_consumption_violation,
    s14_linked_cases,
    s15_labour_debtors,
    s16_bankrupt_fees,
    s17_due_claims,
    s18_seizure_expiring,
    s19_payout_under_hold,
)


class Registry:
    def __init__(self, scenarios: Iterable[Scenario] = ()) -> None:
        self._by_code: dict[str, Scenario] = {}
        for scenario in scenarios:
            self.register(scenario)

    def register(self, scenario: Scenario) -> None:
        if scenario.code in self._by_code:
            raise ValueError(f"scenario {scenario.code} is registered twice")
        self._by_code[scenario.code] = scenario

    def get(self, code: str) -> Scenario:
        try:
            return self._by_code[code.upper()]
        except KeyError:
            known = ", ".join(self.codes())
            raise KeyError(f"没有场景 {code!r}（现有：{known}）") from None

    def codes(self) -> list[str]:
        return sorted(self._by_code)

    def all(self) -> list[Scenario]:
        """Every scenario in code order (S01 first: its holds shape S05)."""
        return [self._by_code[c] for c in self.codes()]


REGISTRY = Registry(
    module.SCENARIO
    for module in (
        s01_debtor_funds_elsewhere,
        s02_settlement_evasion,
        s03_debtor_in_custody,
        s04_auction_delay,
        s05_undisbursed_money,
        s06_measures_not_lifted,
        s07_basis_revoked,
        s08_time_limit,
        s09_stage_overtime,
        s10_zhongben_actions,
        s11_zhongben_assets_found,
        s12_zhongben_requery,
        s13_consumption_violation,
        s14_linked_cases,
        s15_labour_debtors,
        s16_bankrupt_fees,
        s17_due_claims,
        s18_seizure_expiring,
        s19_payout_under_hold,
    )
)
