"""Discipline through a real browser, from the decision to its lapse: the inspection officer of district A opens a
proceeding opened for a member of cell A1, records the hearing, is refused a decision whose vote does not reach more
than half of the register's base, records the cell's warning with its announcement, sees it in force with its
lapse date; twelve months later (the clock moved) the page says it has lapsed."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.discipline.models import Proceeding
from tests.browser.conftest import login
from tests.clock import moment
from tests.conftest import PASSWORD
from tests.discipline.conftest import open_for, people  # noqa: F401  (the fixture: cell A1, its members, the inspector)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page):
    page.get_by_test_id("form-page").get_by_role("button", name="Lưu").click()
    page.wait_for_load_state("networkidle")


def test_from_a_decision_to_its_lapse(page, people, frozen_clock):  # noqa: F811
    p = open_for(people.inspector, people.an)
    login(page, "inspector_a", PASSWORD)
    page.goto("/ky-luat/")
    page.get_by_role("link", name="Nguyễn Văn An").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("link", name="Ghi nghe trình bày").click()
    page.fill("input[name=heard_on]", "10/10/2026")
    _submit(page)
    page.get_by_role("link", name="Ghi quyết định kỷ luật").click()
    form = page.get_by_test_id("form-page")
    form.locator("select[name=decided_form]").select_option("warning")
    form.locator("select[name=body_kind]").select_option("cell")
    form.locator("select[name=deciding_organization]").select_option(str(people.cell.pk))
    page.fill("input[name=decided_on]", "20/10/2026")
    page.fill("input[name=votes_for]", "1")
    page.fill("input[name=vote_base]", "3")
    page.fill("input[name=decision_number]", "03-QĐ/CB")
    page.fill("input[name=announced_on]", "21/10/2026")
    _submit(page)
    expect(page.get_by_test_id("form-page")).to_contain_text("chưa quá 1/2 tổng số thành viên có quyền biểu quyết")
    page.fill("input[name=votes_for]", "2")
    _submit(page)
    expect(page.get_by_test_id("discipline-status")).to_contain_text("Đang có hiệu lực")
    expect(page.get_by_test_id("lapses-on")).to_have_text("21/10/2027")
    assert Proceeding.objects.get(pk=p.pk).form_in_force == "warning"

    frozen_clock.move_to(moment(dt.date(2027, 10, 21)))  # a year later: the session has expired, sign in again
    login(page, "inspector_a", PASSWORD)
    page.goto(f"/ky-luat/{p.pk}/")
    expect(page.get_by_test_id("discipline-status")).to_contain_text("Đã hết hiệu lực")
