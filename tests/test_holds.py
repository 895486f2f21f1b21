"""S01 disbursement holds: refusal naming the alert, release by judge(A), recorded."""

import datetime as dt
import json

import pytest

from world import build_world, client_for, make_party, make_users
from zhixing.alerts.commands import release_hold
from zhixing.alerts.holds import blocking_hold
from zhixing.cases.models import AccountTxn, CaseParty
from zhixing.core.commands import Actor
from zhixing.parties.models import Identity

pytestmark = pytest.mark.django_db

URL = "/api/events/disbursement"


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def disburse(username, **overrides):
    body = {"case_no": "(2024)沪0112执200号", "txn_id": "PAY-1", "amount": "260000.00",
            "occurred_at": "2025-07-02T09:30:00", "beneficiary_key": "q7"} | overrides
    body = {k: v for k, v in body.items() if v is not None}
    return client_for(username).post(URL, json.dumps(body), content_type="application/json")


def test_disbursement_to_the_debtor_is_refused_with_409_naming_the_alert(world):
    response = disburse("judge_b")
    assert response.status_code == 409
    body = response.json()
    assert body["alert_id"] == world.alert.pk
    assert body["scenario"] == "S01"
    assert f"预警 {world.alert.pk}" in body["detail"]
    assert "暂缓发放" in body["detail"]
    assert not AccountTxn.objects.filter(txn_id="PAY-1").exists()


def test_disbursement_without_beneficiary_is_refused_too(world):
    response = disburse("judge_b", beneficiary_key=None)
    assert response.status_code == 409
    assert not AccountTxn.objects.filter(txn_id="PAY-1").exists()


def test_disbursement_to_another_applicant_goes_through(world):
    other = Identity.objects.create(kind="自然人", name="赵六", id_type="居民身份证", id_number="310112199901016666")
    CaseParty.objects.create(case=world.case_b, party=make_party("沪0112", "q9", other), role="申请执行人")
    response = disburse("judge_b", beneficiary_key="q9", amount="1000.00")
    assert response.status_code == 200, response.content
    assert AccountTxn.objects.get(txn_id="PAY-1").direction == "发放"


def test_the_payee_named_only_as_counterparty_decides(world):
    """A 发放's payee is its beneficiary, else its counterparty (court finance systems name it so)."""
    other = Identity.objects.create(kind="自然人", name="赵六", id_type="居民身份证", id_number="310112199901016666")
    CaseParty.objects.create(case=world.case_b, party=make_party("沪0112", "q9", other), role="申请执行人")
    response = disburse("judge_b", beneficiary_key=None, counterparty_key="q7")
    assert response.status_code == 409
    assert not AccountTxn.objects.filter(txn_id="PAY-1").exists()
    response = disburse("judge_b", beneficiary_key=None, counterparty_key="q9", amount="1000.00")
    assert response.status_code == 200, response.content
    assert AccountTxn.objects.get(txn_id="PAY-1").counterparty.party_key == "q9"


def test_same_company_under_another_party_key_is_still_refused(world):
    CaseParty.objects.create(case=world.case_b, party=make_party("沪0112", "q-old", world.company), role="申请执行人")
    assert disburse("judge_b", beneficiary_key="q-old").status_code == 409


def test_hold_follows_identity_merges(world):
    duplicate = Identity.objects.create(kind="法人", name="上海某某贸易有限公司", merged_into=world.company)
    record = make_party("沪0112", "q-dup", duplicate)
    assert blocking_hold(world.case_b, record) == world.hold


def test_release_by_judge_a_then_disbursement_goes_through(world):
    response = client_for("judge_a").post(
        f"/api/holds/{world.hold.pk}/release", {"reason": "已协商由本院扣划"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["released_by"] == "沪0104-J001"
    assert disburse("judge_b").status_code == 200


def test_release_needs_a_reason(world):
    response = client_for("judge_a").post(
        f"/api/holds/{world.hold.pk}/release", {"reason": "   "}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "reason" in json.dumps(response.json(), ensure_ascii=False)


def test_the_hold_blocks_until_released_and_a_second_release_changes_nothing(world):
    assert blocking_hold(world.case_b, world.company_in_b) == world.hold
    first = release_hold(Actor(username="沪0104-J001"), world.hold.pk, "甲案已执行完毕")
    again = release_hold(Actor(username="someone-else"), world.hold.pk, "再次")
    assert again.released_at == first.released_at
    assert again.released_by == "沪0104-J001"
    assert blocking_hold(world.case_b, world.company_in_b) is None


def test_a_hold_on_case_b_does_not_touch_case_a(world):
    assert blocking_hold(world.case_a, None) is None
    assert world.hold.held_at.date() == dt.date(2025, 6, 30)
