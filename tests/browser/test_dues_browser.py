"""The cell secretary records the month's dues for the whole cell from the keyboard: a bad row is
reported and nothing is saved, corrected, then the whole month is saved at once."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from dangvu.dues.models import DuesPayment
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dues import member_with_basis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_records_the_month_for_the_whole_cell(page, cast):
    an = member_with_basis("Nguyễn Văn An", cast.tree.cell_a1)  # 1% × 8.000.000
    be = member_with_basis("Trần Thị Bê", cast.tree.cell_a1, category="student")
    member_with_basis("Phạm Văn Bắc", cast.tree.cell_b1)  # another district: not on the page

    login(page, "secretary_a1", PASSWORD)
    page.goto(f"/dang-phi/chi-bo/{cast.tree.cell_a1.pk}/2026/12/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thu đảng phí tháng 12/2026")
    rows = page.locator("[data-testid=member-row]")
    expect(rows).to_have_count(2)
    expect(page.locator("[data-testid=month-table]")).not_to_contain_text("Phạm Văn Bắc")
    row_an = page.locator(f"[data-testid=member-row][data-member='{an.pk}']")
    row_be = page.locator(f"[data-testid=member-row][data-member='{be.pk}']")
    expect(row_an.locator("[data-testid=amount]")).to_have_value("80.000")
    expect(row_be.locator("[data-testid=amount]")).to_have_value("5.000")

    # Keyboard: on the first box (Bê, by given name) Space ticks it; Tab goes to the amount.
    row_be.locator("[data-testid=paid-box]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(row_be.locator("[data-testid=amount]")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("-5000")
    row_an.locator("[data-testid=paid-box]").focus()
    page.keyboard.press("Space")
    row_an.locator("[data-testid=amount]").press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=entry-errors]")).to_contain_text("Trần Thị Bê, tháng 12/2026: số tiền đảng phí không được âm.")
    assert not DuesPayment.objects.exists()

    row_be.locator("[data-testid=amount]").fill("5.000")
    row_be.locator("[data-testid=extra]").fill("20.000")
    row_be.locator("[data-testid=amount]").press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận đảng phí tháng 12/2026 của 2 đảng viên.")
    expect(page.locator("[data-testid=paid-cell]")).to_have_count(2)
    expect(page.locator("[data-testid=month-totals]")).to_contain_text("Phải thu 85.000 đ · đã thu 85.000 đ · còn nợ 0 đ")
    paid = {p.member_id: (p.amount, p.extra, p.paid_on) for p in DuesPayment.objects.all()}
    assert paid == {an.pk: (Decimal(80_000), Decimal(0), dt.date(2026, 12, 3)),
                    be.pk: (Decimal(5_000), Decimal(20_000), dt.date(2026, 12, 3))}
