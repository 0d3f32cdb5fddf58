"""The organizations API: scope (404 outside, 403 read-only), filters, dated reads, lifecycle writes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dangvu.accounts import tokens
from dangvu.accounts.system import SYSTEM
from dangvu.api.serializers import VERSION_REQUIRED
from dangvu.audit.models import AuditEntry
from dangvu.organizations import services
from dangvu.organizations.kinds import EventType, Kind
from dangvu.organizations.models import Organization
from tests.api.helpers import codes, org_url, results

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]

A_CODES = {"99.001", "99.001.001", "99.001.001.000.001", "99.001.001.000.002"}


def _fresh(org):
    return Organization.objects.get(pk=org.pk)


# ---------------------------------------------------------------------------- scope

def test_list_shows_only_the_users_subtree(cast, api):
    response = api(cast.officer_a).get(org_url())
    assert response.status_code == 200
    assert codes(response) == A_CODES
    assert response.json()["count"] == 4

    assert codes(api(cast.officer_b).get(org_url())) == {"99.002", "99.002.001", "99.002.001.000.001"}
    assert codes(api(cast.member_a1).get(org_url())) == {"99.001.001.000.001"}
    assert len(codes(api(cast.admin).get(org_url()))) == 8


def test_detail_outside_scope_is_404_inside_is_200(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    assert officer_a.get(org_url(t.district_b)).status_code == 404
    assert officer_a.get(org_url(t.province)).status_code == 404
    assert officer_a.get(org_url(999999)).status_code == 404
    assert api(cast.officer_b).get(org_url(t.cell_a1)).status_code == 404
    assert api(cast.member_a1).get(org_url(t.cell_a2)).status_code == 404
    assert api(cast.member_a1).get(org_url(t.cell_a1)).status_code == 200

    body = officer_a.get(org_url(t.cell_a1)).json()
    assert body["name"] == "Chi bộ thôn Đông"
    assert body["kind"] == Kind.CELL and body["kind_label"] == "Chi bộ trực thuộc"
    assert body["parent"] == t.grassroots_a.pk and body["parent_name"] == "Đảng bộ xã An Lạc"
    assert body["established_on"] == "2010-01-01" and body["is_active"] is True
    assert body["version"] == 1 and body["can_change"] is True
    assert api(cast.viewer_a).get(org_url(t.cell_a1)).json()["can_change"] is False
    assert api(cast.secretary_a1).get(org_url(t.cell_a1)).json()["can_change"] is False


def test_anonymous_is_refused_with_a_vietnamese_message(cast):
    response = APIClient().get(org_url())
    assert response.status_code == 401
    assert "Chưa đăng nhập" in response.json()["detail"]


def test_token_authentication(cast):
    _token, key = tokens.create(by=cast.officer_a, channel="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get(org_url())
    assert response.status_code == 200
    assert codes(response) == A_CODES
    assert client.get(org_url(cast.tree.district_b)).status_code == 404

    # Writes through a token go through the same services and are audited under the user.
    response = client.post(org_url(cast.tree.cell_a1, "rename"), {
        "name": "Chi bộ thôn Đông Một", "effective_date": "01/03/2024", "version": 1,
    }, format="json")
    assert response.status_code == 200, response.json()
    entry = AuditEntry.objects.filter(action="organizations.rename").get()
    assert entry.actor == cast.officer_a

    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(org_url()).status_code == 401


# ---------------------------------------------------------------------------- filters

def test_search_ignores_diacritics_and_case(cast, api):
    officer_a = api(cast.officer_a)
    assert codes(officer_a.get(org_url(), {"q": "thon dong"})) == {"99.001.001.000.001"}
    assert codes(officer_a.get(org_url(), {"q": "AN LAC"})) == {"99.001", "99.001.001"}
    assert codes(officer_a.get(org_url(), {"q": "Tây"})) == {"99.001.001.000.002"}
    # A match outside the scope stays hidden.
    assert codes(officer_a.get(org_url(), {"q": "binh minh"})) == set()
    assert codes(api(cast.admin).get(org_url(), {"q": "binh minh"})) == {"99.002", "99.002.001"}


def test_within_kind_parent_status_filters(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    assert codes(officer_a.get(org_url(), {"within": t.grassroots_a.pk})) == {
        "99.001.001", "99.001.001.000.001", "99.001.001.000.002"}
    # An organization the user may not see filters to nothing (no error that would reveal it).
    response = officer_a.get(org_url(), {"within": t.district_b.pk})
    assert response.status_code == 200 and codes(response) == set()
    assert codes(officer_a.get(org_url(), {"within": 987654})) == set()

    assert codes(officer_a.get(org_url(), {"kind": Kind.CELL})) == {"99.001.001.000.001", "99.001.001.000.002"}
    assert codes(officer_a.get(org_url() + f"?kind={Kind.CELL}&kind={Kind.DISTRICT_COMMITTEE}")) == {
        "99.001", "99.001.001.000.001", "99.001.001.000.002"}
    assert officer_a.get(org_url(), {"kind": "nonsense"}).status_code == 400
    assert codes(officer_a.get(org_url(), {"parent": t.grassroots_a.pk})) == {"99.001.001.000.001", "99.001.001.000.002"}
    assert codes(officer_a.get(org_url(), {"unit_type": "commune_ward"})) == {"99.001.001"}

    services.dissolve(by=SYSTEM, org=t.cell_a2, effective_date=dt.date(2024, 5, 1))
    assert codes(officer_a.get(org_url(), {"status": "ended"})) == {"99.001.001.000.002"}
    assert "99.001.001.000.002" not in codes(officer_a.get(org_url(), {"status": "active"}))


def test_as_of_returns_the_name_held_on_that_date(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    response = officer_a.post(org_url(t.cell_a1, "rename"), {
        "name": "Chi bộ khu phố Đông", "effective_date": "01/01/2021", "version": 1,
        "decision_number": "12-QĐ/ĐU", "decision_date": "28/12/2020", "deciding_body": "Đảng ủy xã An Lạc",
    }, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["name"] == "Chi bộ khu phố Đông" and response.json()["version"] == 2

    def name_on(as_of):
        rows = results(officer_a.get(org_url(), {"as_of": as_of, "kind": Kind.CELL}))
        return {row["id"]: row for row in rows}[t.cell_a1.pk]

    old = name_on("30/06/2020")
    assert old["name"] == "Chi bộ thôn Đông"
    assert old["parent_name"] == "Đảng bộ xã An Lạc" and old["can_change"] is True
    assert name_on("2020-12-31")["name"] == "Chi bộ thôn Đông"
    assert name_on("2021-01-01")["name"] == "Chi bộ khu phố Đông"
    assert {r["name"] for r in results(officer_a.get(org_url(), {"q": "thon dong"}))} == set()

    # Before the tree existed there is nothing; still restricted to the scope.
    assert results(officer_a.get(org_url(), {"as_of": "31/12/2009"})) == []
    assert codes(officer_a.get(org_url(), {"as_of": "2015-01-01"})) == A_CODES
    response = officer_a.get(org_url(), {"as_of": "31/02/2020"})
    assert response.status_code == 400 and "as_of" in response.json()


def test_as_of_reads_the_tree_of_that_date(cast, api):
    """A cell moved in 2022 is under its old parent as of 2021, under the new one today."""
    t = cast.tree
    second = services.establish(by=SYSTEM, parent=t.district_a, code="99.001.002", name="Đảng bộ Trường THPT An Lạc",
                                kind=Kind.GRASSROOTS_COMMITTEE, effective_date=dt.date(2015, 1, 1))
    services.move(by=SYSTEM, org=t.cell_a2, new_parent=second, effective_date=dt.date(2022, 1, 1))
    officer_a = api(cast.officer_a)
    rows = {r["id"]: r for r in results(officer_a.get(org_url(), {"as_of": "01/06/2021"}))}
    assert rows[t.cell_a2.pk]["parent"] == t.grassroots_a.pk
    assert codes(officer_a.get(org_url(), {"as_of": "01/06/2021", "within": t.grassroots_a.pk})) == {
        "99.001.001", "99.001.001.000.001", "99.001.001.000.002"}
    assert codes(officer_a.get(org_url(), {"within": t.grassroots_a.pk})) == {"99.001.001", "99.001.001.000.001"}
    assert codes(officer_a.get(org_url(), {"as_of": "01/06/2021", "parent": second.pk})) == set()
    assert codes(officer_a.get(org_url(), {"parent": second.pk})) == {"99.001.001.000.002"}


# ---------------------------------------------------------------------------- create / correct

def _new_cell(parent, **extra):
    return {"parent": parent.pk, "code": "99.001.001.000.003", "name": "Chi bộ thôn Nam", "kind": Kind.CELL,
            "unit_type": "residential", "effective_date": "15/03/2024", "decision_number": "45-QĐ/ĐU", **extra}


def test_create_refused_by_a_rule_names_the_field(cast, api):
    response = api(cast.admin).post(org_url(), _new_cell(cast.tree.province), format="json")
    assert response.status_code == 400
    body = response.json()
    assert "parent" in body and "Chi bộ trực thuộc không thể trực thuộc" in body["parent"][0]
    assert body["violations"][0]["code"] == "org.placement"
    assert body["violations"][0]["field"] == "parent"
    assert body["violations"][0]["source"]
    assert not Organization.objects.filter(code="99.001.001.000.003").exists()


def test_create_with_a_parent_outside_the_scope_does_not_reveal_it(cast, api):
    officer_a = api(cast.officer_a)
    for parent in (cast.tree.grassroots_b, cast.tree.province):
        response = officer_a.post(org_url(), _new_cell(parent), format="json")
        assert response.status_code == 400
        assert "không tồn tại hoặc ngoài phạm vi quyền" in response.json()["parent"][0]
    missing = officer_a.post(org_url(), {**_new_cell(cast.tree.grassroots_a), "parent": 999999}, format="json")
    assert missing.json()["parent"][0].replace("999999", "X") == response.json()["parent"][0].replace(
        str(cast.tree.province.pk), "X")


def test_create_validation_messages_are_vietnamese_and_name_the_field(cast, api):
    response = api(cast.officer_a).post(org_url(), {"parent": cast.tree.grassroots_a.pk, "kind": "cell",
                                                    "effective_date": "2024-13-45"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == ["Mã tổ chức: bắt buộc."]
    assert body["name"] == ["Tên tổ chức: bắt buộc."]
    assert body["effective_date"][0].startswith("Ngày thành lập: Ngày “2024-13-45” không có thật")


def test_create_success(cast, api):
    response = api(cast.officer_a).post(org_url(), _new_cell(cast.tree.grassroots_a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Chi bộ thôn Nam" and body["parent"] == cast.tree.grassroots_a.pk
    assert body["established_on"] == "2024-03-15" and body["can_change"] is True
    org = Organization.objects.get(pk=body["id"])
    event = org.events.get()
    assert event.event_type == EventType.ESTABLISH and event.decision_number == "45-QĐ/ĐU"
    assert event.recorded_by == cast.officer_a


def test_create_as_root_only_for_an_administrator(cast, api):
    data = {"code": "98", "name": "Đảng bộ tỉnh Mới", "kind": Kind.PROVINCIAL_COMMITTEE, "effective_date": "01/01/2024"}
    assert api(cast.officer_a).post(org_url(), data, format="json").status_code == 403
    assert api(cast.admin).post(org_url(), data, format="json").status_code == 201


def test_patch_requires_the_version(cast, api):
    response = api(cast.officer_a).patch(org_url(cast.tree.cell_a1), {"address": "Thôn Đông"}, format="json")
    assert response.status_code == 400
    assert response.json()["version"] == [VERSION_REQUIRED]
    assert VERSION_REQUIRED == "version: bắt buộc để phát hiện sửa đồng thời"
    assert _fresh(cast.tree.cell_a1).address == ""


def test_patch_with_a_stale_version_is_409(cast, api):
    officer_a = api(cast.officer_a)
    url = org_url(cast.tree.cell_a1)
    first = officer_a.patch(url, {"address": "Thôn Đông, xã An Lạc", "version": 1}, format="json")
    assert first.status_code == 200, first.json()
    assert first.json()["version"] == 2 and first.json()["address"] == "Thôn Đông, xã An Lạc"
    stale = officer_a.patch(url, {"short_name": "CB Đông", "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2 and "vừa được người khác thay đổi" in stale.json()["detail"]
    assert _fresh(cast.tree.cell_a1).short_name == ""
    assert AuditEntry.objects.filter(action="organizations.update", object_id=str(cast.tree.cell_a1.pk)).count() == 1


def test_patch_refuses_lifecycle_fields_and_put_replaces(cast, api):
    officer_a = api(cast.officer_a)
    url = org_url(cast.tree.cell_a1)
    response = officer_a.patch(url, {"kind": Kind.PARTY_GROUP, "version": 1}, format="json")
    assert response.status_code == 400 and "change-kind" in response.json()["kind"][0]
    response = officer_a.put(url, {"code": "99.001.001.000.011", "name": "Chi bộ thôn Đông", "unit_type": "residential",
                                   "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["code"] == "99.001.001.000.011"
    response = officer_a.put(url, {"name": "Chi bộ thôn Đông", "version": 2}, format="json")
    assert response.status_code == 400 and response.json()["code"] == ["Mã tổ chức: bắt buộc."]


def test_no_delete(cast, api):
    response = api(cast.admin).delete(org_url(cast.tree.cell_a1))
    assert response.status_code == 405
    assert Organization.objects.filter(pk=cast.tree.cell_a1.pk).exists()


# ---------------------------------------------------------------------------- read-only and outsiders

@pytest.mark.parametrize("who", ["viewer_a", "secretary_a1"])
def test_read_only_roles_get_403_on_writes_to_visible_orgs(cast, api, who):
    t = cast.tree
    client = api(getattr(cast, who))
    assert client.get(org_url(t.cell_a1)).status_code == 200
    attempts = [
        client.patch(org_url(t.cell_a1), {"address": "x", "version": 1}, format="json"),
        client.post(org_url(t.cell_a1, "rename"), {"name": "Tên khác", "effective_date": "01/01/2024", "version": 1},
                    format="json"),
        client.post(org_url(t.cell_a1, "dissolve"), {"effective_date": "01/01/2024", "version": 1}, format="json"),
        client.post(org_url(), _new_cell(t.cell_a1, kind=Kind.PARTY_GROUP), format="json"),  # under a visible parent
    ]
    for response in attempts:
        assert response.status_code == 403, response.json()
        assert "không có quyền" in response.json()["detail"]
    assert _fresh(t.cell_a1).version == 1 and not Organization.objects.filter(code="99.001.001.000.003").exists()


def test_member_and_outsider_get_404_on_what_they_cannot_see(cast, api):
    t = cast.tree
    for user, org in [(cast.member_a1, t.cell_a2), (cast.member_a1, t.grassroots_a), (cast.officer_b, t.cell_a1)]:
        client = api(user)
        assert client.patch(org_url(org), {"address": "x", "version": 1}, format="json").status_code == 404
        assert client.post(org_url(org, "rename"), {"name": "X", "effective_date": "01/01/2024", "version": 1},
                           format="json").status_code == 404
        assert client.get(org_url(org, "events")).status_code == 404
        assert client.get(org_url(org, "history")).status_code == 404
    # The member sees the own cell, and may not change it.
    response = api(cast.member_a1).post(org_url(t.cell_a1, "rename"), {"name": "X", "effective_date": "01/01/2024",
                                                                       "version": 1}, format="json")
    assert response.status_code == 403


# ---------------------------------------------------------------------------- lifecycle

def test_merge_then_events_show_it(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    response = officer_a.post(org_url(t.cell_a2, "merge"), {
        "target": t.cell_a1.pk, "effective_date": "01/07/2024", "version": 1, "decision_number": "77-QĐ/ĐU",
    }, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["id"] == t.cell_a1.pk  # the organization merged into

    source = officer_a.get(org_url(t.cell_a2)).json()
    assert source["is_active"] is False and source["end_reason"] == "merged" and source["successor"] == t.cell_a1.pk

    events = results(officer_a.get(org_url(t.cell_a2, "events")))
    assert [e["event_type"] for e in events] == [EventType.ESTABLISH, EventType.MERGE]
    merge = events[-1]
    assert merge["description"].startswith("Sáp nhập vào Chi bộ thôn Đông")
    assert merge["decision_number"] == "77-QĐ/ĐU" and merge["effective_date"] == "2024-07-01"
    assert merge["related"] == t.cell_a1.pk and merge["related_name"] == "Chi bộ thôn Đông"
    absorb = results(officer_a.get(org_url(t.cell_a1, "events")))[-1]
    assert absorb["event_type"] == EventType.ABSORB and "Chi bộ thôn Tây" in absorb["description"]


def test_merge_into_an_invisible_target_is_a_field_error(cast, api):
    response = api(cast.officer_a).post(org_url(cast.tree.cell_a2, "merge"), {
        "target": cast.tree.cell_b1.pk, "effective_date": "01/07/2024", "version": 1}, format="json")
    assert response.status_code == 400
    assert "không tồn tại hoặc ngoài phạm vi quyền" in response.json()["target"][0]


def test_lifecycle_actions_require_the_version(cast, api):
    response = api(cast.officer_a).post(org_url(cast.tree.cell_a2, "dissolve"), {"effective_date": "01/07/2024"},
                                        format="json")
    assert response.status_code == 400 and response.json()["version"] == [VERSION_REQUIRED]
    stale = api(cast.officer_a).post(org_url(cast.tree.cell_a2, "dissolve"), {"effective_date": "01/07/2024", "version": 9},
                                     format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == 1


def test_move_reports_rule_violations_under_new_parent(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    # A cell may not sit directly under a district committee.
    response = officer_a.post(org_url(t.cell_a2, "move"), {"new_parent": t.district_a.pk, "effective_date": "01/02/2024",
                                                           "version": 1}, format="json")
    assert response.status_code == 400
    assert "new_parent" in response.json() and response.json()["violations"][0]["field"] == "new_parent"
    # Outside the scope: unknown to this user.
    response = officer_a.post(org_url(t.cell_a2, "move"), {"new_parent": t.grassroots_b.pk, "effective_date": "01/02/2024",
                                                           "version": 1}, format="json")
    assert response.status_code == 400 and "ngoài phạm vi quyền" in response.json()["new_parent"][0]
    # Inside the scope: done.
    second = services.establish(by=SYSTEM, parent=t.district_a, code="99.001.002", name="Đảng bộ Trường THPT An Lạc",
                                kind=Kind.GRASSROOTS_COMMITTEE, effective_date=dt.date(2015, 1, 1))
    response = officer_a.post(org_url(t.cell_a2, "move"), {"new_parent": second.pk, "effective_date": "01/02/2024",
                                                           "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["parent"] == second.pk and response.json()["path"] == f"{second.path}{t.cell_a2.pk}/"


def test_split_creates_the_new_organization(cast, api):
    t = cast.tree
    response = api(cast.officer_a).post(org_url(t.grassroots_a, "split"), {
        "code": "99.001.003", "name": "Đảng bộ xã An Lạc Tây", "children": [t.cell_a2.pk],
        "effective_date": "01/09/2024", "version": 1,
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Đảng bộ xã An Lạc Tây" and body["kind"] == Kind.GRASSROOTS_COMMITTEE
    assert body["parent"] == t.district_a.pk
    assert _fresh(t.cell_a2).parent_id == body["id"]

    foreign = api(cast.officer_a).post(org_url(t.grassroots_a, "split"), {
        "code": "99.001.004", "name": "X", "children": [t.cell_b1.pk], "effective_date": "01/10/2024", "version": 2,
    }, format="json")
    assert foreign.status_code == 400 and "ngoài phạm vi quyền" in foreign.json()["children"][0]


def test_dissolve_and_change_kind(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    refused = officer_a.post(org_url(t.grassroots_a, "dissolve"), {"effective_date": "01/01/2024", "version": 1},
                             format="json")
    assert refused.status_code == 400 and refused.json()["violations"][0]["code"] == "org.has_children"
    assert "non_field_errors" in refused.json()

    response = officer_a.post(org_url(t.grassroots_a, "change-kind"), {"kind": Kind.GRASSROOTS_CELL,
                                                                       "effective_date": "01/01/2026", "version": 1},
                              format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["kind"] == Kind.GRASSROOTS_CELL
    assert _fresh(t.cell_a1).kind == Kind.PARTY_GROUP  # the cells follow

    bad = officer_a.post(org_url(t.cell_a1, "change-kind"), {"kind": "nonsense", "effective_date": "01/02/2026",
                                                            "version": 2}, format="json")
    assert bad.status_code == 400 and bad.json()["kind"][0].startswith("Loại hình mới: “nonsense”")

    response = officer_a.post(org_url(t.cell_a2, "dissolve"), {"effective_date": "01/03/2026", "version": 2},
                              format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["ended_on"] == "2026-03-01" and response.json()["end_reason"] == "dissolved"


# ---------------------------------------------------------------------------- history, tree

def test_history_shows_audit_entries_newest_first(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    officer_a.post(org_url(t.cell_a1, "rename"), {"name": "Chi bộ khu Đông", "effective_date": "01/01/2021", "version": 1},
                   format="json")
    officer_a.patch(org_url(t.cell_a1), {"address": "Khu Đông", "version": 2}, format="json")
    entries = results(officer_a.get(org_url(t.cell_a1, "history")))
    assert [e["action"] for e in entries] == ["organizations.update", "organizations.rename", "organizations.establish"]
    assert entries[0]["actor_label"] == "Nguyễn Văn An (officer_a)" and entries[0]["action_label"] == "Sửa"
    assert entries[1]["changes"]["name"] == ["Chi bộ thôn Đông", "Chi bộ khu Đông"]
    assert entries[1]["changes"]["_data"]["effective_date"] == "2021-01-01"

    assert api(cast.viewer_a).get(org_url(t.cell_a1, "history")).status_code == 200
    # Audit is not for cell secretaries and members (permissions.ACTION_ROLES["audit.view"]).
    assert api(cast.secretary_a1).get(org_url(t.cell_a1, "history")).status_code == 403


def test_tree_levels(cast, api):
    t = cast.tree
    officer_a = api(cast.officer_a)
    top = officer_a.get(org_url() + "tree/").json()
    assert [(n["id"], n["context"]) for n in top] == [(t.province.pk, True)]  # greyed ancestor holding district A
    assert top[0]["descendant_count"] == 4
    level = officer_a.get(org_url() + "tree/", {"parent": t.province.pk}).json()
    assert [(n["name"], n["context"], n["child_count"]) for n in level] == [("Đảng bộ huyện An Lạc", False, 1)]
    cells = officer_a.get(org_url() + "tree/", {"parent": t.grassroots_a.pk, "as_of": "01/01/2015"}).json()
    assert [n["name"] for n in cells] == ["Chi bộ thôn Đông", "Chi bộ thôn Tây"]
    assert set(cells[0]) == {"id", "name", "code", "kind", "kind_label", "kind_short", "depth", "parent_id", "context",
                             "child_count", "descendant_count"}
    assert officer_a.get(org_url() + "tree/", {"parent": t.grassroots_b.pk}).json() == []
    assert officer_a.get(org_url() + "tree/", {"as_of": "01/01/2009"}).json() == []
    assert officer_a.get(org_url() + "tree/", {"parent": "abc"}).status_code == 400


# ---------------------------------------------------------------------------- query counts

def _list_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(org_url(), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("as_of", [None, "2025-06-01"])
@pytest.mark.parametrize("who", ["officer_a", "admin"])
def test_list_query_count_does_not_grow_with_the_page(cast, api, as_of, who):
    """2 cells under the commune committee, then 6: the same number of queries."""
    t = cast.tree
    client = api(getattr(cast, who))
    params = {"parent": t.grassroots_a.pk, **({"as_of": as_of} if as_of else {})}
    with CaptureQueriesContext(connection) as small:
        response = client.get(org_url(), params)
    assert len(results(response)) == 2
    for i in range(4):
        services.establish(by=SYSTEM, parent=t.grassroots_a, code=f"99.001.001.900.{i}", name=f"Chi bộ số {i}",
                           kind=Kind.CELL, effective_date=dt.date(2010, 1, 1))
    with CaptureQueriesContext(connection) as big:
        response = client.get(org_url(), params)
    assert len(results(response)) == 6
    assert len(big.captured_queries) == len(small.captured_queries), [q["sql"] for q in big.captured_queries]
    assert len(small.captured_queries) <= 8


def test_consolidate_api(cast, api):
    """Hợp nhất: this organization and the sources combine into a new one (201 with the new one)."""
    t = cast.tree
    response = api(cast.officer_a).post(org_url(t.cell_a1, "consolidate"), {
        "sources": [t.cell_a2.pk], "code": "99.001.001.000.003", "name": "Chi bộ thôn Đông Tây", "kind": Kind.CELL,
        "effective_date": "10/01/2026", "version": 1, "decision_number": "12-QĐ/ĐU"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["name"] == "Chi bộ thôn Đông Tây" and body["parent"] == t.grassroots_a.pk
    source = api(cast.officer_a).get(org_url(t.cell_a2)).json()
    assert source["end_reason"] == "consolidated" and source["successor"] == body["id"]
    refused = api(cast.officer_a).post(org_url(t.grassroots_a, "consolidate"), {
        "sources": [], "code": "99.001.009", "name": "X", "kind": Kind.GRASSROOTS_COMMITTEE,
        "effective_date": "10/01/2026", "version": 1}, format="json")
    assert refused.status_code == 400 and "sources" in refused.json()


def test_patch_records_a_unit_without_a_youth_union(cast, api):
    response = api(cast.officer_a).patch(org_url(cast.tree.cell_a1), {"has_youth_union": False, "version": 1}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["has_youth_union"] is False and _fresh(cast.tree.cell_a1).has_youth_union is False
    assert api(cast.officer_b).patch(org_url(cast.tree.cell_a1), {"has_youth_union": True, "version": 2},
                                     format="json").status_code == 404


def test_renumber_through_the_api(cast, api):
    url = org_url(cast.tree.cell_a1, "renumber")
    body = {"code": "99.001.001.000.011", "effective_date": "2025-07-15", "version": 1, "decision_number": "12-QĐ/ĐU",
            "decision_date": "2025-07-10"}
    assert api(cast.officer_b).post(url, body, format="json").status_code == 404
    response = api(cast.officer_a).post(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["code"] == "99.001.001.000.011" and _fresh(cast.tree.cell_a1).code == "99.001.001.000.011"
    again = api(cast.officer_a).post(url, {**body, "code": cast.tree.cell_a2.code, "version": 2}, format="json")
    assert again.status_code == 400 and again.json()["violations"][0]["code"] == "org.code_taken"
