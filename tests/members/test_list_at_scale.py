"""The province-wide list at scale: the list form of the scope filter, the bounded count ("hơn 10.000"),
the organization search behind the filter box, and reference items without joins.

`restrict(user, form=LIST)` writes visible_to's filter in the form that suits a list (plain conditions
with the scope's ids for a small scope, a per-member semi-join walking the name index for a large
one), `form=ROW` row by row for a search; `bounded_count` counts
up to a bound. Both must select exactly visible_to's members, whatever the scope's size: these tests
force each form (LARGE_SCOPE) on small data, including the edge cases of the visibility rule
(a member who moved out, one who died the day they arrived, the user's own record outside the scope).
"""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.accounts import permissions
from dangvu.accounts.system import SYSTEM
from dangvu.core import pagination
from dangvu.core.pagination import BoundedPaginator
from dangvu.members import querysets, views
from dangvu.members import services as svc
from dangvu.members.kinds import IN_PARTY, EventType
from dangvu.members.models import Member, MemberState
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem
from tests.members import register

pytestmark = pytest.mark.django_db

D = dt.date
LIST = reverse("members:list")
SEARCH = reverse("members:organization_search")
USERS = ("admin", "officer_a", "viewer_a", "secretary_a1", "member_a1", "officer_b")


@pytest.fixture
def people(cast):
    t = cast.tree
    p = {
        "an": register("Trần Văn An", t.cell_a1),
        "binh": register("Lê Thị Bình", t.cell_a2, sex="female"),
        "cuong": register("Phạm Văn Cường", t.cell_a1, born=D(1975, 2, 3)),
        "dung": register("Hoàng Văn Dũng", t.cell_b1),
        "em": register("Vũ Thị Em", t.cell_b1, sex="female", born=D(1990, 7, 8)),
        "moved": register("Đỗ Văn Giang", t.cell_a2),
        "dead_on_arrival": register("Bùi Văn Hải", t.cell_b1),
        "died": register("Ngô Văn Khoa", t.cell_a1),
        "own": register("Lý Văn Long", t.cell_b1),
    }
    # Moved from A to B: A keeps seeing them (history).
    svc.record_event(by=SYSTEM, member=p["moved"], event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 1, 1),
                     organization=t.cell_b1)
    # Moved from B to A and died the same day: no state interval in A's cell, visible to A through the cell.
    svc.record_event(by=SYSTEM, member=p["dead_on_arrival"], event_type=EventType.TRANSFERRED_INTERNAL,
                     effective_date=D(2021, 5, 5), organization=t.cell_a1)
    svc.record_event(by=SYSTEM, member=p["dead_on_arrival"], event_type=EventType.DECEASED, effective_date=D(2021, 5, 5))
    svc.record_event(by=SYSTEM, member=p["died"], event_type=EventType.DECEASED, effective_date=D(2022, 3, 1))
    # member_a1's own record is in B's cell: the member sees it, nothing else.
    Member.objects.filter(pk=p["own"].pk).update(user=cast.member_a1)
    return {k: Member.objects.get(pk=m.pk) for k, m in p.items()}


