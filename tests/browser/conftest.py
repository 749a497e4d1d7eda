"""Browser tests drive Debian's Chromium through Playwright for Python against pytest-django's
live server. They skip, saying why, where no Chromium is installed (`make test` installs it where
it can).

A browser test types one address, the login page's (the `login` fixture, again for each person who
logs in); after that it reaches every page by clicking links and buttons as a person does."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run browser tests"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def shot(page):
    """Save a screenshot under test-artifacts/ to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, target=None):
        (target or page).screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def login(page, live_server):
    """Log in through the login page: the one address a browser test types. Everything after it is
    reached by clicking, as a person does (see `nav`). `on` is another tab (default: the test's page)."""

    def do(username: str, password: str = "pass12345", on=None):
        tab = on or page
        tab.context.clear_cookies()
        tab.goto(f"{live_server.url}/login/")
        tab.get_by_label("用户名").fill(username)
        tab.get_by_label("密码").fill(password)
        tab.get_by_role("button", name="登录").click()
        tab.get_by_test_id("whoami").wait_for(state="attached")  # logged in (hidden in a folded nav)

    return do


@pytest.fixture
def nav(page):
    """Click a link of the nav bar (我的工作, 待我审核, 进展报告, 工作要点, 总览) and wait for its page."""

    def click(name: str, on=None):
        tab = on or page
        link = tab.get_by_role("navigation", name="主导航").get_by_role("link", name=name, exact=True)
        href = link.get_attribute("href")
        link.click()
        tab.wait_for_url(f"**{href}")

    return click
