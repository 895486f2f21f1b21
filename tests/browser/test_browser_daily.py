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


TAP_TARGETS = "header a, header button, .alert-row a, .filters select, .filters input, .lookup button, .lookup input, .tile, .pager a, main button"


def _small_targets(page) -> list[str]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, r]) => r.height < 32 || r.width < 32)
            .map(([e, r]) => `${e.tagName} ${e.textContent.trim().slice(0, 12)} ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        TAP_TARGETS,
    )


def test_phone_layout_header_inbox_party_table_and_tap_targets(session_for):
    scene = web_scene.build()
    phone = session_for(PHONE)
    phone.login("judge-a", web_scene.PASSWORD)
    page = phone.page
    header = page.locator("header.topbar").bounding_box()
    assert header is not None and header["height"] <= 110, f"the header takes {header['height']}px"
    assert _small_targets(page) == []

    page.goto("/alerts/")
    first = page.locator(".alert-row").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= PHONE["height"], "the first alert is below the fold"
    assert _small_targets(page) == []
    phone.shot("inbox-phone")

    page.goto(f"/cases/{scene.case_a.pk}/")
    narrowest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('table.list td, table.list th')]
             .filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().width))"""
    )
    assert narrowest >= 44, f"a table column is {narrowest}px wide"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1
    assert _small_targets(page) == []
