"""Playwright driving Debian's chromium (never `playwright install`)."""

import os
import re

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it when run as root)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_official_lists(official_lists):
    """Browser tests run in transactional databases: the official lists are put back (tests/conftest.py)."""


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []  # what the Content-Security-Policy blocked (dangvu/core/security.py): nothing may be
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    yield page
    context.close()
    assert refused == [], refused


def login(page, username, password):
    page.goto("/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def open_menu_entry(page, name):
    """Click the menu entry `name` as a user does: unfold the menu on a phone, open its group (issue 10 §8)."""
    menu = page.locator("#dv-menu")
    toggle = page.get_by_test_id("menu-toggle")
    if toggle.is_visible() and not menu.is_visible():
        toggle.click()
        menu.locator(".nav-item").first.wait_for(state="visible")
    text = re.compile(rf"^\s*{re.escape(name)}\s*$")
    link = menu.locator("a", has_text=text)
    if not link.is_visible():  # in a closed group
        menu.locator("li.dropdown").filter(has=page.locator("a", has_text=text)).locator("button").click()
    link.click()
    page.wait_for_load_state("networkidle")
