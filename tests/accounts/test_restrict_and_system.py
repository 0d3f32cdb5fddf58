"""The one scope mechanism (accounts.querysets.RestrictedQuerySet) and the explicit system actor."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from dangvu.accounts import permissions
from dangvu.accounts.querysets import RestrictedQuerySet, recording
from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.members.models import Member
from dangvu.organizations import services as org_services
from dangvu.organizations.models import Organization
from dangvu.transfers import services as transfers
from dangvu.transfers.models import TransferLetter
from tests.members import register


def test_every_organization_owned_model_is_restricted():
    from django.apps import apps

    for label in ["organizations.Organization", "members.Member", "admissions.Candidate", "transfers.TransferLetter",
                  "residence.ResidenceContact", "residence.ResidenceMeeting", "awards.BadgeAward", "awards.PartyCard"]:
        assert isinstance(apps.get_model(label).objects.all(), RestrictedQuerySet), label


def test_the_opening_is_written_once(cast):
    t = cast.tree
    assert set(Organization.objects.restrict(SYSTEM)) == set(Organization.objects.all())
    assert set(Organization.objects.restrict(cast.admin)) == set(Organization.objects.all())
    assert not Organization.objects.restrict(AnonymousUser()).exists()
    assert not Organization.objects.restrict(None).exists()
    assert set(Organization.objects.restrict(cast.officer_b)) == {t.district_b, t.grassroots_b, t.cell_b1}
    # "change" is today's subtree with a role that allows it: a viewer sees but changes nothing.
    assert Organization.objects.restrict(cast.viewer_a).filter(pk=t.cell_a1.pk).exists()
    assert not Organization.objects.restrict(cast.viewer_a, "organizations.change").exists()
    with recording() as calls:
        Organization.objects.visible_to(cast.officer_a)
        Member.objects.changeable_by(cast.officer_a)
    assert calls == [("organizations.organization", "view"), ("members.member", "members.change")]


def test_a_member_role_sees_only_the_own_record(cast):
    own = register("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=own.pk).update(user=cast.member_a1)
    own.refresh_from_db()
    other = register("Trần Văn Bình", cast.tree.cell_a1)
    assert list(Member.objects.restrict(cast.member_a1)) == [own]
    assert set(Member.objects.restrict(cast.officer_a)) == {own, other}
    assert not Member.objects.restrict(cast.member_a1, now=True).exists()  # a work list: no own rows


@time_machine.travel(dt.datetime(2026, 10, 1, 9, 0), tick=False)
def test_one_side_of_a_two_sided_row(cast):
    t = cast.tree
    binh = register("Trần Văn Bình", t.cell_a1, admitted=dt.date(2012, 6, 1))
    letter = transfers.issue_letter(by=SYSTEM, member=binh, kind="official", number="15-GGT/HU", destination=t.cell_b1,
                                    issue_date=dt.date(2026, 9, 28), basis="Quyết định điều động", basis_date=dt.date(2026, 9, 25),
                                    self_review=True)
    assert letter in TransferLetter.objects.restrict(cast.officer_b)  # the receiving side
    assert letter in TransferLetter.objects.restrict(cast.officer_b, fields=["destination"])
    assert letter not in TransferLetter.objects.restrict(cast.officer_b, fields=["from_organization"])
    assert letter in TransferLetter.objects.restrict(cast.officer_a, fields=["from_organization"])
    with pytest.raises(ValueError):
        TransferLetter.objects.restrict(cast.officer_a, fields=["member"])


def test_no_user_is_not_the_system(cast):
    """by=None used to mean "the system, skip every check"; now it is refused like any outsider."""
    with pytest.raises(PermissionDeniedInScope):
        org_services.rename(by=None, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới", effective_date=dt.date(2020, 1, 1))
    assert not permissions.can(None, "view", cast.tree.cell_a1)
    org_services.rename(by=SYSTEM, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới", effective_date=dt.date(2020, 1, 1))
    entry = AuditEntry.objects.get(action="organizations.rename")
    assert entry.actor_label == "Hệ thống" and entry.actor is None


def test_reveal_is_one_rule(cast):
    member = register("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=member.pk).update(user=cast.member_a1)
    member.refresh_from_db()
    assert permissions.may_reveal(cast.officer_a, member) and permissions.may_reveal(cast.member_a1, member)
    assert permissions.may_reveal(cast.admin, member)
    assert not permissions.may_reveal(cast.viewer_a, member) and not permissions.may_reveal(cast.officer_b, member)
