"""Court isolation and need-to-know, endpoint by endpoint: who may and who may not."""

import pytest

from world import build_world, client_for, make_users
from zhixing.alerts.models import Hold

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def alert_ids(username: str) -> set[int]:
    response = client_for(username).get("/api/alerts")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_unauthenticated_requests_get_401(world):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get("/api/alerts").status_code == 401
    assert anonymous.get(f"/api/alerts/{world.alert.pk}").status_code == 401
    assert anonymous.get(f"/api/parties/{world.company.pk}").status_code == 401
    assert anonymous.post("/api/events/money-arrival", {}, content_type="application/json").status_code == 401


def test_inbox_shows_the_alert_to_both_judges_and_both_chiefs_only(world):
    expected = {world.alert.pk}
    for username in ("judge_a", "judge_b", "chief_a", "chief_b", "centre_a", "admin"):
        assert alert_ids(username) == expected, username
    for username in ("judge_c", "chief_c", "scenarios", "assistant_a"):
        assert alert_ids(username) == set(), username


def test_alert_detail_is_404_outside_need_to_know(world):
    url = f"/api/alerts/{world.alert.pk}"
    assert client_for("judge_b").get(url).status_code == 200
    assert client_for("judge_c").get(url).status_code == 404
    assert client_for("chief_c").get(url).status_code == 404
    assert client_for("scenarios").get(url).status_code == 404
    assert client_for("judge_a").get("/api/alerts/999999").status_code == 404


def test_list_masks_identity_numbers_detail_shows_them_to_a_recipient(world):
    item = client_for("judge_a").get("/api/alerts").json()["items"][0]
    assert item["subject_id_number"] == "913101********XQ3B"
    detail = client_for("judge_a").get(f"/api/alerts/{world.alert.pk}").json()
    assert detail["subject"]["id_number"] == "91310104MA1FL2XQ3B"
    assert detail["evidence"]["B案"] == "(2024)沪0112执200号"


def test_case_detail_own_court_and_own_cases_only(world):
    url_a = "/api/cases/(2024)沪0104执100号"
    url_b = "/api/cases/（2024）沪0112执200号"  # full-width brackets are normalised
    assert client_for("judge_a").get(url_a).status_code == 200
    assert client_for("chief_a").get(url_a).status_code == 200
    assert client_for("centre_a").get(url_a).status_code == 200
    assert client_for("admin").get(url_b).status_code == 200
    assert client_for("judge_b").get(url_b).json()["parties"][0]["name"]
    # across courts a judge sees only what the alert's evidence shows
    assert client_for("judge_a").get(url_b).status_code == 404
    assert client_for("judge_b").get(url_a).status_code == 404
    assert client_for("chief_b").get(url_a).status_code == 404
    assert client_for("judge_c").get(url_a).status_code == 404
    assert client_for("scenarios").get(url_a).status_code == 404
    assert client_for("judge_a").get("/api/cases/not-a-case-number").status_code == 404


def test_panorama_for_parties_of_own_cases_across_courts(world):
    url = f"/api/parties/{world.company.pk}"
    response = client_for("judge_a").get(url)
    assert response.status_code == 200
    body = response.json()
    by_case = {c["case_no"]: c for c in body["cases"]}
    assert by_case["(2024)沪0104执100号"]["role"] == "被执行人"
    assert by_case["(2024)沪0112执200号"]["role"] == "申请执行人"
    assert by_case["(2024)沪0112执200号"]["money_held"] == "260000.00"
    assert by_case["(2024)沪0112执200号"]["hold_alert_ids"] == [world.alert.pk]
    assert body["id_number"] == "91310104MA1FL2XQ3B"
    assert client_for("judge_b").get(url).status_code == 200  # party in judge B's case too
    assert client_for("judge_c").get(url).status_code == 404
    assert client_for("chief_c").get(url).status_code == 404
    assert client_for("scenarios").get(url).status_code == 404
    # 张三 is a party only in case A: judge B may not open his view
    assert client_for("judge_b").get(f"/api/parties/{world.person.pk}").status_code == 404
    assert client_for("judge_a").get(f"/api/parties/{world.person.pk}").status_code == 200


def test_feedback_only_by_a_recipient(world):
    url = f"/api/alerts/{world.alert.pk}/feedback"
    body = {"verdict": "有帮助", "measures": ["联系另案承办人"]}
    assert client_for("chief_a").post(url, body, content_type="application/json").status_code == 403
    assert client_for("judge_c").post(url, body, content_type="application/json").status_code == 404
    assert client_for("judge_a").post(url, body, content_type="application/json").status_code == 200


