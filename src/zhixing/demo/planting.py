"""Deliberate scenario instances (S01–S18), planted at documented rates in every chunk.

Each planting picks cases that already fit the scenario's preconditions (an owed case, an
active case, a recent 终本 …), marks them in ``chunk.flags`` for the row generators, and
rewires parties where the scenario is about one party across cases. Planted parties come
from the pools' planted regions, so they appear only where their scenario put them, and
are protected from the deliberate check-digit typos.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from zhixing.demo.cases import (
    BANKRUPTCY,
    CANCELLED,
    LABOUR_CAUSES,
    NOT_ENFORCED,
    PAID,
    REJECTED,
    SETTLED,
    TERMINATED,
    WITHDRAWN,
    ZHONGBEN,
    CaseChunk,
)
from zhixing.demo.dates import NULL
from zhixing.demo.population import COMPANY, PERSON, Pools

# Share of all cases that receive a planted instance (at least one per chunk).
CASE_RATES = {
    "S01": 0.003, "S02": 0.0015, "S03": 0.001, "S04": 0.0015, "S05": 0.005, "S06": 0.005,
    "S07": 0.001, "S09": 0.003, "S11": 0.004, "S13": 0.002, "S14": 0.0015, "S17": 0.001,
    "S18": 0.005,
}
# Shares of a sub-population.
S08_SHARE = 0.20  # active enforcement cases older than 150 days without an approved extension
S10_MISSING_SHARE = 0.12  # 终本 closed in the last 180 days lacking one required action
S10_EARLY_SHARE = 0.15  # 终本 filed 90-260 days ago, closed less than 3 months after filing
S12_SHARE = 0.10  # 终本 closed over 190 days ago whose 6-monthly re-query stopped
S15_CASES_PER_COMPANY = 2500  # one labour-dispute debtor company per this many cases
S16_SHARE = 0.35  # older bankruptcies planted (recent ones, within the claims period, always)
LIFTING_CLOSURES = (PAID, TERMINATED, NOT_ENFORCED, REJECTED, CANCELLED, SETTLED)
S10_REQUIRED = 6  # 发送执行通知书, 发出报告财产令, 网络查控, 限制消费, 现场调查, 约谈/告知


class Truth:
    """What was planted: counts and examples (global case indices) per scenario."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)
        self.examples: dict[str, list[tuple[int, ...]]] = defaultdict(list)

    def add(self, code: str, *cases: np.ndarray) -> None:
        if not len(cases[0]):
            return
        self.counts[code] += len(cases[0])
        room = 20 - len(self.examples[code])
        for row in zip(*(c[:room].tolist() for c in cases), strict=True):
            self.examples[code].append(tuple(int(v) for v in row))


