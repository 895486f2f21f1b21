"""Every main page, for every role, on scanned demo data, shows Chinese only: no English word,
no internal token (judge(A), disburse_days, staff ids), no ISO date in the visible text.

Allowed: case numbers, amounts, masked ID numbers, plates, scenario codes (S01), court
codes inside case numbers: none of them has an ASCII word of three letters or more."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from zhixing.accounts.commands import DEMO_COURT, ensure_demo_users
from zhixing.alerts.models import Alert, AlertCase, AlertRecipient
from zhixing.demo.generator import generate
from zhixing.demo.reading import batch_folders
from zhixing.evaluation.scan import run_scan
from zhixing.exchange.commands.batches import import_batch

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2025, 6, 30)
ENGLISH = re.compile(r"[A-Za-z_]{3,}")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
STAFF_ID = re.compile(r"沪\d{2,4}-[A-Z]\d{3}")
INTERNAL_ID = re.compile(r"\b[A-Z]{1,3}\d{6,}\b")  # CK00001614206: a source system's row id
COURT_CODE = re.compile(r"(?<![)）])沪\d{2,4}(?![\d-]|执|破|民|刑|财|恢)")  # not inside a case number
PARTY_LETTER = re.compile(r"为P|向P|P的|P在|当事人P")
# Words a Chinese court user reads as they are.
ALLOWED = {"API"}


class VisibleText(HTMLParser):
    """The text a reader sees: element text and the attributes read aloud or shown."""

    SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0
        self._stack: list[str] = []

    VOID = ("input", "br", "img", "meta", "link", "hr")

    def handle_starttag(self, tag, attrs):
        if ("translate", "no") in attrs:  # an identifier shown as typed (a username, a staff id)
            if tag not in self.VOID:
                self._hidden += 1
                self._stack.append(tag)
            return
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in self.SHOWN_ATTRIBUTES and value:
                self.parts.append(value)
            # a date input shows its ISO value in the reader's own form
            shown_value = ("type", "hidden") not in attrs and ("type", "date") not in attrs
            if tag == "input" and name == "value" and value and shown_value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if self._stack and tag == self._stack[-1]:
            self._stack.pop()
            self._hidden -= 1
        elif tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def problems(text: str) -> list[str]:
    found = [w for w in ENGLISH.findall(text) if w not in ALLOWED]
    found += ISO_DATE.findall(text) + STAFF_ID.findall(text) + INTERNAL_ID.findall(text)
    found += PARTY_LETTER.findall(text) + COURT_CODE.findall(text)
    return sorted(set(found))


@pytest.fixture
def demo_world(tmp_path):
    root = tmp_path / "data"
    generate(root, 600, seed=9, as_of=AS_OF)
    for folder in batch_folders(root):
        import_batch(folder)
    run_scan(AS_OF)
    return ensure_demo_users(DEMO_COURT, reset=True)


def pages_for(client: Client) -> list[str]:
    urls = ["/", "/alerts/", "/scenarios/", "/lookup/", "/lookup/?q=张", "/dashboard/",
            "/dashboard/?from=2025-01-01&as_of=2025-06-30", "/cases/",
            "/dashboard/?from=2025-13-01", "/dashboard/?court=XX", "/dashboard/cases/?figure=nothing",
            "/password/", "/audit/", "/users/", "/users/demo-judge/", "/alerts/?view=info", "/alerts/?view=todo&sort=old", "/lookup/?q=执1", "/cases/?status=全部",
            "/dashboard/?from=2025-06-30&as_of=2025-01-01"]
    home = client.get("/alerts/?page=1")
    ids = sorted(set(int(n) for n in re.findall(r'href="/alerts/(\d+)/"', home.content.decode())))
    seen_scenarios: set[str] = set()
    for alert in Alert.objects.filter(pk__in=ids).order_by("scenario", "pk"):
        if alert.scenario in seen_scenarios:
            continue
        seen_scenarios.add(alert.scenario)
        urls.append(f"/alerts/{alert.pk}/")
        for case_id in AlertCase.objects.filter(alert=alert).values_list("case_id", flat=True)[:1]:
            urls.append(f"/cases/{case_id}/")
        if alert.subject_id:
            urls.append(f"/parties/{alert.subject_id}/")
    return urls


def test_every_main_page_for_every_role_is_chinese(demo_world):
    assert AlertRecipient.objects.exists()
    from zhixing.accounts.models import Membership

    judge = Membership.objects.get(user__username="demo-judge")
    assert Membership.objects.get(user__username="demo-assistant").assists_id == judge.staff_id  # pages not empty
    from zhixing.cases.models import Staff

    assert Staff.objects.get(pk=judge.staff_id).phone.startswith("021-")  # imported with the staff rows
    offending: dict[str, list[str]] = {}
    for user in demo_world:
        client = Client()
        client.force_login(get_user_model().objects.get(username=user.username))
        for url in pages_for(client):
            response = client.get(url)
            if response.status_code == 302:
                continue  # a role's home elsewhere (the scenario administrator's is the catalogue)
            # 403/404: not this role's page; the refusal is read like any other page
            assert response.status_code in (200, 400, 403, 404), (user.role, url, response.status_code)
            found = problems(visible(response.content.decode()))
            if found:
                offending[f"{user.role} {url}"] = found
    assert offending == {}, "\n".join(f"{where}: {words}" for where, words in offending.items())


def test_every_catalogue_parameter_has_a_chinese_label():
    from zhixing.scenarios.registry import REGISTRY

    for scenario in REGISTRY.all():
        for param in scenario.params:
            assert param.label != param.name and not ENGLISH.search(param.label), (scenario.code, param.name)


@pytest.mark.parametrize(("handler", "title"), [
    ("bad_request", "请求有误"), ("permission_denied", "无权访问"), ("page_not_found", "页面不存在"),
    ("server_error", "系统错误"), ("csrf_failure", "请求未通过安全校验"),
])
def test_every_error_page_is_chinese(rf, handler, title):
    from django.core.exceptions import PermissionDenied, SuspiciousOperation
    from django.http import Http404
    from django.views import csrf, defaults

    request = rf.get("/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    if handler == "csrf_failure":
        response = csrf.csrf_failure(request, reason="CSRF cookie not set.")
    elif handler == "server_error":
        response = defaults.server_error(request)
    else:
        error = {"bad_request": SuspiciousOperation, "permission_denied": PermissionDenied, "page_not_found": Http404}
        response = getattr(defaults, handler)(request, error[handler]("internal detail"))
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    assert problems(visible(page)) == [], problems(visible(page))
    assert 'style="' not in page  # no inline style under the content security policy
