"""The balance of the register on the demo (manage.py seed_demo: province 38, two districts merged
into communes on 1/7/2025): start + flows in − flows out = end for the province, the districts, the
new communes and every grassroots organization, over 2024, 2025 and 2026 and across the reform day."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.core.figures import Window
from dangvu.demo.organizations import DISTRICT_A_CODE, DISTRICT_B_CODE, NEW_COMMUNES, PROVINCE_CODE
from dangvu.organizations.kinds import GRASSROOTS_KINDS
from dangvu.organizations.models import Organization
from tests.statistics.test_balance import balance

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "7", "--members", "300", "--register-only", stdout=StringIO())
        yield
        transaction.set_rollback(True)


WINDOWS = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in (2024, 2025, 2026)] + [
    (dt.date(2025, 6, 30), dt.date(2025, 7, 1)), (dt.date(2025, 7, 1), dt.date(2025, 7, 1))]


def test_balance_on_the_demo(demo):
    codes = [PROVINCE_CODE, DISTRICT_A_CODE, DISTRICT_B_CODE, *[commune[0] for commune in NEW_COMMUNES]]
    orgs = list(Organization.objects.filter(code__in=codes)) + list(
        Organization.objects.filter(kind__in=sorted(GRASSROOTS_KINDS)).order_by("pk")[:12])
    assert len(orgs) >= 5
    moved = 0
    for org in orgs:
        for start, end in WINDOWS:
            computed, total, c = balance(Window(org, start, end))
            assert computed == total, (org.code, start, end, c)
            moved += c["members.reorganized_in"] + c["members.reorganized_out"]
    assert moved > 0  # the reform moved members between the districts and the communes


def test_the_flows_summary_equals_the_live_query_on_the_demo(demo):
    """Across the commune reform of 1/7/2025 (two districts merged into communes): every summarized flow of the
    province, the districts, the new communes and grassroots organizations, over each window, from the flows
    summary equals the live query."""
    from dangvu.core.figures import registry
    from dangvu.statistics import engine, summaries

    summaries.refresh([dt.date(2025, 12, 31)])
    reg = registry()
    flows = [c for c in summaries.summarizable_codes() if reg.bases[reg[c].base].kind == "flow"]
    codes = [PROVINCE_CODE, DISTRICT_A_CODE, DISTRICT_B_CODE, *[commune[0] for commune in NEW_COMMUNES]]
    orgs = list(Organization.objects.filter(code__in=codes)) + list(
        Organization.objects.filter(kind__in=sorted(GRASSROOTS_KINDS)).order_by("pk")[:6])
    counted = 0
    for org in orgs:
        for start, end in WINDOWS:
            window = Window(org, start, end)
            served = summaries.serve_flows(window, flows)
            assert served == engine.counts(window, flows, summary=False), (org.code, start, end)
            counted += sum(served.values())
    assert counted > 0
