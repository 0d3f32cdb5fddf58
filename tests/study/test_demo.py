"""seed_study on the demo (organizations and 300 members): four waves of real central documents across thị xã Sơn
Hà, participation in the high nineties, a few make-ups, the plans; the year-end report states the rate."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.core.figures import Window
from dangvu.organizations.models import Organization
from dangvu.statistics import engine
from dangvu.study.models import StudyAttendance, StudySession

pytestmark = pytest.mark.django_db
SEED = 2025


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", "--seed", str(SEED), "--members", "300", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_sessions_of_four_waves_with_high_participation_and_makeups(demo):
    assert "Học tập nghị quyết:" in demo
    sessions = StudySession.objects.filter(makeup_of__isnull=True)
    numbers = set(sessions.values_list("documents__number", flat=True))
    assert numbers == {"21-KL/TW", "37-QĐ/TW", "27-NQ/TW", "57-NQ/TW", "66-NQ/TW", "68-NQ/TW"}
    rows = StudyAttendance.objects.all()
    studied = rows.filter(present=True).count() + rows.filter(made_up_in__isnull=False).count()
    assert 0.97 <= studied / rows.count() < 1
    assert StudySession.objects.filter(makeup_of__isnull=False).exists()


def test_the_2025_figures_of_the_district_subtree(demo):
    province = Organization.objects.get(code="38")
    got = engine.counts(Window.year(province, 2025), ["study.expected.nq57_tw", "study.studied.nq57_tw"])
    assert got["study.expected.nq57_tw"] > 0 and 0.97 <= got["study.studied.nq57_tw"] / got["study.expected.nq57_tw"] <= 1
