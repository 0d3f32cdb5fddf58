"""The district officer lands on the dashboard, sees a chart drawn and the key figure, follows a figure to
its drill-down URL, and opens the targets table from the dashboard's targets panel."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from dangvu.targets import services as targets
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


def test_dashboard_charts_drill_down_and_targets(page, cast):
    t = cast.tree
    register("Nguyễn Văn Một", t.cell_a1, admitted=D(2012, 6, 1))
    register("Trần Thị Hai", t.cell_a2, sex="female", admitted=D(2018, 6, 1))
    register("Lê Văn Ba", t.cell_a2, admitted=D(2026, 3, 2), full=False)
    register("Hoàng Văn Sáu", t.cell_b1, admitted=D(2020, 8, 1))  # district B: not counted
    targets.create_target(by=cast.officer_a, organization=t.district_a, plan_kind="yearly", source="Kế hoạch năm 2026",
                          period_start=D(2026, 1, 1), period_end=D(2026, 12, 31), number="1",
                          text="Kết nạp ít nhất 1 đảng viên", comparison="gte", threshold=Decimal(1), measure="figure",
                          figure_code="members.admitted")

    login(page, "officer_a", PASSWORD)
    page.goto("/")
    page.wait_for_load_state("networkidle")
    expect(page).to_have_url(f"{page.url.split('/tong-quan/')[0]}/tong-quan/")
    expect(page.get_by_test_id("dashboard-org")).to_have_text("Đảng bộ huyện An Lạc")
    total = page.locator("[data-testid=key-figure][data-code='members.total'] [data-testid=key-figure-value]")
    expect(total).to_have_text("3")
    # The to-do count arrives after the page (fetched from /tong-quan/viec-can-lam/): a number, not "…".
    todo = page.get_by_test_id("todo-count-value")
    expect(todo).to_have_text(re.compile(r"^\d[\d.]*$"))
    expect(todo).not_to_have_attribute("aria-busy", "true")
    # Chart.js drew the charts (the script marks each canvas it drew; a drawn canvas has pixels).
    canvas = page.locator("canvas[data-chart=by_organization]")
    expect(canvas).to_have_attribute("data-rendered", "1")
    assert page.evaluate("() => !!window.Chart && Chart.getChart(document.querySelector('canvas[data-chart=age]')) !== undefined")
    expect(page.get_by_test_id("targets-headline")).to_have_text("1/1 chỉ tiêu đạt và vượt")

    href = total.get_attribute("href")
    assert href == f"/thong-ke/chi-tieu/members.total/?organization={t.district_a.pk}&year=2026"
    total.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(href)  # the statistics app's drill-down page (built on another branch)

    page.go_back()
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("targets-headline").get_by_role("link").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chỉ tiêu nghị quyết, kế hoạch")
    expect(page.get_by_test_id("target-row")).to_have_count(1)
    expect(page.get_by_test_id("targets-table")).to_contain_text("Kết nạp ít nhất 1 đảng viên")
    expect(page.get_by_test_id("target-row")).to_have_attribute("data-status", "met")
