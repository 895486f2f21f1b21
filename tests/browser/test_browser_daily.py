"""Daily work in a real browser: print views, the favicon, the phone layout."""

import pytest
from browsing import PHONE

import web_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_and_alert_pages_print_without_navigation_and_forms(session_for):
    scene = web_scene.build()
    desk = session_for()
    desk.login("judge-a", web_scene.PASSWORD)
    page = desk.page
    for url in (f"/cases/{scene.case_a.pk}/", f"/alerts/{scene.s01.pk}/"):
        page.goto(url)
        assert page.get_by_role("button", name="打印").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("header.topbar").is_visible()
        assert page.locator("form:visible").count() == 0
        assert page.locator("h1").is_visible()
        page.emulate_media(media="screen")


def test_the_favicon_is_served(session_for):
    web_scene.build()
    desk = session_for()
    desk.login("judge-a", web_scene.PASSWORD)
    href = desk.page.locator("link[rel=icon]").get_attribute("href")
    assert href is not None
    response = desk.page.request.get(href)
    assert response.status == 200 and "svg" in response.headers["content-type"]
    assert desk.page.request.get("/favicon.ico").status == 200  # redirected to the same icon
