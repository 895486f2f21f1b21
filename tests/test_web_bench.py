import pytest

import web_scene
from zhixing.web.bench import page_timings

pytestmark = pytest.mark.django_db


def test_page_timings_cover_every_page_each_role_opens(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    web_scene.build()
    timings = page_timings(["judge-a", "chief"], web_scene.AS_OF)
    judge_urls = {t.url.split("?")[0] for t in timings if t.username == "judge-a"}
    assert {"/", "/alerts/", "/scenarios/", "/lookup/"} <= judge_urls
    assert any(u.startswith("/cases/") for u in judge_urls) and any(u.startswith("/parties/") for u in judge_urls)
    assert any(t.url.startswith("/dashboard/") for t in timings if t.username == "chief")
    assert all(t.status == 200 for t in timings), [(t.url, t.status) for t in timings if t.status != 200]
    assert all(t.milliseconds > 0 for t in timings)
