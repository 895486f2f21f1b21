"""Issue 21 item 11, outside network: /api/docs needs a login and serves Swagger UI from the
installed package; no page names an address outside the server (the browser test
tests/browser/test_browser_doors.py records the requests a real browser makes)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

import web_scene

pytestmark = pytest.mark.django_db

REFERENCE = re.compile(r"""\b(?:src|href|action|content)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)""")


@pytest.fixture
def scene(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return web_scene.build()


def judge() -> Client:
    client = Client()
    assert client.login(username="judge-a", password=web_scene.PASSWORD)
    return client


def outside(references: list[str]) -> list[str]:
    return [r for r in references if re.match(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", r, re.IGNORECASE)]


def references(html: str) -> list[str]:
    return REFERENCE.findall(html)


def test_the_api_docs_need_a_login():
    anonymous = Client()
    page = anonymous.get("/api/docs", HTTP_ACCEPT="text/html")
    assert page.status_code == 302 and page["Location"].startswith("/login/?next=/api/docs")
    schema = anonymous.get("/api/openapi.json")
    assert schema.status_code == 401
    assert anonymous.get("/api/openapi.json", HTTP_AUTHORIZATION="Bearer zx_wrong").status_code == 401


def test_a_system_with_a_token_reads_the_schema(scene):
    from zhixing.core.commands import Actor
    from zhixing.tokens.commands import issue_token

    token = issue_token(Actor.command_line(), "judge-a", "schema").token
    response = Client().get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200 and response.json()["info"]["title"].startswith("Zhixing")


def test_swagger_ui_comes_from_the_server_itself(scene):
    client = judge()
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    found = references(html)
    assert outside(found) == [], found
    assert "cdn" not in html.lower()
    assets = [r for r in found if r.startswith("/static/")]
    assert {"/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui.css"} <= set(assets)
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200, asset
        if asset.endswith(".css"):
            css = b"".join(served.streaming_content).decode()
            assert outside(CSS_URL.findall(css)) == []
    assert '"validatorUrl": null' in html  # Swagger UI would send the schema to an outside validator


def test_no_main_page_names_an_outside_address(scene):
    client = judge()
    chief = Client()
    assert chief.login(username="chief", password=web_scene.PASSWORD)
    pages = {
        "/login/": Client(),
        "/": client,
        "/alerts/": client,
        f"/alerts/{scene.s01.pk}/": client,
        f"/cases/{scene.case_a.pk}/": client,
        f"/parties/{scene.debtor_identity_id}/": client,
        "/scenarios/": client,
        "/lookup/": client,
        "/dashboard/": chief,
        "/api/docs": client,
    }
    for path, who in pages.items():
        response = who.get(path)
        assert response.status_code == 200, path
        assert outside(references(response.content.decode())) == [], path
    css = b"".join(client.get("/static/web/zhixing.css").streaming_content).decode()
    assert outside(CSS_URL.findall(css)) == []
