"""A thematic supervision through a real browser, from the decision to the conclusion: the inspection officer of
district A is refused an inspection "on signs of violation" by a party board (K13), opens the thematic supervision of
Trần Văn Bình instead, records a working session, the conclusion and its notification, downloads the decision;
the year's coverage then counts Bình."""

import pytest
from playwright.sync_api import expect

from dangvu.inspection.models import Case
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.inspection.conftest import world  # noqa: F401  (the fixture: cell A1, its members, the inspectors)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspector_runs_a_thematic_supervision_from_opening_to_conclusion(page, world):  # noqa: F811
    login(page, "inspector_a", PASSWORD)
    open_menu_entry(page, "Kiểm tra, giám sát")
    page.wait_for_load_state("networkidle")
    page.get_by_test_id(f"case-add-{world.t.district_a.pk}").click()
    page.wait_for_load_state("networkidle")
    form = page.get_by_test_id("form-page")
    form.locator("select[name=kind]").select_option("signs_of_violation")
    form.locator("select[name=body_kind]").select_option("board")
    form.locator("select[name=subject_member]").select_option(label="Trần Văn Bình")
    form.locator("input[name=topic]").fill("Thực hiện quy định về nêu gương")
    form.locator("input[name=decision_number]").fill("15-QĐ/UBKTHU")
    form.locator("input[name=due_on]").fill("31/12/2026")
    form.locator("textarea[name=team]").fill("Đ/c Phan Văn Kiểm, trưởng đoàn")
    form.get_by_role("button", name="Ghi quyết định").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".errorlist").first).to_contain_text("không kiểm tra đảng viên khi có dấu hiệu vi phạm")
    form = page.get_by_test_id("form-page")
    form.locator("select[name=kind]").select_option("thematic_supervision")
    form.locator("select[name=body_kind]").select_option("commission")
    form.get_by_role("button", name="Ghi quyết định").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("case-title")).to_have_text("Giám sát chuyên đề: Trần Văn Bình")

    session = page.get_by_test_id("session-form")
    session.locator("input[name=participants]").fill("Đoàn giám sát, đ/c Bình")
    session.locator("textarea[name=content]").fill("Nghe đ/c Bình báo cáo việc thực hiện nêu gương")
    session.get_by_role("button", name="Ghi buổi làm việc").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("case-sessions")).to_contain_text("Nghe đ/c Bình báo cáo")

    conclusion = page.get_by_test_id("conclusion-form")
    conclusion.locator("textarea[name=conclusion]").fill("Đồng chí Bình thực hiện tốt quy định nêu gương")
    conclusion.locator("select[name=result]").select_option("good")
    conclusion.get_by_role("button", name="Ghi kết luận").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("case-status")).to_contain_text("Đã kết luận: Thực hiện tốt, không vi phạm")
    page.get_by_test_id("notify-form").get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("case-conclusion")).to_contain_text("đã thông báo ngày 03/12/2026")
    with page.expect_download() as download:
        page.get_by_test_id("decision-docx").click()
    assert download.value.suggested_filename.endswith(".docx")

    page.goto("/kiem-tra/")
    expect(page.get_by_test_id("coverage")).to_contain_text("Đảng bộ huyện An Lạc1425,00%")  # Bình of An, Bình, Cường, Hải
    case = Case.objects.get()
    assert (case.status, case.result, case.sessions.count()) == ("concluded", "good", 1)
