"""Accounts managed in the app, through a real browser: a district officer gives every cell of their
district a secretary login in one go, prints the sheet, and one secretary logs in, must choose their
own password, then lands on their cell; a member lands on their own record."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.accounts.models import User
from dangvu.accounts.system import SYSTEM
from dangvu.members.models import Member
from dangvu.organizations import committees
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_creates_secretary_accounts_in_bulk_and_one_logs_in(page, cast):
    t = cast.tree
    cast.secretary_a1.scopes.all().delete()  # both cells of district A are without a secretary account
    thang = register("Phạm Văn Thắng", t.cell_a2)
    term = committees.create_term(by=SYSTEM, organization=t.cell_a2, name="2025–2030", start_date=dt.date(2025, 6, 1))
    committees.add_seat(by=SYSTEM, term=term, member=thang, position="secretary", start_date=dt.date(2025, 6, 1))

    login(page, "officer_a", PASSWORD)
    expect(page.locator("nav.navbar-menu a[href='/tai-khoan/quan-ly/']")).to_have_text("Tài khoản")
    open_menu_entry(page, "Tài khoản")  # in the group "Quản trị"
    page.locator("[data-testid=account-bulk]").click()
    page.locator("select[name=organization]").select_option(str(t.district_a.pk))
    page.get_by_role("button", name="Xem các chi bộ").click()
    rows = page.locator("[data-testid=bulk-plan] tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Phạm Văn Thắng")
    page.locator("[data-testid=bulk-create]").click()
    expect(page.locator("[data-testid=credentials] .credential-card")).to_have_count(2)
    usernames = page.locator("[data-testid=credential-username]").all_inner_texts()
    passwords = page.locator("[data-testid=credential-password]").all_inner_texts()
    assert usernames == ["bithu.99001001000001", "thangpv"]
    assert Member.objects.get(pk=thang.pk).user == User.objects.get(username="thangpv")

    page.context.clear_cookies()
    login(page, "thangpv", passwords[1])
    expect(page.locator("[data-testid=must-change-password]")).to_be_visible()
    page.goto("/dang-vien/")  # nothing else opens before the password is changed
    assert "/tai-khoan/doi-mat-khau/" in page.url
    page.fill("input[name=old_password]", passwords[1])
    page.fill("input[name=new_password1]", "Bi-thu-chi-bo-2026!")
    page.fill("input[name=new_password2]", "Bi-thu-chi-bo-2026!")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert not User.objects.get(username="thangpv").must_change_password
    expect(page.get_by_role("heading", name="Chi bộ của tôi")).to_be_visible()
    expect(page.locator("[data-testid=cell-panel]")).to_contain_text("Chi bộ thôn Tây")


def test_the_member_lands_on_their_own_record(page, cast):
    cuong = register("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=cuong.pk).update(user=cast.member_a1)
    login(page, "member_a1", PASSWORD)
    expect(page.get_by_role("heading", name="Hồ sơ của tôi")).to_be_visible()
    expect(page.locator("[data-testid=my-name]")).to_have_text("Lê Văn Cường")
    menu = page.locator("nav.navbar-menu")
    expect(menu).to_contain_text("Hồ sơ của tôi")
    for officer_screen in ("Danh sách tổ chức", "Tổng quan", "Tài khoản", "API"):
        expect(menu).not_to_contain_text(officer_screen)
    expect(page.locator("[data-testid=footer]")).to_contain_text("API")
