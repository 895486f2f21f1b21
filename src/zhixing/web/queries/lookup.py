"""Quick lookup: a case number, an identity number or a vehicle plate (车牌号)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import F, Func, QuerySet, Value
from django.db.models.functions import Replace, Upper

from zhixing.accounts.permissions import Viewer, can_view_party, visible_cases
from zhixing.cases.models import Case, Measure
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.parties.models import Identity
from zhixing.parties.queries import find_identity

# 沪A12345, 沪A·12345, 沪AD12345 (new energy): a province character, a letter, 5-6 letters or digits.
PLATE = re.compile(r"^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$")
PLATE_SEPARATORS = ("·", "•", "・", "-", " ")
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


def normalise_plate(text: str) -> str:
    plate = unicodedata.normalize("NFKC", text).upper()
    for sep in PLATE_SEPARATORS:
        plate = plate.replace(sep, "")
    return plate


def _plate_column() -> Func:
    expr: Func = Upper(F("detail"))
    for sep in PLATE_SEPARATORS:
        expr = Replace(expr, Value(sep), Value(""))
    return expr


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
            Measure.objects.annotate(plate_text=_plate_column())
            .filter(kind="查封车辆", plate_text__contains=plate, case__in=visible_cases(viewer))
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
