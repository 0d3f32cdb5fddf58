"""An officer records an awareness class in a real browser, enrols this year's candidates, records the results, and
the candidates' admission step shows the certificate from the class (one failed: no certificate)."""

import pytest
from playwright.sync_api import expect

from tests.admissions import candidate
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(field, value: str):
    """Type a date (dd/mm/yyyy) and leave the field, which closes the date picker over the form."""
    field.fill(value)
    field.press("Tab")


def test_officer_records_a_class_and_the_candidates_hold_the_certificate(page, cast):
    t = cast.tree
    candidate(t.cell_a1, "Nguyễn Văn Tiến")
    lan = candidate(t.cell_a1, "Phạm Thị Lan", sex="female")
    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Lớp bồi dưỡng")
    page.get_by_role("link", name="Ghi lớp").click()
    page.wait_for_load_state("networkidle")
    page.locator("select[name=kind]").select_option("awareness")
    page.locator("input[name=name]").fill("Lớp bồi dưỡng nhận thức về Đảng đợt 2/2026")
    page.locator("select[name=organization]").select_option(str(t.district_a.pk))
    page.locator("select[name=organizer_kind]").select_option("political_centre")
    page.locator("input[name=organizer_name]").fill("Trung tâm Chính trị huyện A")
    _date(page.locator("input[name=start_date]"), "16/11/2026")
    _date(page.locator("input[name=end_date]"), "20/11/2026")
    page.get_by_role("button", name="Ghi lớp").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text("Lớp bồi dưỡng nhận thức về Đảng đợt 2/2026")

    page.get_by_role("link", name="Ghi danh học viên").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Nguyễn Văn Tiến").check()
    page.get_by_label("Phạm Thị Lan").check()
    page.get_by_role("button", name="Ghi danh").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("learners")).to_contain_text("Nguyễn Văn Tiến")
    expect(page.get_by_test_id("learners")).to_contain_text("Phạm Thị Lan")

    page.get_by_role("link", name="Ghi kết quả").click()
    page.wait_for_load_state("networkidle")
    results = page.get_by_test_id("results")
    results.get_by_label("Nguyễn Văn Tiến").select_option("passed")
    results.get_by_label("Phạm Thị Lan").select_option("passed")
    page.get_by_role("button", name="Ghi kết quả").click()  # no certificate date: refused, naming the field
    page.wait_for_load_state("networkidle")
    expect(page.locator("main")).to_contain_text("Ngày cấp giấy chứng nhận: bắt buộc nhập khi có học viên đạt.")
    results = page.get_by_test_id("results")
    results.get_by_label("Phạm Thị Lan").select_option("failed")
    _date(page.locator("input[name=certificate_date]"), "20/11/2026")
    results.locator("tr", has_text="Nguyễn Văn Tiến").locator("input").fill("215/GCN-TTCT")
    page.get_by_role("button", name="Ghi kết quả").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("learners")).to_contain_text("Số 215/GCN-TTCT, ngày 20/11/2026")

    page.get_by_test_id("learners").get_by_role("link", name="Nguyễn Văn Tiến").click()
    page.wait_for_load_state("networkidle")
    main = page.locator("main")
    expect(main).to_contain_text("Số 215/GCN-TTCT")
    expect(main).to_contain_text("Cấp từ lớp: Lớp bồi dưỡng nhận thức về Đảng đợt 2/2026 (Trung tâm Chính trị huyện A")
    expect(main).to_contain_text("Còn giá trị đến 20/11/2031")
    page.goto(f"/ket-nap/{lan.pk}/")
    expect(page.locator("main")).not_to_contain_text("Cấp từ lớp")
