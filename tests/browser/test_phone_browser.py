"""Phone-sized screens (390 px, issue 10 §7): the menu folds behind one button, the member list opens on
members with its filters folded, and no page scrolls sideways: wide tables scroll inside their box with a
visible hint. (The to-do list at phone width: test_todo_browser.py.)"""

import re

import pytest
from playwright.sync_api import expect

from dangvu.members.models import Member
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"] + 1, page.url


def test_menu_folds_and_member_list_opens_on_members(page, cast):
    register("Trần Văn Bình", cast.tree.cell_a1)
    register("Lê Thị Bình", cast.tree.cell_a2, sex="female")
    page.set_viewport_size(PHONE)
    login(page, "officer_a", PASSWORD)
    page.goto("/dang-vien/")
    menu = page.locator("#dv-menu")
    expect(menu).to_be_hidden()
    toggle = page.get_by_test_id("menu-toggle")
    expect(toggle).to_contain_text("Đảng viên")  # names the page the user is on
    toggle.click()
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Việc cần làm")).to_be_visible()
    expect(menu).to_have_class(re.compile(r"\bcollapse show\b"))  # the opening has finished
    toggle.click()
    expect(menu).to_be_hidden()
    # the filters are folded; the first screen shows the members
    expect(page.get_by_test_id("filters")).to_be_hidden()
    expect(page.get_by_test_id("members")).to_be_visible()
    page.get_by_test_id("filters-toggle").click()
    expect(page.get_by_test_id("filters")).to_be_visible()
    _no_sideways_scroll(page)
    # the member table is wider than the phone: it scrolls in its box, and says so
    box = page.locator(".table-responsive", has=page.get_by_test_id("members"))
    expect(box).to_have_class("table-responsive is-scrollable")
    expect(page.locator(".table-scroll-hint").first).to_be_visible()
    # with a filter in use, its button counts it
    page.goto("/dang-vien/?sex=female")
    expect(page.get_by_test_id("filters-toggle")).to_contain_text("Bộ lọc (1)")


def test_the_members_home_fits_a_phone(page, cast):
    cuong = register("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=cuong.pk).update(user=cast.member_a1)
    page.set_viewport_size(PHONE)
    login(page, "member_a1", PASSWORD)
    expect(page.get_by_role("heading", name="Hồ sơ của tôi")).to_be_visible()
    _no_sideways_scroll(page)
    expect(page.locator("#dv-menu")).to_be_hidden()


def test_secretary_cell_page_fits_a_phone(page, cast):
    register("Trần Văn Bình", cast.tree.cell_a1)
    page.set_viewport_size(PHONE)
    login(page, "secretary_a1", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chi bộ")  # the secretary's home: "Chi bộ của tôi"
    _no_sideways_scroll(page)
    for url in ("/chi-bo-cua-toi/", f"/to-chuc/{cast.tree.cell_a1.pk}/", f"/to-chuc/{cast.tree.cell_a1.pk}/?tab=committee",
                "/viec-can-lam/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        _no_sideways_scroll(page)
    # on a wide screen the menu is a row of links, no button
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_test_id("menu-toggle")).to_be_hidden()
    expect(page.locator("#dv-menu")).to_be_visible()
