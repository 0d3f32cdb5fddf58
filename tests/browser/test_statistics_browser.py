"""An officer opens Thống kê, picks 2024, clicks a figure and sees the list behind it, as many rows
as the figure says."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.statistics.conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def data(cast):
    return build(cast)  # the small data set of the statistics tests


def test_statistics_year_figure_and_drill_down(page, data):
    login(page, "officer_a", PASSWORD)
    page.goto("/")
    open_menu_entry(page, "Thống kê")
    page.wait_for_load_state("networkidle")
    page.fill("input[name=year]", "2024")
    page.get_by_test_id("show").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("window")).to_contain_text("năm 2024")
    row = page.locator("[data-testid=figure][data-code='members.by_sex.female']")
    expect(row.get_by_test_id("figure-value")).to_have_text("3")
    row.get_by_test_id("figure-value").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("drill-count")).to_have_text("3")
    expect(page.locator("[data-testid=drill-row]")).to_have_count(3)
    expect(page.get_by_test_id("drill-rows")).to_contain_text("Vũ Thị Sáu")
