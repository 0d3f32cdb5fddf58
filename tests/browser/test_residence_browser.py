"""Residence contact through a real browser: the officer of the workplace (an agency of district A)
introduces a working member to the commune where he lives; the commune's officer receives him and
assigns him to the residential cell thôn Đông; the cell's secretary records the annual comment;
the workplace then reads it in its list and on the member's residence page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.residence.models import ResidenceComment, ResidenceContact
from tests.browser.conftest import login
from tests.clock import TODAY
from tests.conftest import PASSWORD
from tests.members import register
from tests.residence.conftest import make_res

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


@pytest.fixture
def res(cast):
    return make_res(cast)


def test_introduce_receive_assign_comment(page, cast, res):
    t = cast.tree
    binh = register("Trần Văn Bình", res.office, admitted=dt.date(2012, 6, 1))
    register("Ngô Văn Công", res.office)

    # The workplace introduces the member to Đảng bộ xã An Lạc.
    login(page, "officer_agency", PASSWORD)
    page.goto("/noi-cu-tru/")
    row = page.locator(f"[data-testid=working-row][data-member='{binh.pk}']")
    expect(row.locator("[data-testid=contact-status]")).to_have_text("Chưa giới thiệu")
    row.locator("[data-testid=introduce-member]").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=introduce-form]")
    form.locator("input[name=letter_number]").fill("12-GGT/ĐU")
    form.locator("input[name=residence_address]").fill("Số 12, thôn Đông, xã An Lạc")
    form.locator("input[name=receiving_organization]").fill(t.grassroots_a.code)
    page.keyboard.press("Escape")
    form.locator("input[name=signer_name]").fill("Vũ Thị Hạnh")
    form.get_by_role("button", name="Giới thiệu").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=contact-status]")).to_have_text("Đã giới thiệu, chờ tiếp nhận")
    expect(page.locator("[data-testid=receiving]")).to_contain_text("Đảng bộ xã An Lạc")
    expect(page.locator("[data-testid=receive-link]")).to_have_count(0)  # the workplace does not receive its own letter
    contact = ResidenceContact.objects.get(member=binh)
    _logout(page)

    # The commune sees it awaiting, receives it and assigns the residential cell.
    login(page, "officer_ward", PASSWORD)
    page.goto("/noi-cu-tru/?tab=awaiting")
    row = page.locator(f"[data-testid=contact-row][data-contact='{contact.pk}']")
    expect(row).to_contain_text("Chi bộ Phòng Nội vụ")
    row.get_by_role("link", name="Trần Văn Bình").click()
    page.wait_for_load_state("networkidle")
    page.locator("[data-testid=receive-link]").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=form-page]")
    form.locator("select[name=residence_cell]").select_option(label=f"Chi bộ thôn Đông ({t.cell_a1.code})")
    form.get_by_role("button", name="Tiếp nhận").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=contact-status]")).to_have_text("Đã phân công về chi bộ nơi cư trú")
    expect(page.locator("[data-testid=residence-cell]")).to_contain_text("Chi bộ thôn Đông")
    _logout(page)

    # The residence cell's secretary writes the comment of the year.
    login(page, "secretary_a1", PASSWORD)
    page.goto(f"/noi-cu-tru/chi-bo/{t.cell_a1.pk}/")
    living = page.locator(f"[data-testid=living-row][data-contact='{contact.pk}']")
    expect(living.locator("[data-testid=year-comment]")).to_contain_text("Chưa có")
    living.locator("[data-testid=comment-member]").click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=form-page]")
    form.locator("textarea[name=text]").fill("Gương mẫu chấp hành quy định của khu dân cư; tham gia đầy đủ sinh hoạt.")
    form.locator("select[name=comment_assessment]").select_option("fulfilled")
    form.locator("input[name=signer_name]").fill("Trần Thị Bình")
    form.get_by_role("button", name="Ghi nhận xét").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=comment-text]")).to_contain_text("Gương mẫu chấp hành quy định của khu dân cư")
    assert ResidenceComment.objects.get(contact=contact).year == TODAY.year
    _logout(page)

    # The workplace reads it in its list and on the member's residence page.
    login(page, "officer_agency", PASSWORD)
    page.goto("/noi-cu-tru/?tab=workplace")
    row = page.locator(f"[data-testid=working-row][data-member='{binh.pk}']")
    expect(row.locator("[data-testid=contact-status]")).to_contain_text("Chi bộ thôn Đông")
    expect(row.locator("[data-testid=latest-comment]")).to_have_text(
        f"Năm {TODAY.year}: Hoàn thành trách nhiệm, nhiệm vụ của đảng viên ở nơi cư trú")
    row.get_by_role("link", name="Trần Văn Bình").click()
    page.wait_for_load_state("networkidle")
    panel = page.locator("[data-testid=residence-panel]")
    expect(panel.locator("[data-testid=open-status]")).to_contain_text("Chi bộ thôn Đông")
    expect(panel.locator("[data-testid=comment-text]")).to_contain_text("tham gia đầy đủ sinh hoạt")
    expect(panel.locator("[data-testid=comment-assessment]")).to_have_text(
        "Hoàn thành trách nhiệm, nhiệm vụ của đảng viên ở nơi cư trú")
