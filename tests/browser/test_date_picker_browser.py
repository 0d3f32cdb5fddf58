"""Issue 10 §4: the calendar pop-up of a date field never covers the form's submit button. On the
one-field step forms of Kết nạp the officer opens the calendar, types (or picks) the date and clicks
the button at once: the calendar opens in the form's flow, above the button, and the click is not lost
when the calendar closes."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangvu.admissions.kinds import Step
from dangvu.admissions.models import Candidate
from tests.admissions import advance, candidate
from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _overlap(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_calendar_leaves_the_submit_button_clickable(page, cast, width):
    page.set_viewport_size({"width": width, "height": 800})
    c = advance(candidate(cast.tree.cell_a1, "Nguyễn Văn Tiến"), Step.CERTIFICATE)
    login(page, "officer_a", PASSWORD)
    page.goto(f"/ket-nap/{c.pk}/")
    form = page.locator("[data-testid=step-form]")
    field = form.locator("input[name=application_date]")
    field.click()
    calendar = page.locator(".flatpickr-calendar.open")
    expect(calendar).to_be_visible()
    button = form.locator("button[type=submit]")
    assert not _overlap(calendar.bounding_box(), button.bounding_box())
    field.fill("12/01/2026")
    button.click()  # no Tab, no Escape: the calendar is still open when the button is pressed
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=step-form] input[name=background_statement_date]")).to_be_visible()
    assert Candidate.objects.get(pk=c.pk).application_date == dt.date(2026, 1, 12)

