"""Money through the case account (一案一账户: 到账 then 发放) and fees.

Amounts are integer fen in the generator and written as yuan with two decimals. In a clean
case every 到账 is paid out (发放) within a few weeks; S05 plants money left for months,
S01 plants recent money held for an applicant who owes elsewhere.
"""

from __future__ import annotations

import numpy as np

from zhixing.demo.cases import PAID
from zhixing.demo.context import Context, Table, ids_text, yuan_text
from zhixing.demo.dates import date_text, datetime_text

IN_CHANNELS = np.array(["银行转账", "网络扣划", "现金缴纳", "执行和解款"], dtype=object)


def _minutes(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.integers(9 * 60, 17 * 60 + 30, n)


def account_txns(ctx: Context) -> Table:
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    s01, s05 = c.flag("S01"), c.flag("S05")
    end = ctx.end
    share = np.where(s01 | s05, rng.uniform(0.1, 0.5, m), c.paid_share)
    total = (c.applied * share).astype(np.int64) // 100 * 100
    has = c.enforcement & (total > 0)
    two = has & (rng.random(m) < 0.3) & ~(s01 | s05)
    first_amount = np.where(two, (total * rng.uniform(0.3, 0.7, m)).astype(np.int64) // 100 * 100, total)
    low = c.filed + 10
    high = np.where(c.active, as_of, end - 5)
    arrive = np.stack([ctx.between(low, high), ctx.between(low, high)])
    arrive.sort(axis=0)
    arrive[0] = np.where(s05, np.maximum(as_of - rng.integers(35, 121, m), c.filed + 5), arrive[0])
    arrive[0] = np.where(s01, as_of - rng.integers(1, 26, m), arrive[0])
    arrive = np.minimum(arrive, as_of)
    amounts = np.stack([first_amount, total - first_amount])
    present = np.stack([has, two])

    paid_out = arrive + rng.integers(3, 26, (2, m))
    paid_out = np.where(c.active, paid_out, np.minimum(paid_out, np.maximum(end, arrive)))
    disbursed = present & (paid_out <= as_of) & ~(s01 | s05)

    idx, pos = np.nonzero(present)
    beneficiary_all = ctx.applicant_keys(np.arange(m))
    named = rng.random(m) < 0.7
    beneficiary = np.where(named, beneficiary_all, "")
    debtor = np.where(rng.random(m) < 0.8, ctx.debtor_keys(np.arange(m)), "")
    channel = IN_CHANNELS[rng.integers(0, len(IN_CHANNELS), m)]
    channel = np.where(c.auction_track & (c.closure == PAID), "拍卖价款", channel)
    rows_in = {
        "txn_id": ids_text("JK", c.index[pos], idx),
        "case_no": ctx.case_no[pos],
        "direction": np.full(len(pos), "到账", dtype=object),
        "amount": yuan_text(amounts[idx, pos]),
        "occurred_at": datetime_text(arrive[idx, pos], _minutes(rng, len(pos))),
        "counterparty_key": debtor[pos],
        "beneficiary_key": beneficiary[pos],
        "channel": channel[pos],
    }
    out_idx, out_pos = np.nonzero(disbursed)
    rows_out = {
        "txn_id": ids_text("FF", c.index[out_pos], out_idx),
        "case_no": ctx.case_no[out_pos],
        "direction": np.full(len(out_pos), "发放", dtype=object),
        "amount": yuan_text(amounts[out_idx, out_pos]),
        "occurred_at": datetime_text(paid_out[out_idx, out_pos], _minutes(rng, len(out_pos))),
        "counterparty_key": np.full(len(out_pos), "", dtype=object),
        "beneficiary_key": beneficiary_all[out_pos],
        "channel": np.full(len(out_pos), "银行转账", dtype=object),
    }
    court = np.r_[c.court[pos], c.court[out_pos]]
    return court, {k: np.r_[rows_in[k], rows_out[k]] for k in rows_in}


def enforcement_fee(applied: np.ndarray) -> np.ndarray:
    """申请执行费 (诉讼费用交纳办法 art. 14) in fen, from the applied amount in fen."""
    x = np.asarray(applied, dtype=np.int64)
    fee = 5_000 + (np.clip(x, 1_000_000, 50_000_000) - 1_000_000) * 15 // 1000
    fee += (np.clip(x, 50_000_000, 500_000_000) - 50_000_000) // 100
    fee += (np.clip(x, 500_000_000, 1_000_000_000) - 500_000_000) * 5 // 1000
    fee += np.maximum(x - 1_000_000_000, 0) // 1000
    return fee


def fees(ctx: Context) -> Table:
    c, rng = ctx.chunk, ctx.rng
    m = len(c)
    owes_fee = c.flag("S16_fee")
    present = c.enforcement & ((rng.random(m) < 0.55) | owes_fee)
    due = enforcement_fee(c.applied)
    paid = np.where(c.closure == PAID, due, np.where(rng.random(m) < 0.3, due, due * rng.integers(0, 2, m) // 2))
    paid = np.where(owes_fee, 0, paid)
    pos = np.flatnonzero(present)
    return c.court[pos], {
        "case_no": ctx.case_no[pos],
        "party_key": ctx.debtor_keys(pos),
        "kind": np.full(len(pos), "申请执行费", dtype=object),
        "amount_due": yuan_text(due[pos]),
        "amount_paid": yuan_text(paid[pos]),
        "due_on": date_text(c.filed[pos] + 7),
    }


__all__ = ["account_txns", "enforcement_fee", "fees"]
