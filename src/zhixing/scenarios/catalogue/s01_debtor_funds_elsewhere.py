"""S01 被执行人另案领取案款: a debtor who is owed money held in another case's account."""

from zhixing.scenarios.base import HIGH, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, fixed
from zhixing.scenarios.effects import HoldMoney

SQL = """
WITH debts AS (
    SELECT DISTINCT case_id, identity_id, case_no, judge_id, court_id, status, closure_mode
    FROM v_enf_role
    WHERE role = '被执行人' AND owed = 1 AND identity_id IS NOT NULL
)
SELECT d.identity_id AS subject_id, si.name AS subject_name,
       d.case_id AS a_case_id, d.case_no AS a_case_no, d.judge_id AS a_judge_id,
       d.court_id AS a_court_id, d.status AS a_status, d.closure_mode AS a_closure_mode,
       b.case_id AS b_case_id, b.case_no AS b_case_no, b.judge_id AS b_judge_id,
       b.court_id AS b_court_id, b.status AS b_status,
       m.received_fen, m.paid_fen, m.held_fen, m.last_received_at
FROM v_money_held AS m
JOIN v_enf_case AS b ON b.case_id = m.case_id
JOIN debts AS d ON d.identity_id = m.identity_id AND d.case_id <> m.case_id
JOIN zx_identity AS si ON si.id = d.identity_id
WHERE m.held_fen > 0
"""

SCENARIO = Scenario(
    code="S01",
    name="被执行人另案领取案款",
    description=(
        "当事人P在欠款执行案件A中是被执行人，同时在执行案件B（任何法院，含本院）中是申请执行人，"
        "截至核查日B案账户中为P留存的案款（为P或为全体申请执行人的到账，减去向P的发放和未指明收款人的发放）大于零。"
    ),
    legal_basis="《民事诉讼法》执行程序编关于协助执行的规定；《最高人民法院关于执行款物管理工作的规定》",
    sql=SQL,
    cases=(CASE_A, CASE_B),
    key=("a_case_no", "b_case_no"),
    recipients=(Route("judge", "A"), Route("judge", "B")),
    severity=fixed(HIGH),
    evidence=(
        SUBJECT_NAME,
        Field("A案状态", "a_status"),
        Field("A案结案方式", "a_closure_mode"),
        Field("B案为其留存案款", "held_fen", "money_fen"),
        Field("B案到账合计", "received_fen", "money_fen"),
        Field("B案已向其发放", "paid_fen", "money_fen"),
        Field("最近到账时间", "last_received_at", "datetime"),
    ),
    handling=(
        "B案法官暂停发放为P留存的案款（平台自动冻结发放）；A案法官联系B案法官，"
        "必要时出具协助执行文书冻结或扣划该款。A案不再欠款或A案法官决定时解除。"
    ),
    scope=("subject_id",),
    effects=(HoldMoney(held_case="B", owed_case="A"),),
)
