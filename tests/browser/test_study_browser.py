"""Resolution study through a real browser: the officer of district A records a study session of 57-NQ/TW for the
commune's party committee, marks the attendance (one absent), sees the rate, records a make-up for the absent and
sees the rate become full."""

import pytest
from playwright.sync_api import expect

from dangvu.study import library
from dangvu.study.models import StudyDocument, StudySession
from tests.browser.conftest import login, open_menu_entry
from tests.conftest import PASSWORD
from tests.study.conftest import people  # noqa: F401  (the fixture: members around 10/11/2026)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_records_a_session_attendance_and_makeup(page, cast, people):  # noqa: F811
    library.seed(StudyDocument)  # a previous transactional test may have emptied the data migration's rows
    login(page, "officer_a", PASSWORD)
    open_menu_entry(page, "Học tập nghị quyết")
    page.get_by_test_id("session-add").click()
    page.wait_for_load_state("networkidle")
    page.select_option("select[name=organization]", str(cast.tree.grassroots_a.pk))
    page.fill("input[name=date]", "10/11/2026")
    page.get_by_label("57-NQ/TW", exact=False).check()
    page.select_option("select[name=form]", "combined")
    page.fill("input[name=place]", "Hội trường xã")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("session-title")).to_contain_text("10/11/2026 – Đảng bộ xã An Lạc")

    form = page.get_by_test_id("attendance-form")
    expect(form.locator("tr[data-member]")).to_have_count(4)  # An, Bình, Em, Giang (Chi joined later, Dũng died)
    binh = form.locator(f"tr[data-member='{people.binh.pk}']")
    binh.locator(f"input[name=absent_{people.binh.pk}]").check()
    binh.locator(f"input[name=reason_{people.binh.pk}]").fill("Ốm")
    form.get_by_test_id("attendance-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("session-rate")).to_contain_text("Tỷ lệ được học tập: 75,0% (3/4 cán bộ, đảng viên)")

    makeup = page.get_by_test_id("makeup-form")
    makeup.locator("input[name=date]").fill("20/11/2026")
    makeup.get_by_label("Trần Văn Bình").check()
    makeup.get_by_test_id("makeup-submit").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("session-rate")).to_contain_text("Tỷ lệ được học tập: 100,0% (4/4 cán bộ, đảng viên)")
    expect(page.get_by_test_id("session-attendance")).to_contain_text("Vắng, đã học bù ngày 20/11/2026")
    assert StudySession.objects.filter(makeup_of__isnull=False).count() == 1
