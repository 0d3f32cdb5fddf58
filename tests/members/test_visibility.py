"""Who sees and who may change which members (Member.objects.visible_to / changeable_by), and search.

Intended rule (architecture.md "Access control", accounts/permissions.py): a scope covers its
organization's subtree; `members.view` is granted to admin, organization officer, inspection
officer, cell secretary and viewer; a `member` sees only their own record (linked account);
`members.change` only to admin and organization officer, in today's subtree.
"""

import datetime as dt
import unicodedata
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.members import services as svc
from dangvu.members.kinds import EventType, Sex
from dangvu.members.models import Member
from dangvu.members.search import search_members
from dangvu.organizations import services as org_services
from tests.conftest import _user
from tests.members.test_rules import cccd

D = dt.date


def _member(org, full_name, serial, sex=Sex.FEMALE, dob=D(1985, 4, 9), **extra):
    return svc.register_member(
        by=SYSTEM, organization=org, full_name=full_name, sex=sex, date_of_birth=dob, citizen_id=cccd("038", sex, dob, serial),
        admission_decision_date=D(2012, 3, 2), ceremony_date=D(2012, 3, 20), recognition_date=D(2013, 3, 20), **extra,
    )


@pytest.fixture
def people(cast):
    t = cast.tree
    p = SimpleNamespace(
        hoa_a1=_member(t.cell_a1, "Nguyễn Thị Hoà", 1, party_card_number="11112222"),
        hoa_a2=_member(t.cell_a2, "Nguyễn Thị Hòa", 2),
        hoa_b1=_member(t.cell_b1, "NGUYỄN THỊ HOA", 3),
        cuong=_member(t.cell_a1, "Lê Văn Cường", 4, sex=Sex.MALE, dob=D(1990, 1, 2)),
        dang=_member(t.cell_b1, "Đặng Văn Đức", 5, sex=Sex.MALE, dob=D(1979, 12, 31), party_card_number="038079000005"),
    )
    Member.objects.filter(pk=p.cuong.pk).update(user=cast.member_a1)  # member_a1's own record
    return p


def names(qs) -> set[str]:
    return set(qs.values_list("full_name", flat=True))


def pks(qs) -> set[int]:
    return set(qs.values_list("pk", flat=True))


def test_visible_to_each_cast_member(cast, people):
    p = people
    a_side = {p.hoa_a1.pk, p.hoa_a2.pk, p.cuong.pk}
    b_side = {p.hoa_b1.pk, p.dang.pk}
    visible = {who: pks(Member.objects.visible_to(getattr(cast, who))) for who in
               ("admin", "officer_a", "viewer_a", "secretary_a1", "member_a1", "officer_b")}
    assert visible == {
        "admin": a_side | b_side,
        "officer_a": a_side,
        "viewer_a": a_side,
        "secretary_a1": {p.hoa_a1.pk, p.cuong.pk},  # cell A1's subtree, not A2
        "member_a1": {p.cuong.pk},                   # only the record linked to the account
        "officer_b": b_side,
    }
    assert not Member.objects.visible_to(None).exists()
    assert not Member.objects.visible_to(AnonymousUser()).exists()


def test_member_without_a_linked_record_sees_no_one(cast, people):
    stranger = _user("member_b1", "Vũ Thị Giang", cast.tree.cell_b1, Role.MEMBER)
    assert not Member.objects.visible_to(stranger).exists()


def test_scope_on_an_intermediate_node_covers_its_subtree(cast, people):
    p = people
    inspector = _user("inspector_ga", "Đỗ Văn Hải", cast.tree.grassroots_a, Role.INSPECTION_OFFICER)
    assert pks(Member.objects.visible_to(inspector)) == {p.hoa_a1.pk, p.hoa_a2.pk, p.cuong.pk}
    assert not Member.objects.changeable_by(inspector).exists()
    province_viewer = _user("viewer_p", "Bùi Thị Hạnh", cast.tree.province, Role.VIEWER)
    assert Member.objects.visible_to(province_viewer).count() == 5


def test_two_scopes_add_up(cast, people):
    p = people
    account_services.grant_scope(by=SYSTEM, user=cast.secretary_a1, organization=cast.tree.cell_b1, role=Role.CELL_SECRETARY)
    from dangvu.accounts import permissions

    permissions.forget(cast.secretary_a1)
    assert pks(Member.objects.visible_to(cast.secretary_a1)) == {p.hoa_a1.pk, p.cuong.pk, p.hoa_b1.pk, p.dang.pk}


def test_changeable_by(cast, people):
    p = people
    changeable = {who: pks(Member.objects.changeable_by(getattr(cast, who))) for who in
                  ("admin", "officer_a", "viewer_a", "secretary_a1", "member_a1", "officer_b")}
    assert changeable == {
        "admin": {p.hoa_a1.pk, p.hoa_a2.pk, p.cuong.pk, p.hoa_b1.pk, p.dang.pk},
        "officer_a": {p.hoa_a1.pk, p.hoa_a2.pk, p.cuong.pk},
        "viewer_a": set(),
        "secretary_a1": set(),
        "member_a1": set(),
        "officer_b": {p.hoa_b1.pk, p.dang.pk},
    }
    assert not Member.objects.changeable_by(AnonymousUser()).exists()


