"""The officer's day through a real browser: log in, browse the tree by date, merge, read history."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.accounts.system import SYSTEM
from dangvu.organizations import services
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_tree_as_of_merge_and_history(page, cast):
    tree = cast.tree
    # 2018: cell "Chi bộ thôn Tây" renamed to "Chi bộ thôn Tây Sơn", so 2015 and today differ.
    services.rename(by=SYSTEM, org=tree.cell_a2, name="Chi bộ thôn Tây Sơn", effective_date=dt.date(2018, 5, 1))

    login(page, "officer_a", PASSWORD)
    assert "Nguyễn Văn An" in page.locator("[data-testid=current-user]").inner_text()
    # An officer lands on the dashboard; the tree is one click away in the menu.
    assert page.url.endswith("/tong-quan/")
    open_menu_entry(page, "Cây tổ chức")
    page.wait_for_load_state("networkidle")

    # The tree today: district A under the (greyed) province; district B is nowhere.
    tree_el = page.locator("[data-testid=tree]")
    assert tree_el.get_by_text("Đảng bộ huyện An Lạc").is_visible()
    assert page.locator(".tree-context", has_text="Đảng bộ tỉnh Thử Nghiệm").is_visible()
    assert "Bình Minh" not in page.content()

    # Expand district A, then its grassroots committee (children load through htmx).
    page.locator(f"li[data-org-id='{tree.district_a.pk}'] > .tree-row .tree-toggle").click()
    page.locator(f"li[data-org-id='{tree.grassroots_a.pk}'] > .tree-row .tree-toggle").click()
    expect(page.get_by_role("link", name="Chi bộ thôn Tây Sơn")).to_be_visible()

    # As of 31/12/2015 the cell still had its old name.
    page.fill("#as_of", "31/12/2015")
    page.keyboard.press("Escape")
    page.locator("[data-testid=as-of-form] button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "Tại ngày 31/12/2015" in page.locator("[data-testid=as-of]").inner_text()
    page.locator(f"li[data-org-id='{tree.district_a.pk}'] > .tree-row .tree-toggle").click()
    page.locator(f"li[data-org-id='{tree.grassroots_a.pk}'] > .tree-row .tree-toggle").click()
    expect(page.get_by_role("link", name="Chi bộ thôn Tây", exact=True)).to_be_visible()
    assert page.get_by_role("link", name="Chi bộ thôn Tây Sơn").count() == 0

    # Sáp nhập (merge) "Chi bộ thôn Tây Sơn" into "Chi bộ thôn Đông" through the form.
    page.goto(f"/to-chuc/{tree.cell_a2.pk}/sap-nhap/")
    page.select_option("select[name=target]", str(tree.cell_a1.pk))
    page.fill("input[name=effective_date]", "01/03/2026")
    page.keyboard.press("Escape")
    page.fill("input[name=decision_number]", "125-QĐ/HU")
    page.fill("input[name=deciding_body]", "Ban Thường vụ Huyện ủy An Lạc")
    page.get_by_role("button", name="Sáp nhập vào tổ chức khác").click()
    page.wait_for_load_state("networkidle")

    # We land on the surviving cell's history, which shows the merge.
    events = page.locator("[data-testid=events]")
    assert "Tiếp nhận Chi bộ thôn Tây Sơn sáp nhập vào" in events.inner_text()
    assert "125-QĐ/HU" in events.inner_text()
    source = Organization.objects.get(pk=tree.cell_a2.pk)
    assert source.ended_on == dt.date(2026, 3, 1) and source.successor_id == tree.cell_a1.pk

    # The "Lịch sử thay đổi" (audit) tab of the merged cell names the officer and the change.
    page.goto(f"/to-chuc/{tree.cell_a2.pk}/?tab=audit")
    audit = page.locator("[data-testid=audit-entries]").inner_text()
    assert "Nguyễn Văn An (officer_a)" in audit and "Sáp nhập" in audit


def test_rule_violation_is_shown_on_the_field(page, cast):
    login(page, "officer_a", PASSWORD)
    page.goto("/to-chuc/them/")
    page.fill("input[name=name]", "Chi bộ Thử")
    page.fill("input[name=code]", "99.001.001.000.009")
    page.select_option("select[name=kind]", Kind.CELL.value)
    page.select_option("select[name=parent]", str(cast.tree.district_a.pk))
    page.fill("input[name=effective_date]", "01/02/2026")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Thành lập").click()
    page.wait_for_load_state("networkidle")
    error = page.locator("[data-testid=error-parent]").inner_text()
    assert "Chi bộ trực thuộc không thể trực thuộc" in error and "Căn cứ: Quy định 294-QĐ/TW" in error
    assert not Organization.objects.filter(code="99.001.001.000.009").exists()


def test_outsider_gets_not_found(page, cast):
    login(page, "officer_b", PASSWORD)
    response = page.goto(f"/to-chuc/{cast.tree.cell_a1.pk}/")
    assert response.status == 404
