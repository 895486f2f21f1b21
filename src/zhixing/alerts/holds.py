"""S01 disbursement holds: checking a disbursement and releasing a hold.

A hold (raised by the scan with its S01 alert) covers the money held in case B for the
debtor P of case A. A 发放 from case B's account is refused while a hold is open when its
beneficiary resolves to P, or when it names no beneficiary (money for all applicants)."""

from __future__ import annotations

from django.db import transaction

from zhixing.alerts.models import AlertCase, Hold
from zhixing.cases.models import Case
from zhixing.core import clock
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


def blocking_hold(case: Case, beneficiary: PartyRecord | None) -> Hold | None:
    """The open hold that forbids paying this beneficiary out of this case, if any."""
    holds = open_holds(case)
    if not holds:
        return None
    if beneficiary is None:
        return holds[0]
    target = surviving_identity_id(beneficiary.identity_id)
    if target is None:
        return None
    for hold in holds:
        if surviving_identity_id(hold.identity_id) == target:
            return hold
    return None


def check_disbursement(case: Case, beneficiary: PartyRecord | None) -> None:
    """Raise DisbursementRefused when a 发放 to ``beneficiary`` in ``case`` is under a hold.
    The import and the events API call this before storing a 发放."""
    hold = blocking_hold(case, beneficiary)
    if hold is not None:
        raise DisbursementRefused(hold)


class HoldReleaseRefused(PermissionError):
    pass


def case_a_of(hold: Hold) -> Case | None:
    link = (
        AlertCase.objects.filter(alert_id=hold.alert_id, label="A").select_related("case").first()
    )
    return link.case if link else None


def may_release(staff_id: str, role_is_centre_of: str | None, hold: Hold) -> bool:
    """judge(A) releases; when case A has no judge, the command centre of A's court does."""
    case_a = case_a_of(hold)
    if case_a is None:
        return False
    if case_a.judge_id:
        return bool(staff_id) and case_a.judge_id == staff_id
    return role_is_centre_of is not None and role_is_centre_of == case_a.court_id


def release_hold(hold_id: int, *, released_by: str, reason: str) -> Hold:
    """Release an open hold, recording who and why. Releasing a released hold changes nothing."""
    reason = reason.strip()
    if not reason:
        raise ValueError("reason: 解除暂缓发放必须说明理由")
    with transaction.atomic():
        hold = Hold.objects.select_for_update().get(pk=hold_id)
        if hold.released_at is None:
            hold.released_at = clock.now()
            hold.released_by = released_by
            hold.release_reason = reason[:300]
            hold.save(update_fields=["released_at", "released_by", "release_reason"])
    return hold
