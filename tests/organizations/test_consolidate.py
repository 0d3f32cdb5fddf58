"""Hợp nhất (consolidate): two or more organizations combine into a NEW one, as opposed to sáp
nhập (merge), where one is absorbed into an existing organization. Service, page and API."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.audit.context import request_context
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.members import services as member_services
from dangvu.members.models import MembershipEvent
from dangvu.organizations import services as svc
from dangvu.organizations.kinds import EndReason, EventType, Kind
from dangvu.organizations.models import Organization, OrganizationVersion
from tests.organizations.invariants import assert_tree_invariants

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2026, 1, 10)


def _member(org, name, cccd):
    return member_services.register_member(by=SYSTEM, organization=org, full_name=name, sex="male",
                                           date_of_birth=D(1980, 4, 2), citizen_id=cccd,
                                           admission_decision_date=D(2010, 5, 1), ceremony_date=D(2010, 5, 19),
                                           recognition_date=D(2011, 5, 19))


def _consolidate(cast, **overrides):
    t = cast.tree
    args = dict(by=cast.officer_a, sources=[t.cell_a1, t.cell_a2], parent=t.grassroots_a, code="99.001.001.000.003",
                name="Chi bộ thôn Đông Tây", kind=Kind.CELL, effective_date=ON,
                decision=svc.Decision("12-QĐ/ĐU", D(2026, 1, 5), "Đảng ủy xã An Lạc"))
    args.update(overrides)
    return svc.consolidate(**args)


def test_consolidate_establishes_a_new_organization_and_ends_the_sources(cast):
    t = cast.tree
    m1, m2 = _member(t.cell_a1, "Trần Văn Bình", "038080000001"), _member(t.cell_a2, "Lê Văn Cường", "038080000002")
    with request_context("req-consolidate"):
        new = _consolidate(cast)
    assert (new.name, new.kind, new.parent_id, new.established_on) == ("Chi bộ thôn Đông Tây", Kind.CELL,
                                                                       t.grassroots_a.pk, ON)
    for source in (t.cell_a1, t.cell_a2):
        source = Organization.objects.get(pk=source.pk)
        assert (source.ended_on, source.end_reason, source.successor_id) == (ON, EndReason.CONSOLIDATED, new.pk)
        event = source.events.get(event_type=EventType.CONSOLIDATE)
        assert event.describe() == "Hợp nhất với tổ chức khác thành Chi bộ thôn Đông Tây"
        assert event.decision_number == "12-QĐ/ĐU"
        assert not OrganizationVersion.objects.valid_on(ON).filter(organization=source).exists()
    for m in (m1, m2):
        m.refresh_from_db()
        assert m.organization_id == new.pk
    assert MembershipEvent.objects.filter(member__in=[m1, m2], organization=new).count() == 2
    established = new.events.get(event_type=EventType.ESTABLISH)
    assert established.describe() == "Thành lập “Chi bộ thôn Đông Tây” do hợp nhất Chi bộ thôn Đông, Chi bộ thôn Tây"
    assert [e.describe() for e in new.events.filter(event_type=EventType.ABSORB)] == [
        "Tiếp nhận Chi bộ thôn Đông (hợp nhất)", "Tiếp nhận Chi bộ thôn Tây (hợp nhất)"]
    entries = AuditEntry.objects.filter(request_id="req-consolidate")
    assert {(e.action, int(e.object_id)) for e in entries} >= {
        ("organizations.establish", new.pk), ("organizations.consolidate", t.cell_a1.pk),
        ("organizations.consolidate", t.cell_a2.pk), ("organizations.consolidate", new.pk)}
    assert entries.get(action="organizations.consolidate", object_id=str(t.cell_a1.pk)).note == (
        "Hợp nhất Chi bộ thôn Đông, Chi bộ thôn Tây thành Chi bộ thôn Đông Tây")
    assert_tree_invariants()


def test_consolidate_moves_the_children_of_each_source(cast):
    t = cast.tree
    new = svc.consolidate(by=cast.admin, sources=[t.grassroots_a, t.grassroots_b], parent=t.province, code="99.003",
                          name="Đảng bộ xã An Bình", kind=Kind.GRASSROOTS_COMMITTEE, effective_date=ON)
    assert sorted(Organization.objects.filter(parent=new).values_list("pk", flat=True)) == sorted(
        [t.cell_a1.pk, t.cell_a2.pk, t.cell_b1.pk])
    assert Organization.objects.get(pk=t.cell_b1.pk).path.startswith(new.path)
    assert_tree_invariants()


@pytest.mark.parametrize("overrides,code", [
    ({"sources": "one"}, "org.consolidate_sources"),
    ({"sources": "nested"}, "org.consolidate_nested"),
    ({"parent": "inside"}, "org.consolidate_parent"),
    ({"effective_date": D(2005, 1, 1)}, "org.not_yet_established"),
    ({"code": "99.001"}, "org.code_taken"),
])
def test_consolidate_refusals_change_nothing(cast, overrides, code):
    t = cast.tree
    resolve = {"one": [t.cell_a1], "nested": [t.grassroots_a, t.cell_a1], "inside": t.cell_a1}
    args = {k: resolve.get(v, v) if isinstance(v, str) and k != "code" else v for k, v in overrides.items()}
    count = Organization.objects.count()
    with pytest.raises(RuleViolation) as exc:
        _consolidate(cast, **args)
    assert code in [v.code for v in exc.value.violations]
    assert Organization.objects.count() == count and not Organization.objects.filter(ended_on__isnull=False).exists()


def test_members_must_land_in_a_cell(cast):
    t = cast.tree
    _member(t.cell_a1, "Trần Văn Bình", "038080000001")
    with pytest.raises(RuleViolation, match="còn 1 đảng viên"):
        _consolidate(cast, kind=Kind.GRASSROOTS_COMMITTEE, parent=t.district_a, code="99.001.009", effective_date=D(2020, 1, 10))
    assert not Organization.objects.filter(code="99.001.009").exists()


def test_consolidate_outside_the_scope_is_refused(cast):
    with pytest.raises(PermissionDeniedInScope):
        _consolidate(cast, by=cast.officer_b)
    with pytest.raises(PermissionDeniedInScope):
        _consolidate(cast, sources=[cast.tree.cell_a1, cast.tree.cell_b1], by=cast.officer_a)


def test_consolidate_page(client, cast):
    t = cast.tree
    client.force_login(cast.officer_a)
    url = reverse("organizations:action", args=[t.cell_a1.pk, "hop-nhat"])
    page = client.get(url).content.decode()
    assert "Hợp nhất thành tổ chức mới" in page and "Hợp nhất cùng các tổ chức" in page
    response = client.post(url, {"sources": [t.cell_a2.pk], "name": "Chi bộ thôn Đông Tây", "code": "99.001.001.000.003",
                                 "kind": Kind.CELL, "parent": t.grassroots_a.pk, "effective_date": "10/01/2026",
                                 "version": 1})
    assert response.status_code == 302, response.context["form"].errors
    new = Organization.objects.get(code="99.001.001.000.003")
    assert response["Location"].startswith(reverse("organizations:detail", args=[new.pk]))
    # One source only: the form says why, on the field.
    response = client.post(reverse("organizations:action", args=[t.cell_b1.pk, "hop-nhat"]), {})
    assert response.status_code == 404  # outside officer_a's scope
    client.force_login(cast.admin)
    response = client.post(reverse("organizations:action", args=[t.cell_b1.pk, "hop-nhat"]), {
        "sources": [], "name": "X", "code": "99.002.001.000.009", "kind": Kind.CELL, "parent": t.grassroots_b.pk,
        "effective_date": "10/01/2026", "version": 1})
    assert response.status_code == 200 and "sources" in response.context["form"].errors


def test_sap_nhap_page_uses_the_word(client, cast):
    client.force_login(cast.officer_a)
    page = client.get(reverse("organizations:action", args=[cast.tree.cell_a2.pk, "sap-nhap"])).content.decode()
    assert "Sáp nhập vào tổ chức khác" in page and "Sáp nhập vào tổ chức" in page and "Hợp nhất vào" not in page
