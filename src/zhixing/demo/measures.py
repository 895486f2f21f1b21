"""Control measures (查封、冻结、扣划、限制消费、失信 …) on the debtor of each case.

Measures end with the case: lifted on the closing day or the next when the case ends for a
reason that requires it; in owed cases restrictions stay, and freezes either turned into a
deduction (扣划) or were renewed (续封/续冻) before their term ran out.
"""

from __future__ import annotations

import numpy as np

from zhixing.demo.cases import PRESERVATION, WITHDRAWN
from zhixing.demo.context import Context, Table, ids_text, yuan_text
from zhixing.demo.dates import NULL, date_text
from zhixing.demo.planting import LIFTING_CLOSURES
from zhixing.demo.population import COMPANY, PERSON, person_address
from zhixing.demo.text import digits

KINDS = ("冻结存款", "扣划存款", "查封不动产", "查封车辆", "冻结股权", "冻结到期债权", "限制消费",
         "失信被执行人", "限制出境")
FREEZE, DEDUCT, ESTATE, VEHICLE, EQUITY, RECEIVABLE, RESTRICT, BLACKLIST, EXIT_BAN = range(9)
# Term in days used when renewing (one statutory term, rounded up to cover leap days).
RENEW_TERM = {FREEZE: 366, ESTATE: 1097, VEHICLE: 731, EQUITY: 1097}
BANK_SHORT = np.array(["工商银行", "建设银行", "农业银行", "中国银行", "交通银行", "招商银行",
                       "浦发银行", "上海银行", "上海农商银行", "中信银行"], dtype=object)
_PLATE_LETTERS = np.array(list("ABCDEFGHJKLMN"), dtype=object)
_PLATE_FIRST = np.array(list("0123456789DFGHJK"), dtype=object)
_VEHICLE_KIND = np.array(["小型轿车", "小型普通客车", "小型越野客车", "轻型厢式货车"], dtype=object)


def plates(rng: np.random.Generator, n: int) -> np.ndarray:
    """沪A·12345-style number plates (the middle dot as printed on Shanghai plates)."""
    tail = digits(rng.integers(0, 10_000, n), 4)
    return ("沪" + _PLATE_LETTERS[rng.integers(0, len(_PLATE_LETTERS), n)] + "·"
            + _PLATE_FIRST[rng.integers(0, len(_PLATE_FIRST), n)] + tail)


def _property(ctx: Context) -> None:
    """The seized item each case may auction: a flat or a car, with its market value."""
    c, rng = ctx.chunk, ctx.rng
    m = len(c)
    vehicle = rng.random(m) < 0.3
    plate = plates(rng, m) + " " + _VEHICLE_KIND[rng.integers(0, len(_VEHICLE_KIND), m)]
    flat = person_address(c.debtor_idx * 3 + 7 + c.index % 5)
    c.extra["property_vehicle"] = vehicle
    c.extra["property_text"] = np.where(vehicle, plate, flat)
    value = np.where(vehicle, rng.integers(30_000, 300_000, m), rng.integers(800_000, 9_000_000, m))
    c.extra["property_value"] = value * 100


