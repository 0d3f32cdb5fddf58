"""The members API: scope (404 outside, 403 read-only), search and filters, masking and audited
reveal, the record's rules as field errors, optimistic locking, events, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dangvu.accounts import tokens
from dangvu.accounts.system import SYSTEM
from dangvu.api.serializers import VERSION_REQUIRED
from dangvu.audit.models import AuditEntry
from dangvu.members import rules, services
from dangvu.members.api import mask
from dangvu.members.kinds import EventType, Status
from dangvu.members.models import Member
from dangvu.references.models import ReferenceItem
from tests.api.helpers import results
from tests.clock import TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]


D = dt.date
URL = "/api/members/"


def member_url(member=None, suffix: str = "") -> str:
    if member is None:
        return URL
    pk = member if isinstance(member, int) else member.pk
    return f"{URL}{pk}/" + (f"{suffix}/" if suffix else "")


def cccd(sex: str, born: dt.date, serial: int, province: str = "038") -> str:
    """A consistent CCCD: province, century-and-sex digit, year of birth, 6 digits."""
    digit = (0 if born.year < 2000 else 2) + (1 if sex == "female" else 0)
    return f"{province}{digit}{born.year % 100:02d}{serial:06d}"


def ref(list_code: str, name: str) -> ReferenceItem:
    return ReferenceItem.objects.get(list_code=list_code, name=name)


def register(org, full_name, sex="male", born=D(1985, 4, 12), decided=D(2010, 5, 19), serial=1, recognized=True,
             joined_on=None, **extra):
    ceremony = decided + dt.timedelta(days=10)
    fields = {
        "full_name": full_name, "sex": sex, "date_of_birth": born, "citizen_id": cccd(sex, born, serial),
        "party_card_number": f"{serial:08d}", "admission_decision_date": decided, "ceremony_date": ceremony,
        "recognition_date": rules.add_months(ceremony, 12) if recognized else None,
        "ethnicity": ref("ethnicity", "Kinh"), "religion": ref("religion", "Không"),
        "permanent_address": "Số 5, thôn Đông, xã An Lạc", **extra,
    }
    return services.register_member(by=SYSTEM, organization=org, joined_on=joined_on, **fields)


@pytest.fixture
def people(cast):
    t = cast.tree
    hoa1 = register(t.cell_a1, "Nguyễn Thị Hoà", "female", D(1990, 2, 3), D(2015, 3, 2), serial=11,
                    theory_level=ref("theory_level", "Trung cấp"))
    hoa2 = register(t.cell_a2, "Nguyễn Thị Hòa", "female", D(1975, 8, 30), D(2011, 9, 1), serial=12,
                    ethnicity=ref("ethnicity", "Mường"))
    binh = register(t.cell_a1, "Trần Văn Bình", "male", D(1960, 1, 20), D(2010, 6, 1), serial=13)
    new = register(t.cell_a1, "Lê Văn Mới", "male", D(2001, 6, 15), TODAY - dt.timedelta(days=60), serial=14,
                   recognized=False, party_card_number=None)
    own = register(t.cell_a1, "Lê Văn Cường", "male", D(1982, 11, 5), D(2010, 2, 1), serial=15)
    own.user = cast.member_a1
    own.save(update_fields=["user"])
    b = register(t.cell_b1, "Hoàng Văn Bắc", "male", D(1970, 3, 3), D(2012, 3, 3), serial=16)
    return type("People", (), {"hoa1": hoa1, "hoa2": hoa2, "binh": binh, "new": new, "own": own, "b": b})


def names(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {row["full_name"] for row in results(response)}


A_NAMES = {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "Trần Văn Bình", "Lê Văn Mới", "Lê Văn Cường"}


# ---------------------------------------------------------------------------- scope

def test_list_is_limited_to_the_scope(cast, api, people):
    assert names(api(cast.officer_a).get(URL)) == A_NAMES
    assert names(api(cast.viewer_a).get(URL)) == A_NAMES
    assert names(api(cast.officer_b).get(URL)) == {"Hoàng Văn Bắc"}
    assert names(api(cast.admin).get(URL)) == A_NAMES | {"Hoàng Văn Bắc"}
    # A cell secretary sees the own cell's members only.
    assert names(api(cast.secretary_a1).get(URL)) == {"Nguyễn Thị Hoà", "Trần Văn Bình", "Lê Văn Mới", "Lê Văn Cường"}
    assert api().get(URL).status_code == 401


def test_detail_outside_the_scope_is_404(cast, api, people):
    officer_b = api(cast.officer_b)
    assert officer_b.get(member_url(people.hoa1)).status_code == 404
    assert officer_b.get(member_url(people.hoa1, "events")).status_code == 404
    assert officer_b.get(member_url(999999)).status_code == 404
    assert officer_b.get(member_url(people.b)).status_code == 200
    assert api(cast.secretary_a1).get(member_url(people.hoa2)).status_code == 404  # cell A2


def test_a_member_sees_only_the_own_linked_record(cast, api, people):
    client = api(cast.member_a1)
    response = client.get(URL)
    assert [row["full_name"] for row in results(response)] == ["Lê Văn Cường"]
    assert client.get(member_url(people.own)).status_code == 200
    assert client.get(member_url(people.own, "events")).status_code == 200
    assert client.get(member_url(people.binh)).status_code == 404  # same cell, someone else


def test_token_authentication(cast, people):
    _token, key = tokens.create(by=cast.officer_a, channel="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert names(client.get(URL)) == A_NAMES
    assert client.get(member_url(people.b)).status_code == 404
    response = client.patch(member_url(people.binh), {"workplace": "UBND xã An Lạc", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert AuditEntry.objects.filter(action="members.update", object_id=str(people.binh.pk)).get().actor == cast.officer_a
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(URL).status_code == 401


# ---------------------------------------------------------------------------- search, filters, order

@pytest.mark.parametrize("param", ["q", "search"])
def test_search_ignores_diacritics_and_tone_placement(cast, api, people, param):
    officer_a = api(cast.officer_a)
    assert names(officer_a.get(URL, {param: "nguyen thi hoa"})) == {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {param: "Nguyễn Thị Hoà"})) == {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {param: "TRAN VAN BINH"})) == {"Trần Văn Bình"}
    assert names(officer_a.get(URL, {param: people.binh.citizen_id})) == {"Trần Văn Bình"}
    assert names(officer_a.get(URL, {param: "hoang van bac"})) == set()  # outside the scope
    assert names(api(cast.admin).get(URL, {param: "hoang van bac"})) == {"Hoàng Văn Bắc"}


def test_filters(cast, api, people):
    t = cast.tree
    officer_a = api(cast.officer_a)
    assert names(officer_a.get(URL, {"status": "probationary"})) == {"Lê Văn Mới"}
    assert names(officer_a.get(URL, {"status": "full", "sex": "female"})) == {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {"ethnicity": ref("ethnicity", "Mường").pk})) == {"Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {"theory_level": ref("theory_level", "Trung cấp").pk})) == {"Nguyễn Thị Hoà"}
    assert names(officer_a.get(URL, {"organization": t.cell_a2.pk})) == {"Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {"organization": t.cell_b1.pk})) == set()  # not visible: nothing, no error
    assert names(officer_a.get(URL, {"age_band": "-30"})) == {"Lê Văn Mới"}
    assert names(officer_a.get(URL, {"age_band": "61-70"})) == {"Trần Văn Bình"}
    assert names(officer_a.get(URL, {"party_age_band": "-10"})) == {"Lê Văn Mới"}
    assert names(officer_a.get(URL, {"party_age_band": "10-19"})) == A_NAMES - {"Lê Văn Mới"}
    assert officer_a.get(URL, {"status": "nonsense"}).status_code == 400

    # as_of: who was in the party (and where) on that date.
    assert names(officer_a.get(URL, {"as_of": "31/12/2011"})) == {"Nguyễn Thị Hòa", "Trần Văn Bình", "Lê Văn Cường"}
    assert names(officer_a.get(URL, {"as_of": "2011-12-31", "status": "probationary"})) == {"Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {"as_of": "2010-06-01", "status": "probationary"})) == {"Lê Văn Cường"}
    assert names(officer_a.get(URL, {"as_of": "2009-12-31"})) == set()
    services.record_event(by=SYSTEM, member=people.binh, event_type=EventType.TRANSFERRED_INTERNAL,
                          effective_date=D(2020, 1, 1), organization=t.cell_a2)
    assert names(officer_a.get(URL, {"as_of": "31/12/2019", "organization": t.cell_a2.pk})) == {"Nguyễn Thị Hòa"}
    assert names(officer_a.get(URL, {"as_of": "31/12/2020", "organization": t.cell_a2.pk})) == {
        "Nguyễn Thị Hòa", "Trần Văn Bình"}
    services.record_event(by=SYSTEM, member=people.hoa2, event_type=EventType.DECEASED, effective_date=D(2024, 2, 1))
    assert "Nguyễn Thị Hòa" not in names(officer_a.get(URL, {"status": "in_party"}))
    assert "Nguyễn Thị Hòa" in names(officer_a.get(URL, {"as_of": "2023-12-31"}))
    assert officer_a.get(URL, {"as_of": "31/02/2020"}).status_code == 400


def test_list_order_and_output(cast, api, people):
    rows = results(api(cast.officer_a).get(URL))
    # By given name, then the rest (Bình, Cường, Hoà/Hòa, Mới).
    assert [r["full_name"] for r in rows][:2] == ["Trần Văn Bình", "Lê Văn Cường"]
    assert [r["full_name"] for r in rows][-1] == "Lê Văn Mới"
    row = {r["full_name"]: r for r in rows}["Nguyễn Thị Hoà"]
    assert row["organization"] == cast.tree.cell_a1.pk and row["organization_name"] == "Chi bộ thôn Đông"
    assert row["status"] == Status.FULL and row["status_label"] == "Chính thức"
    assert row["ethnicity"] == "Kinh" and row["religion"] == "Không" and row["theory_level"] == "Trung cấp"
    assert row["professional"] is None
    assert row["first_admission_date"] == "2015-03-02"
    assert row["party_age_years"] == rules.party_age_years(D(2015, 3, 2), 0, TODAY)
    assert row["is_exempted"] is False and row["version"] == 1 and row["can_change"] is True
    assert {"id", "full_name", "other_names", "sex", "date_of_birth", "citizen_id", "party_card_number", "photo",
            "permanent_address", "current_address", "general_education", "academic_degree", "academic_title",
            "is_suspended"} <= set(row)
    assert "place_of_birth" not in row  # the detail has the whole record


# ---------------------------------------------------------------------------- masking and reveal

def test_mask_shapes():
    assert mask("citizen_id", "038190012345") == "0381******45"
    assert mask("party_card_number", "12345678") == "******78"
    assert mask("party_card_number", None) is None
    assert mask("permanent_address", "Số 5, thôn Đông") == "***"
    assert mask("current_address", "") == ""


def test_sensitive_fields_are_masked_in_list_and_detail(cast, api, people):
    officer_a = api(cast.officer_a)
    row = {r["full_name"]: r for r in results(officer_a.get(URL))}["Nguyễn Thị Hoà"]
    assert people.hoa1.citizen_id == "038190000011"
    assert row["citizen_id"] == "0381******11"
    assert row["party_card_number"] == "******11"
    assert row["permanent_address"] == "***" and row["current_address"] == "" and row["photo"] == ""
    # Even ?reveal= on the list does not unmask.
    row = results(officer_a.get(URL, {"reveal": "citizen_id", "q": "hoa"}))[0]
    assert "*" in row["citizen_id"]

    body = officer_a.get(member_url(people.hoa1)).json()
    assert body["citizen_id"] == "0381******11" and body["revealed"] == []
    assert body["place_of_birth"] == "" and body["recognition_date"] == "2016-03-12"
    assert body["ethnicity_id"] == ref("ethnicity", "Kinh").pk
    assert not AuditEntry.objects.filter(action="members.reveal").exists()


def test_reveal_is_audited(cast, api, people):
    response = api(cast.officer_a).get(member_url(people.hoa1), {"reveal": "citizen_id,party_card_number"})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["citizen_id"] == "038190000011" and body["party_card_number"] == "00000011"
    assert body["permanent_address"] == "***"
    assert body["revealed"] == ["citizen_id", "party_card_number"]
    entries = AuditEntry.objects.filter(action="members.reveal", object_id=str(people.hoa1.pk))
    assert sorted(e.changes["_data"]["field"] for e in entries) == ["citizen_id", "party_card_number"]
    assert {e.actor for e in entries} == {cast.officer_a}

    response = api(cast.officer_a).get(member_url(people.hoa1), {"reveal": "citizen_id,password"})
    assert response.status_code == 400 and "reveal" in response.json()


@pytest.mark.parametrize("who", ["viewer_a", "secretary_a1"])
def test_reveal_refused_for_roles_that_only_read(cast, api, people, who):
    client = api(getattr(cast, who))
    assert client.get(member_url(people.hoa1)).status_code == 200
    response = client.get(member_url(people.hoa1), {"reveal": "citizen_id"})
    assert response.status_code == 403
    assert "không có quyền" in response.json()["detail"]
    assert not AuditEntry.objects.filter(action="members.reveal").exists()


def test_a_member_may_reveal_the_own_record_and_it_is_audited(cast, api, people):
    response = api(cast.member_a1).get(member_url(people.own), {"reveal": "citizen_id"})
    assert response.status_code == 200, response.json()
    assert response.json()["citizen_id"] == people.own.citizen_id
    entry = AuditEntry.objects.get(action="members.reveal")
    assert entry.actor == cast.member_a1 and entry.changes["_data"]["field"] == "citizen_id"


# ---------------------------------------------------------------------------- create

def _new(org, **extra) -> dict:
    born = D(1995, 7, 14)
    return {
        "organization": org.pk, "full_name": "Phạm Thị Lan", "sex": "female", "date_of_birth": "14/07/1995",
        "citizen_id": cccd("female", born, 99), "admission_decision_date": "02/03/2024", "ceremony_date": "12/03/2024",
        "ethnicity": ref("ethnicity", "Thái").pk, "religion": ref("religion", "Không").pk,
        "professional": ref("professional", "Đại học").pk, "occupation": ref("occupation", "Viên chức").pk,
        "workplace": "Trường Tiểu học An Lạc", "introducer_1": "Trần Văn Bình", **extra,
    }


def test_create(cast, api, people):
    response = api(cast.officer_a).post(URL, _new(cast.tree.cell_a2), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["full_name"] == "Phạm Thị Lan" and body["organization"] == cast.tree.cell_a2.pk
    assert body["status"] == Status.PROBATIONARY  # no recognition date in the record: recognized by an event later
    member = Member.objects.get(pk=body["id"])
    assert member.ethnicity.name == "Thái" and member.occupation.name == "Viên chức"
    assert [e.event_type for e in member.events.all()] == [EventType.ADMITTED]
    assert member.events.get().recorded_by == cast.officer_a
    assert AuditEntry.objects.filter(action="members.create", object_id=str(member.pk)).get().actor == cast.officer_a


def test_create_with_an_invalid_citizen_id_names_the_field(cast, api, people):
    bad_sex = cccd("male", D(1995, 7, 14), 99)  # 4th digit says male
    for value in ("12345", "999195000099", bad_sex):
        response = api(cast.officer_a).post(URL, _new(cast.tree.cell_a1, citizen_id=value), format="json")
        assert response.status_code == 400, value
        body = response.json()
        assert "citizen_id" in body and body["citizen_id"][0].startswith("Số CCCD"), body
        assert {v["field"] for v in body["violations"]} == {"citizen_id"}
    assert not Member.objects.filter(full_name="Phạm Thị Lan").exists()


def test_create_admission_at_17_names_the_decision_date(cast, api, people):
    response = api(cast.officer_a).post(URL, _new(cast.tree.cell_a1, admission_decision_date="01/02/2013",
                                                  ceremony_date="10/02/2013"), format="json")
    assert response.status_code == 400
    body = response.json()
    assert "admission_decision_date" in body and "17 tuổi" in body["admission_decision_date"][0]
    assert body["violations"][0]["code"] == "member.admission_age" and body["violations"][0]["source"]


def test_create_input_errors(cast, api, people):
    officer_a = api(cast.officer_a)
    response = officer_a.post(URL, {"organization": cast.tree.cell_a1.pk}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["full_name"] == ["Họ và tên khai sinh: bắt buộc."]
    assert body["date_of_birth"] == ["Ngày sinh: bắt buộc."]
    # An organization outside the scope is unknown; a reference id from another list too.
    response = officer_a.post(URL, _new(cast.tree.cell_b1), format="json")
    assert response.status_code == 400 and "không tồn tại hoặc ngoài phạm vi quyền" in response.json()["organization"][0]
    response = officer_a.post(URL, _new(cast.tree.cell_a1, ethnicity=ref("religion", "Công giáo").pk), format="json")
    assert response.status_code == 400 and response.json()["ethnicity"][0].startswith("Dân tộc: không có mục id")
    response = officer_a.post(URL, _new(cast.tree.cell_a1, status="full"), format="json")
    assert response.status_code == 400 and "events" in response.json()["status"][0]
    # Not a cell: the rule names the organization.
    response = officer_a.post(URL, _new(cast.tree.grassroots_a), format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "member.org_kind"
    # A CCCD already in the register.
    response = officer_a.post(URL, _new(cast.tree.cell_a1, citizen_id=people.hoa1.citizen_id, date_of_birth="03/02/1990"),
                              format="json")
    assert response.status_code == 400 and "citizen_id" in response.json()


def test_create_a_member_transferred_in_from_outside(cast, api, people):
    officer_a = api(cast.officer_a)
    response = officer_a.post(URL, _new(cast.tree.cell_a1, joined_on="01/09/2025"), format="json")
    assert response.status_code == 400 and "admitted_in" in response.json()
    response = officer_a.post(URL, _new(cast.tree.cell_a1, joined_on="01/02/2024"), format="json")
    assert response.status_code == 400 and "joined_on" in response.json()  # before the ceremony
    response = officer_a.post(URL, _new(cast.tree.cell_a1, joined_on="01/09/2025", recognition_date="12/03/2025",
                                        admitted_in="Chi bộ Trường THPT Phan Bội Châu, tỉnh Nghệ An"), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == Status.FULL and response.json()["organization"] == cast.tree.cell_a1.pk
    events = results(officer_a.get(member_url(response.json()["id"], "events")))
    assert [(e["event_type"], e["organization"], e["external_place"]) for e in events] == [
        (EventType.ADMITTED, None, "Chi bộ Trường THPT Phan Bội Châu, tỉnh Nghệ An"), (EventType.RECOGNIZED, None, ""),
        (EventType.TRANSFERRED_IN, cast.tree.cell_a1.pk, "")]


# ---------------------------------------------------------------------------- update

def test_patch_requires_the_version_and_detects_stale_edits(cast, api, people):
    officer_a = api(cast.officer_a)
    url = member_url(people.binh)
    response = officer_a.patch(url, {"workplace": "Hợp tác xã An Lạc"}, format="json")
    assert response.status_code == 400 and response.json()["version"] == [VERSION_REQUIRED]

    first = officer_a.patch(url, {"workplace": "Hợp tác xã An Lạc", "theory_level": ref("theory_level", "Sơ cấp").pk,
                                  "version": 1}, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["version"] == 2 and first.json()["theory_level"] == "Sơ cấp"
    stale = officer_a.patch(url, {"workplace": "Khác", "version": 1}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 2
    assert Member.objects.get(pk=people.binh.pk).workplace == "Hợp tác xã An Lạc"

    response = officer_a.patch(url, {"citizen_id": "038160000013", "version": 2}, format="json")
    assert response.status_code == 400 and "citizen_id" in response.json()  # 4th digit 1: a woman
    response = officer_a.patch(url, {"organization": cast.tree.cell_a2.pk, "version": 2}, format="json")
    assert response.status_code == 400 and "events" in response.json()["organization"][0]


def test_put_requires_the_identity_fields(cast, api, people):
    officer_a = api(cast.officer_a)
    url = member_url(people.binh)
    response = officer_a.put(url, {"workplace": "X", "version": 1}, format="json")
    assert response.status_code == 400 and set(response.json()) >= {"full_name", "sex", "date_of_birth"}
    response = officer_a.put(url, {"full_name": "Trần Văn Bình", "sex": "male", "date_of_birth": "20/01/1960",
                                   "other_names": "Bình Trần", "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["other_names"] == "Bình Trần" and response.json()["citizen_id"] == "0380******13"


def test_no_delete(cast, api, people):
    assert api(cast.admin).delete(member_url(people.binh)).status_code == 405
    assert Member.objects.filter(pk=people.binh.pk).exists()


# ---------------------------------------------------------------------------- read-only roles and outsiders

@pytest.mark.parametrize("who", ["viewer_a", "secretary_a1"])
def test_read_only_roles_get_403_on_writes(cast, api, people, who):
    client = api(getattr(cast, who))
    attempts = [
        client.post(URL, _new(cast.tree.cell_a1), format="json"),
        client.patch(member_url(people.binh), {"workplace": "X", "version": 1}, format="json"),
        client.post(member_url(people.new, "events"), {"event_type": "struck_off", "effective_date": "01/01/2026"},
                    format="json"),
    ]
    for response in attempts:
        assert response.status_code == 403, response.json()
        assert "không có quyền" in response.json()["detail"]
    assert Member.objects.get(pk=people.binh.pk).version == 1
    assert not Member.objects.filter(full_name="Phạm Thị Lan").exists()


def test_member_and_outsider(cast, api, people):
    own = api(cast.member_a1)
    assert own.patch(member_url(people.own), {"workplace": "X", "version": 1}, format="json").status_code == 403
    assert own.patch(member_url(people.binh), {"workplace": "X", "version": 1}, format="json").status_code == 404
    officer_b = api(cast.officer_b)
    assert officer_b.patch(member_url(people.binh), {"workplace": "X", "version": 1}, format="json").status_code == 404
    assert officer_b.post(member_url(people.binh, "events"), {"event_type": "deceased", "effective_date": "01/01/2026"},
                          format="json").status_code == 404


# ---------------------------------------------------------------------------- events

def test_events_list(cast, api, people):
    response = api(cast.officer_a).get(member_url(people.hoa1, "events"))
    assert response.status_code == 200
    events = results(response)
    assert [(e["event_type"], e["effective_date"]) for e in events] == [
        (EventType.ADMITTED, "2015-03-12"), (EventType.RECOGNIZED, "2016-03-12")]
    admitted = events[0]
    assert admitted["label"] == "Kết nạp (dự bị)" and admitted["organization"] == cast.tree.cell_a1.pk
    assert admitted["organization_name"] == "Chi bộ thôn Đông" and admitted["recorded_by_label"] == "Hệ thống"
    assert {"from_organization", "external_place", "decision_number", "decision_date", "deciding_body", "reason",
            "recorded_at"} <= set(admitted)


def test_record_events(cast, api, people):
    t = cast.tree
    officer_a = api(cast.officer_a)
    url = member_url(people.binh, "events")
    response = officer_a.post(url, {
        "event_type": "transferred_internal", "effective_date": "01/02/2026", "organization": t.cell_a2.pk,
        "decision_number": "15-QĐ/ĐU", "decision_date": "25/01/2026", "deciding_body": "Đảng ủy xã An Lạc",
        "reason": "Chuyển nơi cư trú", "version": 1,
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["event_type"] == "transferred_internal" and body["label"] == "Chuyển sinh hoạt nội bộ"
    assert body["organization_name"] == "Chi bộ thôn Tây" and body["from_organization"] == t.cell_a1.pk
    assert body["decision_number"] == "15-QĐ/ĐU" and body["recorded_by_label"] == "Nguyễn Văn An (officer_a)"
    detail = officer_a.get(member_url(people.binh)).json()
    assert detail["organization"] == t.cell_a2.pk and detail["version"] == 2

    # Stale version; out of order; outside the scope; a rule of the history.
    assert officer_a.post(url, {"event_type": "exempted", "effective_date": "01/03/2026", "version": 1},
                          format="json").status_code == 409
    response = officer_a.post(url, {"event_type": "exempted", "effective_date": "01/01/2026"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "event.out_of_order"
    response = officer_a.post(url, {"event_type": "transferred_internal", "effective_date": "01/03/2026",
                                    "organization": t.cell_b1.pk}, format="json")
    assert response.status_code == 400 and "ngoài phạm vi quyền" in response.json()["organization"][0]
    response = officer_a.post(url, {"event_type": "recognized", "effective_date": "01/03/2026"}, format="json")
    assert response.status_code == 400 and response.json()["violations"][0]["code"] == "event.recognize_status"
    response = officer_a.post(url, {"event_type": "nonsense", "effective_date": "01/03/2026"}, format="json")
    assert response.status_code == 400 and response.json()["event_type"][0].startswith("Sự kiện:")

    response = officer_a.post(url, {"event_type": "deceased", "effective_date": "01/03/2026"}, format="json")
    assert response.status_code == 201
    detail = officer_a.get(member_url(people.binh)).json()
    assert detail["status"] == Status.DECEASED and detail["party_age_years"] is None


def test_recognize_after_probation(cast, api, people):
    member = register(cast.tree.cell_a1, "Đỗ Thị Xuân", "female", D(1998, 1, 1), D(2023, 5, 2), serial=21, recognized=False)
    assert member.status == Status.PROBATIONARY
    response = api(cast.officer_a).post(member_url(member, "events"), {
        "event_type": "recognized", "effective_date": "12/05/2024", "decision_number": "30-QĐ/ĐU"}, format="json")
    assert response.status_code == 201, response.json()
    assert Member.objects.get(pk=member.pk).status == Status.FULL


def test_recognition_before_the_end_of_probation_is_refused(cast, api, people):
    response = api(cast.officer_a).post(member_url(people.new, "events"), {
        "event_type": "recognized", "effective_date": TODAY.strftime("%d/%m/%Y")}, format="json")
    assert response.status_code == 400


# ---------------------------------------------------------------------------- query counts

def _queries(client, params=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries), len(results(response))


@pytest.mark.parametrize("who", ["officer_a", "admin", "secretary_a1"])
def test_list_query_count_does_not_grow_with_the_page(cast, api, who):
    t = cast.tree
    client = api(getattr(cast, who))
    for i in range(3):
        register(t.cell_a1, f"Người Thứ {i}", born=D(1980, 1, 1), serial=100 + i, theory_level=ref("theory_level", "Sơ cấp"),
                 professional=ref("professional", "Đại học"), occupation=ref("occupation", "Nông dân"),
                 general_education=ref("general_education", "Trung học phổ thông"))
    small, n = _queries(client)
    assert n == 3
    for i in range(3, 20):
        register(t.cell_a1, f"Người Thứ {i}", born=D(1980, 1, 1), serial=100 + i, academic_degree=ref("academic_degree", "Thạc sĩ"),
                 academic_title=ref("academic_title", "Phó Giáo sư"))
    big, n = _queries(client)
    assert n == 20
    assert big == small
    # A fixed number of queries whatever the page size: the user, their scopes, the paths those ever had,
    # and then for a scoped user the organizations' ids, how many members they hold today and who has moved
    # out of them (the list form, MemberQuerySet.restrict(form=LIST)), the bounded count, the page, and every reference item on the page
    # (ethnicity, levels… in one query instead of eight joins). An administrator sees everything: no paths,
    # ids or member count to read.
    assert small == {"officer_a": 9, "admin": 5, "secretary_a1": 9}[who]
    # Filters add their own fixed cost only.
    assert _queries(client, {"q": "nguoi", "organization": t.cell_a1.pk})[0] <= small + 2


def test_schema_documents_the_bounded_count(cast, api):
    schema = api(cast.viewer_a).get("/api/schema/", {"format": "json"}).json()
    page = schema["components"]["schemas"]["PaginatedMemberList"]
    assert "count_exact" in page["required"] and page["properties"]["count_exact"]["type"] == "boolean"
    assert "10.000" in page["properties"]["count"]["description"]
    assert "count_exact" in schema["paths"]["/api/members/"]["get"]["description"]
