"""Party groups' members (tổ đảng), dated: set for the whole cell from a date (service, page, API), audited, scoped; a
meeting by party group (G6) then expects exactly the members of its group on its date. Without recorded members the
old rule stays (tests/meetings/test_groups_quality.py: the group's members are those marked)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.meetings import selectors, services
from dangvu.meetings.models import GroupMembership
from tests.meetings.test_groups_quality import _group, groups  # noqa: F401  (the fixture: A1's two groups)

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def codes(exc):
    return [v.code for v in exc.value.violations]


def _rows(cell):
    return sorted((r.member.full_name, r.group.name, r.joined_on, r.left_on)
                  for r in GroupMembership.objects.filter(cell=cell.cell).select_related("member", "group"))


@pytest.fixture
def recorded(cell, groups):  # noqa: F811
    g1, g2 = groups
    n = services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 10, 1),
                               assignments=[(cell.an, g1), (cell.binh, g1), (cell.chi, g2), (cell.hai, g2)])
    assert n == 4
    return g1, g2


def test_assignments_are_dated_changed_from_a_day_and_audited(cast, cell, recorded):
    g1, g2 = recorded
    assert selectors.groups_of_members(cell.cell, D(2026, 10, 1)) == {cell.an.pk: g1.pk, cell.binh.pk: g1.pk,
                                                                      cell.chi.pk: g2.pk, cell.hai.pk: g2.pk}
    assert selectors.groups_of_members(cell.cell, D(2026, 9, 30)) == {}
    # Bình moves to group 2 from 01/11; An is in no group from then; Chi unchanged (not counted).
    n = services.assign_groups(by=cast.secretary_a1, cell=cell.cell, on=D(2026, 11, 1),
                               assignments=[(cell.binh, g2), (cell.an, None), (cell.chi, g2)])
    assert n == 2
    assert _rows(cell) == [
        ("Lê Thị Chi", "Tổ đảng số 2", D(2026, 10, 1), None),
        ("Nguyễn Văn An", "Tổ đảng số 1", D(2026, 10, 1), D(2026, 10, 31)),
        ("Trần Văn Bình", "Tổ đảng số 1", D(2026, 10, 1), D(2026, 10, 31)),
        ("Trần Văn Bình", "Tổ đảng số 2", D(2026, 11, 1), None),
        ("Vũ Văn Hải", "Tổ đảng số 2", D(2026, 10, 1), None),
    ]
    assert selectors.groups_of_members(cell.cell, D(2026, 10, 31))[cell.binh.pk] == g1.pk
    assert selectors.groups_of_members(cell.cell, D(2026, 11, 1)) == {cell.binh.pk: g2.pk, cell.chi.pk: g2.pk,
                                                                      cell.hai.pk: g2.pk}
    # Corrected on the day it was recorded from: the row changes, no one-day-less row.
    services.assign_groups(by=cast.secretary_a1, cell=cell.cell, on=D(2026, 11, 1), assignments=[(cell.binh, g1)])
    assert GroupMembership.objects.filter(member=cell.binh).count() == 2
    assert GroupMembership.objects.get(member=cell.binh, left_on__isnull=True).group == g1
    entries = AuditEntry.objects.filter(action="meetings.group_member")
    assert entries.count() == 4 + 3 + 1  # four joined; Bình left and joined, An left; Bình's row corrected
    assert entries.filter(actor=cast.secretary_a1, note__contains="Trần Văn Bình rời tổ đảng ngày 31/10/2026").count() == 1


def test_refusals_name_the_member_and_the_rule(cast, cell, recorded):
    g1, g2 = recorded
    other = _group(cast.tree.cell_a2, 1)
    with pytest.raises(RuleViolation) as exc:
        services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 11, 2),
                               assignments=[(cell.an, other), (cell.outsider, g1), (cell.chi, g1), (cell.chi, g2)])
    assert codes(exc) == ["group.not_in_cell", "group.member_not_in_cell", "group.twice"]
    assert "Hoàng Văn Khánh không sinh hoạt ở Chi bộ thôn Đông ngày 02/11/2026" in exc.value.violations[1].message
    with pytest.raises(RuleViolation) as exc:
        services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 9, 15), assignments=[(cell.an, g2)])
    assert codes(exc) == ["group.before_last"] and "đến ngày 01/10/2026" in exc.value.violations[0].message
    with pytest.raises(RuleViolation) as exc:
        services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 12, 4), assignments=[(cell.an, g2)])
    assert codes(exc) == ["group.future"]
    with pytest.raises(PermissionDeniedInScope):
        services.assign_groups(by=cell.secretary_b1, cell=cell.cell, on=D(2026, 11, 2), assignments=[(cell.an, g2)])
    with pytest.raises(PermissionDeniedInScope):
        services.assign_groups(by=cast.viewer_a, cell=cell.cell, on=D(2026, 11, 2), assignments=[(cell.an, g2)])
    assert GroupMembership.objects.count() == 4


def test_a_group_meeting_expects_exactly_the_group_on_its_date(cast, cell, recorded):
    g1, g2 = recorded
    services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 11, 1), assignments=[(cell.binh, g2)])
    october = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 10, 6), party_group=g1, starts_at=T(8, 0))
    assert [e.member_id for e in selectors.expected_at(october)[0]] == [cell.an.pk, cell.binh.pk]
    with pytest.raises(RuleViolation) as exc:  # Bình missing; Chi is in group 2
        services.record_held(by=SYSTEM, meeting=october, ends_at=T(9, 45),
                             attendance=[(cell.an, "present", ""), (cell.chi, "present", "")])
    assert codes(exc) == ["attendance.not_in_group", "attendance.missing"]
    assert "Lê Thị Chi không thuộc Tổ đảng số 1 ngày 06/10/2026" in exc.value.violations[0].message
    assert "Trần Văn Bình" in exc.value.violations[1].message
    held = services.record_held(by=SYSTEM, meeting=october, ends_at=T(9, 45),
                                attendance=[(cell.an, "present", ""), (cell.binh, "unexcused", "")])
    assert held.vote_base == 2
    # In November Bình is in group 2 (with Chi and Hải, who is hosted): group 1 is An alone.
    november = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 6), party_group=g2, starts_at=T(8, 0))
    assert {e.member_id for e in selectors.expected_at(november)[0]} == {cell.binh.pk, cell.chi.pk, cell.hai.pk}
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=SYSTEM, meeting=november, ends_at=T(9, 45), attendance=[(cell.an, "present", "")])
    assert codes(exc) == ["attendance.not_in_group", "attendance.missing"]
    # A meeting of the whole cell still expects the whole cell.
    whole = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 20), starts_at=T(8, 0))
    assert len(selectors.expected_at(whole)[0]) == 6 and selectors.expected_at(whole)[1]


def test_without_recorded_members_the_group_is_who_is_marked(cast, cell, groups):  # noqa: F811
    g1, _ = groups
    m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 10, 6), party_group=g1, starts_at=T(8, 0))
    expected, exact = selectors.expected_at(m)
    assert not exact and len(expected) == 6
    held = services.record_held(by=SYSTEM, meeting=m, ends_at=T(9, 45), attendance=[(cell.chi, "present", "")])
    assert list(held.attendance.values_list("member_id", flat=True)) == [cell.chi.pk]


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_the_page_sets_the_whole_cell_and_is_scoped(cast, cell, groups):  # noqa: F811
    g1, g2 = groups
    url = reverse("meetings:groups", args=[cell.cell.pk])
    page = _client(cast.secretary_a1).get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('data-testid="group-row"') == 6 and "Tổ đảng số 2" in text and "Vũ Văn Hải" in text
    assert 'data-testid="groups-link"' in _client(cast.secretary_a1).get(reverse("meetings:cell", args=[cell.cell.pk])).content.decode()
    data = {"on": "01/10/2026", f"group_{cell.an.pk}": str(g1.pk), f"group_{cell.binh.pk}": str(g2.pk)}
    done = _client(cast.secretary_a1).post(url, data)
    assert done.status_code == 302 and done["Location"].endswith("?on=01/10/2026")
    assert selectors.groups_of_members(cell.cell, D(2026, 10, 1)) == {cell.an.pk: g1.pk, cell.binh.pk: g2.pk}
    shown = _client(cast.viewer_a).get(url + "?on=01/10/2026").content.decode()  # read only, the groups by name
    assert "groups-submit" not in shown and "Tổ đảng số 1: 1 · Tổ đảng số 2: 1" in shown
    bad = _client(cast.secretary_a1).post(url, {"on": "05/12/2026", f"group_{cell.an.pk}": str(g2.pk)})
    assert bad.status_code == 400 and "sau ngày hôm nay" in bad.content.decode()
    assert _client(cast.viewer_a).post(url, data).status_code == 403
    assert _client(cell.secretary_b1).get(url).status_code == 404
    assert _client(cast.officer_b).post(url, data).status_code == 404
    assert _client(cast.officer_a).post(url, {**data, "on": "02/11/2026"}).status_code == 302  # an officer above


def test_the_api_lists_and_sets_groups_scoped(cast, cell, groups, api):  # noqa: F811
    g1, g2 = groups
    body = {"cell": cell.cell.pk, "on": "2026-10-01",
            "assignments": [{"member": cell.an.pk, "group": g1.pk}, {"member": cell.chi.pk, "group": g2.pk}]}
    done = api(cast.secretary_a1).post("/api/party-group-members/", body, format="json")
    assert done.status_code == 200 and done.json() == {"changed": 2}
    listed = api(cast.officer_a).get(f"/api/party-group-members/?cell={cell.cell.pk}&on=2026-10-01").json()
    assert {(r["member_name"], r["group_name"], r["joined_on"], r["left_on"]) for r in listed["results"]} == {
        ("Nguyễn Văn An", "Tổ đảng số 1", "2026-10-01", None), ("Lê Thị Chi", "Tổ đảng số 2", "2026-10-01", None)}
    assert api(cast.officer_a).get("/api/party-group-members/?on=2026-09-30").json()["count"] == 0
    assert api(cast.officer_a).get("/api/party-group-members/?on=abc").status_code == 400
    row = GroupMembership.objects.get(member=cell.an)
    assert api(cast.officer_b).get(f"/api/party-group-members/{row.pk}/").status_code == 404
    assert api(cell.secretary_b1).get("/api/party-group-members/").json()["count"] == 0
    outsider = api(cell.secretary_b1).post("/api/party-group-members/", body, format="json")
    assert outsider.status_code == 400 and "cell" in outsider.json()  # a cell out of scope does not exist for them
    assert api(cast.viewer_a).post("/api/party-group-members/", body, format="json").status_code == 403
    bad = api(cast.secretary_a1).post("/api/party-group-members/", {**body, "on": "2026-09-01"}, format="json")
    assert bad.status_code == 400 and "01/10/2026" in str(bad.json())


def test_the_meeting_page_marks_only_the_group_and_says_which_rule(cast, cell, groups):  # noqa: F811
    g1, _ = groups
    m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 10, 6), party_group=g1, starts_at=T(8, 0))
    url = reverse("meetings:detail", args=[m.pk])
    before = _client(cast.secretary_a1).get(url).content.decode()
    assert "chi bộ chưa ghi đảng viên của các tổ" in before and before.count("<tr data-member=") == 6
    services.assign_groups(by=SYSTEM, cell=cell.cell, on=D(2026, 10, 1), assignments=[(cell.an, g1), (cell.binh, g1)])
    after = _client(cast.secretary_a1).get(url).content.decode()
    assert "điểm danh đúng các đảng viên của tổ" in after and after.count("<tr data-member=") == 2
    assert f'<tr data-member="{cell.an.pk}">' in after and f'<tr data-member="{cell.binh.pk}">' in after
    posted = _client(cast.secretary_a1).post(reverse("meetings:attendance", args=[m.pk]), {
        "starts_at": "08:00", "ends_at": "09:45", "version": m.version,
        f"mark_{cell.an.pk}": "present", f"mark_{cell.binh.pk}": "present"})
    assert posted.status_code == 302
    assert sorted(m.attendance.values_list("member_id", flat=True)) == sorted([cell.an.pk, cell.binh.pk])


def test_a_member_in_no_group_is_named_on_the_page_and_in_the_secretarys_todo(cast, cell, groups):  # noqa: F811
    """Once the cell records its groups, a member held to attend who is in none (here Chi and Hải, the member hosted from
    A2) is a warning on the groups page and a to-do item of the cell's secretary; never a refusal. Dũng (exempted) and
    Giang (away) are not held to attend: not named."""
    from dangvu.core import todo

    g1, g2 = groups
    url = reverse("meetings:groups", args=[cell.cell.pk])
    on = D(2026, 12, 3)

    def missing(user):
        return [i for i in todo.collect(user, on) if i.category == "group_member_missing"]

    # Nothing recorded yet: no warning, no item (the old rule of G6 applies).
    assert 'data-testid="ungrouped-warning"' not in _client(cast.secretary_a1).get(url).content.decode()
    assert selectors.ungrouped(cell.cell, on) == [] and missing(cast.secretary_a1) == []
    services.assign_groups(by=cast.secretary_a1, cell=cell.cell, on=D(2026, 10, 1),
                           assignments=[(cell.an, g1), (cell.binh, g2)])
    assert [e.full_name for e in selectors.ungrouped(cell.cell, on)] == ["Lê Thị Chi", "Vũ Văn Hải"]
    page = _client(cast.secretary_a1).get(url).content.decode()
    assert 'data-testid="ungrouped-warning"' in page
    assert "Tổ đảng: Lê Thị Chi, Vũ Văn Hải chưa thuộc tổ đảng nào ngày 03/12/2026 (2 đảng viên)" in page
    assert "Căn cứ: Điều 24 Điều lệ Đảng; Hướng dẫn 03-HD/TW (27/12/2022) II.1.2, II.2" in page
    assert page.count('data-ungrouped="1"') == 2 and f'data-member="{cell.dung.pk}" class' not in page
    items = missing(cast.secretary_a1)
    assert len(items) == 1 and items[0].title == "2 đảng viên chưa được ghi vào tổ đảng: Lê Thị Chi, Vũ Văn Hải"
    assert items[0].url == url and items[0].organization == "Chi bộ thôn Đông" and not items[0].overdue
    assert len(missing(cast.officer_a)) == 1  # the officer above sees it too
    assert missing(cell.secretary_b1) == [] and missing(cast.officer_b) == [] and missing(cast.member_a1) == []
    assert missing(cast.viewer_a) == []  # a viewer records nothing
    # Before the groups were recorded (September) nobody is named; a meeting by group is still allowed (no refusal).
    assert selectors.ungrouped(cell.cell, D(2026, 9, 30)) == []
    m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 2), party_group=g1, starts_at=T(8, 0))
    assert [e.member_id for e in selectors.expected_at(m)[0]] == [cell.an.pk]
    # Placing them clears the warning and the item.
    services.assign_groups(by=cast.secretary_a1, cell=cell.cell, on=D(2026, 12, 1),
                           assignments=[(cell.chi, g1), (cell.hai, g2)])
    assert 'data-testid="ungrouped-warning"' not in _client(cast.secretary_a1).get(url).content.decode()
    assert missing(cast.secretary_a1) == []
