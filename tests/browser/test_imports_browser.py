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
