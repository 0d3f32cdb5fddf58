"""Issue 14's browser test, the whole month of a cell (frozen at 03/12/2026): the district A officer reads the
compliance figures; the secretary of cell A1 plans this month's meeting, holds it with the attendance of the whole
cell and the resolution, then records the month's dues for the whole cell on the bulk month screen; the officer
reads the figures again and sees them changed (meetings held, attendance, dues collected vs expected). And the
secretary sets the members of the cell's party groups (G6) on one screen."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from dangvu.accounts.system import SYSTEM
from dangvu.dues.models import DuesPayment
from dangvu.meetings import selectors
from dangvu.meetings.models import Attendance, Meeting, MeetingStatus
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.dues import member_with_basis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIGURES = ("meetings.held", "meetings.held.regular", "meetings.attendance.present", "dues.payers",
           "dues.amount.collected")


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


def _figures(page):
    """The statistics page for 2026 (the officer's district): the compliance figures, as shown."""
    page.goto("/thong-ke/")
    page.fill("input[name=year]", "2026")
    page.get_by_test_id("show").click()
    page.wait_for_load_state("networkidle")
    return {code: page.locator(f"[data-testid=figure][data-code='{code}']").get_by_test_id("figure-value").inner_text()
            for code in FIGURES}


def _dues_total(page):
    page.goto("/dang-phi/?year=2026")
    return page.get_by_test_id("dues-total").inner_text()


def _dues_row_a1(page):
    return page.locator("[data-testid=dues-cell-row]", has_text="Chi bộ thôn Đông").inner_text()


def _meetings_row_a1(page):
    page.goto("/sinh-hoat-chi-bo/?year=2026")
    return page.get_by_test_id("meeting-cells").locator("tr", has_text="Chi bộ thôn Đông").inner_text()


def test_a_month_of_cell_life_changes_the_district_figures(page, cast):
    a1 = cast.tree.cell_a1
    an = member_with_basis("Nguyễn Văn An", a1)  # 1% × 8.000.000 = 80.000 đ a month
    binh = member_with_basis("Trần Văn Bình", a1, income=Decimal(6_000_000))  # 60.000 đ
    chi = member_with_basis("Lê Thị Chi", a1, category="student")  # 5.000 đ
    member_with_basis("Phạm Văn Bắc", cast.tree.cell_b1)  # district B: in none of the officer's figures

    # Before: nothing held, nothing collected in district A.
    login(page, "officer_a", PASSWORD)
    assert _figures(page) == {"meetings.held": "0", "meetings.held.regular": "0", "meetings.attendance.present": "0",
                              "dues.payers": "0", "dues.amount.collected": "0"}
    # Expected over 2026 by hand: January under QĐ 342 (80.000 + 60.000 + the fixed 3.000 đ of D17), February to
    # December under QĐ 01 (80.000 + 60.000 + 5.000 = 145.000 đ, 11 months): 143.000 + 1.595.000 = 1.738.000 đ.
    assert _dues_total(page).startswith("Phải thu 1.738.000 đ · đã thu 0 đ (0,0%) · còn nợ 1.738.000 đ")
    before_row = _dues_row_a1(page).split("\t")
    assert before_row[1:13] == ["0/3"] * 12 and before_row[13:16] == ["1.738.000", "0", "1.738.000"], before_row
    before_meetings = _meetings_row_a1(page)
    # G1 over the months ended (December's meeting is not due before the month ends), G5 over the quarters ended.
    # Held against required first: none of the 11 regular meetings, none of the 3 thematic ones.
    assert before_meetings.split("\t")[1:] == ["0/11", "0/3", ", ".join(f"{m:02d}/2026" for m in range(1, 12)),
                                               "Quý 1, Quý 2, Quý 3"]
    _logout(page)

    # The secretary plans this month's meeting of the whole cell.
    login(page, "secretary_a1", PASSWORD)
    page.goto("/sinh-hoat-chi-bo/")
    page.get_by_role("link", name="Chi bộ thôn Đông").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Thêm buổi sinh hoạt").click()
    page.wait_for_load_state("networkidle")
    page.fill("input[name=date]", "02/12/2026")
    page.keyboard.press("Escape")
    page.fill("input[name=starts_at]", "08:00")
    page.fill("input[name=place]", "Nhà văn hóa thôn Đông")
    page.fill("textarea[name=agenda]", "Kiểm điểm nhiệm vụ tháng 11, nhiệm vụ tháng 12")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    meeting = Meeting.objects.get(cell=a1)
    assert (meeting.date, meeting.status) == (dt.date(2026, 12, 2), MeetingStatus.PLANNED)

    # Held: the attendance of the whole cell on one screen (everyone present), then the resolution.
    form = page.get_by_test_id("attendance-form")
    for member in (an, binh, chi):
        expect(form.locator(f"tr[data-member='{member.pk}']")).to_have_count(1)
    form.locator("input[name=ends_at]").fill("09:45")
    form.get_by_test_id("attendance-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("attendance-counts")).to_contain_text("Có mặt 3, vắng có lý do 0, vắng không lý do 0")
    minutes = page.get_by_test_id("minutes-form")
    minutes.locator("textarea[name=minutes]").fill("Chi bộ họp đủ nội dung.")
    for name, text in (("results", "Hoàn thành nhiệm vụ tháng 11"), ("next_tasks", "Tổng kết năm"),
                       ("assignment", "Chi ủy phân công"), ("self_assessment", "Đạt chất lượng tốt")):
        minutes.locator(f"textarea[name={name}]").fill(text)
    minutes.locator("input[name=complete]").check()
    minutes.get_by_role("button", name="Lưu biên bản, nghị quyết").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("meeting-status")).to_contain_text("Đã hoàn thành biên bản")
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("member_id", "mark")) == sorted(
        [(an.pk, "present"), (binh.pk, "present"), (chi.pk, "present")])

    # The month's dues for the whole cell on the bulk screen: tick every row, save once.
    page.goto(f"/dang-phi/chi-bo/{a1.pk}/2026/12/")
    rows = page.locator("[data-testid=member-row]")
    expect(rows).to_have_count(3)
    for member in (an, binh, chi):
        page.locator(f"[data-testid=member-row][data-member='{member.pk}'] [data-testid=paid-box]").check()
    page.locator(f"[data-testid=member-row][data-member='{an.pk}'] [data-testid=amount]").press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận đảng phí tháng 12/2026 của 3 đảng viên.")
    assert sorted(DuesPayment.objects.values_list("member_id", "amount")) == sorted(
        [(an.pk, Decimal(80_000)), (binh.pk, Decimal(60_000)), (chi.pk, Decimal(5_000))])
    _logout(page)

    # After: the officer sees the figures changed.
    login(page, "officer_a", PASSWORD)
    assert _figures(page) == {"meetings.held": "1", "meetings.held.regular": "1", "meetings.attendance.present": "3",
                              "dues.payers": "3", "dues.amount.collected": "145.000"}
    assert _dues_total(page).startswith("Phải thu 1.738.000 đ · đã thu 145.000 đ (8,3%) · còn nợ 1.593.000 đ")
    after_row = _dues_row_a1(page).split("\t")
    assert after_row[1:13] == ["0/3"] * 11 + ["3/3"] and after_row[13:16] == ["1.738.000", "145.000", "1.593.000"], after_row
    after_meetings = _meetings_row_a1(page)
    # The months missing and the counts are the past ones: December's meeting (held) is not in them yet.
    assert after_meetings == before_meetings


