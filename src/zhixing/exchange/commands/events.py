"""Commands for events: facts reported by court systems (money in and out of a case account,
measures, asset findings) and corrections of money rows (冲正).

Money rows are facts: a ``txn_id`` once stored is never changed by another report. The same
report again is answered as stored; a different one under the same key is refused, and a
wrong row is voided by a reversal with its reason. A payout of money under an open hold is
refused and the refusal audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models

from zhixing.accounts.permissions import can_post_events
from zhixing.alerts.holds import DisbursementRefused, blocking_hold
from zhixing.audit.log import record_for
from zhixing.cases.models import AccountTxn, AssetFinding, Case, CaseParty, Measure, TxnReversal
from zhixing.core import clock
from zhixing.core.bulksql import upsert_rows
from zhixing.core.caseno import CaseNumberError, normalise_case_no
from zhixing.core.commands import Actor, Refused, after_commit, write
from zhixing.jobs.commands import enqueue_evaluation
from zhixing.jobs.evaluation import evaluate_now_or_later
from zhixing.parties.models import PartyRecord

ARRIVAL, PAYOUT = "到账", "发放"
TXN_FACT = ("case_id", "direction", "amount", "occurred_at", "beneficiary_id", "counterparty_id", "channel")


@dataclass(frozen=True)
class MoneyEvent:
    case_no: str
    txn_id: str
    amount: Decimal
    occurred_at: dt.datetime  # aware
    beneficiary_key: str | None = None
    counterparty_key: str | None = None
    channel: str = ""


@dataclass(frozen=True)
class MeasureEvent:
    case_no: str
    measure_id: str
    party_key: str
    kind: str
    started_on: dt.date
    lifted_on: dt.date | None = None
    expires_on: dt.date | None = None
    detail: str = ""
    amount: Decimal | None = None


@dataclass(frozen=True)
class FindingEvent:
    case_no: str
    finding_id: str
    party_key: str
    source: str
    found_on: dt.date
    description: str = ""
    value: Decimal | None = None


@dataclass(frozen=True)
class Reversal:
    case_no: str
    txn_id: str
    reason: str


@dataclass
class Stored:
    """What an event stored, and the real-time evaluation of it (filled after the commit)."""

    kind: str
    case: Case
    key: str
    table: str
    identity_ids: set[int] = field(default_factory=set)
    repeated: bool = False
    evaluation: Any = None  # zhixing.jobs evaluation outcome, once the commit ran it

    def answer(self) -> dict[str, str]:
        return {"kind": self.kind, "source": self.case.source, "key": self.key, "case_no": self.case.case_no}


def _unavailable(case_no: str) -> Refused:
    # One answer for a case that does not exist and one the actor may not report on.
    return Refused(f"案号 {case_no} 不在您可报送事件的案件中", kind="unavailable", field="case_no")


def event_case(actor: Actor, case_no: str) -> Case:
    try:
        normal = normalise_case_no(case_no)
    except CaseNumberError as exc:
        raise Refused(str(exc), field="case_no") from exc
    case = Case.objects.filter(case_no=normal).first()
    if case is None or (actor.viewer is not None and not can_post_events(actor.viewer, case)):
        raise _unavailable(normal)
    return case


def party_of_case(case: Case, field_name: str, key: str | None) -> PartyRecord | None:
    """A party key of the case's source that is a party of this very case."""
    if key is None:
        return None
    party = (
        PartyRecord.objects.filter(source=case.source, party_key=key)
        .filter(models.Exists(CaseParty.objects.filter(case=case, party=models.OuterRef("pk"))))
        .first()
    )
    if party is None:
        raise Refused(f"当事人编号 {key!r} 不是案件 {case.case_no} 的当事人", field=field_name)
    return party


def _key_taken(field_name: str, key: str) -> Refused:
    return Refused(
        f"编号 {key!r} 已登记为另一条记录，不能用于本事件；请换用新的编号", kind="conflict", field=field_name
    )


def _identities(*parties: PartyRecord | None) -> set[int]:
    return {p.identity_id for p in parties if p is not None and p.identity_id}


def _schedule_evaluation(stored: Stored) -> None:
    """Inside the command's transaction: the evaluation is recorded as due with the data, and
    tried as soon as the data is committed (the worker retries it if that fails)."""
    pending = enqueue_evaluation(stored.identity_ids, {stored.case.pk}, {stored.table}, clock.today())

    def run() -> None:
        stored.evaluation = evaluate_now_or_later(pending.pk)

    after_commit(run)


def _already_stored(case: Case, txn_id: str, fact: dict[str, Any]) -> bool:
    """True when the key holds this very fact; refused (409) when it holds another."""
    existing = AccountTxn.objects.filter(source=case.source, txn_id=txn_id).first()
    if existing is None:
        return False
    if {name: getattr(existing, name) for name in TXN_FACT} != fact:
        raise _key_taken("txn_id", txn_id)
    return True


def _once_more_on_a_race(command: Callable[[], Stored]) -> Stored:
    """Another report of the same key may commit between our look-up and our insert: the
    second attempt finds its row and answers as for a repeat or a conflict."""
    try:
        return command()
    except IntegrityError:
        return command()


def record_money(actor: Actor, event: MoneyEvent, direction: str) -> Stored:
    """Store a 到账 or 发放 reported as an event. A 发放 of money held under an open hold is
    refused (DisbursementRefused), with the refusal audited."""
    return _once_more_on_a_race(lambda: _record_money(actor, event, direction))


