"""Reads about identities: finding one by any written number, and its panoramic view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from zhixing.cases.enums import APPLICANT
from zhixing.cases.models import AssetFinding, CaseParty, Measure
from zhixing.cases.money_held import held_in_cases
from zhixing.parties.models import (
    ConsumptionRecord,
    CustodyRecord,
    Identity,
    IdentityKey,
    PartyRecord,
    Registration,
)
from zhixing.parties.resolution.keys import number_keys

_GUESS_TYPES = (None, "居民身份证", "统一社会信用代码", "组织机构代码")


def find_identity(number: str) -> Identity | None:
    """The identity a number leads to, in any form it may be written (15/18-digit ID,
    credit code, organisation code with or without hyphen, or an unverified number)."""
    matches = Q(pk__in=[])
    for id_type in _GUESS_TYPES:
        keys = number_keys(id_type, number)
        for key in (*keys.strong, *([keys.weak] if keys.weak else [])):
            matches |= Q(scheme=key.scheme, value=key.value)
    found = IdentityKey.objects.filter(matches).select_related("identity").first()
    if found is not None:
        return found.identity
    return Identity.objects.filter(id_number=number.strip().upper()).first()


@dataclass
class CaseRole:
    case_no: str
    court_code: str
    court_name: str
    category: str
    procedure: str
    cause: str
    role: str
    status: str
    closure_mode: str
    filed_on: dt.date
    closed_on: dt.date | None
    judge_id: str
    owed_amount: Decimal | None
    money_held: Decimal = Decimal("0.00")


@dataclass
class Panorama:
    identity: Identity
    written_as: list[Any] = field(default_factory=list)
    cases: list[CaseRole] = field(default_factory=list)
    measures: list[Any] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    custody: list[Any] = field(default_factory=list)
    consumption: list[Any] = field(default_factory=list)
    registrations: list[Any] = field(default_factory=list)
    case_count: int = 0
    total_held: Decimal = Decimal("0.00")


def panorama(
    identity: Identity, case_ids: set[int] | None = None, window: tuple[int, int] | None = None
) -> Panorama:
    """Everything every court and agency knows of one identity. ``case_ids`` limits the cases
    (and what hangs on them) to those a viewer may see; None means all. ``window`` (start,
    stop) lists only those rows of the case list (a bank is a party to thousands of cases);
    ``case_count`` and ``total_held`` still cover them all."""
    records = PartyRecord.objects.filter(identity=identity)
    record_ids = list(records.values_list("id", flat=True))
    view = Panorama(identity=identity)
    view.written_as = list(
        records.values("source", "party_key", "name", "id_type", "id_number", "id_verified")
        .order_by("source", "party_key")
    )
    roles = CaseParty.objects.filter(party_id__in=record_ids)
    if case_ids is not None:
        roles = roles.filter(case_id__in=case_ids)
    held = held_in_cases(roles.filter(role=APPLICANT).values("case_id"), identity.pk)
    view.case_count = roles.count()
    view.total_held = sum(held.values(), Decimal("0.00"))
    listed = roles.select_related("case__court").order_by("case__filed_on", "case__case_no")
    if window is not None:
        listed = listed[window[0] : window[1]]
    for cp in listed:
        case = cp.case
        view.cases.append(
            CaseRole(
                case_no=case.case_no, court_code=case.court_id, court_name=case.court.name,
                category=case.category, procedure=case.procedure, cause=case.cause,
                role=cp.role, status=case.status, closure_mode=case.closure_mode,
                filed_on=case.filed_on, closed_on=case.closed_on, judge_id=case.judge_id, owed_amount=cp.owed_amount,
                money_held=held.get(case.id, Decimal("0.00")) if cp.role == APPLICANT else Decimal("0.00"),
            )
        )
    measures = Measure.objects.filter(party_id__in=record_ids)
    findings = AssetFinding.objects.filter(party_id__in=record_ids)
    if case_ids is not None:
        measures = measures.filter(case_id__in=case_ids)
        findings = findings.filter(Q(case_id__in=case_ids) | Q(case__isnull=True))
    view.measures = list(
        measures.order_by("started_on").values(
            "case__case_no", "kind", "started_on", "lifted_on", "term_ends_on", "detail", "amount"
        )
    )
    view.findings = list(
        findings.order_by("found_on").values(
            "case__case_no", "finding_source", "found_on", "description", "value"
        )
    )
    view.custody = list(
        CustodyRecord.objects.filter(identity=identity)
        .order_by("from_on")
        .values("source", "facility", "kind", "from_on", "to_on")
    )
    view.consumption = list(
        ConsumptionRecord.objects.filter(identity=identity)
        .order_by("occurred_at")
        .values("source", "kind", "occurred_at", "place")
    )
    view.registrations = list(
        Registration.objects.filter(identity=identity).values("source", "status", "changed_on")
    )
    return view
