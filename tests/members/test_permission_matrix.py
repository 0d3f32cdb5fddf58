"""Every member page × the named cast: allowed (200), read-only (403 on writes), or not found (404)."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.members.models import Member
from tests.members import exported_names, register

OK, RO, NF, LOGIN = 200, 403, 404, 302

CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    return SimpleNamespace(
        a1=register("Trần Văn Bình", cast.tree.cell_a1),
        a2=register("Lê Thị Hoa", cast.tree.cell_a2, sex="female"),
        b1=register("Phạm Văn Cường", cast.tree.cell_b1),
    )


def _pages(people):
    a1, b1 = people.a1.pk, people.b1.pk
    detail = lambda pk, tab="record": reverse("members:detail", args=[pk]) + f"?tab={tab}"  # noqa: E731
    # page → expected status per cast member, in CAST order
    return {
        reverse("members:list"): [OK, OK, OK, OK, OK, OK],
        reverse("members:list") + "?as_of=31/12/2020&status=": [OK, OK, OK, OK, OK, OK],
        reverse("members:export"): [OK, OK, OK, OK, OK, OK],
        detail(a1): [OK, OK, OK, NF, OK, NF],
        detail(a1, "events"): [OK, OK, OK, NF, OK, NF],
        detail(a1, "audit"): [OK, OK, NF, NF, OK, NF],
        detail(b1): [OK, NF, NF, NF, NF, OK],
        reverse("members:edit", args=[a1]): [OK, OK, RO, NF, RO, NF],
        reverse("members:event", args=[a1]): [OK, OK, RO, NF, RO, NF],
        reverse("members:edit", args=[b1]): [OK, NF, NF, NF, NF, OK],
        # officer_b manages the cells of district B, so may add members there.
        reverse("members:create"): [OK, OK, RO, RO, RO, OK],
    }


def test_every_page_for_every_cast_member(client, cast, people):
    failures = []
    for url, expected in _pages(people).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(getattr(cast, who))
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_reveal_by_post_for_every_cast_member(client, cast, people):
    url = reverse("members:reveal", args=[people.a1.pk, "citizen_id"])
    failures = []
    for who, status in zip(CAST, [OK, OK, RO, NF, RO, NF], strict=True):
        client.force_login(getattr(cast, who))
        got = client.post(url).status_code
        if got != status:
            failures.append(f"{who} POST {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    # Only the two allowed reveals were logged.
    assert sorted(AuditEntry.objects.filter(action="members.reveal").values_list("actor__username", flat=True)) == ["admin", "officer_a"]


def test_reveal_is_post_only_and_of_sensitive_fields_only(client, cast, people):
    client.force_login(cast.officer_a)
    assert client.get(reverse("members:reveal", args=[people.a1.pk, "citizen_id"])).status_code == 405
    assert client.post(reverse("members:reveal", args=[people.a1.pk, "full_name"])).status_code == NF


def test_anonymous_is_sent_to_login(client, people):
    for url in _pages(people):
        response = client.get(url)
        assert response.status_code == LOGIN and "/tai-khoan/dang-nhap/" in response["Location"], url
    response = client.post(reverse("members:reveal", args=[people.a1.pk, "citizen_id"]))
    assert response.status_code == LOGIN


def _names_in_list(client, user, query=""):
    client.force_login(user)
    response = client.get(reverse("members:list") + query)
    return {r.full_name for r in response.context["rows"]}


def test_each_list_holds_only_the_users_scope(client, cast, people):
    assert _names_in_list(client, cast.admin) == {"Trần Văn Bình", "Lê Thị Hoa", "Phạm Văn Cường"}
    assert _names_in_list(client, cast.officer_a) == {"Trần Văn Bình", "Lê Thị Hoa"}
    assert _names_in_list(client, cast.viewer_a) == {"Trần Văn Bình", "Lê Thị Hoa"}
    assert _names_in_list(client, cast.secretary_a1) == {"Trần Văn Bình"}
    assert _names_in_list(client, cast.officer_b) == {"Phạm Văn Cường"}
    assert _names_in_list(client, cast.member_a1) == set()
    # Asking for an organization outside the scope by its id finds nothing, not B's members.
    assert _names_in_list(client, cast.officer_a, f"?organization={cast.tree.cell_b1.pk}") == set()


def _exported_names(client, user):
    client.force_login(user)
    return set(exported_names(client.get(reverse("members:export")).content))


def test_export_holds_only_the_users_scope(client, cast, people):
    assert _exported_names(client, cast.officer_a) == {"Trần Văn Bình", "Lê Thị Hoa"}
    assert _exported_names(client, cast.secretary_a1) == {"Trần Văn Bình"}
    assert _exported_names(client, cast.officer_b) == {"Phạm Văn Cường"}
    assert _exported_names(client, cast.member_a1) == set()


def test_linked_member_sees_their_own_record_unmasked(client, cast, people):
    Member.objects.filter(pk=people.a1.pk).update(user=cast.member_a1)
    assert _names_in_list(client, cast.member_a1) == {"Trần Văn Bình"}
    response = client.get(reverse("members:detail", args=[people.a1.pk]))
    assert response.status_code == OK
    html = response.content.decode()
    assert people.a1.citizen_id in html and "reveal-citizen_id" not in html
    # …but still no list of the cell, no other record, no change.
    assert client.get(reverse("members:detail", args=[people.a2.pk])).status_code == NF
    assert client.get(reverse("members:edit", args=[people.a1.pk])).status_code == RO
    # The list masks even one's own number.
    listing = client.get(reverse("members:list")).content.decode()
    assert people.a1.citizen_id not in listing and people.a1.citizen_id[:4] + "******" in listing


def _record_data(member, **changes):
    from dangvu.members.forms import MASKED_ON_EDIT, RecordForm

    initial = RecordForm.initial_for(member)
    data = {}
    for name, value in initial.items():
        if name in MASKED_ON_EDIT or value in (None, False):
            continue
        data[name] = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value
    data.update(changes)
    return data


def test_writes_by_post_are_refused_outside_the_role_or_scope(client, cast, people):
    a1 = people.a1
    for who in ("secretary_a1", "viewer_a"):
        client.force_login(getattr(cast, who))
        assert client.post(reverse("members:edit", args=[a1.pk]), _record_data(a1, workplace="Đổi trộm")).status_code == RO
        assert client.post(reverse("members:event", args=[a1.pk]),
                           {"event_type": "deceased", "effective_date": "01/01/2024"}).status_code == RO
    client.force_login(cast.officer_b)
    assert client.post(reverse("members:edit", args=[a1.pk]), _record_data(a1, workplace="Đổi trộm")).status_code == NF
    assert client.post(reverse("members:event", args=[a1.pk]),
                       {"event_type": "deceased", "effective_date": "01/01/2024"}).status_code == NF
    a1.refresh_from_db()
    assert a1.workplace == "" and a1.status == "full" and a1.version == 1


def test_choices_offer_only_cells_in_scope(client, cast, people):
    client.force_login(cast.officer_b)
    html = client.get(reverse("members:create")).content.decode()
    assert "Chi bộ thôn Bắc" in html and "Chi bộ thôn Đông" not in html and "Chi bộ thôn Tây" not in html
    # Forcing a cell of district A by POST is an invalid choice; nothing is written.
    before = Member.objects.count()
    response = client.post(reverse("members:create"), {
        "organization": cast.tree.cell_a1.pk, "full_name": "Người Lạ", "sex": "male", "date_of_birth": "01/01/1980",
        "admission_decision_date": "01/01/2015", "ceremony_date": "01/01/2015",
    })
    assert response.status_code == OK and "organization" in response.context["form"].errors
    assert Member.objects.count() == before
    response = client.post(reverse("members:event", args=[people.b1.pk]), {
        "event_type": "transferred_internal", "effective_date": "01/01/2024", "organization": cast.tree.cell_a1.pk,
        "version": people.b1.version,
    })
    assert response.status_code == OK and "organization" in response.context["form"].errors
    people.b1.refresh_from_db()
    assert people.b1.organization_id == cast.tree.cell_b1.pk
    # The list's organization picker offers only what the user sees.
    html = client.get(reverse("members:list")).content.decode()
    assert "Chi bộ thôn Bắc" in html and "An Lạc" not in html


# ---------------------------------------------------------------- masked numbers on every channel (issue 8 §1)

def _api(user):
    from rest_framework.test import APIClient

    from dangvu.accounts.models import User

    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user.pk))
    return client


def test_api_reveal_for_every_cast_member_is_audited_refusals_too(cast, people):
    """The API's reveal gives the page's answers (403 read-only, 404 outside) and audits every refusal."""
    url = f"/api/members/{people.a1.pk}/?reveal=citizen_id"
    failures = []
    for who, status in zip(CAST, [OK, OK, RO, NF, RO, NF], strict=True):
        got = _api(getattr(cast, who)).get(url).status_code
        if got != status:
            failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    logged = AuditEntry.objects.filter(object_id=str(people.a1.pk))
    assert sorted(logged.filter(action="members.reveal").values_list("actor__username", flat=True)) == ["admin", "officer_a"]
    assert sorted(logged.filter(action="members.reveal_refused").values_list("actor__username", flat=True)) == [
        "secretary_a1", "viewer_a"]


def test_number_search_for_every_cast_member(cast, people):
    """Part of a1's citizen ID finds a1 only for those who may reveal it; the whole number for whoever sees a1."""
    number = people.a1.citizen_id
    expected_part = {"admin": True, "officer_a": True, "secretary_a1": False, "member_a1": False, "viewer_a": False,
                     "officer_b": False}
    expected_whole = {"admin": True, "officer_a": True, "secretary_a1": True, "member_a1": False, "viewer_a": True,
                      "officer_b": False}
    answered = 0
    for who in CAST:
        for text, expected in ((number[:9], expected_part[who]), (number, expected_whole[who])):
            response = _api(getattr(cast, who)).get("/api/members/", {"q": text})
            answered += response.status_code == OK
            results = response.json().get("results", []) if response.status_code == OK else []
            assert (people.a1.pk in {r["id"] for r in results}) is expected, (who, text)
    # every search by number that was answered is in the audit trail
    assert answered >= 10 and AuditEntry.objects.filter(action="members.number_search").count() == answered
