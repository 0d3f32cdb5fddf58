"""An officer opens "Báo cáo năm", generates the 2024 report as DOCX in the background (the page polls
its progress), and downloads it: a valid DOCX whose text is the report."""

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.reports import year_2024

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.on_date("2025-01-15")]


def test_generate_and_download_the_2024_report(page, cast, settings, tmp_path):
    year_2024(cast.tree)
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS = "thread"
    settings.REPORT_INLINE_MEMBERS = 0  # every report in the background: the page shows progress, then the link
    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Báo cáo năm")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo kết quả công tác xây dựng Đảng năm")
    form = page.locator("[data-testid=report-form]")
    form.locator("select[name=organization]").select_option(str(cast.tree.district_a.pk))
    form.locator("select[name=year]").select_option("2024")
    form.locator("select[name=format]").select_option("docx")
    form.locator("[data-testid=report-start]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=job-status]")).to_have_attribute("data-status", "done", timeout=30_000)
    with page.expect_download() as info:
        page.locator("[data-testid=job-download]").click()
    download = info.value
    assert download.suggested_filename == "bao-cao-nam-2024-99.001.docx"
    with open(download.path(), "rb") as f:
        document = Document(io.BytesIO(f.read()))
    text = " ".join(p.text for p in document.paragraphs)
    assert "Báo cáo kết quả công tác xây dựng Đảng năm 2024" in document.core_properties.title
    assert "BÁO CÁO" in text and "kết nạp 3 đảng viên mới" in text
    # Back to the list: the job is there with its file.
    page.goto("/bao-cao/")
    expect(page.locator("[data-testid=report-jobs]")).to_contain_text("Đảng bộ huyện An Lạc")
