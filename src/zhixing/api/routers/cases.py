"""Cases (detail) and the panoramic view of a party; both audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema

from zhixing.accounts.permissions import (
    can_see_full_id_numbers,
    visible_alerts,
    visible_cases,
    visible_identities,
)
from zhixing.alerts.holds import open_holds
from zhixing.api.auth import viewer
from zhixing.api.common import MAX_ID
from zhixing.api.panorama import panorama
from zhixing.api.schemas import ERRORS
from zhixing.audit.log import record
from zhixing.cases.enums import APPLICANT
from zhixing.cases.models import Case
from zhixing.cases.money_held import money_held, payee
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.core.idnumbers import mask_id_number

router = Router(tags=["cases and parties"])


class CasePartyOut(Schema):
    identity_id: int | None
    name: str
    kind: str
    role: str
    id_type: str
    id_number: str
    owed_amount: str | None
    money_held: str | None = Field(description="applicants only: money in the case account held for them")


class TxnOut(Schema):
    txn_id: str
    direction: str
    amount: str
    occurred_at: dt.datetime
    beneficiary: str | None
    payee: str | None = Field(description="who the money is for: a 到账's beneficiary, a 发放's beneficiary else its counterparty; null = all applicants")
    channel: str
    reversal_reason: str | None = Field(None, description="why the row was voided (冲正); a voided row moves no money")


class MeasureOut(Schema):
    measure_id: str
    kind: str
    party: str
    started_on: dt.date
    lifted_on: dt.date | None
    term_ends_on: dt.date | None
    amount: str | None


class CaseOut(Schema):
    case_no: str
    court: str
    court_name: str
    category: str
    procedure: str
    cause: str
    filed_on: dt.date
    judge_id: str
    status: str
    closed_on: dt.date | None
    closure_mode: str
    stage: str
    basis_case_no: str
    applied_amount: str | None
    deadline_on: dt.date | None
    parties: list[CasePartyOut]
    account: list[TxnOut]
    measures: list[MeasureOut]
    open_hold_alert_ids: list[int]
    alert_ids: list[int]


class PanoramaCase(Schema):
    case_no: str
    court: str
    court_name: str
    role: str
    category: str
    procedure: str
    status: str
    closure_mode: str
    filed_on: dt.date
    closed_on: dt.date | None
    judge_id: str
    owed_amount: str | None
    money_held: str | None
    hold_alert_ids: list[int]


class PanoramaMeasure(Schema):
    case_no: str
    kind: str
    started_on: dt.date
    lifted_on: dt.date | None
    term_ends_on: dt.date | None
    amount: str | None
    detail: str


class PanoramaFinding(Schema):
    case_no: str | None
    source: str
    found_on: dt.date
    description: str
    value: str | None


class PanoramaCustody(Schema):
    facility: str
    kind: str
    from_on: dt.date
    to_on: dt.date | None
    source: str


class PanoramaConsumption(Schema):
    kind: str
    occurred_at: dt.datetime
    place: str
    source: str


class PanoramaOut(Schema):
    identity_id: int
    name: str
    kind: str
    id_type: str
    id_number: str
    verified: bool
    money_held_total: str
    cases: list[PanoramaCase]
    measures: list[PanoramaMeasure]
    findings: list[PanoramaFinding]
    custody: list[PanoramaCustody]
    consumption: list[PanoramaConsumption]


def _money(value) -> str | None:
    return None if value is None else str(value)


def _name(party) -> str | None:
    return party.name if party is not None else None


def _held(held: dict[tuple[int, int], Decimal], case: Case, cp) -> Decimal | None:
    if cp.party.identity_id is None:
        return None
    return held.get((case.pk, cp.party.identity_id), Decimal("0.00"))


@router.get("/cases/{case_no}", response={200: CaseOut, **ERRORS}, summary="One case (audited)")
def case_detail(request: HttpRequest, case_no: str = Path(..., max_length=64, pattern=r"^[^\x00]+$")):
    v = viewer(request)
    try:
        normal = normalise_case_no(case_no)
    except CaseNumberError as exc:
        raise Http404("案件不存在或您无权查看") from exc
    case = visible_cases(v).select_related("court").filter(case_no=normal).first()
    if case is None:
        raise Http404("案件不存在或您无权查看")
    full = can_see_full_id_numbers(v)
    parties = list(case.case_parties.select_related("party").order_by("role", "pk"))
    applicants = {cp.party.identity_id for cp in parties if cp.role == APPLICANT and cp.party.identity_id}
    held = money_held([case.pk], applicants)
    record(request, request.user, "view_case", "case", case.case_no)
    return {
        "case_no": case.case_no, "court": case.court_id, "court_name": case.court.name,
        "category": case.category, "procedure": case.procedure, "cause": case.cause,
        "filed_on": case.filed_on, "judge_id": case.judge_id, "status": case.status,
        "closed_on": case.closed_on, "closure_mode": case.closure_mode, "stage": case.stage,
        "basis_case_no": case.basis_case_no, "applied_amount": _money(case.applied_amount),
        "deadline_on": case.deadline_on,
        "parties": [
            {
                "identity_id": cp.party.identity_id, "name": cp.party.name, "kind": cp.party.kind,
                "role": cp.role, "id_type": cp.party.id_type,
                "id_number": cp.party.id_number if full else mask_id_number(cp.party.id_number),
                "owed_amount": _money(cp.owed_amount),
                "money_held": _money(_held(held, case, cp)) if cp.role == APPLICANT else None,
            }
            for cp in parties
        ],
        "account": [
            {
                "txn_id": t.txn_id, "direction": t.direction, "amount": str(t.amount),
                "occurred_at": t.occurred_at, "beneficiary": t.beneficiary.name if t.beneficiary else None,
                "payee": _name(payee(t)), "channel": t.channel,
                "reversal_reason": t.reversal.reason if hasattr(t, "reversal") else None,
            }
            for t in case.account_txns.select_related("beneficiary", "counterparty", "reversal")
            .order_by("occurred_at", "pk")
        ],
        "measures": [
            {
                "measure_id": m.measure_id, "kind": m.kind, "party": m.party.name,
                "started_on": m.started_on, "lifted_on": m.lifted_on, "term_ends_on": m.term_ends_on,
                "amount": _money(m.amount),
            }
            for m in case.measures.select_related("party").order_by("started_on", "pk")
        ],
        "open_hold_alert_ids": [h.alert_id for h in open_holds(case)],
        "alert_ids": list(
            visible_alerts(v).filter(alert_cases__case=case).order_by("pk").values_list("pk", flat=True)
        ),
    }


@router.get("/parties/{identity_id}", response={200: PanoramaOut, **ERRORS}, summary="Panoramic view of a party (audited)")
def party_panorama(request: HttpRequest, identity_id: int = Path(..., ge=1, le=MAX_ID)):
    v = viewer(request)
    identity = visible_identities(v).filter(pk=identity_id).first()
    if identity is None:
        raise Http404("当事人不存在或您无权查看")
    record(request, request.user, "view_party", "identity", identity.pk, identity_id=identity.pk)
    data = panorama(identity)
    return {
        "identity_id": identity.pk, "name": identity.name, "kind": identity.kind,
        "id_type": identity.id_type,
        "id_number": identity.id_number if can_see_full_id_numbers(v) else mask_id_number(identity.id_number),
        "verified": identity.verified,
        **data,
    }


__all__ = ["Case", "router"]
