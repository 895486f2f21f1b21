"""A small ORM data builder for scenario tests: courts are the seeded Shanghai courts;
every other row is made here with sensible defaults and explicit dates."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from zhixing.cases.models import (
    AccountTxn,
    Action,
    AssetFinding,
    Auction,
    Bankruptcy,
    BasisChange,
    Case,
    CaseParty,
    Fee,
    Measure,
    Staff,
    StageHistory,
)
from zhixing.core.caseno import parse_case_no
from zhixing.core.clock import SHANGHAI
from zhixing.core.idnumbers import USCC, IdKey
from zhixing.parties.models import (
    ConsumptionRecord,
    CustodyRecord,
    Identity,
    PartyRecord,
    Registration,
)

DEBTOR, APPLICANT = "被执行人", "申请执行人"
ZHONGBEN = "终结本次执行程序"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


_SEQUENCE = itertools.count(1)  # shared: several builders may fill one database


class Data:
    def __init__(self) -> None:
        self.case_nos: set[str] = set()

    def next(self) -> int:
        return next(_SEQUENCE)

    # people -----------------------------------------------------------------
    def staff(self, staff_id: str, court: str = "沪0104", role: str = "执行法官", name: str = "") -> Staff:
        return Staff.objects.create(staff_id=staff_id, court_id=court, name=name or staff_id, role=role)

    def identity(self, name: str, kind: str = "自然人", id_number: str | None = None) -> Identity:
        n = self.next()
        if id_number is None:
            id_number = f"31010419800101{n:04d}" if kind == "自然人" else f"91310000MA1K{n:06d}"
        id_type = "居民身份证" if kind == "自然人" else "统一社会信用代码"
        return Identity.objects.create(kind=kind, name=name, id_type=id_type, id_number=id_number, verified=True)

    def party(self, identity: Identity | None, source: str = "沪0104", name: str = "", kind: str = "") -> PartyRecord:
        n = self.next()
        return PartyRecord.objects.create(
            source=source,
            party_key=f"P{n}",
            kind=kind or (identity.kind if identity else "自然人"),
            name=name or (identity.name if identity else f"当事人{n}"),
            id_type=identity.id_type if identity else "",
            id_number=identity.id_number if identity else "",
            identity=identity,
        )

    # cases ------------------------------------------------------------------
    def case(
        self,
        court: str = "沪0104",
        judge: str = "",
        filed_on: dt.date = dt.date(2025, 1, 6),
        status: str = "在办",
        category: str = "执行",
        procedure: str = "首次执行",
        type_code: str = "执",
        **fields: Any,
    ) -> Case:
        seq = self.next()
        case_no = f"({filed_on.year}){court}{type_code}{seq}号"
        self.case_nos.add(case_no)
        parsed = parse_case_no(case_no)
        return Case.objects.create(
            case_no=case_no,
            year=parsed.year,
            court_code_in_no=parsed.court_code,
            type_code=parsed.type_code,
            seq=parsed.seq,
            court_id=court,
            category=category,
            procedure=procedure,
            filed_on=filed_on,
            judge_id=judge,
            status=status,
            source=court,
            **fields,
        )

    def closed(self, case: Case, mode: str, on: dt.date) -> Case:
        case.status, case.closure_mode, case.closed_on = "已结", mode, on
        case.save()
        return case

    def role(self, case: Case, identity: Identity | None, role: str, **party: Any) -> PartyRecord:
        record = self.party(identity, source=case.court_id, **party)
        CaseParty.objects.create(case=case, party=record, role=role)
        return record

    def debtor(self, case: Case, identity: Identity | None, **party: Any) -> PartyRecord:
        return self.role(case, identity, DEBTOR, **party)

    def applicant(self, case: Case, identity: Identity | None, **party: Any) -> PartyRecord:
        return self.role(case, identity, APPLICANT, **party)

    # case records -----------------------------------------------------------
    def txn(
        self, case: Case, direction: str, amount: str, when: dt.date | dt.datetime,
        beneficiary: PartyRecord | None = None, counterparty: PartyRecord | None = None,
    ) -> AccountTxn:
        moment = when if isinstance(when, dt.datetime) else at(when)
        return AccountTxn.objects.create(
            source=case.court_id, txn_id=f"T{self.next()}", case=case, direction=direction,
            amount=Decimal(amount), occurred_at=moment, beneficiary=beneficiary, counterparty=counterparty,
        )

    def measure(self, case: Case, party: PartyRecord, kind: str, started_on: dt.date, **fields: Any) -> Measure:
        return Measure.objects.create(
            source=case.court_id, measure_id=f"M{self.next()}", case=case, party=party, kind=kind,
            started_on=started_on, **fields,
        )

    def action(self, case: Case, action: str, done_on: dt.date) -> Action:
        return Action.objects.create(case=case, action=action, done_on=done_on)

    def auction(self, case: Case, item: str, round: str = "一拍", **fields: Any) -> Auction:
        return Auction.objects.create(
            source=case.court_id, auction_id=f"A{self.next()}", case=case, item=item, round=round, **fields
        )

    def finding(self, party: PartyRecord, found_on: dt.date, value: str | None = "10000.00", **fields: Any) -> AssetFinding:
        return AssetFinding.objects.create(
            source="总对总", finding_id=f"F{self.next()}", party=party, finding_source="银行存款",
            found_on=found_on, value=Decimal(value) if value is not None else None, **fields,
        )

    def fee(self, case: Case, party: PartyRecord, due: str, paid: str | None = None, kind: str = "案件受理费") -> Fee:
        return Fee.objects.create(
            case=case, party=party, kind=kind, amount_due=Decimal(due),
            amount_paid=Decimal(paid) if paid is not None else None,
        )

    def bankruptcy(self, case: Case, party: PartyRecord, accepted_on: dt.date, **fields: Any) -> Bankruptcy:
        return Bankruptcy.objects.create(case=case, party=party, accepted_on=accepted_on, **fields)

    def basis_change(self, case_no: str, decided_on: dt.date, outcome: str) -> BasisChange:
        return BasisChange.objects.create(case_no=case_no, decided_on=decided_on, outcome=outcome, source="沪01")

    def stage(self, case: Case, stage: str, entered_on: dt.date) -> StageHistory:
        return StageHistory.objects.create(case=case, stage=stage, entered_on=entered_on)

    # agency rows ------------------------------------------------------------
    def custody(self, identity: Identity, from_on: dt.date, to_on: dt.date | None = None, **fields: Any) -> CustodyRecord:
        return CustodyRecord.objects.create(
            source="上海市监狱管理局", record_id=f"C{self.next()}", name=identity.name,
            id_type=identity.id_type, id_number=identity.id_number, identity=identity,
            facility=fields.pop("facility", "上海市提篮桥监狱"), kind=fields.pop("kind", "服刑"),
            from_on=from_on, to_on=to_on, **fields,
        )

    def consumption(self, identity: Identity, occurred_at: dt.datetime, kind: str = "乘坐飞机") -> ConsumptionRecord:
        return ConsumptionRecord.objects.create(
            source="点对点-民航", record_id=f"R{self.next()}", name=identity.name,
            id_type=identity.id_type, id_number=identity.id_number, identity=identity, kind=kind,
            occurred_at=occurred_at, place="虹桥机场",
        )

    def registration(self, identity: Identity, status: str) -> Registration:
        return Registration.objects.create(
            source="上海市市场监督管理局", name=identity.name, id_type=identity.id_type,
            id_number=identity.id_number, id_key=IdKey(USCC, identity.id_number), identity=identity,
            status=status,
        )


# engines ------------------------------------------------------------------------
def spark_available() -> str | None:
    """None when pyspark and Java are usable, else why not."""
    import importlib.util
    import os
    import shutil

    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed"
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        return "no Java runtime on PATH"
    return None


def findings(code: str, as_of: dt.date, engine_name: str, scope=None) -> list:
    """Evaluate one scenario on one engine (nothing stored)."""
    from zhixing.scenarios.engine import StaffDirectory, evaluate
    from zhixing.scenarios.engines import open_engine
    from zhixing.scenarios.registry import REGISTRY

    engine = open_engine(engine_name)
    try:
        return evaluate(REGISTRY.get(code), as_of, engine, StaffDirectory.load(), scope)
    finally:
        engine.close()


def keys(code: str, as_of: dt.date, engine_name: str) -> list[str]:
    return [f.dedup_key for f in findings(code, as_of, engine_name)]


# declared scenario cases ---------------------------------------------------------
AS_OF = dt.date(2025, 6, 30)  # a Monday; every declared case is built for this date


@dataclass
class Expect:
    """What one scenario must find among the cases a builder made (as of AS_OF)."""

    code: str
    keys: set[str]
    check: Callable[[list], None] | None = None


Builder = Callable[[Data], Expect]


def own_findings(found: list, data: Data) -> list:
    return [f for f in found if {c.case_no for c in f.cases} & data.case_nos]


def verify(build: Builder, engine_name: str) -> None:
    """Build the case, run its scenario on the engine, compare with the expectation."""
    data = Data()
    expect = build(data)
    mine = own_findings(findings(expect.code, AS_OF, engine_name), data)
    assert sorted(f.dedup_key for f in mine) == sorted(expect.keys)
    if expect.check is not None:
        expect.check(mine)


def case_id(build: Builder) -> str:
    return build.__name__
