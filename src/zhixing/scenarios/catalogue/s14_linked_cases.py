"""S14 同一被执行人多案联动."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import MEDIUM, Details, Field, Param, Params, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, SUBJECT_NAME, fixed

SQL = """
WITH owed AS (
    SELECT DISTINCT identity_id, case_id, case_no, judge_id, court_id
    FROM v_enf_role
    WHERE role = '被执行人' AND owed = 1 AND identity_id IS NOT NULL
),
several AS (
    SELECT identity_id, COUNT(*) AS owed_cases FROM owed GROUP BY identity_id HAVING COUNT(*) >= 2
)
SELECT fp.identity_id AS subject_id, si.name AS subject_name,
       f.source AS finding_batch, f.finding_id, f.finding_source, f.found_on, f.description,
       CAST(ROUND(f.value * 100) AS BIGINT) AS value_fen, s.owed_cases,
       o.case_id AS c_case_id, o.case_no AS c_case_no, o.judge_id AS c_judge_id,
       o.court_id AS c_court_id
FROM zx_asset_finding AS f
JOIN v_party AS fp ON fp.party_id = f.party_id
JOIN several AS s ON s.identity_id = fp.identity_id
JOIN owed AS o ON o.identity_id = fp.identity_id
JOIN zx_identity AS si ON si.id = fp.identity_id
WHERE f.found_on >= :found_since AND f.found_on <= :as_of
"""


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {"found_since": as_of - dt.timedelta(days=params["recent_days"])}


SCENARIO = Scenario(
    code="S14",
    name="同一被执行人多案联动",
    description="核查日前recent_days日内发现P的财产线索，而P在两件以上欠款执行案件中是被执行人。",
    legal_basis="《最高人民法院关于人民法院执行工作若干问题的规定（试行）》关于多个债权人参与分配的规定",
    sql=SQL,
    cases=(CASE,),
    key=("finding_batch", "finding_id"),
    recipients=(Route("judge", ""),),
    severity=fixed(MEDIUM),
    params=(Param("recent_days", 30, "财产线索的新近天数", label="线索新近天数"),),
    bind=bind,
    evidence=(
        SUBJECT_NAME,
        Field("线索编号", "finding_id"),
        Field("财产类型", "finding_source"),
        Field("发现日期", "found_on", "date"),
        Field("价值", "value_fen", "money_fen"),
        Field("说明", "description"),
        Field("欠款案件数", "owed_cases", "int"),
    ),
    details=Details(
        "关联案件",
        (Field("案号", "c_case_no"), Field("法院", "c_court_id"), Field("承办法官", "c_judge_id")),
    ),
    handling="各案承办法官协同处置该财产，首先查封的法院负责处置，其他法院参与分配。",
    scope=("subject_id",),
)
