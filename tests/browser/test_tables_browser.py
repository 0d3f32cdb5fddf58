"""The official tables page in a real browser: from Thống kê the district officer opens "Biểu thống kê" for
2024, reads the hand-counted numbers (tests/statistics/tables_data.py), downloads the XLSX of one table (the
same numbers, "Từ ngày 01/01/2024 đến ngày 31/12/2024"), submits the period, and sees the frozen copy with no difference."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.statistics.tables_data import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.on_date("2025-01-10")]


def _value(page, table: str, code: str):
    return page.locator(f"[data-testid=table-{table}] tr[data-code='{code}'] [data-testid=value]")


def test_tables_page_download_and_submit(page, cast):
    build(cast.tree)
    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Thống kê")
    page.fill("input[name=year]", "2024")
    page.get_by_test_id("show").click()
    page.wait_for_load_state("networkidle")
    page.get_by_test_id("tables-link").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Biểu thống kê cơ bản")
    expect(page.get_by_test_id("tables-heading")).to_contain_text("Đảng bộ huyện An Lạc")
    expect(page.get_by_test_id("tables-heading")).to_contain_text("31/12/2024")
    # Hand-counted: 4 members at the end of 2024 (3 full, 1 probationary), 1 admitted, 1 deceased.
    expect(_value(page, "bieu-2", "members.total").first).to_have_text("4")
    expect(_value(page, "bieu-2", "members.admitted").first).to_have_text("1")
    expect(_value(page, "bieu-2", "members.deceased").first).to_have_text("1")

    # One table only, through the picker.
    page.select_option("select[name=table]", "bieu-2")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("section[data-testid^=table-]")).to_have_count(1)

    with page.expect_download() as info:
        page.get_by_test_id("download-xlsx").click()
    download = info.value
    assert download.suggested_filename == "bieu-thong-ke-99.001-31-12-2024-bieu-2.xlsx"
    with open(download.path(), "rb") as f:
        book = load_workbook(io.BytesIO(f.read()), data_only=True)
    assert len(book.worksheets) == 1
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    texts = " ".join(str(v) for row in rows for v in row if v is not None)
    assert "Từ ngày 01/01/2024 đến ngày 31/12/2024" in texts
    assert "Đảng bộ huyện An Lạc" in texts
    deceased = next(row for row in rows if "Đảng viên từ trần" in row)
    admitted = next(row for row in rows if "Kết nạp đảng viên mới" in row)
    assert 1 in deceased and 1 in admitted  # the page's numbers

    page.get_by_test_id("submit-period").click()
    page.wait_for_load_state("networkidle")
    page.fill("textarea[name=note]", "Gửi Ban Tổ chức Tỉnh ủy")
    page.get_by_role("button", name="Nộp và khóa số liệu").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("no-differences")).to_be_visible()
    page.goto("/thong-ke/bieu-mau/?year=2024")
    expect(page.get_by_test_id("submitted-banner")).to_contain_text("Kỳ này đã được nộp")
    expect(page.get_by_test_id("submit-period")).to_have_count(0)
    expect(_value(page, "bieu-2", "members.total").first).to_have_text("4")
