"""Issue 8 §4 and §3 "dates without bounds", issue 10 §4: no input crashes the server.

Every query parameter is read by dangvu.core.params (a bad value: 400 naming the parameter on the
API, a Vietnamese message on a page); JSON bodies are capped in size and depth; one date policy
(core.dates: whole, possible dates within 1900–2100) for forms, API and query parameters; one
text policy (core.text, applied before every save by core.integrity)."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.core import params
from dangvu.core.dates import ImpossibleDate, NotADate, parse_date
from dangvu.core.errors import RuleViolation
from dangvu.core.forms import VNDateField
from dangvu.members import services as member_services
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, cast):
    client.force_login(cast.officer_a)
    return client


# ------------------------------------------------------------------ the examples of issue 8 §4

@pytest.mark.parametrize("url, parameter", [
    ("/api/rules/deadline/?start=9999-12-31&working_days=30", "start"),
    ("/api/rules/deadline/?start=2026-01-01&working_days=99999999999999999999", "working_days"),
    ("/api/rules/calendar/?year=0", "year"),
    ("/api/rules/calendar/?year=-5", "year"),
    ("/api/todo/?as_of=9999-12-31", "as_of"),
    ("/api/organizations/tree/?parent=99999999999999999999999", "parent"),
    ("/api/organizations/tree/?parent=abc", "parent"),
    ("/api/organizations/tree/?as_of=0001-01-01", "as_of"),
    ("/api/residence/contacts/?year=99999", "year"),
    ("/api/members/?organization=99999999999999999999999", "organization"),
    ("/api/members/?as_of=31/06/2020", "as_of"),
    ("/api/targets/?year=0", "year"),  # found by the fuzz: dt.date(0, 1, 1)
    ("/api/targets/?organization=99999999999999999999999", "organization"),
    ("/api/targets/?on=9999-12-31", "on"),
])
def test_a_bad_query_parameter_is_a_400_naming_it(officer, url, parameter):
    response = officer.get(url)
    assert response.status_code == 400, response.content
    assert parameter in response.json()
    message = response.json()[parameter][0]
    assert message.startswith(f"{parameter}: ") or parameter in message


@pytest.mark.parametrize("url", [
    "/to-chuc/them/?parent=abc",
    "/to-chuc/them/?parent=99999999999999999999999",
])
def test_a_bad_query_parameter_on_a_page_is_a_400_with_the_message(officer, url):
    response = officer.get(url)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "parent: Tổ chức cấp trên" in page


@pytest.mark.parametrize("url, message", [
    ("/huy-hieu/?presentation_on=01/01/0001", "nằm ngoài khoảng cho phép"),
    ("/viec-can-lam/?as_of=9999-12-31", "nằm ngoài khoảng cho phép"),
    ("/quy-tac/?start=9999-12-31&working_days=30", "nằm ngoài khoảng cho phép"),
    ("/quy-tac/?start=01/01/2026&working_days=abc", "working_days: Số ngày làm việc “abc” không hợp lệ"),
    ("/quy-tac/lich-nghi/?year=0", "year: Năm “0” không hợp lệ"),
])
def test_pages_that_show_their_filters_say_what_is_wrong(officer, url, message):
    response = officer.get(url, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_tree_below_an_unknown_parent_is_empty_not_an_error(officer):
    response = officer.get("/api/organizations/tree/?parent=9223372036854775807")
    assert response.status_code in (200, 404)


# ------------------------------------------------------------------ JSON bodies

def test_a_json_body_nested_1000_levels_is_refused(officer):
    body = "[" * 1000 + "]" * 1000
    response = officer.post("/api/organizations/", body, content_type="application/json")
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in response.json()["detail"]


def test_a_json_body_over_the_size_cap_is_refused(officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = officer.post("/api/organizations/", json.dumps({"name": "x" * 2000}), content_type="application/json")
    assert response.status_code in (400, 413)  # Django's own cap on reading the body, or the parser's


def test_a_json_string_with_brackets_is_not_counted_as_nesting(officer):
    response = officer.post("/api/organizations/", json.dumps({"name": "[" * 100}), content_type="application/json")
    assert response.status_code == 400 and "lồng nhau" not in response.content.decode()


# ------------------------------------------------------------------ the date policy

@pytest.mark.parametrize("text, error", [
    ("31/06/2020", ImpossibleDate), ("32/13/2026", ImpossibleDate), ("2020-02-30", ImpossibleDate),
    ("01/01/0001", ImpossibleDate), ("31/12/9999", ImpossibleDate), ("31/12/1899", ImpossibleDate),
    ("abc", NotADate), ("2020/06/31", NotADate),
])
def test_parse_date_refuses_what_is_not_a_possible_date(text, error):
    with pytest.raises(error):
        parse_date(text)


def test_parse_date_accepts_the_bounds():
    assert parse_date("01/01/1900") == dt.date(1900, 1, 1) and parse_date("2100-12-31") == dt.date(2100, 12, 31)


@pytest.mark.parametrize("typed, message", [
    ("31/06/2020", "không có thật"),
    ("32/13/2026", "không có thật"),
    ("abc", "nhập ngày theo dạng dd/mm/yyyy"),
    ("31/12/9999", "nằm ngoài khoảng"),
])
def test_a_form_refuses_an_impossible_date_and_keeps_the_typed_text(typed, message):
    from django import forms

    class F(forms.Form):
        on = VNDateField(label="Ngày quyết định")

    form = F({"on": typed})
    assert not form.is_valid()
    assert form.errors["on"][0].startswith("Ngày quyết định: ") and message in form.errors["on"][0]
    assert "bắt buộc" not in form.errors["on"][0]
    assert f'value="{typed}"' in str(form["on"])  # the typed text stays in the field


def test_the_api_refuses_an_impossible_date_as_impossible(client, cast):
    client.force_login(cast.officer_a)
    response = client.post("/api/organizations/", {"parent": cast.tree.district_a.pk, "code": "99.001.009",
                                                    "name": "Đảng bộ xã Mới", "kind": Kind.GRASSROOTS_COMMITTEE,
                                                    "effective_date": "2020-06-31"}, content_type="application/json")
    assert response.status_code == 400
    assert "không có thật" in response.json()["effective_date"][0]


def test_a_rename_dated_9999_is_refused_and_stored_dates_keep_to_the_range(cast):
    with pytest.raises(RuleViolation) as exc:
        org_services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới",
                            effective_date=dt.date(9999, 12, 31))
    assert {v.code for v in exc.value.violations} == {"org.future"}
    with pytest.raises(RuleViolation) as exc:
        org_services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới",
                            effective_date=TODAY + dt.timedelta(days=1))
    assert {v.code for v in exc.value.violations} == {"org.future"}
    cast.tree.cell_a1.refresh_from_db()
    assert cast.tree.cell_a1.name == "Chi bộ thôn Đông"
    org_services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới", effective_date=TODAY)


# ------------------------------------------------------------------ the text policy

@pytest.mark.parametrize("name, fault", [
    ("Chi bộ\u0001 thôn", "U+0001"),
    ("Chi bộ\u200b thôn", "U+200B"),
    ("Chi bộ \u202ethôn", "U+202E"),
    ("Chi bộ tho\u0302\u0302\u0302n", "quá nhiều dấu"),
])
def test_an_organization_name_with_hidden_characters_is_refused(cast, name, fault):
    with pytest.raises(RuleViolation) as exc:
        org_services.establish(by=SYSTEM, parent=cast.tree.grassroots_a, code="99.001.001.000.009", name=name,
                               kind=Kind.CELL, effective_date=dt.date(2020, 1, 1))
    assert fault in str(exc.value) and {v.field for v in exc.value.violations} == {"name"}


def test_a_person_name_mixing_scripts_is_refused_and_decomposed_text_is_stored_composed(cast):
    with pytest.raises(RuleViolation) as exc:
        member_services.register_member(by=SYSTEM, organization=cast.tree.cell_a1, full_name="Lê Vаn Cường",  # Cyrillic а
                                        sex="male", date_of_birth=dt.date(1980, 4, 2), citizen_id="038080000003",
                                        admission_decision_date=dt.date(2024, 5, 1), ceremony_date=dt.date(2024, 5, 19))
    assert "full_name" in {v.field for v in exc.value.violations}
    decomposed = "Le\u0302 Va\u0306n Cu\u031bo\u031b\u0300ng"
    member = member_services.register_member(by=SYSTEM, organization=cast.tree.cell_a1, full_name=decomposed, sex="male",
                                             date_of_birth=dt.date(1980, 4, 2), citizen_id="038080000003",
                                             admission_decision_date=dt.date(2024, 5, 1), ceremony_date=dt.date(2024, 5, 19))
    member.refresh_from_db()
    assert member.full_name == "Lê Văn Cường"


def test_english_stock_messages_are_vietnamese(client, cast):
    client.force_login(cast.officer_a)
    response = client.post("/api/organizations/", {"parent": cast.tree.district_a.pk, "code": "99.001.009",
                                                    "name": "Đảng bộ\x00 xã" + "x" * 300, "kind": Kind.GRASSROOTS_COMMITTEE,
                                                    "effective_date": "2020-06-30"}, content_type="application/json")
    assert response.status_code == 400
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "Null characters" not in text and "Ensure this field" not in text
    assert "U+0000" in text or "ký tự" in text


# ------------------------------------------------------------------ the helper itself

def test_params_collects_every_fault_at_once():
    with pytest.raises(params.BadParameter) as exc:
        params.collect(lambda: params.date({"a": "x"}, "a"), lambda: params.object_id({"b": "-1"}, "b", label="Tổ chức"))
    assert set(exc.value.errors) == {"a", "b"}


@pytest.mark.parametrize("raw", ["²", "1e3", "0x10", "١٢", " ", "+-1", "9" * 30])
def test_object_id_refuses_what_is_not_a_plain_positive_number(raw):
    if not raw.strip():
        assert params.object_id({"id": raw}, "id", label="Mã") is None
        return
    with pytest.raises(params.BadParameter):
        params.object_id({"id": raw}, "id", label="Mã")


def test_the_parser_caps_the_size_of_what_it_reads(settings):
    import io

    from rest_framework.exceptions import APIException

    from dangvu.api.parsers import BoundedJSONParser

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    with pytest.raises(APIException) as exc:
        BoundedJSONParser().parse(io.BytesIO(json.dumps({"name": "x" * 200}).encode()))
    assert exc.value.status_code == 413 and "quá lớn" in str(exc.value.detail)
    assert BoundedJSONParser().parse(io.BytesIO(b'{"name": "[[[["}')) == {"name": "[[[["}


def test_a_rename_stored_with_a_mistyped_year_is_corrected_by_a_recorded_correction(cast):
    """A rename dated 31/12/2099 (accepted before the date policy) blocked every later decision; the
    correction moves it to the intended date, keeps it in history and says so in the audit trail."""
    from dangvu.audit.models import AuditEntry
    from dangvu.organizations.models import OrganizationEvent, OrganizationVersion
    from dangvu.organizations.tree import version_on

    cell = cast.tree.cell_a1
    org_services.rename(by=cast.officer_a, org=cell, name="Chi bộ thôn Đông Mới", effective_date=TODAY)
    mistyped = dt.date(2099, 12, 31)
    OrganizationEvent.objects.filter(organization=cell, event_type="rename").update(effective_date=mistyped)
    OrganizationVersion.objects.filter(organization=cell, valid_to=TODAY).update(valid_to=mistyped)
    OrganizationVersion.objects.filter(organization=cell, valid_from=TODAY).update(valid_from=mistyped)
    with pytest.raises(RuleViolation):  # blocked: the next decision would precede 2099
        org_services.rename(by=cast.officer_a, org=cell, name="Chi bộ thôn Đông 2", effective_date=TODAY)
    with pytest.raises(RuleViolation) as exc:
        org_services.correct_latest_date(by=cast.officer_a, org=cell, effective_date=dt.date(2026, 11, 1), reason="")
    assert {v.field for v in exc.value.violations} == {"reason"}
    org_services.correct_latest_date(by=cast.officer_a, org=cell, effective_date=dt.date(2026, 11, 1),
                                     reason="Gõ nhầm năm 2099")
    assert OrganizationEvent.objects.get(organization=cell, event_type="rename").effective_date == dt.date(2026, 11, 1)
    assert version_on(cell, dt.date(2026, 10, 31)).name == "Chi bộ thôn Đông"
    assert version_on(cell, TODAY).name == "Chi bộ thôn Đông Mới"
    entry = AuditEntry.objects.get(action="organizations.correct_date")
    assert "31/12/2099 → 01/11/2026" in entry.note and "Gõ nhầm năm 2099" in entry.note
    org_services.rename(by=cast.officer_a, org=cell, name="Chi bộ thôn Đông 2", effective_date=TODAY)  # unblocked


def test_a_failed_login_with_a_control_character_in_the_username_is_still_recorded(client, cast):
    response = client.post(reverse("accounts:login"), {"username": "officer_a\u0001", "password": "sai"})
    assert response.status_code in (200, 403, 429)


@pytest.mark.parametrize("url", [
    "/dang-vien/to-chuc/?q=²",
    "/noi-cu-tru/?year=²",
    "/huy-hieu/dang-vien/1/tang/?milestone=²",
])
def test_a_superscript_digit_is_not_a_number(officer, url):
    assert officer.get(url).status_code in (200, 302, 404)