def test_changeable_by_agrees_with_the_services(cast, people):
    """Whoever changeable_by lists may update the member; nobody else may."""
    from dangvu.core.errors import PermissionDeniedInScope

    for who in ("officer_a", "viewer_a", "secretary_a1", "member_a1", "officer_b"):
        user = getattr(cast, who)
        allowed = pks(Member.objects.changeable_by(user))
        for m in Member.objects.all():
            if m.pk in allowed:
                svc.update_member(by=user, member=m, expected_version=None, position=f"sửa bởi {who}")
            else:
                with pytest.raises(PermissionDeniedInScope):
                    svc.update_member(by=user, member=m, expected_version=None, position=f"sửa bởi {who}")


def test_transferred_member_follows_the_cell(cast, people):
    p = people
    svc.record_event(by=cast.admin, member=p.hoa_a2, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 1, 1),
                     organization=cast.tree.cell_b1)
    # A keeps reading the member's past with them (history), but only B changes the record now.
    assert p.hoa_a2.pk in pks(Member.objects.visible_to(cast.officer_a))
    assert p.hoa_a2.pk not in pks(Member.objects.changeable_by(cast.officer_a))
    assert p.hoa_a2.pk in pks(Member.objects.visible_to(cast.officer_b))
    assert p.hoa_a2.pk in pks(Member.objects.changeable_by(cast.officer_b))
    assert p.hoa_a2.pk not in pks(Member.objects.visible_to(cast.secretary_a1))  # never was in cell A1


def test_cell_moved_to_another_district(cast, people):
    """Seeing follows the subtree through time (permissions: "is, or once was, inside"); changing follows today's tree."""
    p = people
    org_services.move(by=cast.admin, org=cast.tree.cell_a2, new_parent=cast.tree.grassroots_b, effective_date=D(2022, 1, 1))
    assert p.hoa_a2.pk in pks(Member.objects.visible_to(cast.officer_b))
    assert p.hoa_a2.pk in pks(Member.objects.changeable_by(cast.officer_b))
    assert p.hoa_a2.pk not in pks(Member.objects.changeable_by(cast.officer_a))
    assert p.hoa_a2.pk in pks(Member.objects.visible_to(cast.officer_a))  # once inside A's subtree
    assert p.hoa_a2.pk not in pks(Member.objects.visible_to(cast.secretary_a1))


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("text", ["nguyen thi hoa", "NGUYỄN THỊ HOÀ", "Nguyễn Thị Hòa", "  nguyen   thi  hoa ", "thi hoa",
                                  unicodedata.normalize("NFD", "Nguyễn Thị Hoà")])
def test_search_ignores_case_diacritics_and_tone_placement(cast, people, text):
    p = people
    assert pks(Member.objects.search(text)) == {p.hoa_a1.pk, p.hoa_a2.pk, p.hoa_b1.pk}


def test_search_with_d_stroke(cast, people):
    assert names(Member.objects.search("dang van duc")) == {"Đặng Văn Đức"}
    assert names(Member.objects.search("Đức")) == {"Đặng Văn Đức"}


def test_search_by_citizen_id_and_card_number(cast, people):
    """By number through members.search: a part of a number for those who may reveal it (here the
    administrator), only the whole number for the others (tests/members/test_masked_numbers.py)."""
    p = people

    def found(text, user=cast.admin):
        return pks(search_members(Member.objects.visible_to(user), user, text))

    assert found(p.hoa_a2.citizen_id) == {p.hoa_a2.pk}
    assert found(p.hoa_a2.citizen_id[-6:]) == {p.hoa_a2.pk}  # the serial digits
    assert found(p.hoa_a2.citizen_id[-6:], cast.viewer_a) == set()
    assert found("11112222") == {p.hoa_a1.pk}
    assert found("038079000005") == {p.dang.pk}  # a 12-digit card (CT 51) equal to the CCCD
    assert not found("99999999")
    assert not Member.objects.search("11112222").exists()  # search_text holds names only


def test_search_is_narrowed_by_visibility(cast, people):
    p = people
    assert pks(Member.objects.visible_to(cast.officer_b).search("nguyen thi hoa")) == {p.hoa_b1.pk}
    assert pks(Member.objects.search("nguyen thi hoa").visible_to(cast.secretary_a1)) == {p.hoa_a1.pk}
    assert not Member.objects.visible_to(cast.member_a1).search("hoa").exists()


def test_search_follows_edits(cast, people):
    p = people
    svc.update_member(by=cast.officer_a, member=p.hoa_a1, expected_version=1, other_names="Hoa Sen")
    assert pks(Member.objects.search("hoa sen")) == {p.hoa_a1.pk}
    assert pks(Member.objects.search("")) == pks(Member.objects.all())


def test_in_organization(cast, people):
    p = people
    assert pks(Member.objects.in_organization(cast.tree.grassroots_a)) == {p.hoa_a1.pk, p.hoa_a2.pk, p.cuong.pk}
    assert pks(Member.objects.in_organization(cast.tree.cell_b1)) == {p.hoa_b1.pk, p.dang.pk}
