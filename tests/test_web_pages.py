"""Every page through Django's test client: who sees what, Chinese formatting, feedback, holds."""

import datetime as dt

import pytest
from django.test import Client

import web_scene
from web_scene import login
from zhixing.alerts.escalation import run_escalation
from zhixing.alerts.models import AlertCase, AlertRecipient, Feedback, Hold
from zhixing.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return web_scene.build()


def text(response) -> str:
    return response.content.decode()


def test_pages_need_a_login(client):
    response = client.get("/alerts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_login_page_is_chinese_and_rejects_a_wrong_password(client, scene):
    assert "登录执行工作台" in text(client.get("/login/"))
    response = client.post("/login/", {"username": "judge-a", "password": "wrong"})
    assert "用户名或密码不正确" in text(response)
    response = client.post("/login/", {"username": "judge-a", "password": web_scene.PASSWORD})
    assert response.status_code == 302


def test_judge_home_lists_unread_alert_first(scene):
    page = text(login("judge-a").get("/"))
    assert "执行法官工作台" in page
    assert page.index("S01 被执行人另案领取案款") < page.index("S18 查封冻结即将到期")
    assert "其中未读 1" in page


def test_inbox_counts_filters_and_colours(scene):
    judge = login("judge-a")
    page = text(judge.get("/alerts/"))
    assert "S01 被执行人另案领取案款 <b>1</b>" in page
    assert "sev-high" in page and "sev-mid" in page
    filtered = text(judge.get("/alerts/", {"severity": "中"}))
    assert f"/alerts/{scene.s18.pk}/" in filtered
    assert f"/alerts/{scene.s01.pk}/" not in filtered
    by_court = text(judge.get("/alerts/", {"court": "沪0105"}))
    assert f"/alerts/{scene.s01.pk}/" in by_court and f"/alerts/{scene.s18.pk}/" not in by_court


def test_inbox_filter_by_htmx_returns_only_the_list(scene):
    response = login("judge-a").get("/alerts/", {"scenario": "S18"}, HTTP_HX_REQUEST="true")
    page = text(response)
    assert "<html" not in page
    assert "共 1 条预警" in page


def test_inbox_names_a_bad_filter_value(scene):
    page = text(login("judge-a").get("/alerts/", {"severity": "极高"}))
    assert "严重程度应为 高、中、低 之一，已忽略“极高”" in page


def test_alert_page_shows_both_cases_money_and_rule_and_marks_read(scene):
    judge = login("judge-a")
    page = text(judge.get(f"/alerts/{scene.s01.pk}/"))
    assert "(2025)沪0104执1001号" in page and "(2025)沪0105执2002号" in page
    assert "上海市长宁区人民法院" in page and "陈静" in page
    assert "¥300,000.00" in page and "¥500,000.00" in page
    assert "暂缓发放中" in page
    assert "A案法官联系B案法官" in page
    assert "2026年3月16日" in page
    assert AlertRecipient.objects.get(alert=scene.s01, staff_id="XH-J1").state == "已读"
    assert AuditEvent.objects.filter(action="view_alert", object_id=str(scene.s01.pk), username="judge-a").exists()


def test_judge_of_case_b_sees_the_alert_but_cannot_open_case_a(scene):
    judge_b = login("judge-b")
    page = text(judge_b.get(f"/alerts/{scene.s01.pk}/"))
    assert f'href="/cases/{scene.case_b.pk}/"' in page
    assert f'href="/cases/{scene.case_a.pk}/"' not in page
    assert judge_b.get(f"/cases/{scene.case_a.pk}/").status_code == 404


def test_judge_of_another_court_cannot_open_the_alert(scene):
    other = login("judge-other")
    response = other.get(f"/alerts/{scene.s01.pk}/")
    assert response.status_code == 404
    assert "不存在，或您无权查看" in text(response)
    assert "王建国" not in text(response)
    assert other.post(f"/alerts/{scene.s01.pk}/feedback/", {"verdict": "有帮助"}).status_code == 404
    assert not Feedback.objects.exists()


def test_feedback_through_htmx(scene):
    judge = login("judge-a")
    response = judge.post(
        f"/alerts/{scene.s01.pk}/feedback/",
        {"verdict": "有帮助", "reason": "及时暂缓发放", "measures": ["冻结", "联系另案承办人"],
         "money_recovered": "120,000.50", "case_closed": "否"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "您已反馈：<b>有帮助</b>" in text(response)
    assert "¥120,000.50" in text(response)
    feedback = Feedback.objects.get(alert=scene.s01)
    assert str(feedback.money_recovered) == "120000.50"
    assert feedback.measures == ["冻结", "联系另案承办人"]
    assert AlertRecipient.objects.get(alert=scene.s01, staff_id="XH-J1").state == "已反馈"


def test_feedback_errors_name_the_field_and_change_nothing(scene):
    judge = login("judge-a")
    response = judge.post(f"/alerts/{scene.s01.pk}/feedback/", {"verdict": "无帮助"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "理由：选择无帮助时须说明理由" in text(response)
    response = judge.post(f"/alerts/{scene.s01.pk}/feedback/", {"verdict": "有帮助", "money_recovered": "-5"})
    assert "执行到位金额" in text(response)
    assert not Feedback.objects.exists()


def test_only_judge_a_may_release_the_hold(scene):
    judge_b = login("judge-b")
    assert "解除暂缓发放</button>" not in text(judge_b.get(f"/alerts/{scene.s01.pk}/"))
    assert judge_b.post(f"/holds/{scene.hold.pk}/release/", {"reason": "已发放", "confirm": "是"}).status_code == 403
    judge_a = login("judge-a")
    assert judge_a.post(f"/holds/{scene.hold.pk}/release/", {"reason": " ", "confirm": "是"}).status_code == 400
    unconfirmed = judge_a.post(f"/holds/{scene.hold.pk}/release/", {"reason": "A案已和解"})
    assert unconfirmed.status_code == 400 and "请勾选“我确认解除”" in text(unconfirmed)
    assert Hold.objects.get(pk=scene.hold.pk).released_at is None
    response = judge_a.post(f"/holds/{scene.hold.pk}/release/", {"reason": "A案已和解", "confirm": "是"})
    assert response.status_code == 302
    hold = Hold.objects.get(pk=scene.hold.pk)
    assert hold.released_by == "XH-J1" and hold.release_reason == "A案已和解"
    assert "已解除" in text(judge_a.get(f"/alerts/{scene.s01.pk}/"))
    assert "，李明：A案已和解" in text(judge_a.get(f"/alerts/{scene.s01.pk}/"))  # who, by name


def test_case_page_ledger_measures_timeline_auctions(scene):
    page = text(login("judge-a").get(f"/cases/{scene.case_a.pk}/"))
    assert "借款合同纠纷" in page and "2025年1月6日" in page
    assert "310104********" in page and web_scene.DEBTOR_ID not in page
    assert "¥1,234,567.00" in page
    assert "沪A·12345" in page and "2027年2月1日" in page  # vehicle seizure: two-year term
    assert "网络查控" in page and "实施" in page and "流拍" in page
    chief_page = text(login("chief").get(f"/cases/{scene.case_a.pk}/"))
    assert "(2025)沪0104执1001号" in chief_page


def test_case_b_ledger_shows_the_hold(scene):
    page = text(login("judge-b").get(f"/cases/{scene.case_b.pk}/"))
    assert "账户余额 ¥300,000.00" in page
    assert "暂缓发放中" in page


def test_party_page_is_audited_and_shows_whole_number_to_its_judge(scene):
    judge = login("judge-a")
    page = text(judge.get(f"/parties/{scene.debtor_identity_id}/"))
    assert "当事人全景" in page
    assert web_scene.DEBTOR_ID in page
    assert "(2025)沪0105执2002号" in page and "¥300,000.00" in page
    assert AuditEvent.objects.filter(action="view_party", identity_id=scene.debtor_identity_id).count() == 1
    assert login("judge-other").get(f"/parties/{scene.debtor_identity_id}/").status_code == 404


def test_party_page_of_a_party_to_many_cases_lists_them_a_hundred_at_a_time(scene):
    from scenario_data import Data

    data = Data()
    bank = data.identity("上海某银行股份有限公司", kind="法人")
    for day in range(150):
        case = data.case("沪0104", judge="XH-J1", filed_on=dt.date(2024, 1, 1) + dt.timedelta(days=day))
        data.applicant(case, bank)
        if day == 149:
            data.txn(case, "到账", "500.00", dt.date(2025, 6, 1))
    chief = login("chief")
    first = text(chief.get(f"/parties/{bank.pk}/"))
    assert "各法院案件（150）" in first and "第 1–100 件，共 150 件" in first
    assert "2024年1月1日" in first and "2024年5月29日" not in first
    assert "¥500.00" in first, "the total held covers the cases on later pages too"
    second = text(chief.get(f"/parties/{bank.pk}/", {"page": "2"}))
    assert "第 101–150 件，共 150 件" in second and "2024年5月29日" in second and "上一页" in second


def test_lookup_by_plate_case_number_and_identity(scene):
    judge = login("judge-a")
    for plate in ("沪A·12345", "沪a12345", "沪A 12345"):
        page = text(judge.get("/lookup/", {"q": plate}))
        assert "按车牌号查询" in page and "(2025)沪0104执1001号" in page, plate
    page = text(judge.get("/lookup/", {"q": "（2025）沪0104执1001号"}))
    assert f'href="/cases/{scene.case_a.pk}/"' in page
    page = text(judge.get("/lookup/", {"q": web_scene.DEBTOR_ID}))
    assert "按证件号码查询" in page and f"/parties/{scene.debtor_identity_id}/" in page
    nothing = text(login("judge-other").get("/lookup/", {"q": "沪A12345"}))
    assert "未找到您有权查看的案件或当事人" in nothing and "(2025)沪0104执1001号" not in nothing


def test_catalogue_lists_scenarios_with_figures(scene):
    page = text(login("scenarios").get("/scenarios/"))
    assert "S01 被执行人另案领取案款" in page
    assert "发出 <b>1</b>" in page


def test_scenario_admin_lands_on_catalogue_and_sees_no_alerts(scene):
    client = login("scenarios")
    assert client.get("/")["Location"] == "/scenarios/"
    assert client.get(f"/alerts/{scene.s01.pk}/").status_code == 404


def test_dashboard_is_for_chief_not_for_judges(scene):
    assert login("judge-a").get("/dashboard/").status_code == 403
    page = text(login("chief").get("/dashboard/", {"as_of": "2026-03-16"}))
    assert "执行完毕率" in page and "法定审限内结案率" in page
    assert "上海市徐汇区人民法院" in page


def test_dashboard_names_a_bad_date_beside_the_form(scene):
    response = login("chief").get("/dashboard/", {"as_of": "2026-13-01", "from": "2026-01-01"})
    assert response.status_code == 400
    page = text(response)
    assert "统计截止日：不是有效的日期" in page and "as_of）" not in page
    assert page.index('name="as_of" value="2026-13-01"') < page.index("统计截止日：不是有效的日期")  # the form stays


def test_chief_home_links_the_dashboard_and_counts_court_cases(scene):
    page = text(login("chief").get("/"))
    assert "执行局长工作台" in page and 'href="/dashboard/"' in page
    assert "本院在办案件" in page


def test_drill_down_lists_only_cases_of_the_viewers_court(scene):
    chief = login("chief")
    page = text(chief.get("/dashboard/cases/", {"figure": "completed", "from": "2026-01-01", "as_of": "2026-03-31"}))
    assert "执行完毕" in page and "(2025)沪0104执1500号" in page and "1 件" in page
    assert "<td>李明</td>" in page
    asked_elsewhere = text(chief.get("/dashboard/cases/", {"figure": "closed", "court": "沪0105",
                                                         "from": "2026-01-01", "as_of": "2026-03-31"}))
    assert "(2025)沪0105执2002号" not in asked_elsewhere and "(2025)沪0104执1500号" in asked_elsewhere
    bad = chief.get("/dashboard/cases/", {"figure": "everything"})
    assert bad.status_code == 400 and "没有这项指标" in text(bad)


def test_lookup_is_audited_with_the_query(scene):
    login("judge-a").get("/lookup/", {"q": web_scene.DEBTOR_ID})
    event = AuditEvent.objects.get(action="lookup")
    assert event.identity_id == scene.debtor_identity_id
    assert event.detail == {"query": web_scene.DEBTOR_ID, "cases": 2}


def test_logout_returns_to_login(scene):
    client = login("judge-a")
    response = client.post("/logout/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert client.get("/alerts/").status_code == 302


def test_the_platform_serves_its_own_front_end_files(client):
    for path in ("/static/web/zhixing.css", "/static/htmx.org/dist/htmx.min.js", "/static/echarts/dist/echarts.min.js"):
        response = client.get(path)
        assert response.status_code == 200, f"{path}: run `make install` (npm ci) first"
        assert b"".join(response.streaming_content)


def test_administrator_dashboard_covers_every_court_and_narrows_to_one(scene, django_user_model):
    django_user_model.objects.create_superuser("root", password=web_scene.PASSWORD)
    admin = login("root")
    page = text(admin.get("/dashboard/", {"from": "2026-01-01", "as_of": "2026-03-31"}))
    assert "全部法院" in page and "选择一个法院后显示各承办法官的指标" in page
    page = text(admin.get("/dashboard/", {"court": "沪0104", "from": "2026-01-01", "as_of": "2026-03-31"}))
    assert "<td>李明</td>" in page
    bad = admin.get("/dashboard/", {"court": "沪9999"})
    assert bad.status_code == 400 and "没有代码为“沪9999”的法院" in text(bad)


def test_chief_home_counts_alerts_escalated_to_them(scene):
    report = run_escalation(web_scene.AS_OF + dt.timedelta(days=10))
    assert (scene.s01.pk, "沪0104", ["XH-CH"]) in report.escalated
    page = text(login("chief").get("/"))
    assert "升级至本人的预警</span><b>1</b><small>其中未读 1" in page


def test_feedback_form_keeps_what_was_entered_and_shows_what_was_given(scene):
    judge = login("judge-a")
    url = f"/alerts/{scene.s01.pk}/feedback/"
    page = text(judge.post(url, {"verdict": "有帮助", "measures": ["冻结"], "money_recovered": "abc"}))
    assert 'value="冻结" checked' in page and 'value="abc"' in page
    judge.post(url, {"verdict": "无帮助", "reason": "数据有误", "measures": ["其他"], "case_closed": "否"})
    page = text(judge.get(f"/alerts/{scene.s01.pk}/"))
    assert 'value="无帮助" required checked' in page
    assert '<option value="数据有误" selected>' in page
    assert 'value="其他" checked' in page and "<option selected>否</option>" in page


def test_administrator_without_staff_row_sees_every_alert(scene, django_user_model):
    django_user_model.objects.create_superuser("root", password=web_scene.PASSWORD)
    admin = login("root")
    assert "系统管理员工作台" in text(admin.get("/"))
    page = text(admin.get("/alerts/"))
    assert "共 2 条预警" in page and "未读 0" in page


def test_unknown_address_gets_a_chinese_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in text(response)


def test_a_form_posted_without_its_security_token_gets_a_chinese_page(scene):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "judge-a", "password": "x"})
    assert response.status_code == 403
    assert "请求未通过安全校验" in text(response)


def test_administrator_inbox_pages_through_every_alert_by_severity_then_newest(scene, django_user_model):
    from zhixing.accounts.permissions import viewer_for
    from zhixing.alerts.models import Alert
    from zhixing.web.queries.inbox import PAGE_SIZE, InboxFilters, inbox

    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for n in range(PAGE_SIZE):
        for severity, hours in (("中", 1000), ("高", 0)):
            Alert.objects.create(
                scenario="S05", dedup_key=f"{severity}{n}", severity=severity, case_nos=[], evidence={},
                as_of=dt.date(2025, 6, 30), raised_at=start + dt.timedelta(hours=hours + n),
                updated_at=start,
            )
    root = django_user_model.objects.create_superuser("root", password=web_scene.PASSWORD)
    viewer = viewer_for(root)
    rank = {"高": 0, "中": 1, "低": 2}
    by_hand = sorted(Alert.objects.all(), key=lambda a: (rank[a.severity], -a.raised_at.timestamp(), -a.pk))
    first = inbox(viewer, InboxFilters())
    assert first.total == len(by_hand) and first.pages == -(-len(by_hand) // PAGE_SIZE)
    assert [row.alert.pk for row in first.rows] == [a.pk for a in by_hand[:PAGE_SIZE]]
    second = inbox(viewer, InboxFilters(page=2))
    assert [row.alert.pk for row in second.rows] == [a.pk for a in by_hand[PAGE_SIZE : 2 * PAGE_SIZE]]
    assert {row.alert.severity for row in second.rows} == {"高", "中"}, "the page crosses from 高 to 中"
    assert inbox(viewer, InboxFilters(page=99)).page == first.pages
    assert text(login("root").get("/alerts/", {"page": "2"})).count("S05") >= PAGE_SIZE - 5


def test_judge_inbox_pages_unread_first_then_severity_then_newest(scene):
    from zhixing.accounts.models import Membership
    from zhixing.accounts.permissions import viewer_for
    from zhixing.alerts.models import Alert, AlertCase
    from zhixing.web.queries.inbox import PAGE_SIZE, InboxFilters, inbox

    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for n in range(PAGE_SIZE):
        for severity, state, hours in (("低", "未读", 0), ("高", "已读", 500), ("高", None, 900), ("中", "未读", 1000)):
            alert = Alert.objects.create(
                scenario="S05", dedup_key=f"{severity}{state}{n}", severity=severity, case_nos=[], evidence={},
                as_of=dt.date(2025, 6, 30), raised_at=start + dt.timedelta(hours=hours + n), updated_at=start,
            )
            if state is None:  # about the judge's case, not addressed to them
                AlertCase.objects.create(alert=alert, case=scene.case_a, label="")
            else:
                AlertRecipient.objects.create(alert=alert, staff_id="XH-J1", reason="judge", state=state)
    viewer = viewer_for(Membership.objects.get(staff_id="XH-J1").user)
    states = dict(AlertRecipient.objects.filter(staff_id="XH-J1").values_list("alert_id", "state"))
    rank = {"高": 0, "中": 1, "低": 2}
    mine = Alert.objects.filter(pk__in=[*states, *AlertCase.objects.filter(case=scene.case_a).values_list("alert_id", flat=True)])
    by_hand = sorted(
        mine, key=lambda a: (states.get(a.pk) != "未读", rank[a.severity], -a.raised_at.timestamp(), -a.pk)
    )
    pages = [inbox(viewer, InboxFilters(page=n)) for n in range(1, 7)]
    assert pages[0].total == len(by_hand) and pages[0].unread == 2 * PAGE_SIZE + 1
    assert [row.alert.pk for p in pages[:5] for row in p.rows] == [a.pk for a in by_hand]
    assert [row.my_state for row in pages[0].rows[:3]] == ["未读"] * 3
    filtered = inbox(viewer, InboxFilters(scenario="S01"))
    assert [row.alert.pk for row in filtered.rows] == [scene.s01.pk] and filtered.unread == 2 * PAGE_SIZE + 1


def test_inbox_court_filter_offers_the_courts_of_the_viewers_alerts(scene):
    from zhixing.accounts.models import Membership
    from zhixing.accounts.permissions import viewer_for
    from zhixing.web.queries.inbox import courts_for_filter

    def courts(staff_id: str) -> list[str]:
        return [c.code for c in courts_for_filter(viewer_for(Membership.objects.get(staff_id=staff_id).user))]

    assert courts("XH-J1") == ["沪0104", "沪0105"]
    assert courts("CN-J2") == ["沪0104", "沪0105"]
    assert courts("CN-J3") == []


def test_case_page_and_s08_agree_on_the_deadline(scene, monkeypatch):
    """Case A (filed 2025-01-06, no extension) is past its limit: the case page says when,
    as the S08 alert does, not "—"."""
    from zhixing.evaluation.scan import run_scan

    monkeypatch.setattr("zhixing.core.clock.today", lambda: web_scene.AS_OF)
    run_scan(web_scene.AS_OF, ["S08"])
    alert = AlertCase.objects.get(case=scene.case_a, alert__scenario="S08").alert
    assert alert.evidence["审限届满日"] == "2025-07-06"
    page = text(login("judge-a").get(f"/cases/{scene.case_a.pk}/"))
    assert "<th>审限届满日</th><td>2025年7月6日（立案之日起六个月） <b class=\"overdue\">已超期 253 天</b>" in page


def test_judge_lists_own_cases_with_filters_and_the_home_tile_links_there(scene):
    judge = login("judge-a")
    home = text(judge.get("/"))
    assert 'href="/cases/?status=在办"' in home
    page = text(judge.get("/cases/"))
    assert "(2025)沪0104执1001号" in page and "(2025)沪0104执1500号" not in page  # 在办 by default
    assert "(2025)沪0105执2002号" not in page  # another judge's case
    closed = text(judge.get("/cases/", {"status": "已结"}))
    assert "(2025)沪0104执1500号" in closed and "(2025)沪0104执1001号" not in closed
    by_party = text(judge.get("/cases/", {"status": "全部", "q": "王建国"}))
    assert "共 2 件" in by_party
    export = judge.get("/cases/export.xlsx", {"status": "全部"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(export.content)).active
    assert sheet["A1"].value == "案号" and {sheet["A2"].value, sheet["A3"].value} == {
        "(2025)沪0104执1001号", "(2025)沪0104执1500号"}


def test_assistant_sees_the_cases_of_the_judge_they_assist(scene):
    from zhixing.accounts.commands import AccountError, assign_assistant, create_user
    from zhixing.cases.models import Staff

    Staff.objects.create(staff_id="XH-A1", court_id=web_scene.XUHUI, name="周助理", role="法官助理")
    create_user("assistant", court_code=web_scene.XUHUI, role="法官助理", staff_id="XH-A1", password=web_scene.PASSWORD)
    assistant = login("assistant")
    assert "(2025)沪0104执1001号" not in text(assistant.get("/cases/"))
    with pytest.raises(AccountError):
        assign_assistant("assistant", "CN-J2")  # a judge of another court
    assign_assistant("assistant", "XH-J1")
    assert "(2025)沪0104执1001号" in text(assistant.get("/cases/"))
    assert assistant.get(f"/cases/{scene.case_a.pk}/").status_code == 200
    assert f"/alerts/{scene.s18.pk}/" in text(assistant.get("/alerts/"))


def test_lookup_names_a_plate_sealed_in_another_judges_case_of_the_same_court(scene):
    from zhixing.cases.models import Staff

    Staff.objects.create(staff_id="XH-J9", court_id=web_scene.XUHUI, name="孙法官", role="执行法官")
    from zhixing.accounts.commands import create_user

    create_user("judge-a2", court_code=web_scene.XUHUI, role="执行法官", staff_id="XH-J9", password=web_scene.PASSWORD)
    colleague = login("judge-a2")
    page = text(colleague.get("/lookup/", {"q": "沪A12345"}))
    assert "(2025)沪0104执1001号</b> · 承办法官 李明 · 查封中" in page
    assert "王建国" not in page and f"/cases/{scene.case_a.pk}/" not in page  # minimum disclosure
    event = AuditEvent.objects.filter(action="lookup").latest("pk")
    assert event.detail["court_plate_cases"] == [scene.case_a.pk]
    other_court = text(login("judge-b").get("/lookup/", {"q": "沪A12345"}))
    assert "(2025)沪0104执1001号" not in other_court


def test_lookup_understands_names_and_partial_case_numbers(scene):
    judge = login("judge-a")
    by_name = text(judge.get("/lookup/", {"q": "王建国"}))
    assert "按当事人名称查询" in by_name and "(2025)沪0104执1001号" in by_name
    partial = text(judge.get("/lookup/", {"q": "执1001"}))
    assert "(2025)沪0104执1001号" in partial and "(2025)沪0104执1500号" not in partial


def test_a_recipient_marks_an_alert_handled_and_a_judge_closes_it(scene):
    judge = login("judge-a")
    assert f"/alerts/{scene.s01.pk}/" in text(judge.get("/alerts/", {"view": "todo"}))
    judge.post(f"/alerts/{scene.s01.pk}/handled/")
    assert AlertRecipient.objects.get(alert=scene.s01, staff_id="XH-J1").state == "已处理"
    assert f"/alerts/{scene.s01.pk}/" not in text(judge.get("/alerts/", {"view": "todo"}))
    assert f"/alerts/{scene.s01.pk}/" in text(judge.get("/alerts/", {"view": "handled"}))
    assert "您已将该预警标记为已处理" in text(judge.get(f"/alerts/{scene.s01.pk}/"))

    refused = judge.post(f"/alerts/{scene.s01.pk}/close/", {"reason": "已扣划到位"})
    assert refused.status_code == 422 and "请先解除暂缓发放" in text(refused)
    judge.post(f"/holds/{scene.hold.pk}/release/", {"reason": "已扣划到位", "confirm": "是"})
    empty = judge.post(f"/alerts/{scene.s01.pk}/close/", {"reason": " "})
    assert empty.status_code == 422 and "关闭理由：关闭预警必须说明理由" in text(empty)
    assert login("chief").post(f"/alerts/{scene.s01.pk}/close/", {"reason": "x"}).status_code == 403
    judge.post(f"/alerts/{scene.s01.pk}/close/", {"reason": "已扣划到位"})
    scene.s01.refresh_from_db()
    assert scene.s01.status == "已关闭" and scene.s01.close_reason == "人工关闭：已扣划到位"
    assert AuditEvent.objects.filter(action="close_alert", object_id=str(scene.s01.pk)).exists()
    closed = text(judge.get("/alerts/", {"status": "已关闭"}))
    assert "共 1 条预警" in closed and f"/alerts/{scene.s01.pk}/" in closed


def test_the_chief_sees_alerts_needing_no_feedback_in_their_own_view(scene):
    chief = login("chief")
    home = text(chief.get("/"))
    assert "仅供知悉的预警" in home
    info = text(chief.get("/alerts/", {"view": "info"}))
    assert f"/alerts/{scene.s18.pk}/" in info and f"/alerts/{scene.s01.pk}/" in info
    assert "共 0 条预警" in text(chief.get("/alerts/", {"view": "todo"}))


def test_inbox_search_sort_and_export(scene):
    judge = login("judge-a")
    found = text(judge.get("/alerts/", {"q": "2002"}))
    assert f"/alerts/{scene.s01.pk}/" in found and f"/alerts/{scene.s18.pk}/" not in found
    oldest_first = text(judge.get("/alerts/", {"sort": "old"}))
    assert oldest_first.index(f"/alerts/{scene.s18.pk}/") < oldest_first.index(f"/alerts/{scene.s01.pk}/")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(judge.get("/alerts/export.xlsx").content)).active
    assert sheet["B1"].value == "场景" and sheet.max_row == 3


def test_api_doors_mark_handled_and_close(scene):
    from zhixing.core.commands import Actor
    from zhixing.tokens.commands import issue_token

    token = issue_token(Actor.command_line(), "judge-a", "test").token
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    handled = client.post(f"/api/alerts/{scene.s18.pk}/handled", **auth)
    assert handled.status_code == 200 and handled.json()["my_state"] == "已处理"
    closed = client.post(f"/api/alerts/{scene.s18.pk}/close", {"reason": "已续封"}, content_type="application/json", **auth)
    assert closed.status_code == 200 and closed.json()["status"] == "已关闭"
    other = issue_token(Actor.command_line(), "judge-other", "test").token
    refused = client.post(f"/api/alerts/{scene.s01.pk}/close", {"reason": "x"}, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {other}")
    assert refused.status_code == 404


def test_a_user_changes_their_password(scene):
    judge = login("judge-a")
    assert "修改密码" in text(judge.get("/password/"))
    wrong = judge.post("/password/", {"current": "nope", "new": "a-new-secret-42", "repeated": "a-new-secret-42"})
    assert wrong.status_code == 422 and "当前密码：当前密码不正确" in text(wrong)
    short = judge.post("/password/", {"current": web_scene.PASSWORD, "new": "123", "repeated": "123"})
    assert short.status_code == 422 and "新密码：" in text(short) and 'name="new"' in text(short)
    done = judge.post("/password/", {"current": web_scene.PASSWORD, "new": "a-new-secret-42", "repeated": "a-new-secret-42"})
    assert "密码已修改" in text(done)
    assert judge.get("/").status_code == 200  # still logged in
    assert Client().login(username="judge-a", password="a-new-secret-42")


def test_the_alert_links_the_party_for_a_viewer_who_may_open_it(scene):
    page = text(login("judge-a").get(f"/alerts/{scene.s01.pk}/"))
    assert f'<a href="/parties/{scene.debtor_identity_id}/">王建国</a>' in page


def test_dashboard_splits_the_feedback_reasons_by_helpful_and_unhelpful(scene):
    login("judge-a").post(f"/alerts/{scene.s01.pk}/feedback/", {"verdict": "有帮助", "reason": "及时暂缓发放"})
    login("judge-b").post(f"/alerts/{scene.s01.pk}/feedback/", {"verdict": "无帮助", "reason": "已掌握该情况"})
    page = text(login("chief").get("/dashboard/", {"from": "2026-01-01", "as_of": "2026-03-31"}))
    helpful = page[page.index('data-verdict="有帮助"'):page.index('data-verdict="无帮助"')]
    unhelpful = page[page.index('data-verdict="无帮助"'):]
    assert "<td>及时暂缓发放</td><td>1</td>" in helpful and "已掌握该情况" not in helpful
    assert "<td>已掌握该情况</td><td>1</td>" in unhelpful.split("</table>")[0]


def test_the_s01_alert_gives_the_b_judges_phone(scene):
    from zhixing.cases.models import Staff

    Staff.objects.filter(pk="CN-J2").update(phone="021-62345678")
    page = text(login("judge-a").get(f"/alerts/{scene.s01.pk}/"))
    assert '陈静 · 电话 <a href="tel:021-62345678">021-62345678</a>' in page


def test_the_administrator_reads_the_audit_log_in_the_browser(scene):
    from zhixing.accounts.commands import create_user

    login("judge-a").get(f"/cases/{scene.case_a.pk}/")
    create_user("root", court_code="沪", role="系统管理员", password=web_scene.PASSWORD)
    admin = login("root")
    page = text(admin.get("/audit/", {"user": "judge-a"}))
    assert "<td>查看案件</td><td>案件 " in page and '<span translate="no">judge-a</span>' in page
    assert "没有符合条件的记录" in text(admin.get("/audit/", {"user": "nobody"}))
    bad = admin.get("/audit/", {"since": "2026-02-30"})
    assert bad.status_code == 400 and "起始日期：不是有效的日期" in text(bad)
    assert login("chief").get("/audit/").status_code == 403


def test_the_administrator_manages_users_in_the_browser(scene):
    from zhixing.accounts.commands import create_user
    from zhixing.accounts.models import Membership

    create_user("root", court_code="沪", role="系统管理员", password=web_scene.PASSWORD)
    admin = login("root")
    assert "judge-a" in text(admin.get("/users/"))
    bad = admin.post("/users/", {"username": "new-judge", "court": "沪9999", "role": "执行法官"})
    assert bad.status_code == 422 and "法院：没有法院代码" in text(bad)
    made = text(admin.post("/users/", {"username": "new-judge", "name": "新法官", "court": "沪0104", "role": "执行法官"}))
    password = made.split('初始密码 <b class="secret" translate="no">')[1].split("</b>")[0]
    assert Client().login(username="new-judge", password=password)
    admin.post("/users/new-judge/", {"court": "沪0104", "role": "法官助理", "staff": ""})
    assert Membership.objects.get(user__username="new-judge").role == "法官助理"
    reset = text(admin.post("/users/new-judge/", {"do": "reset", "confirm": "on"}))
    new_password = reset.split('新密码 <b class="secret" translate="no">')[1].split("</b>")[0]
    assert Client().login(username="new-judge", password=new_password)
    made_by_root = AuditEvent.objects.filter(username="root", object_id="new-judge")
    assert sorted(made_by_root.values_list("action", flat=True)) == ["create_user", "reset_password", "set_membership"]
    assert login("chief").get("/users/").status_code == 403


def test_the_drill_down_and_the_audit_log_export_as_excel(scene):
    from io import BytesIO

    from openpyxl import load_workbook

    from zhixing.accounts.commands import create_user

    create_user("root", court_code="沪", role="系统管理员", password=web_scene.PASSWORD)
    admin = login("root")
    login("judge-a").get(f"/cases/{scene.case_a.pk}/")
    audit = admin.get("/audit/", {"user": "judge-a", "format": "xlsx"})
    assert audit["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(audit.content)).active
    assert [c.value for c in sheet[1]] == ["时间", "操作人", "操作", "对象", "当事人", "地址"]
    assert sheet.max_row >= 2 and sheet[2][2].value == "查看案件"
    drill = admin.get("/dashboard/cases/", {"figure": "closed", "from": "2000-01-01", "format": "xlsx"})
    assert drill.status_code == 200 and drill["Content-Type"].startswith("application/vnd.openxmlformats")
    assert [c.value for c in load_workbook(BytesIO(drill.content)).active[1]][:3] == ["案号", "法院", "承办法官"]


def test_the_party_page_exports_its_cases_as_excel(scene):
    from io import BytesIO

    from openpyxl import load_workbook

    page = login("judge-a").get(f"/parties/{scene.s01.subject_id}/", {"format": "xlsx"})
    assert page.status_code == 200 and page["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(page.content)).active
    assert [c.value for c in sheet[1]][:3] == ["案号", "法院", "地位"] and sheet.max_row >= 3