def measures(ctx: Context) -> Table:
    c, rng, as_of = ctx.chunk, ctx.rng, ctx.as_of
    _property(ctx)
    m = len(c)
    enf, pres = c.enforcement, c.procedure == PRESERVATION
    end = ctx.end
    dur = end - c.filed
    r = lambda: rng.random(m)  # noqa: E731
    vehicle_item = c.extra["property_vehicle"]
    s06 = c.flag("S06")
    s18 = c.flag("S18")
    zhongben_or_owed = c.owed
    present = np.zeros((9, m), dtype=bool)
    present[FREEZE] = (enf & (r() < 0.5)) | pres | s18 | (s06 & (r() < 0.3))
    present[DEDUCT] = present[FREEZE] & enf & (r() < 0.3) & ~s18
    present[ESTATE] = (enf & (r() < 0.08)) | (pres & (r() < 0.2)) | (c.auction_track & ~vehicle_item)
    present[VEHICLE] = (enf & (r() < 0.12)) | (c.auction_track & vehicle_item)
    present[EQUITY] = enf & (c.debtor_kind == COMPANY) & (r() < 0.08)
    present[RECEIVABLE] = enf & (r() < 0.02)
    restrict_needed = (c.closure == 1) | c.flag("S13") | (s06 & ~present[FREEZE])
    present[RESTRICT] = enf & (((dur > 20) & (r() < 0.75)) | restrict_needed)
    present[BLACKLIST] = enf & (dur > 30) & (r() < 0.3)
    present[EXIT_BAN] = enf & (c.debtor_kind == PERSON) & (r() < 0.02)

    start = np.empty((9, m), dtype=np.int64)
    offsets = {FREEZE: (2, 10), ESTATE: (5, 40), VEHICLE: (5, 30), EQUITY: (10, 40),
               RECEIVABLE: (10, 60), RESTRICT: (3, 15), BLACKLIST: (30, 60), EXIT_BAN: (10, 30)}
    for kind, (lo, hi) in offsets.items():
        start[kind] = c.filed + rng.integers(lo, hi + 1, m)
    start[DEDUCT] = start[FREEZE] + rng.integers(5, 31, m)
    forced = np.zeros((9, m), dtype=bool)
    forced[RESTRICT] = restrict_needed
    forced[FREEZE] = s18 | s06
    start = np.where(forced, np.clip(start, c.filed, np.maximum(end - 1, c.filed)), start)
    present &= start <= end

    lift_now = ~c.active & enf & np.isin(c.closure, (*LIFTING_CLOSURES, WITHDRAWN))
    lifted = np.full((9, m), NULL, dtype=np.int64)
    lifted[:] = np.where(lift_now, np.minimum(c.closed + rng.integers(0, 2, m), as_of), NULL)
    # S06: the one measure that was forgotten when the case ended.
    stuck = np.where(present[RESTRICT] & s06, RESTRICT, FREEZE)
    for kind in (RESTRICT, FREEZE):
        lifted[kind] = np.where(s06 & (stuck == kind), NULL, lifted[kind])
    lifted[DEDUCT] = NULL
    deducted = present[DEDUCT] & (lifted[FREEZE] == NULL) & ~s06
    lifted[FREEZE] = np.where(deducted, start[DEDUCT], lifted[FREEZE])

    expires = np.full((9, m), NULL, dtype=np.int64)
    for kind, term in RENEW_TERM.items():
        open_ = present[kind] & (lifted[kind] == NULL) & zhongben_or_owed
        due = start[kind] + term <= as_of + 15
        renewals = np.ceil((as_of + 16 - start[kind]) / term).astype(np.int64)
        expires[kind] = np.where(open_ & due, start[kind] + renewals * term, NULL)
    expires[FREEZE] = np.where(s18, as_of + rng.integers(-30, 16, m), expires[FREEZE])
    lifted[FREEZE] = np.where(s18, NULL, lifted[FREEZE])

    amount = np.full((9, m), -1, dtype=np.int64)
    amount[FREEZE] = (c.applied * rng.uniform(0.05, 1.0, m)).astype(np.int64)
    amount[DEDUCT] = np.minimum(amount[FREEZE], c.applied)
    detail = np.empty((9, m), dtype=object)
    detail[:] = ""
    bank = BANK_SHORT[rng.integers(0, len(BANK_SHORT), m)]
    detail[FREEZE] = bank + "账户尾号" + digits(rng.integers(0, 10_000, m), 4)
    detail[DEDUCT] = "扣划至本院执行款专户"
    detail[ESTATE] = np.where(vehicle_item, person_address(c.debtor_idx * 5 + 3), c.extra["property_text"])
    detail[VEHICLE] = np.where(vehicle_item, c.extra["property_text"], plates(rng, m))
    detail[EQUITY] = "持有的目标公司" + rng.integers(5, 100, m).astype(str).astype(object) + "%股权"
    detail[RESTRICT] = "限制消费令"
    detail[BLACKLIST] = "纳入失信被执行人名单"
    detail[EXIT_BAN] = "限制出境决定书"
    c.extra["restrict_start"] = np.where(present[RESTRICT], start[RESTRICT], NULL)
    c.extra["blacklist_start"] = np.where(present[BLACKLIST], start[BLACKLIST], NULL)

    kind_idx, pos = np.nonzero(present)
    return c.court[pos], {
        "measure_id": ids_text("CK", c.index[pos], kind_idx),
        "case_no": ctx.case_no[pos],
        "party_key": ctx.debtor_keys(pos),
        "kind": np.array(KINDS, dtype=object)[kind_idx],
        "started_on": date_text(start[kind_idx, pos]),
        "lifted_on": date_text(lifted[kind_idx, pos]),
        "expires_on": date_text(expires[kind_idx, pos]),
        "detail": detail[kind_idx, pos],
        "amount": yuan_text(amount[kind_idx, pos]),
    }
