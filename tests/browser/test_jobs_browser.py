"""An officer exports a large member list: the export becomes a background job, its page shows the
progress bar while the job waits and runs, then (polling, no reload) the download link of the file."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from dangvu.jobs import runner
from dangvu.jobs.models import Job
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.on_date("2025-03-10")]


def test_a_large_export_shows_its_progress_then_the_download_link(page, cast, settings, tmp_path):
    register("Lê Thị Bình", cast.tree.cell_a1, sex="female")
    register("Trần Văn An", cast.tree.cell_a2)
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS = "queue"  # the job waits for the worker: the page shows the bar until the test runs it
    settings.EXPORT_BACKGROUND_MEMBERS = 1  # two members: in the background
    login(page, "officer_a", PASSWORD)
    page.goto("/dang-vien/")
    page.locator("[data-testid=export]").click()
    page.wait_for_url("**/cong-viec/*/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xuất danh sách đảng viên (Excel)")
    status = page.locator("[data-testid=job-status]")
    expect(status).to_have_attribute("data-status", "queued")
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("[data-testid=job-message]")).to_contain_text("Bạn có thể rời trang này và quay lại sau")
    expect(page.locator("[data-testid=job-download]")).to_have_count(0)

    assert runner.run_pending() == 1  # the worker's pass (manage.py run_jobs)
    expect(status).to_have_attribute("data-status", "done", timeout=15_000)  # the fragment polled every second
    link = page.locator("[data-testid=job-download]")
    expect(link).to_contain_text("Tải về danh-sach-dang-vien-10-03-2025.xlsx")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "danh-sach-dang-vien-10-03-2025.xlsx"
    with open(download.path(), "rb") as f:
        rows = list(load_workbook(io.BytesIO(f.read())).active.iter_rows(values_only=True))
    assert {"Lê Thị Bình", "Trần Văn An"} <= {r[1] for r in rows if r and isinstance(r[0], int)}
    assert Job.objects.get().requested_by == cast.officer_a
    page.get_by_role("link", name="‹ Quay lại").click()
    page.wait_for_url("**/dang-vien/**")
