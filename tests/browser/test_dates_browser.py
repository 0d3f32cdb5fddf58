"""Issue 10 §4: a typed date is never changed silently. The date picker leaves "31/06/2020" and
"abc" as typed (flatpickr alone made them 01/07/2020 and ""), and the server refuses them as an
impossible date and a text that is not a date, with the typed text kept in the field."""

import pytest
from django.urls import reverse

from tests.browser.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("typed, message", [("31/06/2020", "không có thật"), ("abc", "nhập ngày theo dạng")])
def test_an_impossible_date_is_refused_with_the_typed_text_kept(page, cast, typed, message):
    page.set_default_timeout(60_000)  # a loaded CI machine
    login(page, "officer_a", PASSWORD)
    page.goto(reverse("organizations:action", args=[cast.tree.cell_a1.pk, "doi-ten"]))
    page.fill("input[name=name]", "Chi bộ thôn Đông Mới")
    field = page.locator("input[name=effective_date]")
    field.fill(typed)
    page.locator("input[name=name]").click()  # leave the field: the picker reads what was typed
    assert field.input_value() == typed
    page.keyboard.press("Escape")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    assert field.input_value() == typed
    errors = page.locator(".invalid-feedback, .alert-danger, .errorlist").all_inner_texts()
    assert any(message in e for e in errors), errors
    assert "bắt buộc" not in " ".join(errors)
