"""seed_awards on the demo (organizations and 300 members): consistent with the rules, through the services.

The demo is written once for the module inside a transaction rolled back at the end.
"""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import User
from dangvu.audit.models import AuditEntry
from dangvu.awards import rules, services
from dangvu.awards.models import BadgeAward, CardNumber, PartyCard
from dangvu.demo.awards import seed_awards
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import Member, MemberState
from tests.clock import TODAY

pytestmark = pytest.mark.django_db
SEED = 11


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", str(SEED), "--members", "300", stdout=StringIO())
        lines: list[str] = []
        if not BadgeAward.objects.exists():  # seed_demo may already call seed_awards itself
            seed_awards(random.Random(SEED), log=lines.append)
        yield lines
        transaction.set_rollback(True)


def test_awards_follow_the_rules(demo):
    awards = list(BadgeAward.objects.select_related("member"))
    assert len(awards) > 20
    last = rules.previous_presentation_date(TODAY)
    for a in awards:
        m = a.member
        reached = rules.reach_date(m.first_admission_date, m.days_outside, a.milestone)
        assert a.presentation_on == rules.next_presentation_date(reached) <= last
        assert a.decision_date < a.presentation_on
        state = MemberState.objects.filter(member=m).valid_on(a.presentation_on).get()
        assert state.status in IN_PARTY
    assert AuditEntry.objects.filter(action="awards.badge").count() == len(awards)
    assert Counter(a.milestone for a in awards)[30] > 0


def test_most_past_milestones_are_recorded(demo):
    admin = User.objects.filter(is_superuser=True).first() or User.objects.get(username="admin")
    overdue = [r for r in services.due_list(admin, rules.next_presentation_date(TODAY)) if r.overdue and not r.posthumous]
    recorded = BadgeAward.objects.count()
    assert len(overdue) < max(5, recorded // 10)
    # what a new user sees is what has not been recorded since the last presentation date, not "overdue since 2017"
    last = rules.previous_presentation_date(TODAY)
    assert {r.presentation_on for r in overdue} <= {last}


def test_cards_are_consistent(demo):
    assert PartyCard.objects.exists()
    numbers = list(Member.objects.exclude(party_card_number=None).values_list("party_card_number", flat=True))
    assert len(numbers) == len(set(numbers))
    for card in PartyCard.objects.select_related("member"):
        assert CardNumber.objects.get(number=card.number).member_id == card.member_id
    for member in Member.objects.filter(party_cards__isnull=False).distinct():
        assert member.party_card_number == member.party_cards.order_by("issued_on", "id").last().number
        assert member.party_cards.filter(kind__in=["reissue_lost", "replace_damaged"]).exclude(reason="").count() == \
            member.party_cards.filter(kind__in=["reissue_lost", "replace_damaged"]).count()