def test_secretary_sets_the_party_groups_of_the_cell(page, cast):
    """G6: from the cell's meetings page, the members of its two party groups from 01/11/2026, on one screen; the member
    left in no group is then named (a warning, the groups are recorded all the same)."""
    a1 = cast.tree.cell_a1
    an = member_with_basis("Nguyễn Văn An", a1)
    binh = member_with_basis("Trần Văn Bình", a1)
    member_with_basis("Lê Thị Chi", a1)  # left in no group: named once the cell records its groups
    g1, g2 = (org_services.establish(by=SYSTEM, parent=a1, code=f"{a1.code}.{n:02d}", name=f"Tổ đảng số {n}",
                                     kind=Kind.PARTY_GROUP, effective_date=dt.date(2026, 1, 1), unit_type=UnitType.RESIDENTIAL)
              for n in (1, 2))
    login(page, "secretary_a1", PASSWORD)
    page.goto(f"/sinh-hoat-chi-bo/chi-bo/{a1.pk}/")
    page.get_by_test_id("groups-link").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("ungrouped-warning")).to_have_count(0)  # no group recorded yet: nobody is named
    form = page.get_by_test_id("groups-form")
    form.locator("input[name=on]").fill("01/11/2026")
    page.keyboard.press("Escape")
    form.get_by_label("Nguyễn Văn An").select_option(label="Tổ đảng số 1")
    form.get_by_label("Trần Văn Bình").select_option(label="Tổ đảng số 2")
    form.get_by_test_id("groups-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi tổ đảng từ ngày 01/11/2026: 2 đảng viên thay đổi.")
    expect(page.get_by_test_id("group-counts")).to_have_text("Tổ đảng số 1: 1 · Tổ đảng số 2: 1")
    expect(page.get_by_test_id("ungrouped-warning")).to_contain_text(
        "Tổ đảng: Lê Thị Chi chưa thuộc tổ đảng nào ngày 01/11/2026 (1 đảng viên)")
    assert selectors.groups_of_members(a1, dt.date(2026, 11, 1)) == {an.pk: g1.pk, binh.pk: g2.pk}
    assert selectors.groups_of_members(a1, dt.date(2026, 10, 31)) == {}
