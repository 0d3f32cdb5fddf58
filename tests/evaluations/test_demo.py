"""The demo's annual reviews (issue 12's Demo section): 2022–2025 decided under their regimes (2025 under
QĐ 366 with scores), a realistic distribution, the excellent quota respected in every grassroots
organization but one (flagged on the campaign page), a few members disqualified, a 2026 campaign in
progress with a group of similar function, and commendations of the 2025 results. The register of the
demo (seed_demo --register-only), then seed_evaluations, as seed_demo calls it."""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from dangvu.demo.evaluations import seed_evaluations
from dangvu.evaluations import rules, selectors
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import Campaign, Commendation, MemberReview

pytestmark = pytest.mark.django_db
SEED = 2025
G = rules.Grade


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", str(SEED), "--members", "250", "--register-only", stdout=StringIO())
        lines = []
        result = seed_evaluations(random.Random(SEED + 9), log=lines.append)
        yield result, lines
        transaction.set_rollback(True)


def test_demo_years_regimes_and_distribution(demo):
    result, lines = demo
    assert "giấy khen cho" in lines[0]
    campaigns = {c.year: c for c in Campaign.objects.all()}
    assert sorted(campaigns) == [2022, 2023, 2024, 2025, 2026]
    assert [campaigns[y].regime_code for y in (2022, 2023, 2025)] == ["qd132", "qd124", "qd366"]
    scored = MemberReview.objects.filter(campaign__year=2025, step=Step.DECIDED)
    assert scored.exists() and not scored.filter(score__isnull=True).exists()
    grades = Counter(MemberReview.objects.filter(campaign__year=2024, step=Step.DECIDED).values_list("grade", flat=True))
    total = sum(grades.values())
    assert total > 100 and grades[G.GOOD] > total / 2 and 0 < grades[G.EXCELLENT] < total / 4
    assert result.disqualified >= 1 and result.decided > 150


def test_demo_quota_respected_in_all_but_one_organization(demo):
    result, _lines = demo
    over = []
    for campaign in Campaign.objects.filter(year__lt=2026):
        for org, quota in selectors.grassroots_quota(campaign, MemberReview.objects.all()):
            if quota.exceeded:
                over.append(f"{org.name} ({campaign.year})")
    assert over == [result.flagged]


def test_demo_flagged_on_the_campaign_page(demo):
    from dangvu.accounts.models import User

    result, _lines = demo
    year = int(result.flagged.rsplit("(", 1)[1].rstrip(")"))
    client = Client()
    client.force_login(User.objects.filter(is_superuser=True).first() or User.objects.get(username="admin"))
    page = client.get(reverse("evaluations:campaign", args=[Campaign.objects.get(year=year).pk])).content.decode()
    assert "vượt tỷ lệ" in page and result.flagged.rsplit(" (", 1)[0] in page


def test_demo_current_campaign_in_progress_and_commendations(demo):
    result, _lines = demo
    current = Campaign.objects.get(year=2026)
    steps = Counter(current.member_reviews.values_list("step", flat=True))
    assert steps[Step.PENDING] and steps[Step.SELF_ASSESSED] and steps[Step.PROPOSED] and steps[Step.DECIDED]
    assert current.quota_groups.filter(name="Chi bộ thôn, tổ dân phố").exists()
    # Every member excellent two years running or more in 2025 is commended (none is under a penalty in this demo),
    # and only they: how many there are depends on the demo's size (250 members here, over about a hundred cells).
    excellent = list(MemberReview.objects.filter(campaign__year=2025, grade=G.EXCELLENT).values_list("member_id", flat=True))
    qualified = {m for m, years in selectors.years_excellent_of(excellent, 2025).items() if years >= 2}
    assert set(Commendation.objects.filter(member__isnull=False, year=2025).values_list("member_id", flat=True)) == qualified
    assert result.commended_members == len(qualified) and result.commended_organizations >= 1
    for c in Commendation.objects.filter(member__isnull=False):
        assert c.year == 2025 and c.consecutive_years >= 2
        assert selectors.years_excellent_of([c.member_id], 2025)[c.member_id] >= c.consecutive_years
