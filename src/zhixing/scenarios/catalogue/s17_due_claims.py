"""S17 被执行人享有到期债权 (disabled by default: the first draft of S01)."""

from zhixing.scenarios.base import LOW, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, case_columns, fixed

SQL = f"""
WITH debts AS (
    SELECT DISTINCT r.case_id, r.identity_id
    FROM v_case_role AS r JOIN v_enf_case AS e ON e.case_id = r.case_id
    WHERE r.role = '被执行人' AND e.owed = 1 AND r.identity_id IS NOT NULL
)
SELECT d.identity_id AS subject_id, si.name AS subject_name,
       {case_columns("a", "a_")}, {case_columns("b", "b_")}
FROM debts AS d
JOIN v_case_role AS r
  ON r.identity_id = d.identity_id AND r.role = '申请执行人' AND r.case_id <> d.case_id
JOIN v_enf_case AS b ON b.case_id = r.case_id
JOIN v_enf_case AS a ON a.case_id = d.case_id
JOIN zx_identity AS si ON si.id = d.identity_id
WHERE b.status = '在办'
  AND NOT EXISTS (SELECT 1 FROM zx_account_txn AS t
                  WHERE t.case_id = b.case_id AND t.direction = '到账'
                    AND t.occurred_at <= :as_of_end)
"""

SCENARIO = Scenario(
    code="S17",
    name="被执行人享有到期债权",
    description="P在欠款执行案件A中是被执行人，同时是在办执行案件B的申请执行人，B案尚无任何到账。默认停用。",
    legal_basis="《民事诉讼法解释》关于被执行人对第三人到期债权的执行",
    sql=SQL,
    cases=(CASE_A, CASE_B),
    key=("a_case_no", "b_case_no"),
    recipients=(Route("judge", "A"),),
    severity=fixed(LOW),
    evidence=(SUBJECT_NAME,),
    handling="A案法官评估是否对P在B案中的债权采取冻结到期债权措施。此场景线索价值低，默认停用。",
    scope=("subject_id", "a_case_id", "b_case_id"),
    enabled_by_default=False,
)
