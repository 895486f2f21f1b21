"""The alert page on an alert raised by the real scan (scenario registry and engine)."""

import pytest
from django.test import Client

import web_scene
from zhixing.alerts.models import Alert, Hold
from zhixing.evaluation.scan import run_scan

pytestmark = pytest.mark.django_db


def test_scanned_s01_alert_shows_declared_evidence_in_chinese(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    scene = web_scene.build(alerts=False)
    run_scan(web_scene.AS_OF, ["S01"])
    alert = Alert.objects.get(scenario="S01")
    assert Hold.objects.filter(alert=alert, case=scene.case_b, released_at__isnull=True).exists()

    client = Client()
    assert client.login(username="judge-b", password=web_scene.PASSWORD)
    page = client.get(f"/alerts/{alert.pk}/").content.decode()
    assert "B案为其留存案款</th><td>¥300,000.00" in page
    assert "最近到账时间</th><td>2026年3月10日 10:00" in page
    assert "A案法官联系B案法官" in page  # the registry's handling rule
    assert "(2025)沪0104执1001号" in page and "(2025)沪0105执2002号" in page

    catalogue = client.get("/scenarios/").content.decode()
    assert "S17 被执行人享有到期债权 <small class=\"badge\">未启用</small>" in catalogue
    assert "依据：《民事诉讼法》执行程序编关于协助执行的规定" in catalogue
    assert "发放期限（到账后应发放的期限）= <b>30</b>" in catalogue
    assert "到账超过30日" in catalogue and "超过disburse_days" not in catalogue
