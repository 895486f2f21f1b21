"""Every main page and the API docs in a real browser: nothing asked of an outside address,
nothing blocked by the Content-Security-Policy (both checked by the session_for fixture),
and the pages still work under it (htmx swaps, ECharts draws, Swagger UI renders)."""

import pytest

import web_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_page_and_the_api_docs_load_only_from_the_server(session_for):
    scene = web_scene.build()
    judge = session_for()
    judge.login("judge-a", web_scene.PASSWORD)
    page = judge.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("/", "/alerts/", f"/alerts/{scene.s01.pk}/", f"/cases/{scene.case_a.pk}/",
                 f"/parties/{scene.debtor_identity_id}/", "/scenarios/", "/lookup/"):
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")

    page.goto("/alerts/")
    page.locator("select[name=severity]").select_option("中")
    page.wait_for_url("**/alerts/?*severity=*")
    assert page.locator(".alert-row").count() == 1  # htmx works under the policy

    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Zhixing" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/static/ninja/swagger-ui-bundle.js") for url in requested)
    assert any(url.endswith("/api/openapi.json") for url in requested)

    chief = session_for()
    chief.login("chief", web_scene.PASSWORD)
    chief.page.goto("/dashboard/")
    chief.page.wait_for_selector("body[data-charts-ready='1']")  # ECharts draws under the policy
    assert chief.page.locator("#funnel-chart canvas").count() == 1


def test_anonymous_api_docs_go_to_the_login(session_for):
    anonymous = session_for()
    anonymous.page.goto("/api/docs")
    anonymous.page.wait_for_url("**/login/?next=/api/docs")
    assert anonymous.page.get_by_role("heading", name="登录执行工作台").is_visible()
