"""The workbench in a real browser: a judge finds and answers an S01 alert, the chief sees it
counted, another court's judge is kept out, and the lookup finds a case by plate on a phone."""

import pytest
from browsing import PHONE

import web_scene
from zhixing.alerts.models import Feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_judge_answers_s01_and_chief_sees_it_in_the_funnel(session_for):
    scene = web_scene.build()
    judge = session_for()
    judge.login("judge-a", web_scene.PASSWORD)
    page = judge.page
    assert page.get_by_role("heading", name="执行法官工作台").is_visible()
    judge.shot("home-judge")

    badge = page.locator("nav .nav-badge")
    assert badge.inner_text() == "1"  # the unread S01 alert, counted in the navigation
    page.locator("nav a[href='/alerts/']").click()
    page.wait_for_url("**/alerts/")
    first = page.locator(".alert-row").first
    assert "S01 被执行人另案领取案款" in first.inner_text()
    assert "is-unread" in (first.get_attribute("class") or "")
    judge.shot("inbox")

    first.locator("a").click()
    page.wait_for_url(f"**/alerts/{scene.s01.pk}/")
    cards = page.locator(".case-card")
    assert cards.count() == 2
    assert "(2025)沪0104执1001号" in cards.nth(0).inner_text()
    assert "(2025)沪0105执2002号" in cards.nth(1).inner_text()
    assert "¥300,000.00" in cards.nth(1).inner_text()
    assert page.get_by_text("暂缓发放中").is_visible()

    page.get_by_label("无帮助", exact=True).check()
    page.get_by_role("button", name="提交反馈").click()
    page.get_by_text("理由：选择无帮助时须说明理由").wait_for()  # the error is swapped in; nothing stored
    assert not Feedback.objects.exists()

    page.get_by_label("有帮助", exact=True).check()
    page.locator("select[name=reason]").select_option("及时暂缓发放")
    page.get_by_label("联系另案承办人").check()
    page.get_by_label("执行到位金额（元）").fill("120000")
    judge.shot("alert-s01")
    page.get_by_role("button", name="提交反馈").click()
    page.get_by_text("您已反馈：").wait_for()
    assert "¥120,000.00" in page.locator("#feedback-box").inner_text()
    assert page.url.endswith(f"/alerts/{scene.s01.pk}/")  # htmx swapped the form in place
    assert Feedback.objects.get(alert=scene.s01).verdict == "有帮助"

    chief = session_for()
    chief.login("chief", web_scene.PASSWORD)
    chief.page.goto("/dashboard/?from=2026-01-01&as_of=2026-03-31")  # a fixed period: stable screenshot
    row = chief.page.locator("table.funnel tr[data-scenario=S01] td")
    assert [row.nth(i).inner_text() for i in (1, 2, 4, 6)] == ["1", "1", "1", "1"]
    assert row.nth(7).inner_text() == "¥120,000.00"
    chief.page.wait_for_selector("body[data-charts-ready='1']")
    assert chief.page.locator("#funnel-chart canvas").count() == 1
    kinds = chief.page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('funnel-chart')).getOption().series.map(s => s.type)")
    assert kinds[0] == "funnel" and set(kinds[1:]) == {"bar"}  # a real funnel, bars per scenario
    labels = chief.page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('funnel-chart')).getOption().yAxis[0].data")
    assert "S01 被执行人另案领取案款" in labels  # the whole name, not cut off
    chief.shot("dashboard")


def test_judge_of_another_court_cannot_open_the_alert(session_for):
    scene = web_scene.build()
    other = session_for()
    other.login("judge-other", web_scene.PASSWORD)
    response = other.page.goto(f"/alerts/{scene.s01.pk}/")
    assert response is not None and response.status == 404
    assert other.page.get_by_text("该预警不存在，或您无权查看。").is_visible()
    assert "王建国" not in other.page.content()


def test_lookup_finds_a_case_by_plate_on_a_phone(session_for):
    scene = web_scene.build()
    phone = session_for(PHONE)
    phone.login("judge-a", web_scene.PASSWORD)
    page = phone.page
    page.get_by_role("link", name="查询").click()
    page.get_by_label("查询内容").fill("沪A·12345")
    page.get_by_role("button", name="查询").click()
    result = page.locator(".result-list a")
    assert result.count() == 1
    assert "(2025)沪0104执1001号" in result.inner_text()
    box = result.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    phone.shot("lookup-phone")
    result.click()
    page.wait_for_url(f"**/cases/{scene.case_a.pk}/")
    assert page.get_by_text("沪A·12345").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the case page scrolls sideways on a phone ({width}px)"
    phone.shot("case-phone")


