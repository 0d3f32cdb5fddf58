"""An officer uploads a members file, sees the preview (one rejected row), fixes it, previews, applies."""

import pytest
from playwright.sync_api import expect

from dangvu.members.models import Member
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.imports.helpers import member_row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _upload(page, cast, path):
    page.goto("/nhap-du-lieu/")
    page.select_option("select[name=kind]", "members")
    page.select_option("select[name=organization]", str(cast.tree.district_a.pk))
    page.set_input_files("input[name=file]", str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_load_state("networkidle")


def test_upload_preview_apply(page, cast, tmp_path):
    bad = tmp_path / "dang-vien.xlsx"
    bad.write_bytes(xlsx("members", [member_row(), member_row(full_name="Lê Văn Bảy", citizen_id="123", sex="Nam")],
                         title_rows=2))
    login(page, "officer_a", PASSWORD)
    _upload(page, cast, bad)
    expect(page.locator("[data-testid=import-counts]")).to_contain_text("1 mới")
    expect(page.locator("[data-testid=import-rejected]")).to_contain_text("Số CCCD")
    expect(page.locator("[data-testid=import-apply]")).to_have_count(0)
    expect(page.locator("[data-testid=import-errors-file]")).to_be_visible()

    good = tmp_path / "dang-vien-sua.xlsx"
    good.write_bytes(xlsx("members", [member_row()], title_rows=2))
    _upload(page, cast, good)
    expect(page.locator("[data-testid=import-new]")).to_contain_text("Nguyễn Thị Hoà")
    assert not Member.objects.exists()
    page.locator("[data-testid=import-apply] button").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập: 1 mới")
    expect(page.locator("[data-testid=import-status]")).to_contain_text("Đã nhập")
    assert Member.objects.get().citizen_id == "001185012345"
    page.goto("/nhap-du-lieu/")
    expect(page.locator("[data-testid=import-runs]")).to_contain_text("dang-vien-sua.xlsx")


def test_a_large_file_imported_at_once_in_the_background_links_to_its_run(page, cast, settings, tmp_path):
    """"Nhập luôn nếu không có dòng lỗi" with a file above the background size: one job, its progress page, then (polling)
    the link to the run's page with the rows it added."""
    from dangvu.imports.models import ImportRun
    from dangvu.jobs import runner

    settings.MEDIA_ROOT = tmp_path
    settings.JOBS = "queue"  # the job waits for the worker: the page shows the bar until the test runs it
    settings.IMPORT_BACKGROUND_BYTES = 100
    path = tmp_path / "dang-vien-lon.xlsx"
    path.write_bytes(xlsx("members", [member_row()], title_rows=2))
    login(page, "officer_a", PASSWORD)
    page.goto("/nhap-du-lieu/")
    page.select_option("select[name=kind]", "members")
    page.select_option("select[name=organization]", str(cast.tree.district_a.pk))
    page.set_input_files("input[name=file]", str(path))
    page.get_by_label("Nhập luôn nếu không có dòng lỗi").check()
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.wait_for_url("**/cong-viec/*/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kiểm tra và nhập tệp")
    assert runner.run_pending() == 1  # the worker's pass (manage.py run_jobs)
    link = page.locator("[data-testid=job-link]")
    expect(link).to_have_text("Xem kết quả", timeout=15_000)  # the fragment polled every second
    link.click()
    expect(page.locator("[data-testid=import-status]")).to_contain_text("Đã nhập")
    expect(page.locator("[data-testid=import-new]")).to_contain_text("Nguyễn Thị Hoà")
    assert ImportRun.objects.get().file_name == "dang-vien-lon.xlsx" and Member.objects.get().citizen_id == "001185012345"
