"""S01 被执行人另案领取案款: a debtor who is owed money held in another case's account."""

from zhixing.scenarios.base import HIGH, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, case_columns, fixed

SQL = f"""
WITH applicant_money AS (
    SELECT ap.case_id, ap.identity_id,
           SUM(CASE WHEN t.direction = '到账'
                     AND (t.beneficiary_id IS NULL OR bp.identity_id = ap.identity_id)
                    THEN CAST(ROUND(t.amount * 100) AS BIGINT) ELSE 0 END) AS received_fen,
           SUM(CASE WHEN t.direction = '发放' AND bp.identity_id = ap.identity_id
                    THEN CAST(ROUND(t.amount * 100) AS BIGINT) ELSE 0 END) AS paid_fen,
           MAX(CASE WHEN t.direction = '到账'
                     AND (t.beneficiary_id IS NULL OR bp.identity_id = ap.identity_id)
                    THEN t.occurred_at END) AS last_received_at
    FROM (SELECT DISTINCT r.case_id, r.identity_id
          FROM v_case_role AS r JOIN v_enf_case AS e ON e.case_id = r.case_id
          WHERE r.role = '申请执行人' AND r.identity_id IS NOT NULL) AS ap
    JOIN zx_account_txn AS t ON t.case_id = ap.case_id
    LEFT JOIN v_party AS bp ON bp.party_id = t.beneficiary_id
    WHERE t.occurred_at <= :as_of_end
    GROUP BY ap.case_id, ap.identity_id
),
debts AS (
    SELECT DISTINCT r.case_id, r.identity_id
    FROM v_case_role AS r JOIN v_enf_case AS e ON e.case_id = r.case_id
    WHERE r.role = '被执行人' AND e.owed = 1 AND r.identity_id IS NOT NULL
)
SELECT d.identity_id AS subject_id, si.name AS subject_name,
       {case_columns("a", "a_")}, a.status AS a_status, a.closure_mode AS a_closure_mode,
       {case_columns("b", "b_")}, b.status AS b_status,
       m.received_fen, m.paid_fen, m.received_fen - m.paid_fen AS held_fen, m.last_received_at
FROM debts AS d
JOIN applicant_money AS m ON m.identity_id = d.identity_id AND m.case_id <> d.case_id
JOIN v_enf_case AS a ON a.case_id = d.case_id
JOIN v_enf_case AS b ON b.case_id = m.case_id
JOIN zx_identity AS si ON si.id = d.identity_id
WHERE m.received_fen - m.paid_fen > 0
"""

SCENARIO = Scenario(
    code="S01",
    name="被执行人另案领取案款",
    description=(
        "当事人P在欠款执行案件A中是被执行人，同时在执行案件B（任何法院，含本院）中是申请执行人，"
        "截至核查日B案账户中为P留存的案款（为P或为全体申请执行人的到账，减去向P的发放）大于零。"
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
    scope=("subject_id", "a_case_id", "b_case_id"),
    holds_case="B",
    owed_case="A",
)
