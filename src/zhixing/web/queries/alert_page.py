"""What the alert page shows: the cases side by side, the money held, holds and feedback."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from zhixing.accounts.permissions import Viewer, may_release_hold, visible_cases
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient, Feedback, Hold
from zhixing.cases.enums import APPLICANT
from zhixing.cases.models import Case, CaseParty, Staff
from zhixing.cases.money_held import held_for
from zhixing.web.evidence import EvidenceRow, evidence_rows

BREACHED_HOLD = "暂缓发放编号"  # S19's evidence field naming the hold


@dataclass
class CaseCard:
    label: str
    case: Case
    judge_name: str
    judge_phone: str
    subject_roles: list[str]
    owed: Decimal | None
    money_held: Decimal | None
    may_open: bool


@dataclass
class HoldRow:
    hold: Hold
    may_release: bool


@dataclass
class AlertView:
    alert: Alert
    cards: list[CaseCard]
    holds: list[HoldRow]
    recipients: list[AlertRecipient]
    my_recipient: AlertRecipient | None
    my_feedback: Feedback | None
    evidence: list[EvidenceRow] = field(default_factory=list)
    staff_names: dict[str, str] = field(default_factory=dict)


def _cards(viewer: Viewer, alert: Alert) -> list[CaseCard]:
    links = list(AlertCase.objects.filter(alert=alert).select_related("case__court").order_by("label", "case__case_no"))
    case_ids = [link.case_id for link in links]
    openable = set(visible_cases(viewer).filter(pk__in=case_ids).values_list("pk", flat=True))
    staff = {s.pk: s for s in Staff.objects.filter(pk__in=[link.case.judge_id for link in links])}
    roles: dict[int, list[CaseParty]] = {}
    if alert.subject_id:
        for cp in CaseParty.objects.filter(case_id__in=case_ids, party__identity_id=alert.subject_id):
            roles.setdefault(cp.case_id, []).append(cp)
    cards = []
    for link in links:
        case = link.case
        mine = roles.get(case.pk, [])
        owed = next((cp.owed_amount for cp in mine if cp.role == "被执行人"), None)
        is_applicant = any(cp.role == APPLICANT for cp in mine)
        held = held_for(case.pk, alert.subject_id) if (is_applicant and alert.subject_id) else None
        cards.append(
            CaseCard(
                label=link.label, case=case,
                judge_name=staff[case.judge_id].name if case.judge_id in staff else (case.judge_id or "未分配"),
                judge_phone=staff[case.judge_id].phone if case.judge_id in staff else "",
                subject_roles=sorted({cp.role for cp in mine}), owed=owed, money_held=held,
                may_open=case.pk in openable,
            )
        )
    return cards


def _breached_hold(alert: Alert) -> list[int]:
    """An S19 alert shows the hold its payout broke (the S01 alert's hold)."""
    hold_id = alert.evidence.get(BREACHED_HOLD) if isinstance(alert.evidence, dict) else None
    return [hold_id] if isinstance(hold_id, int) else []


def alert_view(viewer: Viewer, alert: Alert) -> AlertView:
    holds = list(
        Hold.objects.filter(Q(alert=alert) | Q(pk__in=_breached_hold(alert)))
        .select_related("case", "identity").order_by("pk")
    )
    recipients = list(AlertRecipient.objects.filter(alert=alert).order_by("pk"))
    mine = next((r for r in recipients if viewer.staff_id and r.staff_id == viewer.staff_id), None)
    feedback = Feedback.objects.filter(recipient=mine).first() if mine else None
    return AlertView(
        alert=alert,
        cards=_cards(viewer, alert),
        holds=[HoldRow(h, h.released_at is None and may_release_hold(viewer, h)) for h in holds],
        recipients=recipients,
        my_recipient=mine,
        my_feedback=feedback,
        evidence=evidence_rows(alert.scenario, alert.evidence),
        staff_names=dict(Staff.objects.filter(pk__in=[r.staff_id for r in recipients]).values_list("pk", "name")),
    )
