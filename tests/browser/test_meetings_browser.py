"""Cell meetings through a real browser: the officer of district A sees no meeting held this year; the secretary
of cell A1 sees on the meetings index none held of those required, opens this month's planned meeting, records the
attendance of the whole cell on one screen (an absence refused without its reason, then given) and the minutes; the
officer then sees the figure change."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.accounts.system import SYSTEM
from dangvu.meetings import services
from dangvu.meetings.models import Meeting
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.meetings.conftest import cell  # noqa: F401  (the fixture: cell A1 and its members)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


def _held_figure(page):
    page.goto("/thong-ke/")
    page.fill("input[name=year]", "2026")
    page.get_by_test_id("show").click()
    page.wait_for_load_state("networkidle")
    return page.locator("[data-testid=figure][data-code='meetings.held']").get_by_test_id("figure-value")


def test_secretary_records_a_meeting_and_the_officer_sees_the_figure(page, cast, cell):  # noqa: F811
    meeting = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=dt.date(2026, 12, 2), starts_at=dt.time(8, 0),
                                        agenda="Kiểm điểm nhiệm vụ tháng 11")
    login(page, "officer_a", PASSWORD)
    expect(_held_figure(page)).to_have_text("0")
    _logout(page)

    login(page, "secretary_a1", PASSWORD)
    page.goto("/sinh-hoat-chi-bo/")
    # Held against required (G1, G5) over the months and quarters ended by 03/12/2026: none held of 11 and of 3.
    row = page.locator(f"tr[data-cell='{cell.cell.pk}']")
    expect(row.get_by_test_id("regular-held")).to_have_text("0/11")
    expect(row.get_by_test_id("thematic-held")).to_have_text("0/3")
    expect(page.get_by_test_id("meeting-period")).to_contain_text("tính các tháng đã qua đến 30/11/2026")
    page.get_by_role("link", name="Chi bộ thôn Đông").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="02/12/2026").click()
    page.wait_for_load_state("networkidle")
    form = page.get_by_test_id("attendance-form")
    form.locator("input[name=ends_at]").fill("09:45")
    binh = form.locator(f"tr[data-member='{cell.binh.pk}']")
    binh.get_by_label("Vắng có lý do").check()
    form.get_by_test_id("attendance-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("form-errors")).to_contain_text("Lý do vắng: bắt buộc ghi khi Trần Văn Bình vắng có lý do")
    form = page.get_by_test_id("attendance-form")
    binh = form.locator(f"tr[data-member='{cell.binh.pk}']")
    binh.get_by_label("Vắng có lý do").check()
    binh.locator(f"input[name=reason_{cell.binh.pk}]").fill("Đi công tác")
    form.get_by_test_id("attendance-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Có mặt 3, vắng có lý do 3, vắng không lý do 0")
    minutes = page.get_by_test_id("minutes-form")
    minutes.locator("textarea[name=minutes]").fill("Chi bộ họp đủ nội dung.")
    for name, text in (("results", "Hoàn thành"), ("next_tasks", "Tổng kết năm"), ("assignment", "Chi ủy phân công"),
                       ("self_assessment", "Đạt chất lượng tốt")):
        minutes.locator(f"textarea[name={name}]").fill(text)
    minutes.locator("input[name=complete]").check()
    minutes.get_by_role("button", name="Lưu biên bản, nghị quyết").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("meeting-status")).to_contain_text("Đã hoàn thành biên bản")
    assert Meeting.objects.get(pk=meeting.pk).vote_base == 2
    _logout(page)

    login(page, "officer_a", PASSWORD)
    expect(_held_figure(page)).to_have_text("1")
