"""Per-recipient states and feedback, outcome then or later, clear 422s."""

import json
from decimal import Decimal

import pytest

from world import build_world, client_for, make_users
from zhixing.alerts.models import AlertRecipient, Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def post(username, url, body):
    return client_for(username).post(url, json.dumps(body), content_type="application/json")


def states(world):
    return dict(AlertRecipient.objects.filter(alert=world.alert).values_list("staff_id", "state"))


def test_each_recipient_has_their_own_state(world):
    assert states(world) == {"沪0104-J001": "未读", "沪0112-J019": "未读"}
    client_for("judge_b").get(f"/api/alerts/{world.alert.pk}")
    assert states(world) == {"沪0104-J001": "未读", "沪0112-J019": "已读"}
    client_for("chief_a").get(f"/api/alerts/{world.alert.pk}")  # not a recipient: changes nothing
    assert states(world) == {"沪0104-J001": "未读", "沪0112-J019": "已读"}
    post("judge_a", f"/api/alerts/{world.alert.pk}/feedback", {"verdict": "有帮助"})
    assert states(world) == {"沪0104-J001": "已反馈", "沪0112-J019": "已读"}
    mine = client_for("judge_a").get("/api/alerts?state=已反馈").json()["items"]
    assert [a["my_state"] for a in mine] == ["已反馈"]
    assert client_for("judge_b").get("/api/alerts?state=已反馈").json()["count"] == 0


def test_feedback_with_measures_and_outcome_later(world):
    url = f"/api/alerts/{world.alert.pk}/feedback"
    response = post("judge_a", url, {"verdict": "有帮助", "reason": "发现可供执行财产",
                                     "measures": ["联系另案承办人", "扣划"], "comment": "已联系闵行法院"})
    assert response.status_code == 200, response.content
    assert response.json()["outcome_case_no"] == "(2024)沪0104执100号"
    assert response.json()["money_recovered"] is None
    later = post("judge_a", f"/api/alerts/{world.alert.pk}/outcome", {"money_recovered": "260000.00", "case_closed": True})
    assert later.status_code == 200
    fb = Feedback.objects.get(recipient__staff_id="沪0104-J001")
    assert fb.money_recovered == Decimal("260000.00")
    assert fb.case_closed is True
    assert fb.measures == ["联系另案承办人", "扣划"]
    assert fb.outcome_at is not None


def test_the_other_recipient_answers_separately(world):
    post("judge_a", f"/api/alerts/{world.alert.pk}/feedback", {"verdict": "有帮助"})
    post("judge_b", f"/api/alerts/{world.alert.pk}/feedback", {"verdict": "无帮助", "reason": "已掌握该情况"})
    verdicts = dict(Feedback.objects.values_list("recipient__staff_id", "verdict"))
    assert verdicts == {"沪0104-J001": "有帮助", "沪0112-J019": "无帮助"}
    assert Feedback.objects.get(recipient__staff_id="沪0112-J019").outcome_case.case_no == "(2024)沪0112执200号"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verdict": "无帮助"}, "reason"),
        ({"verdict": "无帮助", "reason": "发现可供执行财产"}, "reason"),
        ({"verdict": "还行"}, "verdict"),
        ({"verdict": "有帮助", "measures": ["烧香"]}, "measures"),
        ({"verdict": "有帮助", "money_recovered": "12.345"}, "money_recovered"),
        ({"verdict": "有帮助", "money_recovered": "-5"}, "money_recovered"),
    ],
)
def test_bad_feedback_is_422_naming_the_field_and_changes_nothing(world, body, field):
    response = post("judge_a", f"/api/alerts/{world.alert.pk}/feedback", body)
    assert response.status_code == 422
    assert field in json.dumps(response.json(), ensure_ascii=False)
    assert not Feedback.objects.exists()
    assert states(world)["沪0104-J001"] == "未读"


def test_outcome_before_feedback_is_refused(world):
    response = post("judge_a", f"/api/alerts/{world.alert.pk}/outcome", {"money_recovered": "1.00"})
    assert response.status_code == 422
    assert "feedback" in json.dumps(response.json())
