"""S01 disbursement holds: which open hold forbids a disbursement (releasing one is the
command alerts.commands.release_hold; who may is accounts.permissions.may_release_hold).

A hold (raised by the scan with its S01 alert) covers the money held in case B for the
debtor P of case A. A 发放 from case B's account is refused while a hold is open when its
payee (the beneficiary, else the counterparty: ``cases.money_held.payee``) resolves to P,
or when it names neither (money for all applicants)."""

from __future__ import annotations

from zhixing.alerts.models import Hold
from zhixing.cases.models import Case
from zhixing.parties.models import Identity, PartyRecord
from zhixing.scenarios.registry import REGISTRY


def scenario_name(code: str) -> str:
    """The catalogue's name of a scenario ("" for a code it no longer knows)."""
    try:
        return REGISTRY.get(code).name
    except KeyError:
        return ""


class DisbursementRefused(Exception):
    """Raised instead of storing a disbursement of held money."""

    def __init__(self, hold: Hold):
        self.hold = hold
        alert = hold.alert
        name = scenario_name(alert.scenario)
        super().__init__(
            f"案款发放被拒绝：预警 {alert.pk}（{alert.scenario} {name}）对本案为"
            f"{hold.identity.name}保留的案款设有暂缓发放。请联系另案承办法官，"
            f"待其解除暂缓发放或另案不再欠款后再发放。"
        )

    @property
    def alert_id(self) -> int:
        return self.hold.alert_id

    @property
    def scenario(self) -> str:
        return self.hold.alert.scenario


def surviving_identity_id(identity_id: int | None) -> int | None:
    """Follow merges to the identity that survived."""
    seen: set[int] = set()
    while identity_id is not None and identity_id not in seen:
        seen.add(identity_id)
        merged_into = (
            Identity.objects.filter(pk=identity_id).values_list("merged_into_id", flat=True).first()
        )
        if merged_into is None:
            return identity_id
        identity_id = merged_into
    return identity_id


def open_holds(case: Case) -> list[Hold]:
    return list(
        Hold.objects.filter(case=case, released_at__isnull=True)
        .select_related("alert", "identity")
        .order_by("pk")
    )


def blocking_hold(case: Case, payee: PartyRecord | None) -> Hold | None:
    """The open hold that forbids paying this payee out of this case, if any."""
    holds = open_holds(case)
    if not holds:
        return None
    if payee is None:
        return holds[0]
    target = surviving_identity_id(payee.identity_id)
    if target is None:
        return None
    for hold in holds:
        if surviving_identity_id(hold.identity_id) == target:
            return hold
    return None
