"""The grouped menu (issue 10 §8) on a desktop and at phone width (390 px): dropdowns that open with the mouse and
the keyboard, say whether they are open, close with Escape, and on a phone open in place inside the folded menu."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_grouped_menu_on_a_desktop(page, cast):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "officer_a", PASSWORD)
    page.goto("/viec-can-lam/")
    group = page.get_by_test_id("menu-group-organization")
    button = group.get_by_role("button", name="Tổ chức & đảng viên")
    entry = group.get_by_role("link", name="Kết nạp", exact=True)
    expect(entry).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(entry).to_be_visible()
    page.keyboard.press("Escape")  # closes, focus back on the button
    expect(entry).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")  # the keyboard opens it too
    expect(entry).to_be_visible()
    entry.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/ket-nap/")
    # the group of the current page is marked; its entry says it is the current page
    expect(page.get_by_test_id("menu-group-organization").locator("button")).to_have_class(re.compile(r"\bactive\b"))
    expect(page.get_by_test_id("menu-group-organization").locator("a[aria-current=page]")).to_have_text("Kết nạp")
    # the bar fits on one line of a desktop screen
    box = page.locator("#dv-menu").bounding_box()
    assert box["height"] < 60, box


def test_grouped_menu_at_phone_width(page, cast):
    page.set_viewport_size(PHONE)
    login(page, "officer_a", PASSWORD)
    page.goto("/viec-can-lam/")
    page.get_by_test_id("menu-toggle").click()
    menu = page.locator("#dv-menu")
    expect(menu).to_have_class(re.compile(r"\bcollapse show\b"))
    group = page.get_by_test_id("menu-group-cell_life")
    button = group.get_by_role("button", name="Sinh hoạt & đảng phí")
    button.click()
    entry = group.get_by_role("link", name="Đảng phí", exact=True)
    expect(entry).to_be_visible()
    # the group opens in place: its entries sit under its button, inside the screen, and push the next group down
    below = page.get_by_test_id("menu-group-review").bounding_box()
    entry_box, button_box = entry.bounding_box(), button.bounding_box()
    assert button_box["y"] < entry_box["y"] < below["y"], (button_box, entry_box, below)
    assert entry_box["x"] >= 0 and entry_box["x"] + entry_box["width"] <= PHONE["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1
    entry.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/dang-phi/")
    expect(page.get_by_test_id("menu-toggle")).to_contain_text("Đảng phí")


def test_a_member_sees_no_officer_group(page, cast):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(page, "member_a1", PASSWORD)
    menu = page.locator("#dv-menu")
    expect(menu.locator(".dropdown")).to_have_count(1)  # "Hệ thống": the rules and their own jobs
    for officer_group in ("organization", "cell_life", "review", "learning", "reports"):
        expect(page.get_by_test_id(f"menu-group-{officer_group}")).to_have_count(0)
