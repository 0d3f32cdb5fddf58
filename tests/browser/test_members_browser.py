"""The officer's day in the register through a real browser: search, open, reveal, edit, read history."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.audit.models import AuditEntry
from dangvu.members.models import Member
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_open_reveal_edit_and_history(page, cast):
    binh = register("Trần Văn Bình", cast.tree.cell_a1, citizen_id="038080123456", workplace="UBND xã An Lạc",
                    admitted=dt.date(2010, 6, 1))
    register("Trần Văn Bảo", cast.tree.cell_a1)
    register("Lê Thị Bình", cast.tree.cell_a2, sex="female")

    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Đảng viên")
    expect(page.locator("[data-testid=member-count]")).to_contain_text("3 đảng viên")

    # Search without diacritics.
    page.fill("input[name=q]", "tran van binh")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("networkidle")
    rows = page.locator("[data-testid=member-row]")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[data-testid=cccd]")).to_have_text("0380******56")
    page.get_by_role("link", name="Trần Văn Bình").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=member-name]")).to_have_text("Trần Văn Bình")

    # The CCCD is masked until "Hiện" (an htmx POST, audited).
    cccd = page.locator("[data-testid=field-citizen_id]")
    expect(cccd).to_contain_text("0380******56")
    cccd.get_by_role("button", name="Hiện").click()
    expect(page.locator("[data-testid=revealed-citizen_id]")).to_have_text("038080123456")
    assert AuditEntry.objects.filter(action="members.reveal", object_id=str(binh.pk), actor=cast.officer_a).count() == 1

    # Edit the workplace.
    page.get_by_role("link", name="Sửa hồ sơ").click()
    page.wait_for_load_state("networkidle")
    page.fill("input[name=workplace]", "Trường Tiểu học An Lạc")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=field-workplace]")).to_have_text("Trường Tiểu học An Lạc")
    binh = Member.objects.get(pk=binh.pk)
    assert binh.workplace == "Trường Tiểu học An Lạc" and binh.citizen_id == "038080123456" and binh.version == 2

    # The change is in "Lịch sử thay đổi", with who made it; the CCCD stays masked there.
    page.get_by_role("link", name="Lịch sử thay đổi").click()
    page.wait_for_load_state("networkidle")
    audit = page.locator("[data-testid=audit-entries]")
    expect(audit).to_contain_text("Nơi làm việc")
    expect(audit).to_contain_text("Trường Tiểu học An Lạc")
    expect(audit).to_contain_text("Nguyễn Văn An (officer_a)")
    assert "038080123456" not in audit.inner_text()


def test_outsider_gets_not_found(page, cast):
    binh = register("Trần Văn Bình", cast.tree.cell_a1)
    login(page, "officer_b", PASSWORD)
    response = page.goto(f"/dang-vien/{binh.pk}/")
    assert response.status == 404