def _pks(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def _fresh(user):
    permissions.forget(user)
    return user


FILTERS = {
    "all": {},
    "in party": {"status__in": sorted(IN_PARTY)},
    "out of party": {"status__in": querysets.OUT_OF_PARTY},
    "women": {"sex": "female"},
}


def test_edge_cases_are_what_they_claim(cast, people):
    p, t = people, cast.tree
    assert not MemberState.objects.filter(member=p["dead_on_arrival"], organization=t.cell_a1).exists()
    assert p["dead_on_arrival"].organization_id == t.cell_a1.pk and p["dead_on_arrival"].status == "deceased"
    assert p["moved"].organization_id == t.cell_b1.pk


@pytest.mark.parametrize("large", [False, True], ids=["small scope form", "large scope form"])
@pytest.mark.parametrize("who", USERS)
def test_list_form_selects_exactly_the_visible_members(cast, people, monkeypatch, large, who):
    monkeypatch.setattr(querysets, "LARGE_SCOPE", 0 if large else 10**9)
    user = getattr(cast, who)
    for label, kwargs in FILTERS.items():
        expected = _pks(Member.objects.visible_to(_fresh(user)).filter(**kwargs))
        listed = Member.objects.filter(**kwargs).order_by("name_key", "id").restrict(_fresh(user), form=querysets.LIST)
        if who not in ("admin", "member_a1"):  # those two have no scope filter to write in another form
            assert (listed.large_scope is not None) is large, label
            assert str(listed.query).count("UNION") == (1 if large else 0), label  # not GENERAL's UNION of three sets
        assert _pks(listed) == expected, (who, label)
        assert _pks(Member.objects.filter(**kwargs).restrict(_fresh(user), form=querysets.ROW)) == expected, (who, label)
        assert [m.pk for m in listed] == [m.pk for m in Member.objects.filter(pk__in=expected).order_by("name_key", "id")]
        for bound in (0, 1, 2, 3, 100):
            assert listed.bounded_count(bound) == min(len(expected), bound + 1), (who, label, bound)


def test_visibility_edge_cases_hold_in_both_forms(cast, people, monkeypatch):
    p = people
    for large in (False, True):
        monkeypatch.setattr(querysets, "LARGE_SCOPE", 0 if large else 10**9)
        a = _pks(Member.objects.restrict(_fresh(cast.officer_a), form=querysets.LIST))
        b = _pks(Member.objects.restrict(_fresh(cast.officer_b), form=querysets.LIST))
        own = _pks(Member.objects.restrict(_fresh(cast.member_a1), form=querysets.LIST))
        assert {p["moved"].pk, p["dead_on_arrival"].pk, p["died"].pk} <= a
        assert {p["moved"].pk, p["dead_on_arrival"].pk, p["own"].pk} <= b
        assert p["dung"].pk not in a and p["an"].pk not in b
        assert own == {p["own"].pk}


def test_own_record_outside_the_scope_is_counted(cast, people, monkeypatch):
    """An officer of district A whose own record is in B's cell sees it, in the list and in the count."""
    p = people
    Member.objects.filter(pk=p["own"].pk).update(user=cast.officer_a)
    monkeypatch.setattr(querysets, "LARGE_SCOPE", 0)
    listed = Member.objects.filter(status__in=IN_PARTY).restrict(_fresh(cast.officer_a), form=querysets.LIST)
    assert p["own"].pk in _pks(listed)
    assert listed.bounded_count(100) == len(_pks(listed)) == len(_pks(
        Member.objects.visible_to(_fresh(cast.officer_a)).filter(status__in=IN_PARTY)))


@pytest.mark.parametrize("form", [querysets.GENERAL, querysets.LIST, querysets.ROW])
def test_a_search_checks_the_scope_in_every_form(cast, people, monkeypatch, form):
    monkeypatch.setattr(querysets, "LARGE_SCOPE", 0)
    assert not Member.objects.search("tran van an").restrict(_fresh(cast.officer_b), form=form).exists()
    assert _pks(Member.objects.search("tran van an").restrict(_fresh(cast.officer_a), form=form)) == {people["an"].pk}
    # A list's own filters may also come after restrict: same rows, the ordinary count.
    later = Member.objects.restrict(_fresh(cast.officer_a), form=form).search("tran van an")
    assert _pks(later) == {people["an"].pk} and later.large_scope is None and later.bounded_count(5) == 1


def test_an_unknown_form_is_refused(cast):
    with pytest.raises(ValueError):
        Member.objects.restrict(cast.officer_a, form="fast")


def test_large_form_reads_the_scope_once_and_counts_in_constant_queries(cast, people, monkeypatch):
    monkeypatch.setattr(querysets, "LARGE_SCOPE", 0)
    user = _fresh(cast.officer_a)
    Member.objects.visible_to(user)  # reads the user's scopes
    with CaptureQueriesContext(connection) as ctx:
        listed = Member.objects.restrict(user, form=querysets.LIST)
    assert len(ctx.captured_queries) == 2  # the organizations' ids, how many members are in them today
    for bound in (1, 100):  # over the bound, or below it (then adding those who were there before, one's own record)
        with CaptureQueriesContext(connection) as ctx:
            listed.bounded_count(bound)
        assert len(ctx.captured_queries) == 1


# ---------------------------------------------------------------- the bounded count on the page and in the API


def test_paginator_counts_up_to_the_bound():
    rows = list(range(23))
    exact = BoundedPaginator(rows, 5, bound=30)
    assert (exact.count, exact.exact, exact.shown_count, exact.num_pages) == (23, True, 23, 5)
    assert exact.page_links(exact.page(1)) == [1, 2, 3, None, 5]
    assert exact.page_links(exact.page(5)) == [1, None, 3, 4, 5]
    over = BoundedPaginator(rows, 5, bound=10)
    assert (over.count, over.exact, over.shown_count, over.num_pages) == (11, False, 10, 2)
    first = over.page(1)
    assert first.has_next() and list(first) == [0, 1, 2, 3, 4]
    assert over.page_links(first) == [1, 2, None]
    beyond = over.page(4)  # past the bound: read with one extra row
    assert list(beyond) == [15, 16, 17, 18, 19] and beyond.has_next() and beyond.has_previous()
    assert over.page_links(beyond) == [1, 2, 3, 4, 5, None]
    last = over.page(5)
    assert list(last) == [20, 21, 22] and not last.has_next()
    with pytest.raises(pagination.EmptyPage):
        over.page(6)
    assert over.get_page(99).number == 2  # as Django's: an empty page falls back to the last known one


def test_list_page_says_more_than_the_bound(client, cast, monkeypatch):
    for i in range(7):
        register(f"Nguyễn Văn Số{i}", cast.tree.cell_a1)
    monkeypatch.setattr(pagination, "COUNT_BOUND", 4)
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    client.force_login(cast.officer_a)
    html = client.get(LIST).content.decode()
    assert "hơn 4 đảng viên" in html and "7 đảng viên" not in html
    assert "Trang 1<" in html and 'href="?&page=2"' in html and 'href="?&page=3"' not in html and "…" in html
    html = client.get(LIST + "?page=2").content.decode()  # the last page within the bound links to the next
    assert 'href="?&page=3"' in html and "Sau ›" in html
    page4 = client.get(LIST + "?page=4")  # past the bound, still reachable
    rows = page4.context["rows"]
    assert len(rows) == 1 and rows[0].full_name == "Nguyễn Văn Số6" and "Sau ›" not in page4.content.decode()
    # Below the bound the count is exact, as before.
    monkeypatch.setattr(pagination, "COUNT_BOUND", 7)
    html = client.get(LIST).content.decode()
    assert "7 đảng viên" in html and "hơn 7" not in html and "Trang 1/4" in html


@pytest.mark.parametrize("large", [False, True])
def test_list_page_count_is_the_same_in_both_forms(client, cast, people, monkeypatch, large):
    monkeypatch.setattr(querysets, "LARGE_SCOPE", 0 if large else 10**9)
    client.force_login(cast.officer_a)
    visible_in_party = Member.objects.visible_to(_fresh(cast.officer_a)).filter(status__in=IN_PARTY).count()
    html = client.get(LIST).content.decode()
    assert f"{visible_in_party} đảng viên" in html
    names = [r.full_name for r in client.get(LIST + "?status=deceased").context["rows"]]
    assert names == ["Bùi Văn Hải", "Ngô Văn Khoa"]


def test_api_count_is_bounded_and_next_goes_past_the_bound(cast, people, monkeypatch):
    from rest_framework.test import APIClient

    monkeypatch.setattr(pagination, "COUNT_BOUND", 3)
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    body = api.get("/api/members/", {"page_size": 2}).json()
    assert body["count"] == 3 and body["count_exact"] is False and len(body["results"]) == 2
    seen = [r["id"] for r in body["results"]]
    url = body["next"]
    while url:
        body = api.get(url).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(_pks(Member.objects.visible_to(_fresh(cast.officer_a))))
    exact = api.get("/api/members/", {"status": "deceased"}).json()
    assert exact["count"] == 2 and exact["count_exact"] is True


# ---------------------------------------------------------------- the organization search behind the filter


def _search(client, q):
    response = client.get(SEARCH, {"q": q})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return json.loads(response.content)["results"]


def test_organization_search_stays_in_the_scope(client, cast):
    t = cast.tree
    client.force_login(cast.officer_a)
    found = {r["id"] for r in _search(client, "chi bo")}
    assert {t.cell_a1.pk, t.cell_a2.pk} <= found and t.cell_b1.pk not in found
    assert all(Organization.objects.visible_to(_fresh(cast.officer_a)).filter(pk=pk).exists() for pk in found)
    # Another district's officer gets nothing of A, even by id.
    client.force_login(cast.officer_b)
    found_b = {r["id"] for r in _search(client, "chi bo")}
    assert t.cell_b1.pk in found_b and not found_b & {t.cell_a1.pk, t.cell_a2.pk, t.district_a.pk}
    assert t.cell_a1.pk not in {r["id"] for r in _search(client, str(t.cell_a1.pk))}
    client.force_login(cast.secretary_a1)
    assert {r["id"] for r in _search(client, "chi bo")} == {t.cell_a1.pk}


def test_organization_search_ignores_diacritics_and_finds_ids(client, cast):
    t = cast.tree
    client.force_login(cast.officer_a)
    for q in ("thon tay", "THÔN TÂY", "Thôn Tây", "  thon   tay "):
        assert [r["id"] for r in _search(client, q)] == [t.cell_a2.pk], q
    first = _search(client, "thon tay")[0]
    assert first["label"] == t.cell_a2.name and t.cell_a2.parent.name in first["context"]
    assert t.cell_a1.pk in {r["id"] for r in _search(client, str(t.cell_a1.pk))}
    assert _search(client, "") == [] and _search(client, "không có tổ chức này") == []


def test_organization_search_is_bounded_and_needs_a_login(client, cast):
    assert client.get(SEARCH, {"q": "chi bo"}).status_code == 302
    client.force_login(cast.admin)
    assert len(_search(client, "o")) <= views.ORGANIZATION_SEARCH_LIMIT


def test_filter_box_is_an_id_field_with_search_and_names_the_choice(client, cast, people):
    t = cast.tree
    client.force_login(cast.officer_a)
    html = client.get(LIST).content.decode()
    # No <select> of every organization any more: an id box the script turns into search-as-you-type.
    assert "Chi bộ thôn Tây</option>" not in html and "Đảng bộ xã An Lạc</option>" not in html
    assert f'data-org-search="{SEARCH}"' in html and 'type="number" name="organization"' in html
    assert "members/org_filter.js" in html and 'data-testid="organization-chosen"' not in html
    # Without JavaScript: type the id, submit; the page names the organization.
    response = client.get(LIST, {"organization": t.cell_a2.pk})
    assert [r.full_name for r in response.context["rows"]] == ["Lê Thị Bình"]
    html = response.content.decode()
    assert 'data-testid="organization-chosen"' in html and t.cell_a2.name in html
    assert f'data-label="{t.cell_a2.name}"' in html
    # Another district's organization: no rows, and its name is not shown.
    response = client.get(LIST, {"organization": t.cell_b1.pk})
    assert list(response.context["rows"]) == [] and t.cell_b1.name not in response.content.decode()


# ---------------------------------------------------------------- reference items from one query


def test_attach_references_puts_the_items_in_place_from_one_query(cast):
    theory = ReferenceItem.objects.filter(list_code="theory_level").first()
    kinh = ReferenceItem.objects.get(list_code="ethnicity", name="Kinh")
    for i in range(4):
        register(f"Người Số {i}", cast.tree.cell_a1, ethnicity=kinh, theory_level=theory)
    with CaptureQueriesContext(connection) as ctx:
        members = list(Member.objects.order_by("pk"))
        querysets.attach_references(members, querysets.reference_fields())
        names = [(m.ethnicity.name, m.theory_level.name, m.religion) for m in members]
    assert len(ctx.captured_queries) == 2  # the members, then every reference item they point to
    assert names == [("Kinh", theory.name, None)] * 4


def test_in_ids_lookup_reads_as_in(cast, people):
    """`__in_ids` (one parameter for a long list of ids) selects what `__in` selects, NULLs included when negated."""
    t = cast.tree
    Member.objects.filter(pk=people["an"].pk).update(organization=None)
    ids = [t.cell_a1.pk, t.cell_a2.pk, t.cell_a1.pk]
    assert _pks(Member.objects.filter(organization_id__in_ids=ids)) == _pks(Member.objects.filter(organization_id__in=ids))
    assert _pks(Member.objects.exclude(organization__in_ids=ids)) == _pks(Member.objects.exclude(organization__in=ids))
    assert people["an"].pk in _pks(Member.objects.exclude(organization__in_ids=ids))
    assert not Member.objects.filter(pk__in_ids=[]).exists()
    assert _pks(Member.objects.exclude(pk__in_ids=[])) == _pks(Member.objects.all())
