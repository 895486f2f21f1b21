"""Rows of cases, case_parties, asset_findings, bankruptcies and basis_changes."""

from __future__ import annotations

import numpy as np

from zhixing.demo import courts
from zhixing.demo.cases import (
    BANKRUPTCY,
    CAUSE_NAMES,
    CLOSURES,
    PAID,
    PROCEDURES,
    STAGES,
)
from zhixing.demo.context import Context, Table, ids_text, yuan_text
from zhixing.demo.dates import NULL, date_text
from zhixing.demo.population import PERSON

_PROCEDURE = np.array([p[0] for p in PROCEDURES], dtype=object)
_CATEGORY = np.array([p[2] for p in PROCEDURES], dtype=object)
_CAUSES = np.array(CAUSE_NAMES, dtype=object)
_CLOSURES = np.array(list(CLOSURES) + [""], dtype=object)  # index -1 -> ""
_STAGES = np.array(list(STAGES) + [""], dtype=object)
FINDING_SOURCES = np.array(["银行存款", "住房公积金", "网络资金", "车辆", "不动产", "证券", "股权",
                            "到期债权", "当事人提供线索"], dtype=object)
_FINDING_TEXT = np.array(["网络查控：银行账户余额", "网络查控：住房公积金账户余额",
                          "网络查控：支付宝、微信账户余额", "车辆登记信息", "不动产登记信息",
                          "证券账户持仓", "工商登记股权信息", "对第三人到期债权", "申请执行人提供财产线索"],
                         dtype=object)
ADMINISTRATORS = np.array(["上海市锦天城律师事务所", "北京市金杜律师事务所上海分所", "上海市方达律师事务所",
                           "国浩律师（上海）事务所", "上海市汇业律师事务所", "立信会计师事务所（特殊普通合伙）",
                           "上海市建纬律师事务所", "上海申浩律师事务所"], dtype=object)


def cases(ctx: Context) -> Table:
    c = ctx.chunk
    bankruptcy = c.procedure == BANKRUPTCY
    return c.court, {
        "case_no": ctx.case_no,
        "court_code": np.array(courts.CODES, dtype=object)[c.court],
        "category": _CATEGORY[c.procedure],
        "procedure": _PROCEDURE[c.procedure],
        "cause": _CAUSES[c.cause],
        "filed_on": date_text(c.filed),
        "judge_id": c.judge,
        "panel": np.where(bankruptcy, "合议庭", "独任"),
        "status": np.where(c.active, "在办", "已结"),
        "closed_on": date_text(c.closed),
        "closure_mode": _CLOSURES[c.closure],
        "stage": _STAGES[c.stage],
        "stage_since": date_text(c.stage_since),
        "basis_case_no": c.basis,
        "applied_amount": yuan_text(np.where(bankruptcy, -1, c.applied)),
        "deadline_on": date_text(c.deadline),
    }


def case_parties(ctx: Context) -> Table:
    c = ctx.chunk
    m = len(c)
    bankruptcy = c.procedure == BANKRUPTCY
    all_pos = np.arange(m)
    paid = (c.applied * c.paid_share).astype(np.int64) // 100 * 100
    owed = np.where(c.owed, np.maximum(c.applied - paid, 0), np.where(c.closure == PAID, 0, -1))
    owed = np.where(bankruptcy, -1, owed)
    guarantor = np.flatnonzero(c.guarantor >= 0)
    court = np.r_[c.court, c.court, c.court[guarantor]]
    keys = np.r_[
        ctx.applicant_keys(all_pos),
        ctx.debtor_keys(all_pos),
        ctx.registry.keys(c.court[guarantor], np.full(len(guarantor), PERSON), c.guarantor[guarantor]),
    ]
    roles = np.r_[
        np.where(bankruptcy, "申请人", "申请执行人"),
        np.where(bankruptcy, "被申请人", "被执行人"),
        np.full(len(guarantor), "被执行人", dtype=object),
    ]
    return court, {
        "case_no": np.r_[ctx.case_no, ctx.case_no, ctx.case_no[guarantor]],
        "party_key": keys,
        "role": roles.astype(object),
        "owed_amount": np.r_[np.full(m, "", dtype=object), yuan_text(owed), yuan_text(owed[guarantor])],
    }


