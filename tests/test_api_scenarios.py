"""Scenarios with their parameters and figures (registry replaced by a stand-in here)."""

from types import SimpleNamespace

import pytest

from world import build_world, client_for, make_users

pytestmark = pytest.mark.django_db


def fake_scenario(code, name, params):
    return SimpleNamespace(
        code=code, name=name, description="说明", handling="处置规则",
        params=tuple(SimpleNamespace(name=n, default=d, description=n) for n, d in params),
    )


@pytest.fixture
def world(monkeypatch):
    w = build_world()
    make_users()
    catalogue = [fake_scenario("S01", "被执行人另案领取案款", []), fake_scenario("S05", "执行款超期未发放", [("disburse_days", 30)])]
    monkeypatch.setattr("zhixing.api.routers.scenarios._catalogue", lambda: catalogue)
    monkeypatch.setattr(
        "zhixing.api.routers.scenarios._effective",
        lambda s: ({"disburse_days": 20} if s.code == "S05" else {}, s.code != "S17"),
    )
    return w


def test_scenarios_list_parameters_and_figures(world):
    rows = {r["code"]: r for r in client_for("scenarios").get("/api/scenarios").json()}
    assert rows["S05"]["parameters"] == [
        {"name": "disburse_days", "default": 30, "value": 20, "description": "disburse_days"}
    ]
    assert rows["S01"]["figures"]["raised"] == 1
    assert rows["S05"]["figures"] is None


def test_figures_in_the_catalogue_follow_the_court_scope(world):
    rows = {r["code"]: r for r in client_for("judge_c").get("/api/scenarios").json()}
    assert rows["S01"]["figures"] is None  # nothing of 沪0120's
    rows = {r["code"]: r for r in client_for("chief_b").get("/api/scenarios").json()}
    assert rows["S01"]["figures"]["raised"] == 1


def test_scenarios_need_a_login(world):
    from django.test import Client

    assert Client().get("/api/scenarios").status_code == 401
