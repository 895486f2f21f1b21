"""S05 执行款超期未发放.

Money counts as disbursed oldest first: the overdue part is what arrived before the limit
minus everything disbursed. Money an open S01 hold covers is left out: every movement for
the held party or for all applicants (``v_money_txn.for_party_id``: a 到账's beneficiary, a
发放's payee, NULL for the pooled money), in both directions."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import HIGH, MEDIUM, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, start_of_day
from zhixing.scenarios.thresholds import days_before, workdays_before

CALENDAR_DAYS, WORKDAYS = "自然日", "工作日"

SQL = """
WITH held AS (
    SELECT DISTINCT h.case_id, h.identity_id FROM zx_hold AS h WHERE h.released_at IS NULL
),
txns AS (
    SELECT m.case_id, m.direction, m.occurred_at, m.fen
    FROM v_money_txn AS m
    WHERE m.occurred_at <= :as_of_end
      AND NOT EXISTS (
          SELECT 1 FROM held AS h
          WHERE h.case_id = m.case_id
            AND (m.for_party_id IS NULL OR h.identity_id = m.for_identity_id))
),
money AS (
    SELECT case_id,
           SUM(CASE WHEN direction = '到账' THEN fen ELSE 0 END) AS received_fen,
           SUM(CASE WHEN direction = '发放' THEN fen ELSE 0 END) AS paid_fen,
           SUM(CASE WHEN direction = '到账' AND occurred_at < :late_before
                    THEN fen ELSE 0 END) AS late_fen,
           SUM(CASE WHEN direction = '到账' AND occurred_at < :very_late_before
                    THEN fen ELSE 0 END) AS very_late_fen
    FROM txns
    GROUP BY case_id
)
SELECT m.case_id AS c_case_id, c.case_no AS c_case_no, c.judge_id AS c_judge_id,
       c.court_id AS c_court_id,
       m.received_fen - m.paid_fen AS held_fen,
       m.late_fen - m.paid_fen AS overdue_fen,
       m.very_late_fen - m.paid_fen AS very_overdue_fen
FROM money AS m
JOIN zx_case AS c ON c.id = m.case_id
WHERE m.late_fen - m.paid_fen > 0
"""


def _limit(as_of: dt.date, params: Params, times: int) -> dt.date:
    count = params["disburse_days"] * times
    if params["disburse_unit"] == WORKDAYS:
        return workdays_before(as_of, count)
    return days_before(as_of, count)


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {
        "late_before": start_of_day(_limit(as_of, params, 1)),
        "very_late_before": start_of_day(_limit(as_of, params, 2)),
    }


def severity(row: Row, params: Params) -> str:
    return HIGH if row["very_overdue_fen"] > 0 else MEDIUM


def enrich(row: Row, params: Params) -> dict[str, Any]:
    limit = f"{params['disburse_days']}个{params['disburse_unit']}"
    return {"发放期限": limit}


SCENARIO = Scenario(
    code="S05",
    name="执行款超期未发放",
    description=(
        "案件账户中的案款（任何受领人）到账超过disburse_days日（可设为工作日）仍未发放；"
        "超过两倍期限为高。S01冻结发放所覆盖的款项不计。"
    ),
    legal_basis="《最高人民法院关于执行款物管理工作的规定》（执行款应在到账后三十日内发放）",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=severity,
    params=(
        Param("disburse_days", 30, "到账后应发放的期限", label="发放期限"),
        Param("disburse_unit", CALENDAR_DAYS, "期限单位", (CALENDAR_DAYS, WORKDAYS), label="期限单位"),
    ),
    bind=bind,
    enrich=enrich,
    evidence=(
        Field("账户留存案款", "held_fen", "money_fen"),
        Field("超期未发放金额", "overdue_fen", "money_fen"),
    ),
    handling="承办法官核对受领人并及时发放；确有不能发放的理由（如S01冻结、权属争议）应在系统中说明。",
    scope=("c_case_id",),
)