def _record_money(actor: Actor, event: MoneyEvent, direction: str) -> Stored:
    refusal: DisbursementRefused | None = None
    with write():
        case = event_case(actor, event.case_no)
        beneficiary = party_of_case(case, "beneficiary_key", event.beneficiary_key)
        counterparty = party_of_case(case, "counterparty_key", event.counterparty_key)
        stored = Stored("account_txn", case, event.txn_id, AccountTxn._meta.db_table,
                        _identities(beneficiary, counterparty))
        fact = {
            "case_id": case.pk, "direction": direction, "amount": event.amount,
            "occurred_at": event.occurred_at,
            "beneficiary_id": beneficiary.pk if beneficiary else None,
            "counterparty_id": counterparty.pk if counterparty else None, "channel": event.channel,
        }
        if _already_stored(case, event.txn_id, fact):
            stored.repeated = True
            return stored
        hold = blocking_hold(case, beneficiary or counterparty) if direction == PAYOUT else None
        if hold is not None:
            refusal = DisbursementRefused(hold)
            record_for(actor, "disbursement_refused", "case", case.case_no, identity_id=hold.identity_id,
                       detail={"alert_id": hold.alert_id, "txn_id": event.txn_id})
        else:
            values = {"source": case.source, "txn_id": event.txn_id, **fact}
            upsert_rows(AccountTxn, list(values), [tuple(values.values())], ("source", "txn_id"), [])
            # On PostgreSQL a concurrent report of the same key makes the insert wait and then
            # do nothing: read the row back, and refuse unless it is this very fact.
            _already_stored(case, event.txn_id, fact)
            record_for(actor, "event_account_txn", "case", case.case_no, detail={"key": event.txn_id})
            _schedule_evaluation(stored)
    if refusal is not None:
        raise refusal
    return stored


def record_measure(actor: Actor, event: MeasureEvent) -> Stored:
    """Store or update a measure of the case (a later report may lift it or move its term)."""
    if event.lifted_on and event.lifted_on < event.started_on:
        raise Refused("解除日期早于采取日期", field="lifted_on")
    return _once_more_on_a_race(lambda: _record_measure(actor, event))


def _record_measure(actor: Actor, event: MeasureEvent) -> Stored:
    def fill(row: Any) -> None:
        row.kind, row.started_on, row.lifted_on = event.kind, event.started_on, event.lifted_on
        row.expires_on, row.detail, row.amount = event.expires_on, event.detail, event.amount

    return _record_case_row(actor, event.case_no, event.party_key, Measure, "measure_id", event.measure_id,
                            "measure", fill)


def record_finding(actor: Actor, event: FindingEvent) -> Stored:
    return _once_more_on_a_race(lambda: _record_finding(actor, event))


def _record_finding(actor: Actor, event: FindingEvent) -> Stored:
    def fill(row: Any) -> None:
        row.finding_source, row.found_on = event.source, event.found_on
        row.description, row.value = event.description, event.value

    return _record_case_row(actor, event.case_no, event.party_key, AssetFinding, "finding_id", event.finding_id,
                            "asset_finding", fill)


def _record_case_row(
    actor: Actor, case_no: str, party_key: str, model: type[models.Model], key_field: str, key: str,
    kind: str, fill: Callable[[Any], None],
) -> Stored:
    """A measure or finding of the case stored or updated under its key; a key another case
    holds is refused without naming it."""
    with write():
        case = event_case(actor, case_no)
        party = party_of_case(case, "party_key", party_key)
        manager: Any = model._default_manager
        row = manager.select_for_update().filter(source=case.source, **{key_field: key}).first()
        if row is not None and row.case_id != case.pk:
            raise _key_taken(key_field, key)
        if row is None:
            row = model(source=case.source, **{key_field: key})
        row.case, row.party = case, party
        fill(row)
        row.save()
        record_for(actor, f"event_{kind}", "case", case.case_no, detail={"key": key})
        stored = Stored(kind, case, key, model._meta.db_table, _identities(party))
        _schedule_evaluation(stored)
    return stored


def reverse_money(actor: Actor, reversal: Reversal) -> Stored:
    """Void a stored money row (冲正): the row stays, a reversal with its reason is added."""
    reason = reversal.reason.strip()
    if not reason:
        raise Refused("冲正必须说明理由", field="reason")
    with write():
        case = event_case(actor, reversal.case_no)
        txn = AccountTxn.objects.select_for_update().filter(
            source=case.source, txn_id=reversal.txn_id, case=case
        ).first()
        if txn is None:
            raise Refused(f"案件 {case.case_no} 的账户中没有编号为 {reversal.txn_id!r} 的款项", field="txn_id")
        if TxnReversal.objects.filter(txn=txn).exists():
            raise Refused(f"款项 {reversal.txn_id!r} 已冲正，不能再次冲正", kind="conflict", field="txn_id")
        TxnReversal.objects.create(txn=txn, reason=reason[:300], recorded_by=actor.username, recorded_at=clock.now())
        record_for(actor, "reverse_account_txn", "case", case.case_no,
                   detail={"key": reversal.txn_id, "reason": reason[:300]})
        parties = [p for p in (txn.beneficiary, txn.counterparty) if p is not None]
        stored = Stored("txn_reversal", case, reversal.txn_id, AccountTxn._meta.db_table, _identities(*parties))
        _schedule_evaluation(stored)
    return stored
