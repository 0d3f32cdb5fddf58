"""Quality of a meeting (G7) and dues amounts through a real browser: the secretary of cell A1 scores a meeting held on
the province's sheet (a score over the criterion's points refused on its field, then saved); the officer of district A
sees the quality figures and the amount of dues collected on the statistics page."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from dangvu.accounts.system import SYSTEM
from dangvu.dues import services as dues
from dangvu.meetings import selectors, services
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dues import member_with_basis
from tests.meetings.conftest import cell  # noqa: F401  (the fixture: cell A1 and its members)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D, T = dt.date, dt.time


def _figure(page, code):
    return page.locator(f"[data-testid=figure][data-code='{code}']").get_by_test_id("figure-value")


def test_secretary_scores_a_meeting_and_the_officer_sees_quality_and_amounts(page, cast, cell):  # noqa: F811
    meeting = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 2), starts_at=T(8, 0))
    rows = [(e.member_id, "excused" if e.optional else "present", "Theo quy định" if e.optional else "")
            for e in selectors.expected(cell.cell, meeting.date)]
    services.record_held(by=SYSTEM, meeting=meeting, ends_at=T(10, 0), attendance=rows)
    payer = member_with_basis("Lý Văn Tài", cell.cell)  # 80.000 đ a month
    dues.record_payment(by=SYSTEM, member=payer, months=[D(2026, 10, 1), D(2026, 11, 1)], paid_on=D(2026, 11, 5),
                        extra=Decimal(20_000))

    login(page, "secretary_a1", PASSWORD)
    page.goto(f"/sinh-hoat-chi-bo/{meeting.pk}/")
    form = page.get_by_test_id("quality-form")
    for key, _, most in services.quality_sheet(meeting):
        form.locator(f"input[name=quality_{key}]").fill(str(most))
    form.locator("input[name=quality_procedure]").fill("7")
    form.get_by_test_id("quality-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("error-quality_procedure")).to_contain_text("điểm từ 0 đến 5, không phải 7")
    form = page.get_by_test_id("quality-form")
    form.locator("input[name=quality_procedure]").fill("5")
    form.locator("input[name=quality_content]").fill("20")
    form.get_by_test_id("quality-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("meeting-quality")).to_have_text("Tổng điểm: 95, xếp loại tốt.")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")

    login(page, "officer_a", PASSWORD)
    page.goto("/thong-ke/")
    page.fill("input[name=year]", "2026")
    page.get_by_test_id("show").click()
    page.wait_for_load_state("networkidle")
    expect(_figure(page, "meetings.quality.scored")).to_have_text("1")
    expect(_figure(page, "meetings.quality.good")).to_have_text("1")
    expect(_figure(page, "dues.amount.collected")).to_have_text("180.000")
    expect(_figure(page, "dues.amount.voluntary")).to_have_text("20.000")
