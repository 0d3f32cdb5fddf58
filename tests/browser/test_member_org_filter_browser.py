"""The member list's "Thuộc tổ chức" search box in a real browser (org_filter.js, no library, no CDN)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_type_pick_and_filter(page, cast):
    register("Trần Văn An", cast.tree.cell_a1)
    register("Lê Thị Bình", cast.tree.cell_a2, sex="female")
    login(page, "officer_a", PASSWORD)
    page.goto("/dang-vien/")
    box = page.locator("[data-testid=organization-search]")
    expect(box).to_be_visible()
    expect(page.locator("input[name=organization]")).to_be_hidden()  # the id travels in a hidden field now

    box.fill("thon tay")  # no diacritics
    option = page.get_by_role("option", name="Chi bộ thôn Tây")
    expect(option).to_be_visible()
    option.click()
    expect(box).to_have_value("Chi bộ thôn Tây")
    assert page.locator("input[name=organization]").input_value() == str(cast.tree.cell_a2.pk)
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=member-row]")).to_have_count(1)
    expect(page.locator("[data-testid=member-row]").first).to_contain_text("Lê Thị Bình")
    expect(page.locator("[data-testid=organization-search]")).to_have_value("Chi bộ thôn Tây")  # named after reload

    # Keyboard: arrow down to the first match, Enter picks it without submitting the form.
    box = page.locator("[data-testid=organization-search]")
    box.fill("")
    box.press_sequentially("dong")
    expect(page.get_by_role("option", name="Chi bộ thôn Đông")).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Chi bộ thôn Đông")
    assert page.locator("input[name=organization]").input_value() == str(cast.tree.cell_a1.pk)


def test_other_district_is_not_offered(page, cast):
    login(page, "officer_b", PASSWORD)
    page.goto("/dang-vien/")
    page.locator("[data-testid=organization-search]").fill("thon tay")
    expect(page.get_by_text("Không có tổ chức nào phù hợp.")).to_be_visible()
    expect(page.locator("#id_organization_options [role=option]")).to_have_count(0)
