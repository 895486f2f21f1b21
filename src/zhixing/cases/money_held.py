"""Money held for a party in a case: the one definition every page reads.

A movement of the case account (一案一账户) is *for* a party: a 到账 for its
``beneficiary``; a 发放 for its payee, the ``beneficiary`` else the ``counterparty``. A
movement for nobody is the pooled money, held for all applicants of the case. Then

    held(P) = 到账 for P + pooled 到账 − 发放 to P − pooled 发放, floored at 0,

per applicant identity P. A payout to another applicant never lowers P's figure, and a
movement voided by a reversal (冲正) counts for nobody. The
scenarios read the same rule from the SQL view ``v_money_held``
(``zhixing.scenarios.views``); a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, QuerySet, Sum, When

from zhixing.cases.models import AccountTxn
from zhixing.core.money import to_yuan

ARRIVAL, PAYOUT = "到账", "发放"
ZERO = Decimal("0.00")

CaseIds = Iterable[int] | QuerySet


def payee(txn: AccountTxn):
    """The party a movement is for (None: for all applicants)."""
    if txn.direction == PAYOUT and txn.beneficiary_id is None:
        return txn.counterparty
    return txn.beneficiary


def payee_label(txn: AccountTxn) -> str:
    party = payee(txn)
    return party.name if party is not None else "全体申请执行人"


def _for_identity() -> Case:
    return Case(
        When(direction=PAYOUT, beneficiary__isnull=True, then=F("counterparty__identity_id")),
        default=F("beneficiary__identity_id"),
        output_field=IntegerField(),
    )


def _pooled() -> Q:
    return Q(beneficiary__isnull=True) & (Q(direction=ARRIVAL) | Q(counterparty__isnull=True))


def money_held(
    case_ids: CaseIds, identity_ids: Iterable[int], as_of_end: dt.datetime | None = None
) -> dict[tuple[int, int], Decimal]:
    """held(P) per (case, identity) for these cases and identities, from one grouped query
    (the case ids may be a subquery: a bank applies in thousands of cases). Pairs without any
    movement for them are left out (their figure is 0). ``as_of_end`` counts only movements
    up to that moment, as the scenarios do."""
    txns = AccountTxn.objects.filter(case_id__in=case_ids, reversal__isnull=True)
    if as_of_end is not None:
        txns = txns.filter(occurred_at__lte=as_of_end)
    wanted = set(identity_ids)
    rows = (
        txns.annotate(for_identity=_for_identity())
        .filter(_pooled() | Q(for_identity__in=wanted))
        .annotate(pooled=Case(When(_pooled(), then=1), default=0, output_field=IntegerField()))
        .values_list("case_id", "pooled", "for_identity", "direction")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    own: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    pooled: dict[int, Decimal] = defaultdict(Decimal)
    for case_id, is_pooled, identity_id, direction, total in rows:
        signed = total if direction == ARRIVAL else -total
        if is_pooled:
            pooled[case_id] += signed
        else:
            own[(case_id, identity_id)] += signed
    pairs = set(own) | {(c, i) for c in pooled for i in wanted}
    return {(c, i): max(to_yuan(own.get((c, i), ZERO) + pooled.get(c, ZERO)), ZERO) for c, i in pairs}


def held_in_cases(case_ids: CaseIds, identity_id: int, as_of_end: dt.datetime | None = None) -> dict[int, Decimal]:
    """held(P) per case for one identity."""
    return {c: amount for (c, _), amount in money_held(case_ids, [identity_id], as_of_end).items()}


def held_for(case_id: int, identity_id: int | None) -> Decimal:
    """held(P) in one case (0 for a party not resolved to an identity)."""
    if identity_id is None:
        return ZERO
    return held_in_cases([case_id], identity_id).get(case_id, ZERO)
