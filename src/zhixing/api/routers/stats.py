"""Per-scenario figures, in the API."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from zhixing.accounts.permissions import can_see_figures, figures_court_scope
from zhixing.alerts.stats import compute
from zhixing.api.auth import viewer
from zhixing.api.common import Day, Key, field_error
from zhixing.api.schemas import ERRORS

router = Router(tags=["figures"])


class StatsQuery(Schema):
    date_from: Day | None = Field(None, alias="from")
    date_to: Day | None = Field(None, alias="to")
    court: Key | None = None
    scenario: Key | None = None
    by_court: bool = False


class FiguresOut(Schema):
    scenario: str
    court: str | None
    raised: int
    answered: int
    answer_rate: str | None
    helpful: int
    helpful_share: str | None
    cases_recovered: int
    money_recovered: str
    median_workdays_to_feedback: float | None


@router.get("/stats", response={200: list[FiguresOut], **ERRORS}, summary="Figures per scenario (and court)")
def stats(request: HttpRequest, q: Query[StatsQuery]):
    v = viewer(request)
    if not can_see_figures(v):
        raise HttpError(403, "您的角色无权查看统计")
    scope = figures_court_scope(v)
    court = q.court
    if scope is not None:
        if court and court != scope:
            raise HttpError(403, f"您只能查看 {scope} 的统计")
        court = scope
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise field_error("from", "起始日期晚于截止日期")
    rows = compute(date_from=q.date_from, date_to=q.date_to, court=court, scenario=q.scenario, by_court=q.by_court)
    return [r.as_dict() for r in rows]