def test_screenshots_of_case_party_and_catalogue(session_for):
    scene = web_scene.build()
    desk = session_for()
    desk.login("judge-a", web_scene.PASSWORD)
    desk.page.goto(f"/cases/{scene.case_a.pk}/")
    desk.shot("case")
    desk.page.goto(f"/parties/{scene.debtor_identity_id}/")
    assert desk.page.get_by_role("heading", name="王建国 当事人全景").is_visible()
    desk.shot("party")
    desk.page.goto("/scenarios/")
    desk.shot("catalogue")
    desk.page.goto("/cases/?status=全部")
    assert desk.page.locator("table.cases-list tbody tr").count() == 2
    desk.shot("cases")


def test_inbox_filters_update_the_list_in_place_on_a_phone(session_for):
    scene = web_scene.build()
    phone = session_for(PHONE)
    phone.login("judge-a", web_scene.PASSWORD)
    page = phone.page
    page.goto("/alerts/")
    assert page.locator(".alert-row").count() == 2
    page.locator("select[name=severity]").select_option("中")
    page.wait_for_url("**/alerts/?*severity=*")
    page.locator(".alert-row").first.wait_for()
    assert page.locator(".alert-row").count() == 1
    assert "S18" in page.locator(".alert-row").inner_text()
    assert page.locator("h1", has_text="预警收件箱").count() == 1  # the list was swapped, not the page
    page.goto(f"/alerts/{scene.s01.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the alert page scrolls sideways on a phone ({width}px)"
    phone.shot("alert-phone")


def test_back_after_an_inbox_filter_shows_the_whole_page(session_for):
    """Back to a filtered list must bring the page, not the bare htmx fragment: whether htmx
    restores it (its history cache may miss) or the browser's cache answers (the fragment's
    response varies on HX-Request; playwright's request routing turns the HTTP cache off, so
    the header is read directly)."""
    scene = web_scene.build()
    desk = session_for()
    desk.login("judge-a", web_scene.PASSWORD)
    page = desk.page
    page.goto("/alerts/")
    page.locator("select[name=severity]").select_option("中")
    page.wait_for_url("**/alerts/?*severity=*")
    page.locator("select[name=status]").select_option("待处理")
    page.wait_for_url("**/alerts/?*status=*")
    page.evaluate("localStorage.clear()")  # htmx's history cache misses, as after a while
    page.go_back()
    page.wait_for_url("**/alerts/?*severity=*")
    page.locator(".alert-row").first.wait_for()
    assert page.locator("header.topbar").is_visible(), "Back showed the bare list fragment"
    assert page.locator("h1", has_text="预警收件箱").count() == 1
    vary = page.evaluate(
        "fetch('/alerts/?severity=%E4%B8%AD', {headers: {'HX-Request': 'true'}}).then(r => r.headers.get('Vary'))"
    )
    assert "HX-Request" in vary
    page.goto(f"/alerts/{scene.s01.pk}/")
    page.go_back()
    assert page.locator("header.topbar").is_visible()


def test_a_judge_finds_a_car_sealed_in_a_colleagues_case(session_for):
    from zhixing.accounts.commands import create_user
    from zhixing.cases.models import Staff

    web_scene.build()
    Staff.objects.create(staff_id="XH-J9", court_id=web_scene.XUHUI, name="孙法官", role="执行法官")
    create_user("judge-a2", court_code=web_scene.XUHUI, role="执行法官", staff_id="XH-J9", password=web_scene.PASSWORD)
    phone = session_for(PHONE)
    phone.login("judge-a2", web_scene.PASSWORD)
    page = phone.page
    page.get_by_role("link", name="查询").click()
    page.get_by_label("查询内容").fill("沪A·12345")
    page.get_by_role("button", name="查询").click()
    hit = page.locator(".court-plate li")
    assert hit.count() == 1
    assert "(2025)沪0104执1001号" in hit.inner_text() and "李明" in hit.inner_text()
    assert "王建国" not in page.content()
