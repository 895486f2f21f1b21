"""指挥看板: case figures per court and judge, the per-scenario funnel, the weekly trend, drill-down."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from zhixing.accounts.models import SCENARIO_ADMIN
from zhixing.accounts.permissions import can_see_dashboard, figures_court_scope, visible_cases
from zhixing.alerts import stats
from zhixing.audit import log
from zhixing.cases.models import Case, Court, Staff
from zhixing.core import clock
from zhixing.web import scenario_text
from zhixing.web.access import Viewer, page, refuse, show
from zhixing.web.export import MAX_ROWS, workbook_response
from zhixing.web.queries.figures import (
    DRILLS,
    Period,
    PeriodError,
    drill_filter,
    enforcement_cases,
    figures,
    hold_breaches,
)
from zhixing.web.queries.reasons import feedback_reasons
from zhixing.web.queries.trend import weekly
from zhixing.web.templatetags.zx import cndate as chinese

DRILL_LIMIT = 200


def _date(params, name: str, label: str, default: dt.date) -> dt.date:
    text = params.get(name, "").strip()
    if not text:
        return default
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        # the form beside the message keeps what was entered
        raise PeriodError(f"{label}：不是有效的日期，请按 年-月-日 选择或填写") from error


def parse_scope(viewer: Viewer, params) -> tuple[Period, str | None]:
    """The period (as-of date, default today; start, default 1 January of that year) and court."""
    as_of = _date(params, "as_of", "统计截止日", clock.today())
    period = Period(_date(params, "from", "起始日期", as_of.replace(month=1, day=1)), as_of)
    court = figures_court_scope(viewer)
    asked = params.get("court", "").strip()
    if asked and court is None:
        if not Court.objects.filter(pk=asked).exists():
            raise PeriodError(f"法院：没有代码为“{asked}”的法院")
        court = asked
    return period, court


@page
def dashboard(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if not can_see_dashboard(viewer):
        return refuse(request, "指挥看板供执行局长、指挥中心和管理员使用。")
    try:
        period, court = parse_scope(viewer, request.GET)
    except PeriodError as error:
        # the form stays, with what was entered, and the error beside it
        return show(request, viewer, "web/dashboard.html", {
            "error": str(error), "form": _form_values(request, None),
            "courts": _court_choices(viewer), "court": request.GET.get("court", ""),
        }, status=400)
    total, by_court = figures(period, court=court, by="court")
    # Per judge only within one court: across every court the table would run to hundreds of rows.
    by_judge = figures(period, court=court, by="judge")[1] if court else None
    breaches = hold_breaches(period, court)
    funnel = stats.compute(date_from=period.date_from, date_to=period.as_of, court=court)
    weeks = weekly(period.as_of, court)
    chart = {
        "weeks": [w.label for w in weeks],
        "raised": [w.raised for w in weeks],
        "answered": [w.answered for w in weeks],
        "closed": [w.closed for w in weeks],
        "scenarios": [f"{f.scenario} {scenario_text.name(f.scenario)}" for f in funnel],
        "funnel": {
            "raised": [f.raised for f in funnel],
            "answered": [f.answered for f in funnel],
            "helpful": [f.helpful for f in funnel],
            "recovered": [f.cases_recovered for f in funnel],
        },
    }
    return show(request, viewer, "web/dashboard.html", {
        "period": period,
        "court": court,
        "court_param": court or "",
        "court_name": Court.objects.filter(pk=court).values_list("name", flat=True).first() if court else "全部法院",
        "courts": _court_choices(viewer),
        "form": _form_values(request, period),
        "total": total,
        "by_court": by_court,
        "by_judge": by_judge,
        "breaches": breaches,
        "breach_total": sum(b.breaches for b in breaches),
        "funnel": funnel,
        "reasons": feedback_reasons(period.date_from, period.as_of, court),
        "names": scenario_text.NAMES,
        "chart": chart,
        "drills": DRILLS,
    })


def _court_choices(viewer: Viewer) -> list[Court]:
    return list(Court.objects.order_by("code")) if figures_court_scope(viewer) is None else []


def _form_values(request: HttpRequest, period: Period | None) -> dict[str, str]:
    if period is not None:
        return {"from": period.date_from.isoformat(), "as_of": period.as_of.isoformat()}
    return {"from": request.GET.get("from", ""), "as_of": request.GET.get("as_of", "")}


@page
def drill(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    if not can_see_dashboard(viewer):
        return refuse(request, "指挥看板供执行局长、指挥中心和管理员使用。")
    figure = request.GET.get("figure", "")
    try:
        period, court = parse_scope(viewer, request.GET)
        condition = drill_filter(figure, period)
    except PeriodError as error:
        return show(request, viewer, "web/drill.html", {"error": str(error)}, status=400)
    cases = enforcement_cases(court).filter(condition).filter(pk__in=visible_cases(viewer).values("pk"))
    judge = request.GET.get("judge", "")
    if "judge" in request.GET:
        cases = cases.filter(judge_id=judge)
    if request.GET.get("format") == "xlsx":
        return _drill_workbook(request, DRILLS[figure], cases)
    rows = list(cases.select_related("court").order_by("filed_on", "case_no")[:DRILL_LIMIT])
    return show(request, viewer, "web/drill.html", {
        "title": DRILLS[figure],
        "period": period,
        "total": cases.count(),
        "cases": rows,
        "judges": dict(Staff.objects.filter(pk__in={c.judge_id for c in rows}).values_list("pk", "name")),
        "limit": DRILL_LIMIT,
        "no_case_access": viewer.role == SCENARIO_ADMIN,
    })


def _drill_workbook(request: HttpRequest, title: str, cases: QuerySet[Case]) -> HttpResponse:
    rows = list(cases.select_related("court").order_by("filed_on", "case_no")[:MAX_ROWS])
    judges = dict(Staff.objects.filter(pk__in={c.judge_id for c in rows}).values_list("pk", "name"))
    log.record(request, request.user, "export", "cases", len(rows), detail={"figure": title})
    return workbook_response(f"{title}.xlsx", "案件", ("案号", "法院", "承办法官", "立案日期", "结案日期", "结案方式", "审限"), (
        (c.case_no, c.court.name, judges.get(c.judge_id, "未分配"), chinese(c.filed_on), chinese(c.closed_on),
         c.closure_mode or "—", chinese(c.deadline_on))
        for c in rows
    ))
