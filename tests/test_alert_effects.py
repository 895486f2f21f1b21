"""Declared effects and who closed an alert: the hold is S01's declared effect, run by the
alert layer's handler; a closed alert and a released hold say in fields whether the system or
a person did it, and why."""

import dataclasses
import importlib
import json

import pytest
from django.apps import apps

from world import build_world, client_for, make_users
from zhixing.alerts.effects import HANDLERS, handler
from zhixing.alerts.models import (
    BY_PERSON,
    CLOSED,
    CONDITION_GONE,
    OWED_CASE_SETTLED,
    SCENARIO_DISABLED,
    Alert,
    Hold,
)
from zhixing.alerts.raising import close_disabled
from zhixing.scenarios.effects import Effect, HoldMoney
from zhixing.scenarios.registry import REGISTRY

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    make_users()
    return w


def test_every_declared_effect_has_a_handler():
    declared = {type(e) for s in REGISTRY.all() for e in s.effects}
    assert HoldMoney in declared
    assert declared <= set(HANDLERS)


def test_an_effect_without_handler_is_named():
    @dataclasses.dataclass(frozen=True)
    class Notify(Effect):
        pass

    with pytest.raises(LookupError, match="Notify"):
        handler(Notify())


def test_an_effect_naming_an_unknown_case_is_refused():
    s01 = REGISTRY.get("S01")
    with pytest.raises(ValueError, match="unknown case 'C'"):
        dataclasses.replace(s01, effects=(HoldMoney(held_case="C", owed_case="A"),))


def test_the_refusal_names_the_scenario_from_the_catalogue(world):
    body = {"case_no": world.case_b.case_no, "txn_id": "PAY-1", "amount": "1.00",
            "occurred_at": "2025-07-02T09:30:00", "beneficiary_key": "q7"}
    response = client_for("judge_b").post("/api/events/disbursement", json.dumps(body), content_type="application/json")
    assert response.status_code == 409
    assert f"预警 {world.alert.pk}（S01 {REGISTRY.get('S01').name}）" in response.json()["detail"]


def test_a_scenario_switched_off_is_closed_by_the_system_in_fields(world):
    assert close_disabled(REGISTRY.get("S01")) == 1
    alert = Alert.objects.get(pk=world.alert.pk)
    assert (alert.status, alert.close_cause, alert.closed_by, alert.close_reason) == (
        CLOSED, SCENARIO_DISABLED, "", "场景S01已停用"
    )
    hold = Hold.objects.get(pk=world.hold.pk)
    assert hold.released_at is not None and hold.released_by_system and hold.released_by == ""

    detail = client_for("judge_a").get(f"/api/alerts/{alert.pk}").json()
    assert (detail["close_cause"], detail["closed_by"], detail["closed_by_system"]) == (SCENARIO_DISABLED, "", True)
    assert detail["close_reason"] == "场景S01已停用"
    [held] = detail["holds"]
    assert (held["released_by"], held["released_by_system"]) == ("", True)

    page = client_for("judge_a").get(f"/alerts/{alert.pk}/").content.decode()
    assert "系统关闭：场景S01已停用" in page
    assert "系统：场景S01已停用" in page


def test_a_hold_a_judge_released_says_who(world):
    response = client_for("judge_a").post(
        f"/api/holds/{world.hold.pk}/release", {"reason": "已协商由本院扣划"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["released_by"], response.json()["released_by_system"]) == ("沪0104-J001", False)


def test_existing_rows_get_their_cause_from_the_old_prefix(world):
    """Migration alerts/0004 turns the 系统关闭 prefix into fields and keeps the words."""
    migration = importlib.import_module("zhixing.alerts.migrations.0004_close_cause_and_system_release")
    old = {
        "disabled": "系统关闭：场景S01已停用",
        "settled": "系统关闭：A案(2024)沪0104执100号已不再欠款（执行完毕）",
        "gone": "系统关闭：截至2025-07-01预警条件已不再成立",
        "person": "法官已处理：已启动拍卖",
    }
    alerts = {}
    for name, reason in old.items():
        alerts[name] = Alert.objects.create(
            scenario="S03", dedup_key=name, severity="中", as_of=world.alert.as_of, raised_at=world.alert.raised_at,
            updated_at=world.alert.raised_at, closed_at=world.alert.raised_at, status=CLOSED, close_reason=reason,
        )
    Hold.objects.filter(pk=world.hold.pk).update(released_at=world.alert.raised_at, released_by="system")

    migration.causes_from_reasons(apps, None)

    found = {name: Alert.objects.values_list("close_cause", "close_reason").get(pk=a.pk) for name, a in alerts.items()}
    assert found == {
        "disabled": (SCENARIO_DISABLED, "场景S01已停用"),
        "settled": (OWED_CASE_SETTLED, "A案(2024)沪0104执100号已不再欠款（执行完毕）"),
        "gone": (CONDITION_GONE, "截至2025-07-01预警条件已不再成立"),
        "person": (BY_PERSON, "法官已处理：已启动拍卖"),
    }
    assert Alert.objects.get(pk=world.alert.pk).close_cause == "", "an open alert has no cause"
    hold = Hold.objects.get(pk=world.hold.pk)
    assert hold.released_by_system and hold.released_by == ""

    migration.reasons_from_causes(apps, None)
    assert Alert.objects.get(pk=alerts["gone"].pk).close_reason == old["gone"]
    assert Alert.objects.get(pk=alerts["person"].pk).close_reason == old["person"]
    assert Hold.objects.get(pk=world.hold.pk).released_by == "system"
