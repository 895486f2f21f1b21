"""S09 执行节点超时."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import MEDIUM, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed
from zhixing.scenarios.thresholds import days_before

SQL = f"""
WITH auctioned AS (SELECT DISTINCT case_id FROM zx_auction),
entries AS (
    SELECT case_id, stage, MAX(entered_on) AS entered_on
    FROM zx_stage_history GROUP BY case_id, stage
)
SELECT {case_columns("c", "c_")}, c.stage, c.filed_on,
       COALESCE(c.stage_since, e.entered_on) AS stage_since,
       CASE WHEN au.case_id IS NULL THEN 0 ELSE 1 END AS has_auction
FROM v_enf_case AS c
LEFT JOIN entries AS e ON e.case_id = c.case_id AND e.stage = c.stage
LEFT JOIN auctioned AS au ON au.case_id = c.case_id
WHERE c.status = '在办'
  AND ((c.stage = '快执' AND COALESCE(c.stage_since, e.entered_on) < :fast_before)
       OR (c.stage = '实施' AND au.case_id IS NULL AND c.filed_on < :impl_before)
       OR (c.stage = '实施' AND au.case_id IS NOT NULL AND c.filed_on < :auction_before))
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {
        "fast_before": days_before(as_of, params["fast_days"]),
        "impl_before": days_before(as_of, params["impl_days"]),
        "auction_before": days_before(as_of, params["auction_days"]),
    }


def enrich(row: Row, params: Params) -> dict[str, Any]:
    if row["stage"] == "快执":
        return {"节点期限": f"快执{params['fast_days']}日", "起算日期": row["stage_since"]}
    budget = params["auction_days"] if row["has_auction"] else params["impl_days"]
    kind = "有拍卖" if row["has_auction"] else "无拍卖"
    return {"节点期限": f"实施（{kind}）自立案起{budget}日", "起算日期": row["filed_on"]}


SCENARIO = Scenario(
    code="S09",
    name="执行节点超时",
    description=(
        "在办案件在当前节点停留超过期限：快执自进入节点起fast_days日；实施自立案起impl_days日"
        "（案件有拍卖的为auction_days日）。"
    ),
    legal_basis="执行节点管控规则（无锡锡山法院节点管控实践）",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""), Route("centre", "")),
    severity=fixed(MEDIUM),
    params=(
        Param("fast_days", 45, "快执节点期限（日）", label="快执期限（日）"),
        Param("impl_days", 75, "实施节点期限，无拍卖（日，自立案起）", label="实施期限（日）"),
        Param("auction_days", 270, "实施节点期限，有拍卖（日，自立案起）", label="有拍卖的实施期限（日）"),
    ),
    bind=bind,
    enrich=enrich,
    evidence=(Field("当前节点", "stage"),),
    handling="承办法官推进到下一节点或说明原因；指挥中心跟踪督办，必要时发出指令。",
    scope=("c_case_id",),
)
