"""An officer takes a candidate through the remaining steps to probationary member, in a real browser,
and finds them on the probation list."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.admissions.kinds import Stage, Step
from dangvu.admissions.models import Candidate
from tests.admissions import advance, candidate, full_members
from tests.browser.conftest import login, open_menu_entry
from tests.clock import TODAY
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(field, value: str):
    """Type a date (dd/mm/yyyy) and leave the field, which closes the date picker over the form."""
    field.fill(value)
    field.press("Tab")


def _submit(page):
    page.locator("[data-testid=step-form] button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_officer_admits_a_candidate_and_sees_the_probation(page, cast):
    members = full_members(cast.tree.cell_a1)
    c = advance(candidate(cast.tree.cell_a1, "Nguyễn Văn Tiến", home_town="xã An Lạc"), Step.CELL_VOTE, introducers=members[:2])

    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Kết nạp")
    page.wait_for_load_state("networkidle")
    row = page.locator("[data-testid=candidate-row]", has_text="Nguyễn Văn Tiến")
    expect(row.locator("[data-testid=stage]")).to_have_text("Chi bộ đề nghị kết nạp")
    expect(row.locator("[data-testid=due]")).to_contain_text("Hạn quyết định kết nạp: 17/06/2026")
    row.get_by_role("link", name="Nguyễn Văn Tiến").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=candidate-name]")).to_have_text("Nguyễn Văn Tiến")

    # The grassroots committee: below 2/3 first, refused on the field; then 8 of 9.
    form = page.locator("[data-testid=step-form]")
    expect(form).to_contain_text("Đảng ủy cơ sở xét, biểu quyết")
    _date(form.locator("input[name=committee_meeting_date]"), "01/04/2026")
    form.locator("input[name=committee_members]").fill("9")
    form.locator("input[name=votes_for]").fill("5")
    _submit(page)
    expect(page.locator("[data-testid=error-votes_for]")).to_contain_text("chưa đạt 2/3")
    page.locator("[data-testid=step-form] input[name=votes_for]").fill("8")
    _submit(page)
    expect(page.locator("[data-testid=candidate-stage]")).to_have_text("Đảng ủy cơ sở đề nghị kết nạp")

    # The decision: the deciding body is left to the rules of its date (before QĐ 208).
    form = page.locator("[data-testid=step-form]")
    expect(form).to_contain_text("Quyết định kết nạp")
    form.locator("input[name=decision_number]").fill("125-QĐ/HU")
    _date(form.locator("input[name=decision_date]"), "15/04/2026")
    _submit(page)
    expect(page.locator("[data-testid=candidate-stage]")).to_have_text("Đã có quyết định kết nạp")
    expect(page.locator("[data-testid=step-decision]")).to_contain_text("Ban Thường vụ Huyện ủy An Lạc")
    expect(page.locator("[data-testid=decision-docx]")).to_be_visible()

    # The ceremony: the candidate becomes a probationary member.
    _date(page.locator("[data-testid=step-form] input[name=ceremony_date]"), "05/05/2026")
    _submit(page)
    expect(page.locator("[data-testid=candidate-stage]")).to_have_text("Đã kết nạp (đảng viên dự bị)")
    expect(page.locator("[data-testid=step-form]")).to_have_count(0)
    c = Candidate.objects.get(pk=c.pk)
    assert c.stage == Stage.ADMITTED and c.member.status == "probationary"

    # The list shows those under consideration (stage=open); the stage filter finds the admitted one,
    # with the same query parameter as the API (?stage=admitted).
    page.goto("/ket-nap/")
    expect(page.locator("[data-testid=candidate-row]", has_text="Nguyễn Văn Tiến")).to_have_count(0)
    filters = page.locator("[data-testid=filters]")
    filters.locator("select[name=stage]").select_option("admitted")
    filters.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state("networkidle")
    assert "stage=admitted" in page.url
    admitted = page.locator("[data-testid=candidate-row]", has_text="Nguyễn Văn Tiến")
    expect(admitted).to_have_count(1)
    admitted.get_by_role("link", name="Nguyễn Văn Tiến").click()
    page.wait_for_load_state("networkidle")

    # On the probation list, with the end of the 12 months and the cell's deadline.
    page.locator("main").get_by_role("link", name="Dự bị").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=probation-name]")).to_have_text("Nguyễn Văn Tiến")
    expect(page.locator("[data-testid=probation-due]")).to_contain_text("Hạn chi bộ xét, đề nghị")
    open_menu_entry(page, "Dự bị")
    page.wait_for_load_state("networkidle")
    row = page.locator("[data-testid=probation-row]", has_text="Nguyễn Văn Tiến")
    expect(row.locator("[data-testid=probation-end]")).to_have_text("05/05/2027")
    assert dt.date(2027, 5, 5) > TODAY
