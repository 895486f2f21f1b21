"""Quick lookup: a case number (whole or in part), an identity number, a vehicle plate (车牌号)
or a party's name.

A plate sealed in a case of the viewer's own court that they may not open is still
answered, with the minimum a court's staff needs to act on a car seen in traffic: the case
number, its judge and the measure's state (no party, no link); the page audits it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import QuerySet

from zhixing.accounts.permissions import Viewer, can_view_party, visible_cases
from zhixing.cases.models import Case, Measure, Staff
from zhixing.cases.models.measures import VEHICLE_SEIZURE
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.core.plates import PLATE, normalise_plate
from zhixing.parties.models import Identity
from zhixing.parties.queries import find_identity
from zhixing.web.evidence import chinese_date

MAX_RESULTS = 50
# 执1001, (2025)沪0104, 2025沪: digits with a case-number word, or a bracketed year
PARTIAL_CASE_NO = re.compile(r"[(（]\d{4}[)）]|\d+号$|[执破恢保]\S*\d|^\d{4}沪")
NAME = re.compile(r"^[\u4e00-\u9fff·（）()]{2,40}$")


@dataclass
class LookupResult:
    query: str
    kind: str = ""  # 案号 / 证件号码 / 车牌号
    cases: list[Case] = field(default_factory=list)
    identity: Identity | None = None
    identity_visible: bool = False
    plate_measures: list[Measure] = field(default_factory=list)
    # same court, a case the viewer may not open: case number, judge, measure state only
    court_plate_hits: list[PlateHit] = field(default_factory=list)
    message: str = ""


@dataclass(frozen=True)
class PlateHit:
    case_id: int
    case_no: str
    judge_name: str
    state: str


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
    if PARTIAL_CASE_NO.search(query):
        result.kind = "案号"
        fragment = query.replace("（", "(").replace("）", ")").replace(" ", "")
        result.cases = list(_visible(viewer).filter(case_no__icontains=fragment).order_by("-filed_on")[:MAX_RESULTS])
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
        result.court_plate_hits = _same_court_plate(viewer, plate, exclude=set(seen))
        return _explain(result)
    if NAME.match(query):
        result.kind = "当事人名称"
        result.cases = list(
            _visible(viewer).filter(case_parties__party__name__icontains=query).distinct().order_by("-filed_on")[:MAX_RESULTS]
        )
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


def _same_court_plate(viewer: Viewer, plate: str, exclude: set[int]) -> list[PlateHit]:
    if not viewer.court_code or viewer.is_admin:
        return []
    measures = (
        Measure.objects.filter(kind=VEHICLE_SEIZURE, plate=plate, case__court_id=viewer.court_code)
        .exclude(case_id__in=exclude).select_related("case").order_by("-started_on")[:MAX_RESULTS]
    )
    found = list(measures)
    judges = dict(Staff.objects.filter(pk__in={m.case.judge_id for m in found}).values_list("pk", "name"))
    return [
        PlateHit(m.case_id, m.case.case_no, judges.get(m.case.judge_id, "未分配"), _measure_state(m))
        for m in found
    ]


def _measure_state(measure: Measure) -> str:
    if measure.lifted_on:
        return f"已于 {chinese_date(measure.lifted_on)} 解除"
    ends = measure.term_ends_on
    return f"查封中，至 {chinese_date(ends)}" if ends else "查封中"


def _explain(result: LookupResult) -> LookupResult:
    if not result.cases and not result.identity and not result.court_plate_hits:
        result.message = f"按{result.kind}未找到您有权查看的案件或当事人：{result.query}"
    return result
