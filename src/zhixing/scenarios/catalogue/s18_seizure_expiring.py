"""S18 查封冻结即将到期. zx_measure.term_ends_on already holds expires_on, else the
statutory term from started_on (民诉法解释 art. 485)."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import HIGH, MEDIUM, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, SUBJECT_NAME, case_columns

SQL = f"""
SELECT p.identity_id AS subject_id, p.party_name AS subject_name, {case_columns("c", "c_")},
       m.source AS measure_source, m.measure_id, m.kind AS measure_kind, m.started_on,
       m.expires_on, m.term_ends_on, m.detail,
       CAST(ROUND(m.amount * 100) AS BIGINT) AS amount_fen,
       CASE WHEN m.term_ends_on < :as_of THEN 1 ELSE 0 END AS lapsed
FROM zx_measure AS m
JOIN v_enf_case AS c ON c.case_id = m.case_id
LEFT JOIN v_party AS p ON p.party_id = m.party_id
WHERE c.owed = 1 AND m.kind IN ('冻结存款', '查封车辆', '查封不动产', '冻结股权')
  AND m.started_on <= :as_of AND (m.lifted_on IS NULL OR m.lifted_on > :as_of)
  AND m.term_ends_on IS NOT NULL AND m.term_ends_on <= :warn_until
"""  # noqa: S608 -- only case_columns() column names are interpolated


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {"warn_until": as_of + dt.timedelta(days=params["renew_warn_days"])}


def severity(row: Row, params: Params) -> str:
    return HIGH if row["lapsed"] else MEDIUM


def enrich(row: Row, params: Params) -> dict[str, Any]:
    return {"情形": "已到期未续行" if row["lapsed"] else "即将到期"}


SCENARIO = Scenario(
    code="S18",
    name="查封冻结即将到期",
    description=(
        "欠款执行案件中未解除的冻结存款、查封车辆、查封不动产、冻结股权措施，期限在核查日后"
        "renew_warn_days日内届满，或已届满未续行（已届满为高）。"
    ),
    legal_basis="《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第四百八十五条",
    sql=SQL,
    cases=(CASE,),
    key=("measure_source", "measure_id"),
    recipients=(Route("judge", ""),),
    severity=severity,
    params=(Param("renew_warn_days", 15, "到期前提醒天数", label="到期提醒天数"),),
    bind=bind,
    enrich=enrich,
    evidence=(
        SUBJECT_NAME,
        Field("措施编号", "measure_id"),
        Field("措施", "measure_kind"),
        Field("开始日期", "started_on", "date"),
        Field("期限届满日", "term_ends_on", "date"),
        Field("标的", "detail"),
        Field("金额", "amount_fen", "money_fen"),
    ),
    handling="承办法官在期限届满前办理续封、续冻手续；已届满的立即核实财产现状并重新查控。",
    scope=("c_case_id", "subject_id"),
)
