"""A full review of one cell in the browser: the member's self-assessment, the cell's grading with the live
excellent quota, the committee's decision, and the member reading the result."""

import pytest
from playwright.sync_api import expect

from dangvu.evaluations.kinds import Step
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.evaluations.conftest import campaign, people, review_of  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, username):
    page.context.clear_cookies()
    login(page, username, PASSWORD)


def test_self_assessment_cell_grading_and_decision(page, cast, people, campaign):  # noqa: F811
    # 1. The member writes their own self-assessment (2026: QĐ 366, the 100-point scale).
    _as(page, "member_a1")
    page.goto("/danh-gia/")
    page.locator("[data-testid=self-link]").click()
    page.wait_for_load_state("networkidle")
    page.fill("textarea[name=self_text]", "Hoàn thành tốt các nhiệm vụ được giao; còn hạn chế về nghiên cứu nghị quyết.")
    page.fill("input[name=criteria_score]", "27")
    page.fill("input[name=results_score]", "58,5")
    page.select_option("select[name=self_grade]", "good")
    page.locator("[data-testid=save-self]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".alert-success").first).to_contain_text("Đã lưu bản tự đánh giá")
    assert review_of(campaign, people.cuong).step == Step.SELF_ASSESSED

    # 2. The secretary grades the cell on one screen; the quota follows every choice.
    _as(page, "secretary_a1")
    page.goto(f"/danh-gia/{campaign.pk}/")
    page.locator("[data-testid=grade-cell]").first.click()
    page.wait_for_load_state("networkidle")
    rows = page.locator("[data-testid=cell-row]")
    expect(rows).to_have_count(8)
    expect(page.locator("[data-testid=cell-rows]")).to_contain_text("Đình chỉ sinh hoạt")
    cuong = page.locator("[data-testid=cell-row][data-member='Lê Văn Cường']")
    expect(cuong.locator("input[name$=-score]")).to_have_value("85,5")
    for i, member in enumerate(people.a1[1:]):
        row = page.locator(f"[data-testid=cell-row][data-member='{member.full_name}']")
        row.locator("input[name$=-score]").fill("95" if i < 2 else "80")
        row.locator("select[name$=-grade]").select_option("excellent" if i < 2 else "good")
    quota = page.locator("[data-testid=quota]")
    expect(quota).to_contain_text("đã chọn 2 xuất sắc / tối đa 0")
    expect(quota).to_have_class("alert alert-danger py-2")
    page.locator(f"[data-testid=cell-row][data-member='{people.a1[2].full_name}'] select[name$=-grade]").select_option("good")
    expect(quota).to_contain_text("đã chọn 1 xuất sắc / tối đa 1")
    page.locator("[data-testid=save-cell]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".alert-success").first).to_contain_text("Đã lưu đề xuất xếp loại của chi bộ")
    assert campaign.member_reviews.filter(step=Step.PROPOSED).count() == 6

    # 3. The grassroots committee decides.
    _as(page, "officer_a")
    page.goto(f"/danh-gia/{campaign.pk}/")
    page.locator("[data-testid=decide-link]").first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=decide-row]")).to_have_count(6)
    page.fill("input[name=decision_number]", "45-QĐ/ĐU")
    page.fill("input[name=decided_on]", "03/12/2026")
    page.keyboard.press("Escape")
    page.locator("[data-testid=save-decision]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".alert-success").first).to_contain_text("Đã quyết định xếp loại 6 đảng viên")
    page.goto(f"/danh-gia/{campaign.pk}/")
    expect(page.locator("[data-testid=grassroots-quota]")).to_contain_text("Đảng bộ xã An Lạc: đã chọn 1 xuất sắc / tối đa 1")

    # 3b. The committee commends the member graded excellent, with the years in a row computed (1).
    page.locator("[data-testid=commendations-link]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("select[name=subject] option")).to_have_count(2)
    expect(page.locator("select[name=subject] option").nth(1)).to_contain_text("1 năm liền xuất sắc")
    page.locator("select[name=subject]").select_option(index=1)
    page.fill("input[name=consecutive_years]", "1")
    page.fill("input[name=decision_number]", "12-QĐ/HU")
    page.fill("input[name=decided_on]", "03/12/2026")
    page.keyboard.press("Escape")
    page.fill("textarea[name=reason]", "Hoàn thành xuất sắc nhiệm vụ năm 2026")
    page.locator("[data-testid=commendation-form] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=commendation-row]")).to_have_count(1)
    expect(page.locator("[data-testid=commendation-row]")).to_contain_text("Còn hiệu lực")

    # 4. The member reads the result.
    _as(page, "member_a1")
    page.goto(f"/danh-gia/tu-danh-gia/{review_of(campaign, people.cuong).pk}/")
    expect(page.locator("[data-testid=result]")).to_contain_text("Hoàn thành tốt nhiệm vụ")
