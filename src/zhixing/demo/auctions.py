"""Judicial auctions (司法拍卖): 一拍, then 二拍 and 变卖 after a failed round.

Open cases in the 评估拍卖 stage run forward from the reference price; cases closed as paid
after a sale run backward from the closing date. S04 plants a stalled item: a reference
price with no announcement, or a failed round with no relisting.
"""

from __future__ import annotations

import numpy as np

from zhixing.demo.cases import PAID, ST_AUCTION
from zhixing.demo.context import Context, Table, ids_text, yuan_text
from zhixing.demo.dates import NULL, date_text

ROUNDS = np.array(["一拍", "二拍", "变卖"], dtype=object)
RESULTS = np.array(["", "待拍", "成交", "流拍"], dtype=object)
NONE, PENDING, SOLD, FAILED = range(4)
_DEAL_CHANCE = (0.5, 0.6, 0.5)
_PRICE_FACTOR = (1.0, 0.8, 0.64)


def auctions(ctx: Context) -> Table:
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    s04 = c.flag("S04")
    relist = c.flag("S04_relist") & s04
    vehicle = c.extra["property_vehicle"]
    span = np.where(vehicle, 15, 30)
    rounds = 3
    present = np.zeros((rounds, m), dtype=bool)
    ann = np.full((rounds, m), NULL, dtype=np.int64)
    result = np.zeros((rounds, m), dtype=np.int64)

    forward = c.active & (c.stage == ST_AUCTION) & ~s04
    ref = np.where(forward, c.stage_since + rng.integers(10, 61, m), NULL)
    forward &= ref <= as_of
    alive = forward.copy()
    prev_end = np.zeros(m, dtype=np.int64)
    for r in range(rounds):
        when = (ref + rng.integers(2, 9, m)) if r == 0 else prev_end + rng.integers(5, 26, m)
        alive &= when <= as_of
        present[r] = alive
        ann[r] = np.where(alive, when, NULL)
        ends = when + span + 1
        sold = rng.random(m) < _DEAL_CHANCE[r]
        result[r] = np.where(~alive, NONE, np.where(ends > as_of, PENDING, np.where(sold, SOLD, FAILED)))
        alive &= result[r] == FAILED
        prev_end = ends

    backward = c.auction_track & (c.closure == PAID)
    k = rng.choice([1, 2, 3], size=m, p=[0.5, 0.3, 0.2])
    next_ann = c.closed - rng.integers(10, 31, m) - span - 1
    back_ann = np.full((rounds, m), NULL, dtype=np.int64)
    for r in range(rounds - 1, -1, -1):
        use = backward & (r < k)
        last = r == k - 1
        back_ann[r] = np.where(use, next_ann, NULL)
        result[r] = np.where(use, np.where(last, SOLD, FAILED), result[r])
        next_ann = np.where(use, next_ann - rng.integers(5, 26, m) - span - 1, next_ann)
    back_ref = back_ann[0] - rng.integers(2, 9, m)
    backward &= back_ref >= c.filed + 20
    for r in range(rounds):
        use = backward & (r < k)
        present[r] |= use
        ann[r] = np.where(use, back_ann[r], ann[r])
    ref = np.where(backward, back_ref, ref)

    # S04: a reference price more than 10 days old with no announcement, or a failed round
    # more than 30 days ago with no relisting.
    stalled_ref = s04 & ~relist
    ref = np.where(stalled_ref, as_of - rng.integers(15, 61, m), ref)
    present[0] |= s04
    result[0] = np.where(stalled_ref, NONE, np.where(relist, FAILED, result[0]))
    relist_end = as_of - rng.integers(35, 91, m)
    ann[0] = np.where(relist, relist_end - span - 1, np.where(stalled_ref, NULL, ann[0]))
    ref = np.where(relist, ann[0] - rng.integers(2, 9, m), ref)

    c.extra["auction_ref"] = np.where(present[0], ref, NULL)
    c.extra["auction_announced"] = np.where(present[0], ann[0], NULL)
    value = c.extra["property_value"]
    round_idx, pos = np.nonzero(present)
    announced = ann[round_idx, pos]
    starts = np.where(announced == NULL, NULL, announced + span[pos])
    ends = np.where(announced == NULL, NULL, starts + 1)
    res = result[round_idx, pos]
    price = (value[pos] * np.array(_PRICE_FACTOR)[round_idx] * rng.uniform(0.95, 1.25, len(pos))).astype(np.int64)
    return c.court[pos], {
        "auction_id": ids_text("PM", c.index[pos], round_idx),
        "case_no": ctx.case_no[pos],
        "item": c.extra["property_text"][pos],
        "round": ROUNDS[round_idx],
        "reference_price_on": date_text(ref[pos]),
        "announced_on": date_text(announced),
        "starts_on": date_text(starts),
        "ends_on": date_text(ends),
        "result": RESULTS[res],
        "amount": yuan_text(np.where(res == SOLD, price, -1)),
    }