def asset_findings(ctx: Context) -> Table:
    """Findings from 网络查控 after filing, and planted ones (S11 after a 终本 closing, S14 recent)."""
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    end = ctx.end
    s11, s14 = c.flag("S11"), c.flag("S14")
    base = c.enforcement & (rng.random(m) < 0.6) & ~c.flag("S15")
    found = c.filed + rng.integers(3, 16, m)
    base &= found <= end
    source = rng.choice(len(FINDING_SOURCES), size=m, p=[0.4, 0.15, 0.2, 0.08, 0.07, 0.03, 0.02, 0.02, 0.03])
    value = np.where(c.closure == PAID, c.applied * rng.uniform(0.5, 1.5, m),
                     np.where(rng.random(m) < 0.75, 0, c.applied * rng.uniform(0.01, 0.2, m))).astype(np.int64)
    late_found = np.where(s11, ctx.between(c.closed + 10, np.full(m, as_of)), as_of - rng.integers(0, 30, m))
    late = s11 | s14
    late_value = (c.applied * rng.uniform(0.2, 1.2, m)).astype(np.int64) + 100_000
    # Half the S11 findings are reported by another court that knows the same debtor.
    elsewhere = s11 & (rng.random(m) < 0.5)
    basic = np.flatnonzero(courts.BASIC)
    other_court = basic[(np.searchsorted(basic, c.court) + 1 + rng.integers(0, len(basic) - 1, m)) % len(basic)]
    pos_base = np.flatnonzero(base)
    pos_late = np.flatnonzero(late)
    late_court = np.where(elsewhere, other_court, c.court)[pos_late]
    court = np.r_[c.court[pos_base], late_court]
    late_source = np.where(s11, rng.choice([0, 3, 4, 5], size=m), rng.choice([0, 4, 6], size=m))
    src = np.r_[source[pos_base], late_source[pos_late]]
    return court, {
        "finding_id": np.r_[ids_text("CC", c.index[pos_base], 0), ids_text("CC", c.index[pos_late], 1)],
        "party_key": np.r_[ctx.debtor_keys(pos_base), ctx.debtor_keys(pos_late, late_court)],
        "case_no": np.r_[ctx.case_no[pos_base], np.where(elsewhere[pos_late], "", ctx.case_no[pos_late])],
        "source": FINDING_SOURCES[src],
        "found_on": date_text(np.r_[found[pos_base], late_found[pos_late]]),
        "description": _FINDING_TEXT[src],
        "value": yuan_text(np.r_[value[pos_base], late_value[pos_late]]),
    }


def bankruptcies(ctx: Context) -> Table:
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    pos = np.flatnonzero(c.procedure == BANKRUPTCY)
    planted = c.flag("S16")[pos]
    accepted = c.filed[pos]
    within = accepted + 90 > as_of
    deadline = np.where(planted, np.where(within, accepted + 90, NULL), accepted + rng.integers(45, 91, len(pos)))
    return c.court[pos], {
        "case_no": ctx.case_no[pos],
        "party_key": ctx.debtor_keys(pos),
        "accepted_on": date_text(accepted),
        "administrator": ADMINISTRATORS[rng.integers(0, len(ADMINISTRATORS), len(pos))],
        "claims_deadline": date_text(deadline),
    }


def basis_changes(ctx: Context) -> Table:
    """Decisions on the judgments enforced, exported by the reviewing court."""
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    s07 = c.flag("S07")
    background = (c.basis != "") & ~s07 & (rng.random(m) < 0.004)
    pos = np.flatnonzero(s07 | background)
    planted = s07[pos]
    reviewer = courts.parent_index(c.court[pos])
    outcome = np.where(planted, np.where(rng.random(len(pos)) < 0.6, "撤销", "改判"),
                       np.array(["维持", "部分改判", "发回重审"], dtype=object)[rng.integers(0, 3, len(pos))])
    decided = np.where(planted, as_of - rng.integers(20, 121, len(pos)), c.filed[pos] + rng.integers(30, 400, len(pos)))
    decided = np.minimum(decided, as_of)
    year = decided.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    new_no = ("(" + year.astype(str).astype(object) + ")" + np.array(courts.CODES, dtype=object)[reviewer]
              + "民再" + rng.integers(1, 3000, len(pos)).astype(str).astype(object) + "号")
    return reviewer, {
        "case_no": c.basis[pos],
        "new_case_no": new_no,
        "decided_on": date_text(decided),
        "outcome": outcome.astype(object),
    }
