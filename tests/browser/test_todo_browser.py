"""An officer works through the to-do list: groups with counts, a filter by kind, an item marked as handled
elsewhere with a reason and brought back; the list fits a phone's width (its tables scroll inside)."""

import pytest
from playwright.sync_api import expect

from dangvu.core import todo
from dangvu.todo.models import HandledItem
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def provider(monkeypatch):
    monkeypatch.setattr(todo, "TODO_PROVIDERS", [*todo.TODO_PROVIDERS, "tests.todo.provider"])


def test_officer_filters_marks_handled_and_brings_back(page, cast):
    login(page, "officer_a", PASSWORD)
    page.goto("/viec-can-lam/")
    groups = page.locator("[data-testid=todo-group]")
    expect(groups).to_have_count(3)
    assert [groups.nth(i).get_attribute("data-category") for i in range(3)] == ["check", "later", "waiting"]
    expect(page.locator("#g-check [data-testid=todo-group-count]")).to_have_text("3")

    page.select_option("#f-kind", "later")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("[data-testid=todo-item]")).to_have_count(2)

    page.select_option("#f-kind", "")
    page.get_by_role("button", name="Xem").click()
    first = page.locator("#g-check [data-testid=todo-item]").first
    title = first.locator("td a").first.inner_text()
    first.get_by_test_id("todo-mark").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đánh dấu việc đã xử lý ở nơi khác")
    page.get_by_role("button", name="Đánh dấu đã xử lý").click()
    expect(page.get_by_test_id("error-reason")).to_contain_text("Lý do: bắt buộc nhập")
    page.fill("textarea[name=reason]", "Đã báo cáo bằng văn bản số 12-BC/ĐU")
    page.get_by_role("button", name="Đánh dấu đã xử lý").click()
    expect(page.locator("#g-check [data-testid=todo-group-count]")).to_have_text("2")
    expect(page.locator("[data-testid=todo-item] td a", has_text=title)).to_have_count(0)
    assert HandledItem.objects.open().get().reason == "Đã báo cáo bằng văn bản số 12-BC/ĐU"

    page.check("#f-handled")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("todo-handled")).to_contain_text("Đã báo cáo bằng văn bản số 12-BC/ĐU")
    page.get_by_test_id("todo-reopen").click()
    expect(page.locator("#g-check [data-testid=todo-group-count]")).to_have_text("3")
    assert not HandledItem.objects.open().exists()


def test_the_list_fits_a_phone(page, cast):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "officer_a", PASSWORD)
    page.goto("/viec-can-lam/")
    expect(page.locator("[data-testid=todo-group]")).to_have_count(3)
    # the page itself does not scroll sideways: wide tables scroll inside their own box
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert page.locator("#g-check .table-responsive").count() == 1
