"""Browser tests: Python playwright driving Debian's chromium against pytest-django's live server."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def require(env_flag: str, what: str, why: str) -> None:
    """tests/conftest.require, loaded by path: this file is also named conftest."""
    spec = importlib.util.spec_from_file_location("zhixing_tests_conftest", Path(__file__).parents[1] / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.require(env_flag, what, why)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
from browsing import DESKTOP  # noqa: E402


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        require("ZHIXING_REQUIRE_BROWSER", "chromium", f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("ZHIXING_REQUIRE_BROWSER", "playwright", "the playwright Python package is not installed")
    # playwright's sync API keeps an event loop running in this thread while the browser is
    # open; the tests' own ORM calls stay plain synchronous calls between page actions.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


class Session:
    """One browser context: refuses every request that is not to the live server, and
    records what the Content-Security-Policy blocked."""

    def __init__(self, browser, base_url: str, viewport: dict):
        self.context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=base_url)
        self.outside: list[str] = []
        self.blocked: list[str] = []
        self.context.route("**/*", self._only_local(base_url))
        self.page = self.context.new_page()
        self.page.on("console", self._csp_violation)

    def _csp_violation(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.blocked.append(message.text)

    def _only_local(self, base_url: str):
        def handle(route):
            url = route.request.url
            if url.startswith(base_url):
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        return handle

    def login(self, username: str, password: str) -> None:
        self.page.goto("/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_url("**/")

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def session_for(chromium, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    opened: list[Session] = []

    def open_session(viewport: dict = DESKTOP) -> Session:
        session = Session(chromium, live_server.url, viewport)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        assert session.outside == [], f"pages asked for outside addresses: {session.outside}"
        assert session.blocked == [], f"the Content-Security-Policy blocked: {session.blocked}"
        session.context.close()
