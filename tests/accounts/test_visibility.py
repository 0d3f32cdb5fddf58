"""Who sees and who changes which organization: Organization.objects.visible_to / changeable_by."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from dangvu.accounts import permissions
from dangvu.accounts.models import User
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.organizations import selectors
from dangvu.organizations import services as svc
from dangvu.organizations.models import Organization

MOVED_ON = dt.date(2020, 1, 1)


def names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def reload(user) -> User:
    """A fresh user object, as the next request would have (scope caches live on the object)."""
    return User.objects.get(pk=user.pk)


A_SUBTREE = {"Đảng bộ huyện An Lạc", "Đảng bộ xã An Lạc", "Chi bộ thôn Đông", "Chi bộ thôn Tây"}
B_SUBTREE = {"Đảng bộ huyện Bình Minh", "Đảng bộ xã Bình Minh", "Chi bộ thôn Bắc"}
EVERYTHING = {"Đảng bộ tỉnh Thử Nghiệm"} | A_SUBTREE | B_SUBTREE


@pytest.mark.parametrize(("who", "visible", "changeable"), [
    ("admin", EVERYTHING, EVERYTHING),
    ("officer_a", A_SUBTREE, A_SUBTREE),
    ("viewer_a", A_SUBTREE, set()),
    ("secretary_a1", {"Chi bộ thôn Đông"}, set()),
    ("member_a1", {"Chi bộ thôn Đông"}, set()),
    ("officer_b", B_SUBTREE, B_SUBTREE),
])
def test_visible_and_changeable_per_cast_member(cast, who, visible, changeable):
    user = getattr(cast, who)
    assert names(Organization.objects.visible_to(user)) == visible
    assert names(Organization.objects.changeable_by(user)) == changeable
    for org in Organization.objects.all():
        assert permissions.can(user, "view", org) is (org.name in visible), org.name
        assert permissions.can(user, "organizations.change", org) is (org.name in changeable), org.name


def test_officer_a_does_not_see_b(cast):
    t = cast.tree
    visible = Organization.objects.visible_to(cast.officer_a)
    assert t.cell_b1 not in visible and t.grassroots_b not in visible and t.district_b not in visible
    assert t.province not in visible  # the province appears in the tree only as a greyed context row


def test_committee_rights_follow_the_same_scopes(cast):
    t = cast.tree
    assert names(Organization.objects.changeable_by(cast.officer_a, "committees.change")) == A_SUBTREE
    assert names(Organization.objects.changeable_by(cast.secretary_a1, "committees.change")) == set()
    assert names(Organization.objects.changeable_by(cast.viewer_a, "audit.view")) == A_SUBTREE
    assert permissions.can(cast.viewer_a, "audit.view", t.cell_a1)
    assert not permissions.can(cast.member_a1, "audit.view", t.cell_a1)


def test_anonymous_and_inactive_users_see_nothing(cast):
    assert not Organization.objects.visible_to(AnonymousUser()).exists()
    assert not Organization.objects.visible_to(None).exists()
    assert not Organization.objects.changeable_by(AnonymousUser()).exists()
    admin = reload(cast.admin)
    admin.is_active = False
    admin.save()
    admin = reload(admin)
    assert not permissions.is_system_admin(admin)


def test_superuser_sees_all_without_a_scope(cast):
    root = User.objects.create_user(username="root-visibility", is_superuser=True)
    assert names(Organization.objects.visible_to(root)) == EVERYTHING
    assert names(Organization.objects.changeable_by(root)) == EVERYTHING


def test_after_a_move_history_stays_visible_but_only_the_new_scope_may_change(cast):
    t = cast.tree
    svc.move(by=cast.admin, org=t.cell_a2, new_parent=t.grassroots_b, effective_date=MOVED_ON)
    officer_a, officer_b = reload(cast.officer_a), reload(cast.officer_b)
    cell = Organization.objects.get(pk=t.cell_a2.pk)

    # Officer A was responsible for the cell until 2020: the history stays readable to them.
    assert cell in Organization.objects.visible_to(officer_a)
    assert permissions.can(officer_a, "view", cell)
    assert cell not in Organization.objects.changeable_by(officer_a)
    assert not permissions.can(officer_a, "organizations.change", cell)
    with pytest.raises(PermissionDeniedInScope):
        svc.rename(by=officer_a, org=cell, name="Chi bộ thôn Tây (A)", effective_date=dt.date(2021, 1, 1))

    # Officer B is responsible from now on.
    assert cell in Organization.objects.visible_to(officer_b)
    assert cell in Organization.objects.changeable_by(officer_b)
    svc.rename(by=officer_b, org=cell, name="Chi bộ thôn Tây (B)", effective_date=dt.date(2021, 1, 1))

    # The others are unchanged: B's own cell is still hidden from A, A's remaining cell from B.
    assert t.cell_b1 not in Organization.objects.visible_to(officer_a)
    assert t.cell_a1 not in Organization.objects.visible_to(officer_b)

    # In the tree, officer A sees the cell under A in 2019 and no longer under A in 2021.
    assert [n.name for n in selectors.tree_level(officer_a, dt.date(2019, 12, 31), t.grassroots_a.pk)] == [
        "Chi bộ thôn Đông", "Chi bộ thôn Tây"]
    assert [n.name for n in selectors.tree_level(officer_a, dt.date(2021, 1, 1), t.grassroots_a.pk)] == ["Chi bộ thôn Đông"]
    assert [n.name for n in selectors.tree_level(officer_b, dt.date(2021, 1, 1), t.grassroots_b.pk)] == [
        "Chi bộ thôn Bắc", "Chi bộ thôn Tây (B)"]
    # Officer B can look back at where the cell stood before it came to B: under greyed A rows.
    province_level = selectors.tree_level(officer_b, dt.date(2019, 12, 31), t.province.pk)
    assert [(n.name, n.context) for n in province_level] == [("Đảng bộ huyện An Lạc", True), ("Đảng bộ huyện Bình Minh", False)]
    assert [(n.name, n.context) for n in selectors.tree_level(officer_b, dt.date(2019, 12, 31), t.grassroots_a.pk)] == [
        ("Chi bộ thôn Tây", False)]


def test_scope_cache_is_per_user_object(cast):
    """A grant shows on the next request (a fresh user object), and forget() drops the cache."""
    from dangvu.accounts import services as account_services
    from dangvu.accounts.models import Role

    t = cast.tree
    officer_b = reload(cast.officer_b)
    assert t.cell_a1 not in Organization.objects.visible_to(officer_b)
    account_services.grant_scope(by=cast.admin, user=officer_b, organization=t.cell_a1, role=Role.VIEWER)
    assert t.cell_a1 in Organization.objects.visible_to(officer_b)
    assert t.cell_a1 not in Organization.objects.changeable_by(officer_b)
    assert t.cell_a1 in Organization.objects.visible_to(reload(officer_b))


def test_officer_cannot_grant_outside_their_scope_or_grant_admin(cast):
    from dangvu.accounts import services as account_services
    from dangvu.accounts.models import Role

    t = cast.tree
    with pytest.raises(PermissionDeniedInScope):
        account_services.grant_scope(by=cast.officer_a, user=cast.member_a1, organization=t.cell_b1, role=Role.VIEWER)
    with pytest.raises(PermissionDeniedInScope):
        account_services.grant_scope(by=cast.officer_a, user=cast.member_a1, organization=t.cell_a1, role=Role.ADMIN)
    with pytest.raises(PermissionDeniedInScope):
        account_services.grant_scope(by=cast.secretary_a1, user=cast.member_a1, organization=t.cell_a1, role=Role.VIEWER)
    account_services.grant_scope(by=cast.officer_a, user=cast.member_a1, organization=t.cell_a2, role=Role.VIEWER)
    assert t.cell_a2 in Organization.objects.visible_to(reload(cast.member_a1))
