"""S19 暂缓发放期间案款被发放: money paid out of case B while an S01 hold kept it for P.

A batch reports payouts already made, so the importer stores them; this scenario makes a
payout of held money a recorded breach, whatever the door it came in by. The payee is the
one ``v_money_txn`` names (a 发放's beneficiary, else its counterparty); a payout naming
neither takes the pooled money, which the hold covers too. The hold was open at the
payout: placed at or before it, and not released before it."""

from zhixing.scenarios.base import HIGH, Field, Route, Scenario
from zhixing.scenarios.catalogue.common import CASE_A, CASE_B, SUBJECT_NAME, fixed

SQL = """
SELECT h.id AS hold_id, h.alert_id AS hold_alert_id, h.held_at, h.released_at,
       m.txn_row_id, m.txn_id AS txn_no, m.source AS txn_source, m.channel,
       m.occurred_at AS paid_at, m.fen AS paid_fen,
       COALESCE(fp.name, '未指明（全体申请执行人）') AS payee_name,
       h.identity_id AS subject_id, si.name AS subject_name,
       a.id AS a_case_id, a.case_no AS a_case_no, a.judge_id AS a_judge_id,
       a.court_id AS a_court_id,
       b.id AS b_case_id, b.case_no AS b_case_no, b.judge_id AS b_judge_id,
       b.court_id AS b_court_id
FROM zx_hold AS h
JOIN v_money_txn AS m
  ON m.case_id = h.case_id AND m.direction = '发放'
 AND (m.for_party_id IS NULL OR m.for_identity_id = h.identity_id)
JOIN zx_alert_case AS ac ON ac.alert_id = h.alert_id AND ac.label = 'A'
JOIN zx_case AS a ON a.id = ac.case_id
JOIN zx_case AS b ON b.id = h.case_id
JOIN zx_identity AS si ON si.id = h.identity_id
LEFT JOIN zx_party AS fp ON fp.id = m.for_party_id
WHERE m.occurred_at <= :as_of_end
  AND h.held_at <= m.occurred_at
  AND (h.released_at IS NULL OR h.released_at > m.occurred_at)
"""

SCENARIO = Scenario(
    code="S19",
    name="暂缓发放期间案款被发放",
    description=(
        "B案账户中为当事人P保留的案款处于S01暂缓发放期间（暂缓发放设立在先、发放时尚未解除），"
        "却发生了向P或未指明收款人的发放（收款人为发放的受领人，未填时为对方当事人）；"
        "无论该发放经批量导入还是事件接口报送，均记为违规发放。"
    ),
    legal_basis="《最高人民法院关于执行款物管理工作的规定》；《民事诉讼法》执行程序编关于协助执行的规定",
    sql=SQL,
    cases=(CASE_A, CASE_B),
    key=("hold_id", "txn_row_id"),
    recipients=(Route("judge", "A"), Route("judge", "B"), Route("chief", "B")),
    severity=fixed(HIGH),
    evidence=(
        SUBJECT_NAME,
        Field("暂缓发放所属预警", "hold_alert_id", "int"),
        Field("暂缓发放编号", "hold_id", "int"),
        Field("暂缓发放起始时间", "held_at", "datetime"),
        Field("暂缓发放解除时间", "released_at", "datetime"),
        Field("发放流水号", "txn_no"),
        Field("发放时间", "paid_at", "datetime"),
        Field("发放金额", "paid_fen", "money_fen"),
        Field("收款人", "payee_name"),
        Field("发放渠道", "channel"),
        Field("报送来源", "txn_source"),
    ),
    handling=(
        "B案法官说明发放经过并设法追回或由收款人退回该款；A案法官评估对本案执行的影响，"
        "必要时对收款人采取执行措施；执行局长督办并视情况追究责任。"
    ),
    scope=("subject_id", "b_case_id"),
)