def test_hold_release_only_by_judge_of_case_a(world):
    url = f"/api/holds/{world.hold.pk}/release"
    body = {"reason": "已向乙案发出协助执行通知书并扣划"}
    assert client_for("judge_b").post(url, body, content_type="application/json").status_code == 403
    assert client_for("chief_a").post(url, body, content_type="application/json").status_code == 403
    assert client_for("judge_c").post(url, body, content_type="application/json").status_code == 404
    assert Hold.objects.get(pk=world.hold.pk).released_at is None
    response = client_for("judge_a").post(url, body, content_type="application/json")
    assert response.status_code == 200
    hold = Hold.objects.get(pk=world.hold.pk)
    assert hold.released_by == "沪0104-J001"
    assert hold.release_reason == body["reason"]


def test_events_only_for_cases_one_may_write(world):
    body = {"case_no": "(2024)沪0112执200号", "txn_id": "EV-1", "amount": "100.00",
            "occurred_at": "2025-07-01T10:00:00+08:00"}
    # Answered as for a case that does not exist: the answer reveals nothing.
    assert client_for("judge_a").post("/api/events/money-arrival", body, content_type="application/json").status_code == 404
    assert client_for("chief_c").post("/api/events/money-arrival", body, content_type="application/json").status_code == 404
    assert client_for("judge_b").post("/api/events/money-arrival", body, content_type="application/json").status_code == 200


def test_stats_scope_by_role(world):
    assert client_for("judge_c").get("/api/stats").status_code == 200
    assert client_for("judge_c").get("/api/stats?court=沪0104").status_code == 403
    rows = client_for("chief_c").get("/api/stats").json()
    assert rows == []  # nothing of the S01 alert reaches 沪0120's figures
    assert client_for("scenarios").get("/api/stats?court=沪0104").json()[0]["raised"] == 1


def test_token_auth_for_systems(world):
    from django.test import Client

    from zhixing.core.commands import Actor
    from zhixing.tokens.commands import issue_token

    token = issue_token(Actor.command_line(), "admin", "执行案件管理系统").token
    client = Client()
    assert client.get("/api/alerts", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert client.get("/api/alerts", HTTP_AUTHORIZATION="Bearer zx_wrong_token").status_code == 401


def test_an_assistant_sees_alerts_addressed_to_them(world):
    from zhixing.alerts.models import AlertRecipient

    assert alert_ids("assistant_a") == set()
    AlertRecipient.objects.create(alert=world.alert, staff_id="沪0104-A001", reason="assistant")
    assert alert_ids("assistant_a") == {world.alert.pk}
    # but not the cases of the judge they assist, unless they handle them
    assert client_for("assistant_a").get("/api/cases/(2024)沪0104执100号").status_code == 404


def test_without_a_judge_in_case_a_the_command_centre_releases(world):
    from zhixing.cases.models import Case

    Case.objects.filter(pk=world.case_a.pk).update(judge_id="")
    url = f"/api/holds/{world.hold.pk}/release"
    body = {"reason": "甲案无承办法官，指挥中心决定解除"}
    # judge A still sees the alert (a recipient) but no longer handles case A
    assert client_for("judge_a").post(url, body, content_type="application/json").status_code == 403
    assert client_for("centre_a").post(url, body, content_type="application/json").status_code == 200


def test_a_user_without_membership_gets_403(world):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.create_user("stranger"))
    assert client.get("/api/alerts").status_code == 403


def test_a_token_records_when_it_was_last_used_to_the_minute(world, monkeypatch):
    import datetime as dt

    from django.test import Client

    from zhixing.core.clock import SHANGHAI
    from zhixing.core.commands import Actor
    from zhixing.tokens.commands import issue_token
    from zhixing.tokens.models import ApiToken

    token = issue_token(Actor.command_line(), "admin", "执行案件管理系统").token
    client = Client()

    def use_at(moment: dt.datetime) -> dt.datetime | None:
        monkeypatch.setattr("zhixing.core.clock.now", lambda: moment)
        assert client.get("/api/alerts", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
        return ApiToken.objects.get(name="执行案件管理系统").last_used_at

    first = dt.datetime(2025, 6, 30, 9, 0, tzinfo=SHANGHAI)
    assert use_at(first) == first
    assert use_at(first + dt.timedelta(seconds=30)) == first
    later = first + dt.timedelta(minutes=2)
    assert use_at(later) == later
