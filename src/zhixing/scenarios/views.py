"""Canonical views over the zx_* tables, written once as SQL and added as CTEs to every
query that names them (so Spark, which only sees snapshotted tables, runs them too).

- ``v_party``: a party record with its identity. A merge repoints every party and agency
  row at the surviving identity, so ``identity_id`` is already resolved and the joins on
  it can use the indexes.
- ``v_case_role``: a party's role in a case, with the resolved identity.
- ``v_enf_case``: enforcement cases (执行 · 首次执行/恢复执行) with ``owed`` = 1 when the
  case is active (在办) or closed as 终本 (its debt is still unpaid).
- ``v_enf_role``: a party's role in an enforcement case with the case's columns and
  ``owed``, joined through the base tables' indexes (cheaper than joining two views).
- ``v_custody`` / ``v_consumption`` / ``v_registration``: agency rows with resolved identity.
- ``v_money_txn``: a case-account movement in fen with the party the money is *for*:
  a 到账's ``beneficiary_key``; a 发放's payee, its ``beneficiary_key`` else its
  ``counterparty_key``. ``for_party_id`` NULL means the pooled money, for all applicants.
  A movement voided by a reversal (冲正, ``zx_txn_reversal``) is left out.
- ``v_money_held``: money held for an applicant (identity) in a case as of ``:as_of_end``
  (every scenario query binds it): 到账 for them or for all applicants, minus 发放 to them
  or naming no payee; ``held_fen`` is that, floored at 0. Payouts to another applicant
  never reduce it. ``zhixing.cases.money_held`` computes the same figure for the pages.
"""

from __future__ import annotations

VIEWS: dict[str, str] = {
    "v_party": """
        SELECT p.id AS party_id, p.identity_id, p.kind AS party_kind, p.name AS party_name
        FROM zx_party AS p
    """,
    "v_case_role": """
        SELECT cp.case_id, cp.role, cp.owed_amount, vp.party_id, vp.identity_id,
               vp.party_kind, vp.party_name
        FROM zx_case_party AS cp JOIN v_party AS vp ON vp.party_id = cp.party_id
    """,
    "v_enf_case": """
        SELECT c.id AS case_id, c.case_no, c.court_id, c.judge_id, c.procedure, c.cause,
               c.filed_on, c.status, c.closed_on, c.closure_mode, c.stage, c.stage_since,
               c.basis_case_no, c.deadline_on,
               CASE WHEN c.status = '在办'
                      OR (c.status = '已结' AND c.closure_mode = '终结本次执行程序')
                    THEN 1 ELSE 0 END AS owed
        FROM zx_case AS c
        WHERE c.category = '执行' AND c.procedure IN ('首次执行', '恢复执行')
    """,
    "v_enf_role": """
        SELECT cp.case_id, cp.role, p.id AS party_id,
               p.identity_id, p.kind AS party_kind,
               p.name AS party_name, c.case_no, c.court_id, c.judge_id, c.filed_on, c.status,
               c.closed_on, c.closure_mode, c.cause, c.basis_case_no,
               CASE WHEN c.status = '在办'
                      OR (c.status = '已结' AND c.closure_mode = '终结本次执行程序')
                    THEN 1 ELSE 0 END AS owed
        FROM zx_case_party AS cp
        JOIN zx_case AS c ON c.id = cp.case_id
        JOIN zx_party AS p ON p.id = cp.party_id
        WHERE c.category = '执行' AND c.procedure IN ('首次执行', '恢复执行')
    """,
    "v_custody": """
        SELECT r.id, r.record_id, r.facility, r.kind, r.from_on, r.to_on,
               r.identity_id
        FROM zx_custody AS r WHERE r.identity_id IS NOT NULL
    """,
    "v_consumption": """
        SELECT r.id, r.source, r.record_id, r.kind, r.occurred_at, r.occurred_on, r.place,
               r.identity_id
        FROM zx_consumption AS r WHERE r.identity_id IS NOT NULL
    """,
    "v_registration": """
        SELECT r.id, r.status, r.changed_on, r.identity_id
        FROM zx_registration AS r WHERE r.identity_id IS NOT NULL
    """,
    "v_money_txn": """
        SELECT t.id AS txn_row_id, t.case_id, t.source, t.txn_id, t.direction, t.occurred_at,
               t.channel, CAST(ROUND(t.amount * 100) AS BIGINT) AS fen,
               CASE WHEN t.direction = '发放' THEN COALESCE(t.beneficiary_id, t.counterparty_id)
                    ELSE t.beneficiary_id END AS for_party_id,
               CASE WHEN t.direction = '发放' AND t.beneficiary_id IS NULL THEN kp.identity_id
                    ELSE bp.identity_id END AS for_identity_id
        FROM zx_account_txn AS t
        LEFT JOIN zx_party AS bp ON bp.id = t.beneficiary_id
        LEFT JOIN zx_party AS kp ON kp.id = t.counterparty_id
        WHERE NOT EXISTS (SELECT 1 FROM zx_txn_reversal AS rv WHERE rv.txn_id = t.id)
    """,
    "v_money_held": """
        SELECT ap.case_id, ap.identity_id,
               SUM(CASE WHEN m.direction = '到账' THEN m.fen ELSE 0 END) AS received_fen,
               SUM(CASE WHEN m.direction = '发放' THEN m.fen ELSE 0 END) AS paid_fen,
               CASE WHEN SUM(CASE WHEN m.direction = '到账' THEN m.fen ELSE -m.fen END) > 0
                    THEN SUM(CASE WHEN m.direction = '到账' THEN m.fen ELSE -m.fen END)
                    ELSE 0 END AS held_fen,
               MAX(CASE WHEN m.direction = '到账' THEN m.occurred_at END) AS last_received_at
        FROM (
            SELECT DISTINCT r.case_id, r.identity_id FROM v_case_role AS r
            WHERE r.role = '申请执行人' AND r.identity_id IS NOT NULL
        ) AS ap
        JOIN v_money_txn AS m
          ON m.case_id = ap.case_id
         AND (m.for_party_id IS NULL OR m.for_identity_id = ap.identity_id)
        WHERE m.occurred_at <= :as_of_end
        GROUP BY ap.case_id, ap.identity_id
    """,
}
