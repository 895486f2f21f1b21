"""S12 终本案件定期查控到期."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import LOW, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import add_months, earliest_start_reaching

WINDOW_YEARS = 5

SQL = f"""
WITH last_query AS (
    SELECT a.case_id, MAX(a.done_on) AS last_on
    FROM zx_action AS a JOIN v_enf_case AS c ON c.case_id = a.case_id
    WHERE a.action = '网络查控' AND a.done_on >= c.closed_on AND a.done_on <= :as_of
    GROUP BY a.case_id
)
SELECT {case_columns("c", "c_")}, c.closed_on, q.last_on AS last_query_on,
       COALESCE(q.last_on, c.closed_on) AS counted_from
FROM v_enf_case AS c
LEFT JOIN last_query AS q ON q.case_id = c.case_id
WHERE c.status = '已结' AND c.closure_mode = '终结本次执行程序'
  AND c.closed_on >= :closed_since AND c.closed_on <= :as_of
  AND COALESCE(q.last_on, c.closed_on) <= :query_due_by
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {
        # closed_on ≥ x ⇔ closed less than five years before as_of
        "closed_since": earliest_start_reaching(as_of + dt.timedelta(days=1), WINDOW_YEARS * 12),
        "query_due_by": add_months(as_of, -params["requery_months"]),
    }


def enrich(row: Row, params: Params) -> dict[str, Any]:
    due = add_months(dt.date.fromisoformat(row["counted_from"]), params["requery_months"])
    return {"应查控日期": due.isoformat()}


SCENARIO = Scenario(
    code="S12",
    name="终本案件定期查控到期",
    description=(
        "终本不满五年的案件，最近requery_months个月内没有网络查控（终本后未查控的自终本日期起算）。"
        "平台有查控接口时应自行发起查询。"
    ),
    legal_basis="《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（终本后每六个月网络查控一次）",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=fixed(LOW),
    params=(Param("requery_months", 6, "定期查控间隔（月）", label="查控间隔（月）"),),
    bind=bind,
    enrich=enrich,
    evidence=(
        Field("终本日期", "closed_on", "date"),
        Field("最近网络查控", "last_query_on", "date"),
    ),
    handling="承办法官（或平台查控接口）对被执行人发起网络查控，发现财产的及时恢复执行。",
    scope=("c_case_id",),
)
