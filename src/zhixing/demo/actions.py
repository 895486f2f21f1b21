"""Procedural acts (actions) and the stage history of every enforcement case.

A 终本 case carries the acts 终本规定 art. 1 requires, all before its closing day (S10 plants
leave one out), and a 网络查控 every five to six months after closing (S12 plants stop it).
"""

from __future__ import annotations

import numpy as np

from zhixing.demo.cases import (
    BANKRUPTCY,
    ST_AUCTION,
    ST_FAST,
    ST_FILED,
    ST_IMPL,
    ST_QUERY,
    STAGES,
    ZHONGBEN,
)
from zhixing.demo.context import Context, Table
from zhixing.demo.dates import NULL, date_text

# Acts required before a 终本 closing, in the order S10 plants refer to them.
NOTICE, ASSET_ORDER, NET_QUERY, RESTRICT, SITE_VISIT, TALK = range(6)


def _assistants(ctx: Context) -> np.ndarray:
    c = ctx.chunk
    staff = ctx.staff
    flat = np.array([a for s in staff for a in s.assistants], dtype=object)
    counts = np.array([len(s.assistants) for s in staff])
    offsets = np.r_[0, np.cumsum(counts)[:-1]]
    return flat[offsets[c.court] + (c.index * 7) % counts[c.court]]


def actions(ctx: Context) -> Table:
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    m = len(c)
    end = ctx.end
    enf = c.enforcement
    zb = c.closure == ZHONGBEN
    judge = np.where(c.judge == "", _assistants(ctx), c.judge)
    helper = _assistants(ctx)
    r = lambda: rng.random(m)  # noqa: E731

    names: list[str] = []
    dates: list[np.ndarray] = []
    present: list[np.ndarray] = []
    staff: list[np.ndarray] = []

    def add(name: str, when: np.ndarray, mask: np.ndarray, who: np.ndarray, required: int | None = None) -> None:
        when = np.asarray(when, dtype=np.int64)
        if required is not None:
            # Required before a 终本 closing: pulled before the closing day, unless planted missing.
            when = np.where(zb, np.minimum(when, c.closed - 1), when)
            mask = mask & ~(zb & (c.missing_action == required))
        names.append(name)
        dates.append(when)
        present.append(mask & (when <= end) & (when >= c.filed))
        staff.append(who)

    notice = c.filed + rng.integers(1, 6, m)
    add("发送执行通知书", notice, enf, judge, NOTICE)
    add("发出报告财产令", notice, enf, judge, ASSET_ORDER)
    add("网络查控", c.filed + rng.integers(2, 11, m), enf | (c.procedure == 2), helper, NET_QUERY)
    add("点对点查控", c.filed + rng.integers(5, 31, m), enf & (r() < 0.4), helper)
    restrict = c.extra["restrict_start"]
    add("限制消费", restrict, enf & (restrict != NULL), judge, RESTRICT)
    blacklist = c.extra["blacklist_start"]
    add("纳入失信", blacklist, enf & (blacklist != NULL), judge)
    add("线索核实", c.filed + rng.integers(20, 81, m), enf & (r() < 0.2), helper)
    add("现场调查", c.filed + rng.integers(15, 71, m), enf & ((r() < 0.6) | zb), helper, SITE_VISIT)
    talk = r() < 0.5
    talk_day = c.filed + rng.integers(30, 90, m)
    add("约谈申请执行人", talk_day, enf & talk & (zb | (r() < 0.3)), judge, TALK)
    add("告知申请执行人", talk_day, enf & ~talk & (zb | (r() < 0.3)), judge, TALK)
    ref = c.extra["auction_ref"]
    add("评估", ref - rng.integers(20, 41, m), ref != NULL, helper)
    announced = c.extra["auction_announced"]
    add("拍卖", announced, announced != NULL, judge)

    # 终本 re-queries: about every 160 days after closing; S12 plants stopped over 200 days ago.
    since_close = np.where(zb & ~c.active, as_of - c.closed, -1)
    n_requery = np.where(since_close > 0, since_close // 160, 0)
    stopped = c.flag("S12")
    for k in range(1, int(n_requery.max(initial=0)) + 1):
        when = c.closed + k * 160 - rng.integers(0, 10, m)
        names.append("网络查控")
        dates.append(when)
        present.append((k <= n_requery) & (when <= as_of) & (~stopped | (when < as_of - 200)))
        staff.append(helper)

    mask = np.array(present)
    action_idx, pos = np.nonzero(mask)
    when = np.array(dates)[action_idx, pos]
    who = np.array(staff, dtype=object)[action_idx, pos]
    return c.court[pos], {
        "case_no": ctx.case_no[pos],
        "action": np.array(names, dtype=object)[action_idx],
        "done_on": date_text(when),
        "staff_id": who,
    }


def stage_history(ctx: Context) -> Table:
    """Entries leading to the current stage, then the current stage on its date."""
    c = ctx.chunk
    m = len(c)
    has_stage = c.procedure != BANKRUPTCY
    current = c.stage.astype(np.int64)
    order = np.where(current >= ST_AUCTION, np.where(current == ST_AUCTION, 4, 5), current)
    since = c.stage_since
    ref = c.extra["auction_ref"]
    steps = [
        (ST_FILED, c.filed, 0, np.ones(m, dtype=bool)),
        (ST_QUERY, c.filed + 2, 1, np.ones(m, dtype=bool)),
        (ST_FAST, c.filed + 10, 2, c.quick),
        (ST_IMPL, np.where(c.quick, c.filed + 41, c.filed + 15), 3, np.ones(m, dtype=bool)),
        (ST_AUCTION, np.where(ref != NULL, ref - 25, since - 1), 4, c.auction_track),
    ]
    stages, dates, present = [], [], []
    for stage, when, rank, cond in steps:
        stages.append(np.full(m, stage))
        dates.append(when)
        present.append(has_stage & cond & (rank < order) & (when < since) & (when >= c.filed))
    stages.append(current)
    dates.append(since)
    present.append(has_stage)
    mask = np.array(present)
    step_idx, pos = np.nonzero(mask)
    stage_names = np.array(STAGES, dtype=object)
    return c.court[pos], {
        "case_no": ctx.case_no[pos],
        "stage": stage_names[np.array(stages)[step_idx, pos]],
        "entered_on": date_text(np.array(dates)[step_idx, pos]),
    }

