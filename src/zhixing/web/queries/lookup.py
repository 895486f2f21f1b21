"""Quick lookup: a case number, an identity number or a vehicle plate (车牌号)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from zhixing.accounts.permissions import Viewer, can_view_party, visible_cases
from zhixing.cases.models import Case, Measure
from zhixing.cases.models.measures import VEHICLE_SEIZURE
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.core.plates import PLATE, normalise_plate
from zhixing.parties.models import Identity
from zhixing.parties.queries import find_identity

MAX_RESULTS = 50


@dataclass
class LookupResult:
    query: str
    kind: str = ""  # 案号 / 证件号码 / 车牌号
    cases: list[Case] = field(default_factory=list)
    identity: Identity | None = None
    identity_visible: bool = False
    plate_measures: list[Measure] = field(default_factory=list)
    message: str = ""


def _visible(viewer: Viewer) -> QuerySet[Case]:
    return visible_cases(viewer).select_related("court")


def lookup(viewer: Viewer, text: str) -> LookupResult:
    query = text.strip()
    result = LookupResult(query=query)
    if not query:
        return result
    try:
        case_no = normalise_case_no(query)
    except CaseNumberError:
        case_no = ""
    if case_no:
        result.kind = "案号"
        result.cases = list(_visible(viewer).filter(case_no=case_no))
        return _explain(result)
    plate = normalise_plate(query)
    if PLATE.match(plate):
        result.kind = "车牌号"
        measures = (
            Measure.objects.filter(kind=VEHICLE_SEIZURE, plate=plate, case__in=visible_cases(viewer))
            .select_related("case__court", "party")
            .order_by("-started_on")[:MAX_RESULTS]
        )
        result.plate_measures = list(measures)
        seen: dict[int, Case] = {}
        for m in result.plate_measures:
            seen.setdefault(m.case_id, m.case)
        result.cases = list(seen.values())
        return _explain(result)
    result.kind = "证件号码"
    identity = find_identity(query)
    if identity is not None and identity.merged_into_id:
        identity = identity.merged_into
    if identity is not None and can_view_party(viewer, identity):
        result.identity = identity
        result.identity_visible = True
        result.cases = list(
            _visible(viewer).filter(case_parties__party__identity=identity).distinct().order_by("-filed_on")[:MAX_RESULTS]
        )
    return _explain(result)


def _explain(result: LookupResult) -> LookupResult:
    if not result.cases and not result.identity:
        result.message = f"按{result.kind}未找到您有权查看的案件或当事人：{result.query}"
    return result
