"""Enforcement cases: the city-wide skeleton (court, filing date, case number) and, per chunk,
cause, parties, amount, outcome and stage.

Outcomes follow the age of a case: recent cases are mostly still open, old ones closed, and
about 40% of closed enforcement cases end as 终结本次执行程序 (终本).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from zhixing.demo import courts
from zhixing.demo.dates import NULL, add_months, next_weekday
from zhixing.demo.population import BANKS, COMPANY, PERSON, Pools

# Procedures: index -> (procedure, type code in the case number, category).
PROCEDURES = (("首次执行", "执", "执行"), ("恢复执行", "执恢", "执行"),
              ("财产保全执行", "执保", "执行"), ("破产清算", "破", "破产"))
FIRST, RESTORED, PRESERVATION, BANKRUPTCY = range(4)
PROCEDURE_SHARES = (0.865, 0.07, 0.06, 0.005)

CLOSURES = ("执行完毕", "终结本次执行程序", "终结执行", "不予执行", "驳回申请", "销案", "执行和解",
            "撤回申请", "裁定")
PAID, ZHONGBEN, TERMINATED, NOT_ENFORCED, REJECTED, CANCELLED, SETTLED, WITHDRAWN, RULING = range(9)
CLOSURE_SHARES = (0.35, 0.40, 0.06, 0.01, 0.01, 0.04, 0.08, 0.05, 0.0)
STAGES = ("立案", "查控", "快执", "实施", "评估拍卖", "终本", "结案")
ST_FILED, ST_QUERY, ST_FAST, ST_IMPL, ST_AUCTION, ST_ZHONGBEN, ST_CLOSED = range(7)

# Cause, share, median applied amount (yuan), applicant mix (person, company, bank,
# property manager), and the chance the debtor is a company.
CAUSES = (
    ("民间借贷纠纷", 0.20, 120_000, (0.9, 0.1, 0, 0), 0.10),
    ("买卖合同纠纷", 0.14, 200_000, (0.2, 0.8, 0, 0), 0.60),
    ("金融借款合同纠纷", 0.12, 600_000, (0, 0, 1, 0), 0.35),
    ("信用卡纠纷", 0.10, 40_000, (0, 0, 1, 0), 0.0),
    ("劳动争议", 0.06, 30_000, (1, 0, 0, 0), 0.95),
    ("追索劳动报酬纠纷", 0.02, 20_000, (1, 0, 0, 0), 0.95),
    ("物业服务合同纠纷", 0.07, 6_000, (0, 0, 0, 1), 0.05),
    ("房屋租赁合同纠纷", 0.07, 50_000, (0.6, 0.4, 0, 0), 0.30),
    ("机动车交通事故责任纠纷", 0.06, 80_000, (1, 0, 0, 0), 0.15),
    ("建设工程施工合同纠纷", 0.04, 800_000, (0.3, 0.7, 0, 0), 0.80),
    ("服务合同纠纷", 0.05, 40_000, (0.3, 0.7, 0, 0), 0.30),
    ("承揽合同纠纷", 0.03, 100_000, (0.3, 0.7, 0, 0), 0.60),
    ("抚养费纠纷", 0.02, 20_000, (1, 0, 0, 0), 0.0),
    ("小额借款合同纠纷", 0.02, 15_000, (0, 1, 0, 0), 0.0),
    ("海上货物运输合同纠纷", 0.0, 300_000, (0, 1, 0, 0), 1.0),
    ("侵害商标权纠纷", 0.0, 100_000, (0, 1, 0, 0), 1.0),
    ("破产清算", 0.0, 0, (0.5, 0.5, 0, 0), 1.0),
)
CAUSE_NAMES = tuple(c[0] for c in CAUSES)
LABOUR_CAUSES = (CAUSE_NAMES.index("劳动争议"), CAUSE_NAMES.index("追索劳动报酬纠纷"))
_CAUSE_SHARES = np.array([c[1] for c in CAUSES])
_CAUSE_MEDIAN = np.array([c[2] for c in CAUSES], dtype=float)
_APPLICANT_MIX = np.array([c[3] for c in CAUSES], dtype=float)
_DEBTOR_COMPANY = np.array([c[4] for c in CAUSES])
_COURT_CAUSE = {"沪74": "金融借款合同纠纷", "沪72": "海上货物运输合同纠纷", "沪73": "侵害商标权纠纷"}


@dataclass
class Skeleton:
    court: np.ndarray
    filed: np.ndarray
    procedure: np.ndarray
    year: np.ndarray
    seq: np.ndarray

    def __len__(self) -> int:
        return len(self.court)


def build_skeleton(seed: int, n: int, as_of: int) -> Skeleton:
    rng = np.random.default_rng([seed, 0x5E1])
    procedure = rng.choice(4, size=n, p=PROCEDURE_SHARES).astype(np.int8)
    # Even a small demo has a few bankruptcies (S16 needs them).
    short = max(2, n // 200) - int((procedure == BANKRUPTCY).sum())
    if short > 0:
        procedure[rng.choice(np.flatnonzero(procedure != BANKRUPTCY), size=short, replace=False)] = BANKRUPTCY
    court = rng.choice(len(courts.CODES), size=n, p=courts.WEIGHTS).astype(np.int16)
    court[procedure == BANKRUPTCY] = courts.INDEX[courts.BANKRUPTCY_COURT]
    # Inflow grows over the years; bankruptcies in the demo are recent (the S16 window).
    age = (1825 * rng.random(n) ** 1.5).astype(np.int64)
    age = np.where(procedure == BANKRUPTCY, rng.integers(0, 700, size=n), age)
    filed = np.minimum(next_weekday(as_of - age), as_of)
    year = filed.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    order = np.lexsort((filed, procedure, year, court))
    group = ((court.astype(np.int64) * 100 + (year - 2000)) * 4 + procedure)[order]
    gaps = rng.integers(1, 4, size=n)
    running = np.cumsum(gaps)
    starts = np.r_[True, group[1:] != group[:-1]] if n else np.zeros(0, dtype=bool)
    base = np.maximum.accumulate(np.where(starts, running - gaps, 0))
    seq = np.empty(n, dtype=np.int64)
    seq[order] = running - base
    return Skeleton(court=court, filed=filed, procedure=procedure, year=year, seq=seq)


@dataclass
class CaseChunk:
    """Columns of the cases of one chunk; planting edits them before child rows are made."""

    index: np.ndarray  # global case index
    court: np.ndarray
    filed: np.ndarray
    procedure: np.ndarray
    year: np.ndarray
    seq: np.ndarray
    cause: np.ndarray
    applied: np.ndarray  # fen
    closed: np.ndarray  # day or NULL
    closure: np.ndarray  # index into CLOSURES or -1
    quick: np.ndarray  # 快执 track
    auction_track: np.ndarray
    app_kind: np.ndarray
    app_idx: np.ndarray
    debtor_kind: np.ndarray
    debtor_idx: np.ndarray
    guarantor: np.ndarray  # person index of a second debtor or -1
    paid_share: np.ndarray  # share of the applied amount paid through the court account
    judge: np.ndarray
    basis: np.ndarray
    stage: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    stage_since: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    deadline: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    flags: dict[str, np.ndarray] = field(default_factory=dict)
    missing_action: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    # Values one row generator hands to the next (auction dates, restriction start …).
    extra: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.index)

    @property
    def active(self) -> np.ndarray:
        return self.closed == NULL

    @property
    def enforcement(self) -> np.ndarray:
        return self.procedure <= RESTORED

    @property
    def owed(self) -> np.ndarray:
        return self.enforcement & (self.active | (self.closure == ZHONGBEN))

    def flag(self, name: str) -> np.ndarray:
        if name not in self.flags:
            self.flags[name] = np.zeros(len(self), dtype=bool)
        return self.flags[name]


def _closure_probability(age: np.ndarray) -> np.ndarray:
    return np.select(
        [age <= 30, age <= 75, age <= 180, age <= 365], [0.1, 0.4, 0.75, 0.94], default=0.985
    )


# Debtors and applicants come from overlapping slices of each pool: most creditors never owe
# in another case, but some do (the people S01, S02, S14 and S17 are about).
DEBTOR_SLICE = (0.0, 0.65)
APPLICANT_SLICE = (0.55, 1.0)
REPEAT_SHARE = 0.12  # draws from a small crowd of debtors who owe in several cases


def _draw(rng: np.random.Generator, first: int, size: int, share: tuple[float, float], n: int,
          repeat: bool) -> np.ndarray:
    lo = first + int((size - first) * share[0])
    hi = max(lo + 1, first + int((size - first) * share[1]))
    uniform = rng.integers(lo, hi, n)
    if not repeat:
        return uniform
    crowd = rng.integers(lo, lo + max(1, (hi - lo) // 10), n)
    return np.where(rng.random(n) < REPEAT_SHARE, crowd, uniform)


def draw_persons(rng: np.random.Generator, pools: Pools, n: int, debtor: bool = True) -> np.ndarray:
    share = DEBTOR_SLICE if debtor else APPLICANT_SLICE
    return _draw(rng, 0, pools.persons.random_size, share, n, debtor)


def draw_companies(rng: np.random.Generator, pools: Pools, n: int, debtor: bool = True) -> np.ndarray:
    share = DEBTOR_SLICE if debtor else APPLICANT_SLICE
    return _draw(rng, len(BANKS), pools.companies.random_size, share, n, debtor)  # banks first


def build_chunk(rng: np.random.Generator, skeleton: Skeleton, start: int, stop: int,
                pools: Pools, staff: list[courts.CourtStaff], as_of: int) -> CaseChunk:
    idx = np.arange(start, stop)
    m = len(idx)
    court, filed, procedure = skeleton.court[start:stop], skeleton.filed[start:stop], skeleton.procedure[start:stop]
    cause = rng.choice(len(CAUSES), size=m, p=_CAUSE_SHARES / _CAUSE_SHARES.sum())
    for code, name in _COURT_CAUSE.items():
        cause[court == courts.INDEX[code]] = CAUSE_NAMES.index(name)
    cause[procedure == BANKRUPTCY] = CAUSE_NAMES.index("破产清算")
    applied = np.round(_CAUSE_MEDIAN[cause] * rng.lognormal(0, 0.8, m) * 100).astype(np.int64)
    applied = np.where(rng.random(m) < 0.4, applied // 100 * 100, applied)
    applied = np.maximum(applied, 50_000)

    age = as_of - filed
    closed_flag = rng.random(m) < _closure_probability(age)
    closure = rng.choice(len(CLOSURES), size=m, p=CLOSURE_SHARES)
    closure[procedure == PRESERVATION] = PAID
    duration = np.where(closure == ZHONGBEN, 95 + rng.gamma(2.0, 40.0, m), 10 + rng.gamma(1.6, 45.0, m))
    duration = duration.astype(np.int64)
    too_long = duration >= age
    short_zhongben = (closure == ZHONGBEN) & too_long & (age >= 100)
    duration = np.where(short_zhongben, 95 + (rng.random(m) * (age - 96)).astype(np.int64), duration)
    too_long = duration >= age
    closure = np.where((closure == ZHONGBEN) & too_long, PAID, closure)
    duration = np.where(too_long, (age * rng.uniform(0.3, 0.95, m)).astype(np.int64), duration)
    closed_flag &= age >= 2
    bankruptcy = procedure == BANKRUPTCY
    closed_flag &= ~bankruptcy | (age > 400)
    closure = np.where(bankruptcy, RULING, closure)
    closed = np.where(closed_flag, filed + np.maximum(duration, 1), NULL)
    closure = np.where(closed_flag, closure, -1)

    mix = _APPLICANT_MIX[cause]
    app_type = (rng.random(m)[:, None] > np.cumsum(mix, axis=1)).sum(axis=1)
    app_kind = np.where(app_type == 0, PERSON, COMPANY)
    app_idx = np.select(
        [app_type == 0, app_type == 1, app_type == 2],
        [draw_persons(rng, pools, m, debtor=False), draw_companies(rng, pools, m, debtor=False),
         rng.integers(0, len(BANKS), m)],
        default=pools.companies.property_managers[rng.integers(0, len(pools.companies.property_managers), m)],
    )
    debtor_kind = np.where(rng.random(m) < _DEBTOR_COMPANY[cause], COMPANY, PERSON)
    debtor_idx = np.where(debtor_kind == PERSON, draw_persons(rng, pools, m), draw_companies(rng, pools, m))
    clash = (debtor_kind == app_kind) & (debtor_idx == app_idx)
    debtor_idx = np.where(clash, debtor_idx + 1, debtor_idx)
    loan = cause == CAUSE_NAMES.index("金融借款合同纠纷")
    with_guarantor = (loan & (rng.random(m) < 0.4)) | ((cause == 0) & (rng.random(m) < 0.1))
    guarantor = np.where(with_guarantor, draw_persons(rng, pools, m), -1)
    for other_kind, other_idx in ((debtor_kind, debtor_idx), (app_kind, app_idx)):
        same = (guarantor >= 0) & (other_kind == PERSON) & (guarantor == other_idx)
        guarantor = np.where(same, (guarantor + 2) % pools.persons.random_size, guarantor)

    paid_share = np.select(
        [closure == PAID, closure == SETTLED, closure == ZHONGBEN, closure == -1],
        [np.where(rng.random(m) < 0.85, 1.0, 0.0),
         np.where(rng.random(m) < 0.5, rng.uniform(0.2, 0.6, m), 0.0),
         np.where(rng.random(m) < 0.3, rng.uniform(0.05, 0.4, m), 0.0),
         np.where(rng.random(m) < 0.25, rng.uniform(0.1, 0.5, m), 0.0)],
        default=0.0,
    )
    paid_share = np.where(procedure >= PRESERVATION, 0.0, paid_share)

    chunk = CaseChunk(
        index=idx, court=court, filed=filed, procedure=procedure, year=skeleton.year[start:stop],
        seq=skeleton.seq[start:stop], cause=cause, applied=applied, closed=closed, closure=closure,
        quick=rng.random(m) < 0.35, auction_track=rng.random(m) < 0.45,
        app_kind=app_kind, app_idx=app_idx, debtor_kind=debtor_kind, debtor_idx=debtor_idx,
        guarantor=guarantor, paid_share=paid_share,
        judge=_judges(rng, court, staff), basis=_basis(rng, court, filed, cause, skeleton.seq[start:stop], procedure),
        missing_action=np.full(m, -1, dtype=np.int8),
    )
    return chunk


def _judges(rng: np.random.Generator, court: np.ndarray, staff: list[courts.CourtStaff]) -> np.ndarray:
    flat = np.array([j for s in staff for j in s.judges], dtype=object)
    counts = np.array([len(s.judges) for s in staff])
    offsets = np.r_[0, np.cumsum(counts)[:-1]]
    pick = offsets[court] + rng.integers(0, 1 << 30, len(court)) % counts[court]
    # A few cases have no judge assigned yet; their alerts go to the command centre.
    return np.where(rng.random(len(court)) < 0.02, "", flat[pick])


def _basis(rng: np.random.Generator, court: np.ndarray, filed: np.ndarray, cause: np.ndarray,
           seq: np.ndarray, procedure: np.ndarray) -> np.ndarray:
    """The judgment enforced. A court's own 民初 numbers derive from the enforcement case's
    number, so two cases never name the same judgment by chance."""
    m = len(court)
    year = filed.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    lag = (rng.random(m) < 0.6).astype(np.int64)
    basis_year = (year - lag).astype(str).astype(object)
    codes = np.array(courts.CODES, dtype=object)
    parent = courts.parent_index(court)
    appeal = rng.random(m) < 0.2
    own = seq * 8 + procedure.astype(np.int64) * 2 + lag
    number = np.where(appeal, rng.integers(1, 30_000, m), own).astype(str).astype(object)
    judgment_court = np.where(appeal, codes[parent], codes[court])
    kind = np.where(appeal, "民终", "民初")
    judgment = "(" + basis_year + ")" + judgment_court + kind + number + "号"
    prefix = np.array([courts.ARBITRATION_PREFIX.get(c, "") for c in courts.CODES], dtype=object)[court]
    labour = np.isin(cause, LABOUR_CAUSES) & (prefix != "") & (rng.random(m) < 0.5)
    award = prefix + "(" + basis_year + ")办字第" + number + "号"
    basis = np.where(labour, award, judgment)
    return np.where(cause == CAUSE_NAMES.index("破产清算"), "", basis)


def finish_chunk(chunk: CaseChunk, rng: np.random.Generator, as_of: int) -> None:
    """Stage, stage date and approved extensions, after planting has settled the outcomes."""
    m = len(chunk)
    filed, closed, active = chunk.filed, chunk.closed, chunk.active
    age = as_of - filed
    stage = np.full(m, ST_IMPL, dtype=np.int8)
    since = filed + np.minimum(rng.integers(10, 41, m), np.maximum(age, 0))
    stage = np.where(age <= 10, ST_QUERY, stage)
    since = np.where(age <= 10, filed + np.minimum(2, age), since)
    stage = np.where(age <= 2, ST_FILED, stage)
    since = np.where(age <= 2, filed, since)
    fast = chunk.quick & (age > 10) & ((age <= 40) | chunk.flag("S09"))
    stage = np.where(fast, ST_FAST, stage)
    since = np.where(fast, filed + np.minimum(10, age), since)
    auction = active & chunk.enforcement & chunk.auction_track & (age > 60) & ~fast | chunk.flag("S04")
    auction &= active & (age > 30)
    auction_since = filed + np.maximum(20, (age * rng.uniform(0.3, 0.6, m)).astype(np.int64))
    stage = np.where(auction, ST_AUCTION, stage)
    since = np.where(auction, auction_since, since)
    sold_before_closing = (chunk.closure == PAID) & (closed - filed > 120) & (rng.random(m) < 0.3)
    chunk.auction_track = auction | (chunk.auction_track & sold_before_closing)
    stage = np.where(closed != NULL, np.where(chunk.closure == ZHONGBEN, ST_ZHONGBEN, ST_CLOSED), stage)
    since = np.where(closed != NULL, closed, since)
    other = chunk.procedure == BANKRUPTCY
    chunk.stage = np.where(other, -1, stage).astype(np.int8)
    chunk.stage_since = np.where(other, NULL, since)

    deadline = np.full(m, NULL, dtype=np.int64)
    needs = active & chunk.enforcement & (age > 150) & ~chunk.flag("S08")
    months = 9
    pending = needs.copy()
    while pending.any() and months <= 72:
        candidate = add_months(filed, months)
        ok = pending & (candidate > as_of + 30)
        deadline = np.where(ok, candidate, deadline)
        pending &= ~ok
        months += 3
    chunk.deadline = deadline
