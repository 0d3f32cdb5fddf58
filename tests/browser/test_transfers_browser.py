"""The handshake of an official transfer through a real browser: the officer of district A issues
the introduction letter to a cell of district B; the officer of district B sees it among the
incoming letters, confirms receipt, and the member is then in B's cell."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.members.models import Member
from dangvu.transfers.models import TransferLetter
from tests.browser.conftest import login
from tests.clock import TODAY
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_official_transfer_from_district_a_to_district_b(page, cast):
    binh = register("Trần Văn Bình", cast.tree.cell_a1, admitted=dt.date(2012, 6, 1))
    register("Trần Văn Bảo", cast.tree.cell_a2)

    # District A issues the letter.
    login(page, "officer_a", PASSWORD)
    page.goto("/chuyen-sinh-hoat/")
    page.locator("[data-testid=issue-link]").click()
    page.wait_for_load_state("networkidle")
    page.fill("[data-testid=member-search] input[name=q]", "tran van binh")
    page.get_by_role("button", name="Tìm").click()
    page.wait_for_load_state("networkidle")
    results = page.locator("[data-testid=member-results] li")
    expect(results).to_have_count(1)
    results.first.get_by_role("link", name="Chọn").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=issue-form]")
    form.locator("select[name=kind]").select_option("official")
    form.locator("input[name=number]").fill("15-GGT/HU")
    form.locator("input[name=destination]").fill("99.002.001.000.001")
    form.locator("input[name=basis]").fill("Quyết định số 45/QĐ-UBND điều động công tác")
    form.locator("input[name=basis_date]").fill((TODAY - dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    page.keyboard.press("Escape")
    form.locator("input[name=self_review]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=letter-status]")).to_have_text("Đã cấp, chờ tiếp nhận")
    expect(page.locator("[data-testid=letter-destination]")).to_have_text("Chi bộ thôn Bắc")
    expect(page.locator("[data-testid=receive-link]")).to_have_count(0)  # the issuer cannot confirm it
    letter = TransferLetter.objects.get()
    assert Member.objects.get(pk=binh.pk).organization == cast.tree.cell_a1
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")

    # District B sees it among the incoming letters and confirms receipt.
    login(page, "officer_b", PASSWORD)
    page.goto("/chuyen-sinh-hoat/")
    page.locator("[data-testid=tab-incoming]").click()
    page.wait_for_load_state("networkidle")
    assert "direction=incoming" in page.url  # the API's parameter: /api/transfers/?direction=incoming
    row = page.locator(f"[data-testid=letter-row][data-letter='{letter.pk}']")
    expect(row).to_contain_text("Trần Văn Bình")
    expect(row).to_contain_text("Chi bộ thôn Đông")
    row.get_by_role("link", name="15-GGT/HU").click()
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid=receive-link]").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=form-page]")
    expect(form.locator("select[name=receiving_cell] option:checked")).to_contain_text("Chi bộ thôn Bắc")
    form.get_by_role("button", name="Xác nhận tiếp nhận").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=letter-status]")).to_have_text("Đã tiếp nhận")
    expect(page.locator("[data-testid=received]")).to_contain_text("Chi bộ thôn Bắc")

    # The member is now in B's cell: on the register's page and in its list.
    page.locator("[data-testid=letter-member] a").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=member-cell]")).to_have_text("Chi bộ thôn Bắc")
    page.goto(f"/dang-vien/?organization={cast.tree.cell_b1.pk}")
    expect(page.locator("[data-testid=member-row]")).to_contain_text(["Trần Văn Bình"])
    assert Member.objects.get(pk=binh.pk).organization == cast.tree.cell_b1
