"""S10 终本案件规定动作缺失 (终本规定 art. 1)."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import HIGH, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import add_months, days_before

MIN_MONTHS = 3
REQUIRED = {
    "发送执行通知书": "notice",
    "发出报告财产令": "report_order",
    "网络查控": "online_query",
    "限制消费": "restriction",
    "现场调查": "site_visit",
}
TALK = ("约谈申请执行人", "告知申请执行人")

SQL = f"""
WITH acts AS (
    SELECT a.case_id,
           SUM(CASE WHEN a.action = '发送执行通知书' THEN 1 ELSE 0 END) AS notice,
           SUM(CASE WHEN a.action = '发出报告财产令' THEN 1 ELSE 0 END) AS report_order,
           SUM(CASE WHEN a.action = '网络查控' THEN 1 ELSE 0 END) AS online_query,
           SUM(CASE WHEN a.action = '限制消费' THEN 1 ELSE 0 END) AS restriction,
           SUM(CASE WHEN a.action = '现场调查' THEN 1 ELSE 0 END) AS site_visit,
           SUM(CASE WHEN a.action IN ('约谈申请执行人', '告知申请执行人') THEN 1 ELSE 0 END) AS talk
    FROM zx_action AS a JOIN v_enf_case AS c ON c.case_id = a.case_id
    WHERE a.done_on <= c.closed_on
    GROUP BY a.case_id
)
SELECT {case_columns("c", "c_")}, c.filed_on, c.closed_on,
       COALESCE(x.notice, 0) AS notice, COALESCE(x.report_order, 0) AS report_order,
       COALESCE(x.online_query, 0) AS online_query, COALESCE(x.restriction, 0) AS restriction,
       COALESCE(x.site_visit, 0) AS site_visit, COALESCE(x.talk, 0) AS talk
FROM v_enf_case AS c
LEFT JOIN acts AS x ON x.case_id = c.case_id
WHERE c.status = '已结' AND c.closure_mode = '终结本次执行程序'
  AND c.closed_on >= :closed_since AND c.closed_on <= :as_of
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {"closed_since": days_before(as_of, params["lookback_days"])}


def missing(row: Row) -> list[str]:
    gaps = [action for action, column in REQUIRED.items() if not row[column]]
    if not row["talk"]:
        gaps.append("约谈或告知申请执行人")
    return gaps


def too_early(row: Row) -> bool:
    filed = dt.date.fromisoformat(row["filed_on"])
    return dt.date.fromisoformat(row["closed_on"]) < add_months(filed, MIN_MONTHS)


def keep(row: Row, params: Params) -> bool:
    return too_early(row) or bool(missing(row))


def enrich(row: Row, params: Params) -> dict[str, Any]:
    return {"缺少的规定动作": missing(row), "立案不满三个月即终本": too_early(row)}


SCENARIO = Scenario(
    code="S10",
    name="终本案件规定动作缺失",
    description=(
        "核查日前lookback_days日内以终结本次执行程序结案的案件，立案不满三个月即终本，或终本前缺少"
        "发送执行通知书、发出报告财产令、网络查控、限制消费、现场调查及约谈或告知申请执行人之一。"
    ),
    legal_basis="《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第一条",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""), Route("chief", "")),
    severity=fixed(HIGH),
    params=(Param("lookback_days", 180, "检查最近多少日内的终本案件", label="回看天数"),),
    bind=bind,
    keep=keep,
    enrich=enrich,
    evidence=(
        Field("立案日期", "filed_on", "date"),
        Field("终本日期", "closed_on", "date"),
    ),
    handling="执行局长组织复查；不符合终本条件的应恢复执行并补做规定动作。",
    scope=("c_case_id",),
)
