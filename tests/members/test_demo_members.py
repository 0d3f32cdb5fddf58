"""The demo's members (manage.py seed_demo --members N): deterministic, consistent with the rules,
placed only where and when cells exist, and scoped per district.

The demo (organizations and 300 members) is written once for the module inside a transaction
that is rolled back at the end.
"""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from dangvu.accounts.models import User
from dangvu.demo.members import demo_cells, plan_members
from dangvu.demo.organizations import DISTRICT_A_CODE, DISTRICT_B_CODE, KHU_PHO_1_CODE, NEW_COMMUNES
from dangvu.members import rules, services
from dangvu.members.kinds import IN_PARTY, EventType, Status
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.organizations.models import Organization, OrganizationVersion
from dangvu.rules.parameters import BY_KEY
from tests.clock import TODAY

pytestmark = pytest.mark.django_db
SEED = 7
COUNT = 300


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", "--seed", str(SEED), "--members", str(COUNT), "--register-only", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def _ever_under(*codes) -> set[int]:
    """Ids of organizations that were, at any time, one of `codes` or below one of them."""
    ids = set()
    for org in Organization.objects.filter(code__in=codes):
        paths = set(OrganizationVersion.objects.filter(organization=org).values_list("path", flat=True)) | {org.path}
        for path in paths:
            ids |= set(OrganizationVersion.objects.filter(path__startswith=path).values_list("organization_id", flat=True))
    return ids


def _plan(seed=SEED):
    return plan_members(random.Random(seed), COUNT, demo_cells(), TODAY)


def _key(plan) -> tuple:
    return (sorted(plan.fields.items(), key=lambda kv: kv[0]), plan.first_cell, plan.joined_on,
            [(e.event_type, e.on, e.organization, e.external_place, e.decision) for e in plan.events], plan.username)


def test_summary_and_counts(demo):
    assert f"Đảng viên mẫu: {COUNT} hồ sơ" in demo
    assert "Tài khoản gắn với hồ sơ đảng viên: bithu.khupho1, dangvien.khupho1." in demo
    assert Member.objects.count() == COUNT
    by_status = Counter(Member.objects.values_list("status", flat=True))
    in_party = by_status[Status.FULL] + by_status[Status.PROBATIONARY]
    assert 0.8 * COUNT <= in_party < COUNT
    assert 0.01 * COUNT <= by_status[Status.PROBATIONARY] <= 0.12 * COUNT
    assert len(set(by_status) - IN_PARTY) >= 2  # some deceased, struck off, transferred away…
    events = Counter(MembershipEvent.objects.values_list("event_type", flat=True))
    assert events[EventType.ADMITTED] == COUNT
    for event_type in (EventType.RECOGNIZED, EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL, EventType.EXEMPTED):
        assert events[event_type] > 0, event_type
    # About 60/40 men and women, mostly Kinh, mostly no religion.
    sexes = Counter(Member.objects.values_list("sex", flat=True))
    assert 0.5 * COUNT <= sexes["male"] <= 0.72 * COUNT
    assert Member.objects.filter(ethnicity__name="Kinh").count() >= 0.8 * COUNT
    assert Member.objects.filter(religion__name="Không").count() >= 0.85 * COUNT


def test_same_seed_same_members_and_the_database_follows_the_plan(demo):
    first, again, other = _plan(), _plan(), _plan(SEED + 1)
    assert [_key(p) for p in first] == [_key(p) for p in again]
    assert [p.fields["full_name"] for p in first] != [p.fields["full_name"] for p in other]
    rows = Member.objects.values_list("full_name", "citizen_id", "party_card_number", "status", "organization__code")
    assert sorted(rows, key=str) == sorted(((p.fields["full_name"], p.fields["citizen_id"], p.fields["party_card_number"],
                                             p.status, p.cell) for p in first), key=str)


def test_each_members_state_is_the_replay_of_their_events(demo):
    for member in Member.objects.prefetch_related("states"):
        result = rules.replay(services._facts(member))
        assert result.violations == [], member
        assert (member.status, member.organization_id, member.is_exempted, member.is_suspended, member.days_outside) == (
            result.status, result.organization_id, result.is_exempted, result.is_suspended, result.days_outside), member
        stored = [(s.valid_from, s.valid_to, s.status, s.organization_id, s.is_exempted, s.is_suspended)
                  for s in sorted(member.states.all(), key=lambda s: s.valid_from)]
        assert stored == [(i.valid_from, i.valid_to, i.status, i.organization_id, i.is_exempted, i.is_suspended)
                          for i in result.intervals], member


def test_no_member_sits_in_an_organization_when_it_is_not_a_cell(demo):
    assert not Member.objects.filter(status__in=IN_PARTY, organization__ended_on__isnull=False).exists()
    assert set(Member.objects.filter(status__in=IN_PARTY).values_list("organization__kind", flat=True)) <= {
        "cell", "grassroots_cell"}
    cell_kinds = ("cell", "grassroots_cell")
    for state in MemberState.objects.select_related("organization"):
        org = state.organization
        if org is None:  # admitted outside the demo, before the transfer in
            joined = MembershipEvent.objects.get(member=state.member_id, event_type=EventType.TRANSFERRED_IN)
            assert state.valid_to is not None and state.valid_to <= joined.effective_date, state
            continue
        assert org.established_on <= state.valid_from, state
        if org.ended_on is not None:
            assert state.valid_to is not None and state.valid_to <= org.ended_on, state
        # Over the whole interval the organization was a cell (not a party group, not a committee).
        versions = OrganizationVersion.objects.filter(organization=org, valid_from__lt=state.valid_to or TODAY)
        versions = [v for v in versions if v.valid_to is None or v.valid_to > state.valid_from]
        assert versions and all(v.kind in cell_kinds for v in versions), state


