"""S11 终本案件发现可供执行财产."""

from zhixing.scenarios.base import HIGH, Details, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed

SQL = f"""
SELECT r.identity_id AS subject_id, r.party_name AS subject_name, {case_columns("c", "c_")},
       c.closed_on, f.finding_id, f.finding_source, f.found_on, f.description,
       CAST(ROUND(f.value * 100) AS BIGINT) AS value_fen
FROM v_enf_case AS c
JOIN v_case_role AS r ON r.case_id = c.case_id AND r.role = '被执行人'
JOIN v_party AS fp ON fp.identity_id = r.identity_id
JOIN zx_asset_finding AS f ON f.party_id = fp.party_id
WHERE c.status = '已结' AND c.closure_mode = '终结本次执行程序'
  AND f.value > 0 AND f.found_on > c.closed_on AND f.found_on <= :as_of
"""  # noqa: S608 -- only case_columns() column names are interpolated

SCENARIO = Scenario(
    code="S11",
    name="终本案件发现可供执行财产",
    description="终本案件的被执行人在终本日期之后被发现价值大于零的财产。",
    legal_basis="《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（发现财产应及时恢复执行）",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=fixed(HIGH),
    evidence=(Field("终本日期", "closed_on", "date"),),
    details=Details(
        "新发现财产",
        (
            Field("被执行人", "subject_name"),
            Field("线索编号", "finding_id"),
            Field("财产类型", "finding_source"),
            Field("发现日期", "found_on", "date"),
            Field("价值", "value_fen", "money_fen"),
            Field("说明", "description"),
        ),
    ),
    handling="承办法官核实财产并依法恢复执行，及时采取控制措施。",
    scope=("c_case_id",),
)
