"""An officer opens the badges due for 2/9/2026, records an award, and the member leaves the list."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.audit.models import AuditEntry
from dangvu.awards.models import BadgeAward
from tests.awards import admitted_on
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_badges_due_record_award_and_leave_the_list(page, cast):
    binh = admitted_on("Trần Văn Bình", cast.tree.cell_a1, dt.date(1996, 9, 2))  # 30 years on 2/9/2026
    admitted_on("Lê Thị Hoa", cast.tree.cell_a2, dt.date(1986, 8, 1), sex="female")  # 40 years on 1/8/2026
    admitted_on("Đỗ Văn Sau", cast.tree.cell_a1, dt.date(1996, 9, 3))  # 30 years the day after: 7/11/2026
    admitted_on("Phạm Văn Cường", cast.tree.cell_b1, dt.date(1996, 5, 1))  # district B: not officer_a's

    login(page, "officer_a", PASSWORD)
    page.goto("/huy-hieu/")
    page.fill("input[name=presentation_on]", "02/09/2026")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Xem", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("dịp 02/09/2026")
    rows = page.locator("[data-testid=due-row]")
    expect(rows).to_have_count(2)
    expect(page.locator("[data-testid=due-table]")).to_contain_text("Trần Văn Bình")
    expect(page.locator("[data-testid=due-table]")).to_contain_text("Lê Thị Hoa")
    expect(page.locator("[data-testid=due-table]")).not_to_contain_text("Đỗ Văn Sau")
    expect(page.locator("[data-testid=due-table]")).not_to_contain_text("Phạm Văn Cường")

    row = page.locator(f"[data-testid=due-row][data-member='{binh.pk}']")
    expect(row.locator("[data-testid=milestone]")).to_have_text("30 năm")
    row.locator("[data-testid=record-award]").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ghi nhận tặng Huy hiệu Đảng")
    expect(page.locator("select[name=milestone]")).to_have_value("30")
    expect(page.locator("input[name=presentation_on]")).to_have_value("02/09/2026")
    page.fill("input[name=decision_number]", "125-QĐ/HU")
    page.fill("input[name=decision_date]", "20/08/2026")
    page.keyboard.press("Escape")
    page.fill("input[name=badge_number]", "301234")
    page.get_by_role("button", name="Ghi nhận", exact=True).click()
    page.wait_for_load_state("networkidle")

    # Back on the list for 2/9/2026: Bình is gone, Hoa remains.
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận Huy hiệu 30 năm tuổi Đảng cho Trần Văn Bình")
    expect(page.get_by_role("heading", level=1)).to_contain_text("dịp 02/09/2026")
    expect(rows).to_have_count(1)
    expect(page.locator("[data-testid=due-table]")).not_to_contain_text("Trần Văn Bình")
    expect(page.locator("[data-testid=due-table]")).to_contain_text("Lê Thị Hoa")

    award = BadgeAward.objects.get(member=binh)
    assert (award.milestone, award.presentation_on, award.decision_number, award.badge_number) == (
        30, dt.date(2026, 9, 2), "125-QĐ/HU", "301234")
    assert AuditEntry.objects.filter(action="awards.badge", object_id=str(binh.pk), actor=cast.officer_a).count() == 1
