"""What the case page shows: parties, the account ledger with holds, measures, timeline, auctions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zhixing.alerts.models import AlertCase, Hold
from zhixing.cases.enums import APPLICANT
from zhixing.cases.models import Case, Staff
from zhixing.cases.money_held import money_held, payee_label
from zhixing.cases.time_limit import Deadline, case_deadline
from zhixing.web.evidence import format_value

BREACH = "S19"  # 暂缓发放期间案款被发放

RENEW_WARN_DAYS = 15  # as S18 warns before a seizure or freeze lapses


@dataclass
class LedgerRow:
    occurred_at: dt.datetime
    direction: str
    amount: Decimal
    beneficiary: str
    channel: str
    balance: Decimal
    reversal: str = ""  # why the row was voided (冲正); a voided row moves no money


@dataclass
class HeldRow:
    """Money held in this case's account for one applicant (cases.money_held)."""

    name: str
    identity_id: int
    amount: Decimal


@dataclass
class BreachRow:
    """A payout made while a hold was open, as its S19 alert recorded it."""

    alert_id: int
    status: str
    paid_at: str
    amount: str
    payee: str
    txn_no: str
    holder: str  # whose money the hold kept


@dataclass
class MeasureRow:
    kind: str
    party: str
    started_on: dt.date
    term_ends_on: dt.date | None
    lifted_on: dt.date | None
    detail: str
    amount: Decimal | None
    state: str  # 已解除 / 已到期 / 即将到期 / 有效


@dataclass
class CaseView:
    case: Case
    judge_name: str
    parties: list
    ledger: list[LedgerRow]
    arrived: Decimal
    paid: Decimal
    holds: list[Hold]
    held: list[HeldRow]
    breaches: list[BreachRow]
    measures: list[MeasureRow]
    actions: list
    stages: list
    auctions: list
    alerts: list
    deadline: Deadline | None = None
    days_left: int | None = None  # to the deadline, for an open case (negative: past it)

    @property
    def days_overdue(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def balance(self) -> Decimal:
        return self.arrived - self.paid


def measure_state(lifted_on: dt.date | None, term_ends_on: dt.date | None, today: dt.date) -> str:
    if lifted_on is not None and lifted_on <= today:
        return "已解除"
    if term_ends_on is None:
        return "有效"
    if term_ends_on < today:
        return "已到期"
    if term_ends_on <= today + dt.timedelta(days=RENEW_WARN_DAYS):
        return "即将到期"
    return "有效"


def case_view(case: Case, today: dt.date) -> CaseView:
    ledger: list[LedgerRow] = []
    balance = arrived = paid = Decimal("0.00")
    for txn in case.account_txns.select_related("beneficiary", "counterparty", "reversal").order_by("occurred_at", "pk"):
        voided = getattr(txn, "reversal", None)
        if voided is not None:
            ledger.append(LedgerRow(txn.occurred_at, txn.direction, txn.amount, payee_label(txn), txn.channel,
                                    balance, reversal=voided.reason))
            continue
        if txn.direction == "到账":
            arrived += txn.amount
            balance += txn.amount
        else:
            paid += txn.amount
            balance -= txn.amount
        ledger.append(LedgerRow(txn.occurred_at, txn.direction, txn.amount, payee_label(txn), txn.channel, balance))
    measures = [
        MeasureRow(
            m.kind, m.party.name, m.started_on, m.term_ends_on, m.lifted_on, m.detail, m.amount,
            measure_state(m.lifted_on, m.term_ends_on, today),
        )
        for m in case.measures.select_related("party").order_by("started_on", "pk")
    ]
    parties = list(case.case_parties.select_related("party").order_by("role", "pk"))
    judge = Staff.objects.filter(pk=case.judge_id).values_list("name", flat=True).first() if case.judge_id else None
    deadline = case_deadline(case.procedure, case.filed_on, case.deadline_on)
    return CaseView(
        deadline=deadline,
        days_left=(deadline.on - today).days if deadline and case.status == "在办" else None,
        case=case,
        judge_name=judge or case.judge_id or "未分配",
        parties=parties,
        ledger=ledger,
        arrived=arrived,
        paid=paid,
        holds=list(Hold.objects.filter(case=case).select_related("alert", "identity").order_by("-held_at")),
        held=_held(case, parties),
        breaches=_breaches(case),
        measures=measures,
        actions=list(case.actions.order_by("done_on", "pk")),
        stages=list(case.stage_history.order_by("entered_on", "pk")),
        auctions=list(case.auctions.order_by("item", "starts_on", "pk")),
        alerts=list(AlertCase.objects.filter(case=case).select_related("alert").order_by("-alert__raised_at")),
    )


def _held(case: Case, parties: list) -> list[HeldRow]:
    applicants = {cp.party.identity_id: cp.party.name for cp in parties
                  if cp.role == APPLICANT and cp.party.identity_id is not None}
    figures = money_held([case.pk], applicants)
    return [
        HeldRow(name, identity_id, figures.get((case.pk, identity_id), Decimal("0.00")))
        for identity_id, name in applicants.items()
    ]


def _breaches(case: Case) -> list[BreachRow]:
    links = AlertCase.objects.filter(case=case, label="B", alert__scenario=BREACH).select_related("alert")
    rows = []
    for link in links.order_by("-alert__raised_at", "-alert_id"):
        evidence = link.alert.evidence if isinstance(link.alert.evidence, dict) else {}
        rows.append(BreachRow(
            link.alert_id, link.alert.status,
            paid_at=format_value(evidence.get("发放时间"), "datetime"),
            amount=format_value(evidence.get("发放金额"), "money_fen"),
            payee=format_value(evidence.get("收款人"), "text"),
            txn_no=format_value(evidence.get("发放流水号"), "text"),
            holder=format_value(evidence.get("当事人"), "text"),
        ))
    return rows
