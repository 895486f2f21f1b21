"""Every scenario S01-S18 is planted in the demo data, and each planted instance really has
the structure its scenario looks for.

The checks below read the generated rows and follow scenarios.md directly (identity = a
verified identity number, organisation codes and credit codes joined on the embedded code),
independently of the generator and of the scenario engine.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest

from zhixing.core.caseno import normalise_case_no, normalise_loose
from zhixing.core.idnumbers import ORG, RIC, IdKey, normalise_id
from zhixing.demo.generator import TRUTH_FILE, generate
from zhixing.demo.planting import CASE_RATES
from zhixing.demo.reading import batch_folders, read_batch

D = dt.date(2025, 6, 30)
CASES = 3000
ENFORCEMENT = ("首次执行", "恢复执行")
LIFTING = ("执行完毕", "终结执行", "执行和解", "不予执行", "驳回申请", "销案")
S06_KINDS = ("限制消费", "失信被执行人", "限制出境", "冻结存款", "查封不动产", "查封车辆", "冻结股权")
TERM_YEARS = {"冻结存款": 1, "查封车辆": 2, "查封不动产": 3, "冻结股权": 3}
ZB = "终结本次执行程序"


def day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def plus_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(d.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def plus_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def identity(id_type: str | None, number: str | None) -> IdKey | None:
    normal = normalise_id(id_type, number)
    if normal is None or not normal.verified:
        return None
    return IdKey(ORG, normal.org_code) if normal.org_code else normal.key


class World:
    """The generated rows, indexed the way the scenarios read them."""

    def __init__(self, root: Path) -> None:
        self.cases: dict[str, dict] = {}
        self.parties: dict[tuple[str, str], str | None] = {}
        self.kinds: dict[str | None, str] = {}
        self.roles: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
        self.txns: dict[str, list[dict]] = defaultdict(list)
        self.measures: dict[str, list[dict]] = defaultdict(list)
        self.actions: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
        self.auctions: dict[str, list[dict]] = defaultdict(list)
        self.findings: list[tuple[str | None, dt.date, float, str]] = []
        self.custody: list[tuple[str | None, dt.date, dt.date | None]] = []
        self.consumption: list[tuple[str | None, dt.date]] = []
        self.status: dict[str | None, str] = {}
        self.fees: list[tuple[str, str | None, float, float]] = []
        self.bankruptcies: list[tuple[str, str | None, dt.date, dt.date | None]] = []
        self.basis_changes: dict[str, list[tuple[str, dt.date]]] = defaultdict(list)
        for folder in batch_folders(root):
            source = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["source"]
            self._load(source, read_batch(folder))

    def _load(self, source: str, files: dict[str, list[dict]]) -> None:
        for r in files.get("parties", []):
            ident = identity(r.get("id_type"), r.get("id_number"))
            self.parties[(source, r["party_key"])] = ident
            self.kinds[ident] = r["kind"]
        pid = lambda key: self.parties.get((source, key)) if key else None  # noqa: E731
        for r in files.get("cases", []):
            self.cases[normalise_case_no(r["case_no"])] = r
        for r in files.get("case_parties", []):
            self.roles[normalise_case_no(r["case_no"])].append((r["role"], pid(r["party_key"]), r["party_key"]))
        for r in files.get("account_txns", []):
            self.txns[normalise_case_no(r["case_no"])].append({**r, "beneficiary": pid(r.get("beneficiary_key"))})
        for r in files.get("measures", []):
            self.measures[normalise_case_no(r["case_no"])].append({**r, "party": pid(r["party_key"])})
        for r in files.get("actions", []):
            self.actions[normalise_case_no(r["case_no"])].append((r["action"], day(r["done_on"])))
        for r in files.get("auctions", []):
            self.auctions[normalise_case_no(r["case_no"])].append(r)
        for r in files.get("asset_findings", []):
            self.findings.append((pid(r["party_key"]), day(r["found_on"]), float(r.get("value") or 0), source))
        for r in files.get("custody", []):
            self.custody.append((identity(r.get("id_type"), r.get("id_number")), day(r["from_on"]), day(r.get("to_on"))))
        for r in files.get("consumption", []):
            self.consumption.append((identity(r.get("id_type"), r.get("id_number")), day(r["occurred_at"])))
        for r in files.get("registrations", []):
            self.status[identity("统一社会信用代码", r["id_number"])] = r["status"]
        for r in files.get("fees", []):
            self.fees.append((normalise_case_no(r["case_no"]), pid(r["party_key"]), float(r["amount_due"]),
                              float(r.get("amount_paid") or 0)))
        for r in files.get("bankruptcies", []):
            self.bankruptcies.append((normalise_case_no(r["case_no"]), pid(r["party_key"]), day(r["accepted_on"]),
                                      day(r.get("claims_deadline"))))
        for r in files.get("basis_changes", []):
            self.basis_changes[normalise_loose(r["case_no"])].append((r["outcome"], day(r["decided_on"])))

    # helpers -------------------------------------------------------------------------
    def enforcement(self, no: str) -> bool:
        c = self.cases[no]
        return c["category"] == "执行" and c["procedure"] in ENFORCEMENT

    def active(self, no: str) -> bool:
        return self.enforcement(no) and self.cases[no]["status"] == "在办"

    def owed(self, no: str) -> bool:
        return self.enforcement(no) and (self.cases[no]["status"] == "在办" or self.cases[no].get("closure_mode") == ZB)

    def zhongben(self, no: str) -> bool:
        return self.enforcement(no) and self.cases[no].get("closure_mode") == ZB

    def with_role(self, role: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for no, rows in self.roles.items():
            for r, ident, _ in rows:
                if r == role and ident:
                    out[ident].add(no)
        return out

    def held_for(self, no: str, ident: str, applicants: list[str | None]) -> float:
        held = 0.0
        for t in self.txns[no]:
            amount = float(t["amount"])
            if t["direction"] == "到账" and (t["beneficiary"] == ident or (not t.get("beneficiary_key") and ident in applicants)):
                held += amount
            if t["direction"] == "发放" and t["beneficiary"] == ident:
                held -= amount
        return held


def scenario_hits(w: World) -> dict[str, set[tuple[str, ...]]]:
    hits: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    debtor_in = w.with_role("被执行人")
    applicant_in = w.with_role("申请执行人")
    for p, as_debtor in debtor_in.items():
        owed = [a for a in as_debtor if w.owed(a)]
        for b in applicant_in.get(p, ()):
            if not w.enforcement(b):
                continue
            apps = [i for r, i, _ in w.roles[b] if r == "申请执行人"]
            cb = w.cases[b]
            for a in owed:
                if w.held_for(b, p, apps) > 0:
                    hits["S01"].add((a, b))
                closed_b = day(cb.get("closed_on"))
                no_money = not any(t["direction"] == "到账" for t in w.txns[b])
                ended = cb.get("closure_mode") in ("执行和解", "撤回申请") or (cb.get("closure_mode") == "执行完毕" and no_money)
                if ended and closed_b and closed_b > day(w.cases[a]["filed_on"]):
                    hits["S02"].add((a, b))
                if w.active(b) and no_money:
                    hits["S17"].add((a, b))
    for no, c in w.cases.items():
        filed, closed = day(c["filed_on"]), day(c.get("closed_on"))
        debtors = [(i, k) for r, i, k in w.roles[no] if r == "被执行人"]
        if w.active(no):
            for ident, _ in debtors:
                if ident and ident.scheme == RIC and any(
                        i == ident and f <= D and (t is None or t >= D) for i, f, t in w.custody):
                    hits["S03"].add((no,))
            limit = day(c.get("deadline_on")) or plus_months(filed, 6)
            if limit <= D + dt.timedelta(days=30):
                hits["S08"].add((no,))
            since = day(c.get("stage_since"))
            has_auction = bool(w.auctions[no])
            if (c.get("stage") == "快执" and (D - since).days > 45) or (
                    c.get("stage") == "实施" and (D - filed).days > (270 if has_auction else 75)):
                hits["S09"].add((no,))
            for outcome, decided in w.basis_changes.get(normalise_loose(c.get("basis_case_no") or "-"), []):
                if outcome in ("撤销", "改判") and decided < D - dt.timedelta(days=15):
                    hits["S07"].add((no,))
            by_item = defaultdict(list)
            for a in w.auctions[no]:
                by_item[a["item"]].append(a)
            for rows in by_item.values():
                rounds = {a["round"]: a for a in rows}
                for a in rows:
                    ref = day(a.get("reference_price_on"))
                    if ref and ref < D - dt.timedelta(days=10) and not any(x.get("announced_on") for x in rows):
                        hits["S04"].add((no,))
                    nxt = {"一拍": "二拍", "二拍": "变卖"}.get(a["round"])
                    ends = day(a.get("ends_on"))
                    if a.get("result") == "流拍" and nxt and nxt not in rounds and ends and ends < D - dt.timedelta(days=30):
                        hits["S04"].add((no,))
        if w.enforcement(no):
            for t in w.txns[no]:
                if t["direction"] == "到账" and day(t["occurred_at"]) < D - dt.timedelta(days=30):
                    out = sum(float(x["amount"]) for x in w.txns[no] if x["direction"] == "发放")
                    if sum(float(x["amount"]) for x in w.txns[no] if x["direction"] == "到账") - out > 0:
                        hits["S05"].add((no,))
            ended = c["status"] == "已结" and c.get("closure_mode") in LIFTING and closed <= D - dt.timedelta(days=7)
            if ended and any(m["kind"] in S06_KINDS and not m.get("lifted_on") for m in w.measures[no]):
                hits["S06"].add((no,))
        if w.zhongben(no):
            if closed >= D - dt.timedelta(days=180):
                done = {a for a, d in w.actions[no] if d < closed}
                needed = {"发送执行通知书", "发出报告财产令", "网络查控", "限制消费", "现场调查"}
                if closed < plus_months(filed, 3) or not needed <= done or not done & {"约谈申请执行人", "告知申请执行人"}:
                    hits["S10"].add((no,))
            for ident, _ in debtors:
                if any(i == ident and f > closed and v > 0 for i, f, v, _ in w.findings):
                    hits["S11"].add((no,))
            if closed > plus_years(D, -5):
                queries = [d for a, d in w.actions[no] if a == "网络查控" and d >= closed]
                if max(queries, default=closed) < plus_months(D, -6):
                    hits["S12"].add((no,))
        if w.owed(no):
            for m in w.measures[no]:
                if m["kind"] in TERM_YEARS and not m.get("lifted_on"):
                    ends = day(m.get("expires_on")) or plus_years(day(m["started_on"]), TERM_YEARS[m["kind"]])
                    if ends <= D + dt.timedelta(days=15):
                        hits["S18"].add((no,))
                if m["kind"] == "限制消费" and not m.get("lifted_on") and m["party"]:
                    start = day(m["started_on"])
                    if any(i == m["party"] and when > start for i, when in w.consumption):
                        hits["S13"].add((no,))
    for ident, found, _value, _ in w.findings:
        owed = [a for a in debtor_in.get(ident, ()) if w.owed(a)] if ident else []
        if found >= D - dt.timedelta(days=30) and len(owed) >= 2:
            hits["S14"].update((a, b) for a in owed for b in owed if a != b)
    for ident, cases in debtor_in.items():
        labour = [a for a in cases if w.owed(a) and "劳动" in (w.cases[a].get("cause") or "")]
        if w.kinds.get(ident) != "自然人" and len(labour) >= 3:
            recent = any(i == ident and f >= D - dt.timedelta(days=365) and v > 0 for i, f, v, _ in w.findings)
            if not recent or w.status.get(ident) in ("吊销", "注销", "经营异常"):
                hits["S15"].update((a,) for a in labour)
    for bno, ident, accepted, deadline in w.bankruptcies:
        if ident and accepted <= D and (deadline is None or deadline >= D):
            for fno, payer, due, paid in w.fees:
                if payer == ident and due > paid:
                    hits["S16"].add((bno, fno))
    return hits


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> tuple[dict[str, set[tuple[str, ...]]], dict]:
    root = tmp_path_factory.mktemp("scen") / "data"
    generate(root, CASES, seed=11, as_of=D)
    truth = json.loads((root / TRUTH_FILE).read_text(encoding="utf-8"))
    return scenario_hits(World(root)), truth


SCENARIOS = [f"S{n:02d}" for n in range(1, 19)]


@pytest.mark.parametrize("code", SCENARIOS)
def test_every_planted_instance_has_its_scenario_structure(world, code):
    hits, truth = world
    planted = truth["planted"][code]
    assert planted["count"] >= 1
    examples = [tuple(normalise_case_no(n) for n in row) for row in planted["examples"]]
    assert examples
    missing = [e for e in examples if e not in hits[code]]
    assert not missing, f"{code}: planted but not found by the scenario's rule: {missing[:3]}"


def test_planted_counts_follow_the_documented_rates(world):
    _, truth = world
    for code, rate in CASE_RATES.items():
        assert truth["planted"][code]["count"] == max(1, round(rate * CASES)), code
