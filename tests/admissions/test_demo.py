"""The demo admissions (seed_admissions, called by seed_demo): candidates at every stage in the
cells of thị xã Sơn Hà, probations ending within 30 days and one overdue, all written through the
services. The demo (organizations, 300 members, admissions) is written once for the module inside a
transaction that is rolled back at the end."""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import User
from dangvu.admissions import selectors
from dangvu.admissions.kinds import Stage
from dangvu.admissions.models import Candidate
from dangvu.admissions.todo import todo_items
from dangvu.demo.admissions import WOMEN_ONLY_WORKPLACES, WORKPLACES, seed_admissions, workplace_for
from dangvu.demo.organizations import A_WARD_CODES, KHU_PHO_1_CODE
from dangvu.organizations.models import Organization
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "7", "--members", "300", stdout=StringIO())
        if not Candidate.objects.exists():  # until seed_demo calls it
            seed_admissions(random.Random(7))
        yield
        transaction.set_rollback(True)


def test_candidates_at_every_stage_in_son_ha(demo):
    stages = Counter(Candidate.objects.values_list("stage", flat=True))
    assert 15 <= sum(stages.values()) <= 20
    assert set(stages) == set(Stage.values)
    wards = Organization.objects.filter(code__in=A_WARD_CODES)
    for c in Candidate.objects.select_related("organization"):
        assert any(c.organization.path.startswith(w.path) for w in wards), c.organization
        assert c.stage == c.current_stage
    assert Candidate.objects.filter(organization__code=KHU_PHO_1_CODE).exists()
    names = list(Candidate.objects.values_list("full_name", flat=True))
    assert len(set(names)) == len(names)


def test_workplaces_fit_the_candidates_sex(demo):
    """Issue 10 §8: no male candidate works at the Women's Union."""
    pairs = set(Candidate.objects.values_list("sex", "workplace"))
    assert {sex for sex, _ in pairs} == {"male", "female"}
    assert not [w for sex, w in pairs if sex == "male" and w in WOMEN_ONLY_WORKPLACES]
    rng = random.Random(1)
    assert {workplace_for(rng, "male") for _ in range(300)} == set(WORKPLACES) - set(WOMEN_ONLY_WORKPLACES)
    assert set(WOMEN_ONLY_WORKPLACES) <= {workplace_for(rng, "female") for _ in range(300)}


def test_probations_ending_soon_and_overdue(demo):
    on = TODAY
    officer = User.objects.get(username="canbo.sonha")
    rows = selectors.probation_rows(selectors.probationary_members(officer), on)
    admitted = {c.member_id for c in Candidate.objects.filter(stage=Stage.ADMITTED)}
    demo_rows = [r for r in rows if r.member.pk in admitted]
    assert len(selectors.filter_rows(demo_rows, selectors.ENDING_SOON, on, 30)) >= 4
    assert len(selectors.filter_rows(demo_rows, selectors.OVERDUE, on, 30)) >= 1
    categories = Counter(i.category for i in todo_items(officer, on))
    assert categories["probation_ending"] >= 4 and categories["probation_overdue"] >= 1
    assert categories["admission_decision_overdue"] >= 1 and categories["admission_ceremony_overdue"] >= 1
    # The other district's officer sees none of it.
    assert not [i for i in todo_items(User.objects.get(username="canbo.dongha"), on) if i.category.startswith("admission")]


def test_one_went_through_recognition(demo):
    recognized = [c for c in Candidate.objects.filter(stage=Stage.ADMITTED).select_related("member")
                  if c.member.status == "full"]
    assert len(recognized) == 1 and recognized[0].member.probation_votes.filter(passed=True).exists()