class Planter:
    def __init__(self, chunk: CaseChunk, rng: np.random.Generator, pools: Pools, as_of: int,
                 truth: Truth, start: int) -> None:
        self.chunk, self.rng, self.pools, self.as_of, self.truth = chunk, rng, pools, as_of, truth
        self.taken = np.zeros(len(chunk), dtype=bool)
        self.next_person = start // 25
        self.next_company = start // 50

    def count(self, rate: float) -> int:
        return max(1, int(round(rate * len(self.chunk))))

    def pick(self, mask: np.ndarray, k: int) -> np.ndarray:
        candidates = np.flatnonzero(mask & ~self.taken)
        chosen = self.rng.choice(candidates, size=min(k, len(candidates)), replace=False)
        chosen = np.sort(chosen)
        self.taken[chosen] = True
        return chosen

    def share(self, mask: np.ndarray, share: float) -> np.ndarray:
        """About ``share`` of the candidates, and at least one when there is any."""
        candidates = mask & ~self.taken
        chosen = np.flatnonzero(candidates & (self.rng.random(len(self.chunk)) < share))
        if not len(chosen):
            chosen = np.flatnonzero(candidates)[:1]
        self.taken[chosen] = True
        return chosen

    def persons(self, k: int) -> np.ndarray:
        idx = self.pools.persons.planted_index(self.next_person, k)
        self.next_person += k
        self.pools.persons.protected[idx] = True
        return idx

    def companies(self, k: int) -> np.ndarray:
        idx = self.pools.companies.planted_index(self.next_company, k)
        self.next_company += k
        self.pools.companies.protected[idx] = True
        return idx

    def planted_parties(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Mostly people, a quarter companies."""
        kind = np.where(self.rng.random(k) < 0.75, PERSON, COMPANY)
        idx = np.where(kind == PERSON, self.persons(k), self.companies(k))
        return kind, idx

    def protect_debtors(self, cases: np.ndarray) -> None:
        c = self.chunk
        people = cases[c.debtor_kind[cases] == PERSON]
        self.pools.persons.protected[c.debtor_idx[people]] = True
        firms = cases[c.debtor_kind[cases] == COMPANY]
        self.pools.companies.protected[c.debtor_idx[firms]] = True

    def set_debtor(self, cases: np.ndarray, kind: np.ndarray, idx: np.ndarray) -> None:
        self.chunk.debtor_kind[cases] = kind
        self.chunk.debtor_idx[cases] = idx
        self.chunk.guarantor[cases] = -1

    def set_applicant(self, cases: np.ndarray, kind: np.ndarray, idx: np.ndarray) -> None:
        self.chunk.app_kind[cases] = kind
        self.chunk.app_idx[cases] = idx

    def pairs(self, a_mask: np.ndarray, b_mask: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        a = self.pick(a_mask, k)
        b = self.pick(b_mask, len(a))
        return a[: len(b)], b

    def run(self) -> None:
        c, rng, as_of = self.chunk, self.rng, self.as_of
        age = as_of - c.filed
        active = c.enforcement & c.active
        owed = c.owed
        closed = c.enforcement & ~c.active
        zhongben = closed & (c.closure == ZHONGBEN)

        # S01: P owes in A and collects as applicant in B, whose account holds money for P.
        a, b = self.pairs(owed, active & (age > 30), self.count(CASE_RATES["S01"]))
        kind, idx = self.planted_parties(len(a))
        self.set_debtor(a, kind, idx)
        self.set_applicant(b, kind, idx)
        c.flag("S01")[b] = True
        self.truth.add("S01", c.index[a], c.index[b])

        # S02: P owes in A, and settled or withdrew as applicant in B after A was filed.
        b = self.pick(closed & (c.closure != ZHONGBEN) & (age > 60), self.count(CASE_RATES["S02"]))
        a_list, b_list = [], []
        for case in b:
            cand = np.flatnonzero(owed & ~self.taken & (c.filed < c.closed[case]))
            if len(cand):
                pick = int(rng.choice(cand))
                self.taken[pick] = True
                a_list.append(pick)
                b_list.append(case)
        a, b = np.array(a_list, dtype=np.int64), np.array(b_list, dtype=np.int64)
        kind, idx = self.planted_parties(len(a))
        self.set_debtor(a, kind, idx)
        self.set_applicant(b, kind, idx)
        c.closure[b] = rng.choice([SETTLED, WITHDRAWN, PAID], size=len(b))
        c.paid_share[b] = 0.0
        c.flag("S02")[b] = True
        self.truth.add("S02", c.index[a], c.index[b])

        # S03: a natural-person debtor of an active case is in prison today.
        s = self.pick(active & (c.debtor_kind == PERSON), self.count(CASE_RATES["S03"]))
        self.protect_debtors(s)
        c.flag("S03")[s] = True
        self.truth.add("S03", c.index[s])

        # S04: an auction that stalls (no announcement after the reference price, or no relisting).
        s = self.pick(active & (age > 120), self.count(CASE_RATES["S04"]))
        c.flag("S04")[s] = True
        c.flag("S04_relist")[s[rng.random(len(s)) < 0.5]] = True
        self.truth.add("S04", c.index[s])

        # S05: money received more than 30 days ago and not disbursed.
        s = self.pick(active & (age > 60), self.count(CASE_RATES["S05"]))
        c.flag("S05")[s] = True
        self.truth.add("S05", c.index[s])

        # S06: closed as paid (or otherwise ended) but a restriction or seizure was never lifted.
        ended = closed & np.isin(c.closure, LIFTING_CLOSURES) & (c.closed <= as_of - 7)
        s = self.pick(ended & ~c.flag("S02"), self.count(CASE_RATES["S06"]))
        c.flag("S06")[s] = True
        self.truth.add("S06", c.index[s])

        # S07: the judgment enforced was revoked or changed on review.
        s = self.pick(active & (c.basis != ""), self.count(CASE_RATES["S07"]))
        c.flag("S07")[s] = True
        self.truth.add("S07", c.index[s])

        # S08: past the time limit (or close to it) with no approved extension.
        s = self.share(active & (age > 150), S08_SHARE)
        c.flag("S08")[s] = True
        self.truth.add("S08", c.index[s])

        # S09: a fast-track (快执) case left in 快执 beyond its 45 days.
        s = self.pick(active & (age > 60) & (age < 400), self.count(CASE_RATES["S09"]))
        c.quick[s] = True
        c.flag("S09")[s] = True
        self.truth.add("S09", c.index[s])

        # S10: recent 终本 without the required steps, or closed too early.
        early = self.share(zhongben & (c.filed >= as_of - 260) & (c.filed <= as_of - 90), S10_EARLY_SHARE)
        c.closed[early] = np.clip(c.filed[early] + rng.integers(45, 86, len(early)), as_of - 179, as_of - 1)
        recent = zhongben & (c.closed >= as_of - 179)
        missing = self.share(recent, S10_MISSING_SHARE)
        c.missing_action[missing] = rng.integers(0, S10_REQUIRED, len(missing))
        c.flag("S10")[np.r_[early, missing]] = True
        self.truth.add("S10", c.index[np.r_[early, missing]])

        # S11: property found after a 终本 closing.
        s = self.pick(zhongben & (c.closed <= as_of - 10), self.count(CASE_RATES["S11"]))
        c.flag("S11")[s] = True
        self.truth.add("S11", c.index[s])

        # S12: the 6-monthly re-query of a 终本 case stopped.
        s = self.share(zhongben & (c.closed <= as_of - 190), S12_SHARE)
        c.flag("S12")[s] = True
        self.truth.add("S12", c.index[s])

        # S13: a restricted debtor flew or stayed in a star hotel.
        s = self.pick(owed & (c.debtor_kind == PERSON) & (age > 60), self.count(CASE_RATES["S13"]))
        self.protect_debtors(s)
        c.flag("S13")[s] = True
        self.truth.add("S13", c.index[s])

        # S14: new property found for a debtor who owes in two or more cases.
        a, b = self.pairs(owed, owed, self.count(CASE_RATES["S14"]))
        idx = self.persons(len(a))
        self.set_debtor(a, np.full(len(a), PERSON), idx)
        self.set_debtor(b, np.full(len(b), PERSON), idx)
        c.flag("S14")[a] = True
        self.truth.add("S14", c.index[a], c.index[b])

        self._plant_s15(owed)
        self._plant_s16(owed, age)

        # S17 (disabled by default): P owes in A and is an applicant in B with nothing received.
        a, b = self.pairs(owed, active, self.count(CASE_RATES["S17"]))
        idx = self.persons(len(a))
        self.set_debtor(a, np.full(len(a), PERSON), idx)
        self.set_applicant(b, np.full(len(b), PERSON), idx)
        c.paid_share[b] = 0.0
        c.flag("S17")[b] = True
        self.truth.add("S17", c.index[a], c.index[b])

        # S18: a freeze or seizure whose term is about to end (or ended) without renewal.
        s = self.pick(owed & (age > 90), self.count(CASE_RATES["S18"]))
        c.flag("S18")[s] = True
        self.truth.add("S18", c.index[s])

    def _plant_s15(self, owed: np.ndarray) -> None:
        c, rng = self.chunk, self.rng
        labour = owed & np.isin(c.cause, LABOUR_CAUSES)
        for _ in range(max(1, len(c) // S15_CASES_PER_COMPANY)):
            cases = self.pick(labour, int(rng.integers(3, 6)))
            if len(cases) < 3:
                # A small demo may lack owed labour cases: turn other owed cases into wage claims.
                extra = self.pick(owed & ~labour, 3 - len(cases))
                c.cause[extra] = LABOUR_CAUSES[0]
                c.app_kind[extra] = PERSON
                cases = np.r_[cases, extra]
            if len(cases) < 3:
                return
            firm = self.companies(1)[0]
            self.set_debtor(cases, np.full(len(cases), COMPANY), np.full(len(cases), firm))
            self.pools.companies.status[firm] = rng.choice([0, 1, 3])
            c.flag("S15")[cases] = True
            self.truth.add("S15", c.index[cases[:1]])

    def _plant_s16(self, owed: np.ndarray, age: np.ndarray) -> None:
        c, rng = self.chunk, self.rng
        bankrupt = (c.procedure == BANKRUPTCY) & ~self.taken
        chosen = np.flatnonzero(bankrupt & ((age <= 85) | (rng.random(len(c)) < S16_SHARE)))
        if not len(chosen):
            chosen = np.flatnonzero(bankrupt)[:1]
        if not len(chosen):
            return
        self.taken[chosen] = True
        fee_cases = self.pick(owed, len(chosen))
        chosen = chosen[: len(fee_cases)]
        firms = self.companies(len(chosen))
        self.set_debtor(chosen, np.full(len(chosen), COMPANY), firms)
        self.set_debtor(fee_cases, np.full(len(chosen), COMPANY), firms)
        c.closed[chosen] = NULL
        c.closure[chosen] = -1
        c.flag("S16")[chosen] = True
        c.flag("S16_fee")[fee_cases] = True
        self.truth.add("S16", c.index[chosen], c.index[fee_cases])
