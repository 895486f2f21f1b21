"""axe-core over the main pages: no serious or critical accessibility violation.

axe-core comes from node_modules (package.json) and is loaded from the platform's own
static files, so the page's content security policy lets it run."""

import pytest
from browsing import PHONE

import web_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = "/static/axe-core/axe.min.js"


def violations(page) -> list[str]:
    page.add_script_tag(url=AXE)
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""
    )
    return found


@pytest.mark.parametrize("viewport", ["desk", "phone"])
def test_main_pages_have_no_serious_accessibility_violation(session_for, viewport):
    scene = web_scene.build()
    user = session_for(PHONE) if viewport == "phone" else session_for()
    user.page.goto("/login/")
    found = {"/login/": violations(user.page)}
    user.login("judge-a", web_scene.PASSWORD)
    pages = ["/", "/alerts/", f"/alerts/{scene.s01.pk}/", f"/cases/{scene.case_a.pk}/",
             f"/parties/{scene.debtor_identity_id}/", "/cases/", "/scenarios/", "/lookup/?q=沪A12345", "/password/"]
    for url in pages:
        user.page.goto(url)
        found[url] = violations(user.page)
    chief = session_for(PHONE) if viewport == "phone" else session_for()
    chief.login("chief", web_scene.PASSWORD)
    chief.page.goto("/dashboard/?from=2026-01-01&as_of=2026-03-31")
    chief.page.wait_for_selector("body[data-charts-ready='1']")
    found["/dashboard/"] = violations(chief.page)
    assert {url: v for url, v in found.items() if v} == {}
