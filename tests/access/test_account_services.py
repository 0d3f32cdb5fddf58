"""Accounts managed in the app: who may create, grant, revoke, reset and deactivate (the services the
pages, the API and the commands share), and the secretary accounts created in bulk."""

import datetime as dt

import pytest

from dangvu.access import services
from dangvu.accounts import administration
from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role, User
from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.organizations import committees
from tests.members import register

D = dt.date


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.django_db
def test_officer_creates_an_account_in_their_subtree_with_a_password_to_change(cast):
    t = cast.tree
    creds = administration.create_account(by=fresh(cast.officer_a), username="bithu.tay", full_name="Ngô Văn Tây",
                                          organization=t.cell_a2, role=Role.CELL_SECRETARY)
    user = User.objects.get(username="bithu.tay")
    assert user.check_password(creds.password) and user.must_change_password
    assert list(user.scopes.values_list("organization_id", "role")) == [(t.cell_a2.pk, Role.CELL_SECRETARY)]
    actions = set(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"accounts.create", "accounts.grant_scope"} <= actions


@pytest.mark.django_db
@pytest.mark.parametrize("who, org, role", [
    ("officer_a", "cell_b1", Role.CELL_SECRETARY),  # district B is not officer_a's
    ("officer_a", "province", Role.VIEWER),  # above their subtree
    ("officer_a", "cell_a1", Role.ADMIN),  # administrator: above their role
    ("secretary_a1", "cell_a1", Role.MEMBER),  # a secretary creates no accounts
    ("viewer_a", "cell_a1", Role.MEMBER),  # nor a leader (read only)
])
def test_nobody_creates_outside_their_subtree_or_above_their_role(cast, who, org, role):
    with pytest.raises(PermissionDeniedInScope):
        administration.create_account(by=fresh(getattr(cast, who)), username="moi.nguoi", full_name="Người Mới",
                                      organization=getattr(cast.tree, org), role=role)
    assert not User.objects.filter(username="moi.nguoi").exists()


@pytest.mark.django_db
def test_usernames_are_checked_with_the_field_named(cast):
    with pytest.raises(RuleViolation) as exc:
        administration.create_account(by=fresh(cast.officer_a), username="officer_b", full_name="X",
                                      organization=cast.tree.cell_a1, role=Role.MEMBER)
    assert exc.value.violations[0].field == "username" and "đã có người dùng" in str(exc.value)
    with pytest.raises(RuleViolation, match="Tên đăng nhập"):
        administration.create_account(by=fresh(cast.officer_a), username="Có Dấu", full_name="X",
                                      organization=cast.tree.cell_a1, role=Role.MEMBER)


@pytest.mark.django_db
def test_grant_and_revoke_stay_within_the_subtree_and_the_role(cast):
    t = cast.tree
    officer_a = fresh(cast.officer_a)
    scope = account_services.grant_scope(by=officer_a, user=cast.member_a1, organization=t.cell_a2, role=Role.VIEWER)
    with pytest.raises(PermissionDeniedInScope):  # district B
        account_services.grant_scope(by=fresh(cast.officer_a), user=cast.member_a1, organization=t.cell_b1, role=Role.VIEWER)
    with pytest.raises(PermissionDeniedInScope):  # officer_b may not touch an account of district A
        account_services.grant_scope(by=fresh(cast.officer_b), user=cast.member_a1, organization=t.cell_b1, role=Role.MEMBER)
    with pytest.raises(PermissionDeniedInScope):
        account_services.revoke_scope(by=fresh(cast.officer_b), scope=scope)
    with pytest.raises(PermissionDeniedInScope):  # an account above their role (an administrator)
        account_services.revoke_scope(by=fresh(cast.officer_a), scope=cast.admin.scopes.get())
    account_services.revoke_scope(by=fresh(cast.officer_a), scope=scope)
    assert not cast.member_a1.scopes.filter(organization=t.cell_a2).exists()
    assert AuditEntry.objects.filter(action="accounts.revoke_scope", object_id=str(cast.member_a1.pk)).exists()


@pytest.mark.django_db
def test_reset_and_deactivate_only_for_accounts_one_manages(cast):
    officer_a = fresh(cast.officer_a)
    assert administration.may_manage(officer_a, cast.secretary_a1)
    assert not administration.may_manage(officer_a, cast.officer_b)  # district B
    assert not administration.may_manage(officer_a, cast.admin)  # above their role
    assert not administration.may_manage(officer_a, cast.officer_a)  # their own: "Đổi mật khẩu"
    assert not administration.may_manage(fresh(cast.secretary_a1), cast.member_a1)  # secretaries manage nothing
    creds = administration.reset_password(by=officer_a, user=cast.secretary_a1)
    secretary = fresh(cast.secretary_a1)
    assert secretary.check_password(creds.password) and secretary.must_change_password
    with pytest.raises(RuleViolation, match="Lý do khóa tài khoản"):
        administration.set_active(by=officer_a, user=secretary, active=False)
    administration.set_active(by=officer_a, user=secretary, active=False, reason="Chuyển công tác")
    assert not fresh(cast.secretary_a1).is_active
    with pytest.raises(PermissionDeniedInScope):
        administration.reset_password(by=fresh(cast.officer_b), user=cast.member_a1)
    entry = AuditEntry.objects.get(action="accounts.deactivate")
    assert entry.note == "Chuyển công tác"


@pytest.mark.django_db
def test_who_has_access_to_what_lists_the_officers_subtree_only(cast):
    names = set(administration.managed_users(fresh(cast.officer_a)).values_list("username", flat=True))
    assert names == {"officer_a", "secretary_a1", "member_a1", "viewer_a"}
    assert not administration.managed_users(fresh(cast.secretary_a1)).exists()


@pytest.mark.django_db
def test_bulk_secretaries_take_the_secretary_from_the_committee_data(cast):
    t = cast.tree
    thang = register("Phạm Văn Thắng", t.cell_a2)
    term = committees.create_term(by=SYSTEM, organization=t.cell_a2, name="2025–2030", start_date=D(2025, 6, 1))
    committees.add_seat(by=SYSTEM, term=term, member=thang, position="secretary", start_date=D(2025, 6, 1))
    plans = services.cells_without_secretary(fresh(cast.officer_a), t.district_a)
    assert [(p.cell, p.username, p.member) for p in plans] == [(t.cell_a2, "thangpv", thang)]  # cell_a1 has secretary_a1
    created = services.create_secretary_accounts(by=fresh(cast.officer_a), organization=t.district_a)
    assert [c.user.username for c in created] == ["thangpv"]
    thang.refresh_from_db()
    assert thang.user == created[0].user and created[0].user.full_name == "Phạm Văn Thắng"
    assert created[0].user.must_change_password
    assert services.create_secretary_accounts(by=fresh(cast.officer_a), organization=t.district_a) == []  # none left
    with pytest.raises(PermissionDeniedInScope):
        services.create_secretary_accounts(by=fresh(cast.officer_b), organization=t.district_a)


@pytest.mark.django_db
def test_a_cell_without_committee_data_gets_an_account_named_after_its_code(cast):
    created = services.create_secretary_accounts(by=fresh(cast.officer_b), organization=cast.tree.district_b)
    assert [(c.user.username, c.user.full_name) for c in created] == [("bithu.99002001000001", "Bí thư Chi bộ thôn Bắc")]
