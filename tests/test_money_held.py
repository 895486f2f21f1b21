"""Money held for an applicant: 到账 for them or for all applicants, minus 发放 to them, never below zero."""

import datetime as dt
from decimal import Decimal

import pytest

import web_scene
from zhixing.cases.models import AccountTxn, CaseParty
from zhixing.parties.models import PartyRecord
from zhixing.parties.queries import money_held, panorama

pytestmark = pytest.mark.django_db


def _txn(case, txn_id: str, direction: str, amount: str, beneficiary=None) -> None:
    AccountTxn.objects.create(
        source="沪0105", txn_id=txn_id, case=case, direction=direction, amount=Decimal(amount),
        occurred_at=web_scene.at(dt.date(2026, 3, 11)), beneficiary=beneficiary,
    )


def test_held_per_case_counts_only_this_applicant_and_never_goes_below_zero():
    scene = web_scene.build(alerts=False)
    applicant = CaseParty.objects.get(case=scene.case_b, role="申请执行人").party
    other = PartyRecord.objects.get(party_key="Q-3")
    _txn(scene.case_b, "T3", "到账", "1000.50", beneficiary=applicant)
    _txn(scene.case_b, "T4", "到账", "999.00", beneficiary=other)
    _txn(scene.case_b, "T5", "发放", "500.25", beneficiary=applicant)
    _txn(scene.case_b, "T6", "发放", "77.00", beneficiary=other)
    _txn(scene.case_a, "T7", "发放", "10.00", beneficiary=applicant)
    held = money_held([scene.case_a.pk, scene.case_b.pk], [applicant.pk])
    assert held == {scene.case_a.pk: Decimal("0.00"), scene.case_b.pk: Decimal("300500.25")}
    view = panorama(applicant.identity)
    assert view.total_held == Decimal("300500.25")
    assert [c.money_held for c in view.cases if c.case_no == scene.case_b.case_no] == [Decimal("300500.25")]
