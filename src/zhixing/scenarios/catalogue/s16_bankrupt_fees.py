"""S16 破产企业欠缴诉讼费."""

from zhixing.scenarios.base import MEDIUM, Details, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE, SUBJECT_NAME, fixed

SQL = """
WITH bankrupt AS (
    SELECT bp.identity_id, bc.case_no AS bankruptcy_case_no, b.accepted_on, b.administrator,
           b.claims_deadline
    FROM zx_bankruptcy AS b
    JOIN v_party AS bp ON bp.party_id = b.party_id
    JOIN zx_case AS bc ON bc.id = b.case_id
    WHERE b.accepted_on <= :as_of AND (b.claims_deadline IS NULL OR b.claims_deadline >= :as_of)
      AND bp.party_kind IN ('法人', '非法人组织') AND bp.identity_id IS NOT NULL
)
SELECT fp.identity_id AS subject_id, si.name AS subject_name,
       fc.id AS c_case_id, fc.case_no AS c_case_no, fc.judge_id AS c_judge_id,
       fc.court_id AS c_court_id,
       f.kind AS fee_kind, CAST(ROUND(f.amount_due * 100) AS BIGINT) AS due_fen,
       CAST(ROUND(COALESCE(f.amount_paid, 0) * 100) AS BIGINT) AS paid_fen,
       k.bankruptcy_case_no, k.accepted_on, k.administrator, k.claims_deadline
FROM zx_fee AS f
JOIN v_party AS fp ON fp.party_id = f.party_id
JOIN bankrupt AS k ON k.identity_id = fp.identity_id
JOIN zx_case AS fc ON fc.id = f.case_id
JOIN zx_identity AS si ON si.id = fp.identity_id
WHERE f.amount_due > COALESCE(f.amount_paid, 0)
"""

SCENARIO = Scenario(
    code="S16",
    name="破产企业欠缴诉讼费",
    description="单位E的破产案件已于核查日前受理、债权申报期限未届满（或未定），E在任一案件中欠缴诉讼费用。",
    legal_basis="《企业破产法》第四十一条、第四十八条；《诉讼费用交纳办法》",
    sql=SQL,
    cases=(CASE,),
    key=("c_case_no",),
    recipients=(Route("judge", ""),),
    severity=fixed(MEDIUM),
    evidence=(
        SUBJECT_NAME,
        Field("破产案号", "bankruptcy_case_no"),
        Field("受理日期", "accepted_on", "date"),
        Field("管理人", "administrator"),
        Field("债权申报期限", "claims_deadline", "date"),
    ),
    details=Details(
        "欠缴费用",
        (
            Field("费用类型", "fee_kind"),
            Field("应缴", "due_fen", "money_fen"),
            Field("已缴", "paid_fen", "money_fen"),
        ),
    ),
    handling="费用所在案件法官在债权申报期限内向管理人申报诉讼费债权。",
    scope=("c_case_id",),
)
