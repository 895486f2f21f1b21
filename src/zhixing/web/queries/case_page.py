"""What the case page shows: parties, the account ledger with holds, measures, timeline, auctions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zhixing.alerts.models import AlertCase, Hold
from zhixing.cases.models import Case, Staff

RENEW_WARN_DAYS = 15  # as S18 warns before a seizure or freeze lapses


@dataclass
class LedgerRow:
    occurred_at: dt.datetime
    direction: str
    amount: Decimal
    beneficiary: str
    channel: str
    balance: Decimal


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
    measures: list[MeasureRow]
    actions: list
    stages: list
    auctions: list
    alerts: list

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
    for txn in case.account_txns.select_related("beneficiary").order_by("occurred_at", "pk"):
        if txn.direction == "到账":
            arrived += txn.amount
            balance += txn.amount
        else:
            paid += txn.amount
            balance -= txn.amount
        who = txn.beneficiary.name if txn.beneficiary else "全体申请执行人"
        ledger.append(LedgerRow(txn.occurred_at, txn.direction, txn.amount, who, txn.channel, balance))
    measures = [
        MeasureRow(
            m.kind, m.party.name, m.started_on, m.term_ends_on, m.lifted_on, m.detail, m.amount,
            measure_state(m.lifted_on, m.term_ends_on, today),
        )
        for m in case.measures.select_related("party").order_by("started_on", "pk")
    ]
    judge = Staff.objects.filter(pk=case.judge_id).values_list("name", flat=True).first() if case.judge_id else None
    return CaseView(
        case=case,
        judge_name=judge or case.judge_id or "未分配",
        parties=list(case.case_parties.select_related("party").order_by("role", "pk")),
        ledger=ledger,
        arrived=arrived,
        paid=paid,
        holds=list(Hold.objects.filter(case=case).select_related("alert", "identity").order_by("-held_at")),
        measures=measures,
        actions=list(case.actions.order_by("done_on", "pk")),
        stages=list(case.stage_history.order_by("entered_on", "pk")),
        auctions=list(case.auctions.order_by("item", "starts_on", "pk")),
        alerts=list(AlertCase.objects.filter(case=case).select_related("alert").order_by("-alert__raised_at")),
    )
