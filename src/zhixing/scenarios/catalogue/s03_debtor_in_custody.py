"""S03 被执行人服刑羁押."""

from zhixing.scenarios.base import MEDIUM, Details, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, case_columns, fixed

SQL = f"""
SELECT r.identity_id AS subject_id, r.party_name AS subject_name, {case_columns("c", "c_")},
       k.facility, k.kind AS custody_kind, k.from_on, k.to_on
FROM v_enf_case AS c
JOIN v_case_role AS r ON r.case_id = c.case_id AND r.role = '被执行人' AND r.party_kind = '自然人'
JOIN v_custody AS k ON k.identity_id = r.identity_id
WHERE c.status = '在办' AND k.from_on <= :as_of AND (k.to_on IS NULL OR k.to_on >= :as_of)
"""  # noqa: S608 -- only case_columns() column names are interpolated

SCENARIO = Scenario(
    code="S03",
    name="被执行人服刑羁押",
    description="在办执行案件的自然人被执行人，截至核查日处于服刑、羁押或拘留期间。",
    legal_basis="《最高人民法院关于严格规范终结本次执行程序的规定（试行）》；监狱、看守所协助执行",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=fixed(MEDIUM),
    evidence=(),
    details=Details(
        "羁押记录",
        (
            Field("被执行人", "subject_name"),
            Field("场所", "facility"),
            Field("类别", "custody_kind"),
            Field("起始日期", "from_on", "date"),
            Field("截止日期", "to_on", "date"),
        ),
    ),
    handling="承办法官到监所送达、询问财产情况，调整执行措施（如对其财产处置、暂缓限制消费）。",
    scope=("c_case_id",),
)
