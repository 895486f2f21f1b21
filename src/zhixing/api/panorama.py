"""The panoramic view of a party (全景视图): everything every court knows about one identity."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from zhixing.alerts.models import Hold
from zhixing.cases.models import AccountTxn, AssetFinding, CaseParty, Measure
from zhixing.parties.models import ConsumptionRecord, CustodyRecord, Identity, PartyRecord

ZERO = Decimal("0.00")


def identity_family(identity: Identity) -> list[int]:
    """The identity and every identity merged into it."""
    ids = [identity.pk]
    frontier = [identity.pk]
    while frontier:
        merged = list(Identity.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True))
        frontier = [m for m in merged if m not in ids]
        ids.extend(frontier)
    return ids


def money_held_for(case_ids: list[int], record_ids: list[int]) -> dict[int, Decimal]:
    """Per case: 到账 for the party or for all applicants, minus 发放 to the party."""
    held: dict[int, Decimal] = defaultdict(lambda: ZERO)
    arrivals = (
        AccountTxn.objects.filter(case_id__in=case_ids, direction="到账")
        .filter(beneficiary_id__in=record_ids)
        .values("case_id").annotate(total=Sum("amount"))
    )
    for row in arrivals:
        held[row["case_id"]] += row["total"]
    for_all = (
        AccountTxn.objects.filter(case_id__in=case_ids, direction="到账", beneficiary__isnull=True)
        .values("case_id").annotate(total=Sum("amount"))
    )
    for row in for_all:
        held[row["case_id"]] += row["total"]
    paid = (
        AccountTxn.objects.filter(case_id__in=case_ids, direction="发放", beneficiary_id__in=record_ids)
        .values("case_id").annotate(total=Sum("amount"))
    )
    for row in paid:
        held[row["case_id"]] -= row["total"]
    return {k: max(v, ZERO) for k, v in held.items()}


def panorama(identity: Identity) -> dict:
    family = identity_family(identity)
    records = list(PartyRecord.objects.filter(identity_id__in=family).values_list("pk", flat=True))
    roles = list(
        CaseParty.objects.filter(party_id__in=records)
        .select_related("case", "case__court")
        .order_by("case__filed_on", "case__case_no")
    )
    applicant_cases = [cp.case_id for cp in roles if cp.role == "申请执行人"]
    held = money_held_for(applicant_cases, records)
    open_holds = defaultdict(list)
    for hold in Hold.objects.filter(identity_id__in=family, released_at__isnull=True):
        open_holds[hold.case_id].append(hold.alert_id)
    cases = [
        {
            "case_no": cp.case.case_no,
            "court": cp.case.court_id,
            "court_name": cp.case.court.name,
            "role": cp.role,
            "category": cp.case.category,
            "procedure": cp.case.procedure,
            "status": cp.case.status,
            "closure_mode": cp.case.closure_mode,
            "filed_on": cp.case.filed_on,
            "closed_on": cp.case.closed_on,
            "judge_id": cp.case.judge_id,
            "owed_amount": None if cp.owed_amount is None else str(cp.owed_amount),
            "money_held": str(held.get(cp.case_id, ZERO)) if cp.role == "申请执行人" else None,
            "hold_alert_ids": open_holds.get(cp.case_id, []),
        }
        for cp in roles
    ]
    measures = [
        {
            "case_no": m.case.case_no, "kind": m.kind, "started_on": m.started_on,
            "lifted_on": m.lifted_on, "term_ends_on": m.term_ends_on,
            "amount": None if m.amount is None else str(m.amount), "detail": m.detail,
        }
        for m in Measure.objects.filter(party_id__in=records).select_related("case").order_by("started_on", "pk")
    ]
    findings = [
        {
            "case_no": f.case.case_no if f.case else None, "source": f.finding_source,
            "found_on": f.found_on, "description": f.description,
            "value": None if f.value is None else str(f.value),
        }
        for f in AssetFinding.objects.filter(party_id__in=records).select_related("case").order_by("found_on", "pk")
    ]
    custody = [
        {"facility": c.facility, "kind": c.kind, "from_on": c.from_on, "to_on": c.to_on, "source": c.source}
        for c in CustodyRecord.objects.filter(identity_id__in=family).order_by("from_on", "pk")
    ]
    consumption = [
        {"kind": c.kind, "occurred_at": c.occurred_at, "place": c.place, "source": c.source}
        for c in ConsumptionRecord.objects.filter(identity_id__in=family).order_by("occurred_at", "pk")
    ]
    total_held = sum(
        (held.get(cp.case_id, ZERO) for cp in roles if cp.role == "申请执行人"), ZERO
    )
    return {
        "cases": cases,
        "money_held_total": str(total_held),
        "measures": measures,
        "findings": findings,
        "custody": custody,
        "consumption": consumption,
    }
