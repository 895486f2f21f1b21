"""S02 申请执行人与被执行人和解逃避他案债务."""

from zhixing.scenarios.base import HIGH, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, fixed

SQL = """
WITH debts AS (
    SELECT case_id, identity_id, case_no, judge_id, court_id, filed_on
    FROM v_enf_role
    WHERE role = '被执行人' AND owed = 1 AND identity_id IS NOT NULL
),
settled AS (
    SELECT r.case_id, r.identity_id, r.case_no, r.judge_id, r.court_id, r.closure_mode,
           r.closed_on
    FROM v_enf_role AS r
    WHERE r.role = '申请执行人' AND r.identity_id IS NOT NULL AND r.status = '已结'
      AND r.closed_on <= :as_of
      AND (r.closure_mode IN ('执行和解', '撤回申请')
           OR (r.closure_mode = '执行完毕'
               AND NOT EXISTS (SELECT 1 FROM v_money_txn AS t
                               WHERE t.case_id = r.case_id AND t.direction = '到账'
                                 AND t.occurred_at <= :as_of_end)))
)
SELECT d.identity_id AS subject_id, si.name AS subject_name,
       d.case_id AS a_case_id, d.case_no AS a_case_no, d.judge_id AS a_judge_id,
       d.court_id AS a_court_id, d.filed_on AS a_filed_on,
       b.case_id AS b_case_id, b.case_no AS b_case_no, b.judge_id AS b_judge_id,
       b.court_id AS b_court_id, b.closure_mode AS b_closure_mode, b.closed_on AS b_closed_on
FROM settled AS b
JOIN debts AS d ON d.identity_id = b.identity_id AND d.case_id <> b.case_id
JOIN zx_identity AS si ON si.id = d.identity_id
WHERE b.closed_on > d.filed_on
"""

SCENARIO = Scenario(
    code="S02",
    name="申请执行人与被执行人和解逃避他案债务",
    description=(
        "P在欠款执行案件A中是被执行人；P作为申请执行人的执行案件B在A立案之后以执行和解、撤回申请结案，"
        "或以执行完毕结案而B案账户从无到账（款项在法院外支付）。"
    ),
    legal_basis="《民事诉讼法》执行程序编；《最高人民法院关于执行和解若干问题的规定》",
    sql=SQL,
    cases=(CASE_A, CASE_B),
    key=("a_case_no", "b_case_no"),
    recipients=(Route("judge", "A"), Route("judge", "B")),
    severity=fixed(HIGH),
    evidence=(
        SUBJECT_NAME,
        Field("A案立案日期", "a_filed_on", "date"),
        Field("B案结案方式", "b_closure_mode"),
        Field("B案结案日期", "b_closed_on", "date"),
    ),
    handling="A案法官核实B案和解或撤回所涉款项去向，必要时对P在B案中取得的财产采取执行措施。",
    scope=("subject_id",),
)
