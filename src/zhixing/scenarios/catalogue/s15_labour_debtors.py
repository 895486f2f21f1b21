"""S15 劳动争议执源治理."""

import datetime as dt
from typing import Any

from zhixing.scenarios.base import MEDIUM, Details, Field, Param, Params, Route, Row, Scenario
from zhixing.scenarios.catalogue.common import CASE, SUBJECT_NAME, fixed
from zhixing.scenarios.thresholds import add_months

SQL = """
WITH labour AS (
    SELECT DISTINCT identity_id, case_id, case_no, judge_id, court_id, cause, basis_case_no
    FROM v_enf_role
    WHERE role = '被执行人' AND owed = 1 AND identity_id IS NOT NULL
      AND party_kind IN ('法人', '非法人组织')
      AND (cause LIKE :labour_pattern OR basis_case_no LIKE :arbitral_pattern)
),
counted AS (
    SELECT identity_id, COUNT(*) AS labour_cases FROM labour
    GROUP BY identity_id HAVING COUNT(*) >= :min_cases
),
assets AS (
    SELECT DISTINCT fp.identity_id
    FROM zx_asset_finding AS f JOIN v_party AS fp ON fp.party_id = f.party_id
    WHERE f.value > 0 AND f.found_on > :assets_since AND f.found_on <= :as_of
),
registration AS (
    SELECT identity_id, MIN(status) AS status FROM v_registration
    WHERE status IN ('吊销', '注销', '经营异常') GROUP BY identity_id
)
SELECT l.identity_id AS subject_id, si.name AS subject_name, n.labour_cases,
       CASE WHEN a.identity_id IS NULL THEN 1 ELSE 0 END AS no_recent_assets,
       g.status AS registration_status,
       l.case_id AS c_case_id, l.case_no AS c_case_no, l.judge_id AS c_judge_id,
       l.court_id AS c_court_id, l.cause
FROM labour AS l
JOIN counted AS n ON n.identity_id = l.identity_id
JOIN zx_identity AS si ON si.id = l.identity_id
LEFT JOIN assets AS a ON a.identity_id = l.identity_id
LEFT JOIN registration AS g ON g.identity_id = l.identity_id
WHERE a.identity_id IS NULL OR g.identity_id IS NOT NULL
"""


def bind(as_of: dt.date, params: Params) -> dict[str, Any]:
    return {
        "labour_pattern": "%劳动%",
        "arbitral_pattern": "%仲%",
        "min_cases": params["min_cases"],
        "assets_since": add_months(as_of, -12),
    }


def enrich(row: Row, params: Params) -> dict[str, Any]:
    reasons = []
    if row["no_recent_assets"]:
        reasons.append("近十二个月无价值大于零的财产线索")
    if row["registration_status"]:
        reasons.append(f"登记状态为{row['registration_status']}")
    return {
        "触发原因": reasons,
        "建议": "研判执转破；与劳动保障部门开展联合审查（执源治理）",
    }


SCENARIO = Scenario(
    code="S15",
    name="劳动争议执源治理",
    description=(
        "单位E在min_cases件以上欠款执行案件中是被执行人（案由含劳动，或执行依据为仲裁裁决），"
        "且近十二个月无价值大于零的财产线索，或其登记状态为吊销、注销、经营异常。"
    ),
    legal_basis="《企业破产法》；《最高人民法院关于执行案件移送破产审查若干问题的指导意见》",
    sql=SQL,
    cases=(CASE,),
    key=("subject_id",),
    recipients=(Route("chief", ""), Route("centre", "")),
    severity=fixed(MEDIUM),
    params=(Param("min_cases", 3, "最少劳动争议执行案件数", label="最少案件数"),),
    bind=bind,
    enrich=enrich,
    evidence=(SUBJECT_NAME, Field("劳动争议执行案件数", "labour_cases", "int")),
    details=Details(
        "案件",
        (Field("案号", "c_case_no"), Field("法院", "c_court_id"), Field("案由", "cause")),
    ),
    handling="相关法院执行局长、指挥中心研判执转破，与劳动保障部门联合审查，从源头化解。",
    scope=("subject_id",),
)