def test_records_follow_the_rules(demo):
    on = TODAY
    cards = []
    for m in Member.objects.all():
        record = {f: getattr(m, f) for f in Member.RECORD_FIELDS}
        assert rules.check_record(record, on) == [], m
        assert 18 <= rules.months_between(m.date_of_birth, on) // 12 <= 90, m
        age = rules.months_between(m.date_of_birth, m.admission_decision_date)
        assert BY_KEY["admission.min_age_months"].default <= age <= BY_KEY["admission.max_age_months"].default, m
        assert 0 <= (m.ceremony_date - m.admission_decision_date).days <= 30, m
        assert m.recognition_date is None or m.recognition_date == rules.add_months(m.ceremony_date, 12), m
        assert m.admission_decision_date.year >= 1960 and m.record_number, m
        if m.citizen_id:
            assert rules.check_citizen_id(m.citizen_id, m.sex, m.date_of_birth) == [], m
        if m.party_card_number:
            cards.append(m.party_card_number)
            assert len(m.party_card_number) == 8 and m.recognition_date is not None, m
    assert len(cards) == len(set(cards)) >= 0.8 * COUNT
    assert Member.objects.filter(citizen_id__startswith="038").count() >= 0.75 * COUNT


def test_each_district_officer_sees_only_the_own_members(demo):
    a_codes = [DISTRICT_A_CODE] + [c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_A_CODE]
    b_codes = [DISTRICT_B_CODE] + [c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_B_CODE]
    ever_a, ever_b = _ever_under(*a_codes), _ever_under(*b_codes)
    members_a = set(Member.objects.filter(organization__in=ever_a).values_list("pk", flat=True))
    members_b = set(Member.objects.filter(organization__in=ever_b).values_list("pk", flat=True))
    assert members_a and members_b and len(members_a | members_b) == COUNT
    for username, own, other in (("canbo.sonha", members_a, members_b), ("canbo.dongha", members_b, members_a)):
        visible = set(Member.objects.visible_to(User.objects.get(username=username)).values_list("pk", flat=True))
        assert visible == own, username
        assert not visible & other, username
    sonha = User.objects.get(username="canbo.sonha")
    assert not Member.objects.visible_to(sonha).filter(organization__code__startswith="38.169").exists()
    assert not Member.objects.visible_to(sonha).filter(organization__code__startswith=tuple(b_codes)).exists()


def test_the_demo_users_records(demo):
    for username in ("bithu.khupho1", "dangvien.khupho1"):
        user = User.objects.get(username=username)
        member = Member.objects.get(user=user)
        assert member.full_name == user.full_name and member.status == Status.FULL
        assert member.organization.code == KHU_PHO_1_CODE
    member_user = User.objects.get(username="dangvien.khupho1")
    assert list(Member.objects.visible_to(member_user).values_list("full_name", flat=True)) == [member_user.full_name]
    secretary = User.objects.get(username="bithu.khupho1")
    cell = Organization.objects.get(code=KHU_PHO_1_CODE)
    # The secretary sees the cell's members, and those who were once in it (history), no one else.
    seen = Member.objects.visible_to(secretary)
    ever_in_cell = set(MemberState.objects.filter(organization=cell).values_list("member_id", flat=True))
    now_in_cell = set(Member.objects.filter(organization=cell).values_list("pk", flat=True))
    assert set(seen.values_list("pk", flat=True)) == now_in_cell | ever_in_cell


def test_search_finds_the_named_people(demo):
    client = APIClient()
    client.force_authenticate(User.objects.get(username="canbo.sonha"))
    response = client.get("/api/members/", {"q": "tran van binh"})
    assert response.status_code == 200
    found = [row for row in response.json()["results"] if row["full_name"] == "Trần Văn Bình"]
    assert found
    son_ha = Organization.objects.get(code=NEW_COMMUNES[0][0])
    assert any(Organization.objects.get(pk=row["organization"]).path.startswith(son_ha.path) for row in found)
    names = {row["full_name"] for row in client.get("/api/members/", {"search": "nguyen thi hoa"}).json()["results"]}
    assert {"Nguyễn Thị Hoà", "Nguyễn Thị Hòa"} <= names


def test_committee_seats_are_linked_to_demo_members(demo):
    """The seats held today go to full members of the organization's subtree (M3, scope); the khu phố 1
    secretary's seat is the demo user's record."""
    from django.db.models import Q

    from dangvu.organizations.models import CommitteeMember, CommitteePosition

    on = TODAY
    held = CommitteeMember.objects.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
    linked = list(held.filter(member__isnull=False).select_related("member", "term__organization"))
    assert linked and "Cấp ủy viên gắn với hồ sơ đảng viên:" in demo
    for seat in linked:
        state = MemberState.objects.valid_on(seat.start_date).get(member=seat.member)
        assert state.status == Status.FULL and state.organization.path.startswith(seat.term.organization.path)
        assert seat.full_name == seat.member.full_name and not seat.outside_register
    secretary = held.get(term__organization__code=KHU_PHO_1_CODE, position=CommitteePosition.SECRETARY)
    assert secretary.member == Member.objects.get(user__username="bithu.khupho1")
    assert not held.filter(member__isnull=True, outside_register=False).exists()
