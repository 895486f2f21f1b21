"""S17 被执行人享有到期债权 (disabled by default: the first draft of S01)."""

from zhixing.scenarios.base import LOW, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, fixed

SQL = """
WITH debts AS (
    SELECT DISTINCT case_id, identity_id, case_no, judge_id, court_id
    FROM v_enf_role
    WHERE role = '被执行人' AND owed = 1 AND identity_id IS NOT NULL
),
claims AS (
    SELECT DISTINCT case_id, identity_id, case_no, judge_id, court_id
    FROM v_enf_role
    WHERE role = '申请执行人' AND status = '在办' AND identity_id IS NOT NULL
)
SELECT d.identity_id AS subject_id, si.name AS subject_name,
       d.case_id AS a_case_id, d.case_no AS a_case_no, d.judge_id AS a_judge_id,
       d.court_id AS a_court_id,
       b.case_id AS b_case_id, b.case_no AS b_case_no, b.judge_id AS b_judge_id,
       b.court_id AS b_court_id
FROM debts AS d
JOIN claims AS b ON b.identity_id = d.identity_id AND b.case_id <> d.case_id
JOIN zx_identity AS si ON si.id = d.identity_id
WHERE NOT EXISTS (SELECT 1 FROM v_money_txn AS t
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
    scope=("subject_id",),
    enabled_by_default=False,
)
