"""The demo's training (seed_demo): the candidates' certificates and the new members' classes come from classes,
a few members passed intermediate theory; the year-end report states it. The demo is written once for the module
inside a transaction rolled back at the end."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import User
from dangvu.admissions.models import Candidate
from dangvu.members.models import TheoryLevelRecord
from dangvu.training.models import Enrolment, TrainingClass
from dangvu.training.todo import todo_items
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "2025", "--members", "300", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_every_demo_certificate_comes_from_a_class(demo):
    certified = list(Candidate.objects.filter(awareness_certificate_date__isnull=False))
    assert certified
    for c in certified:
        e = Enrolment.objects.get(candidate=c, result="passed")
        assert (e.certificate_date, e.certificate_number) == (c.awareness_certificate_date, c.awareness_certificate_number)
        assert c.awareness_class.startswith(e.training_class.name)
    # This year's candidates are in a class running now, their results still to record.
    pending = Enrolment.objects.filter(candidate__awareness_certificate_date__isnull=True, result="pending")
    assert pending.exists() and all(e.training_class.start_date <= TODAY <= e.training_class.end_date for e in pending)


def test_new_members_classes_theory_and_the_todo(demo):
    assert TrainingClass.objects.filter(kind="new_member").exists()
    assert Enrolment.objects.filter(training_class__kind="new_member", result="passed").exists()
    records = TheoryLevelRecord.objects.filter(level__code="intermediate")
    assert 3 <= records.count() <= 6 and all(r.member.theory_level.code == "intermediate" for r in records)
    assert Enrolment.objects.filter(training_class__kind="theory_intermediate", result="pending").exists()
    officer = User.objects.get(username="canbo.sonha")
    categories = {i.category for i in todo_items(officer, TODAY)}
    assert "new_member_class_missing" in categories


def test_the_report_states_the_classes(demo):
    from dangvu.organizations.models import Organization
    from dangvu.reports import builder

    province = Organization.objects.get(depth=1)
    section = next(s for s in builder.build(province, TODAY.year).sections if s.key == "training")
    assert section.paragraphs[0].startswith(f"Trong năm {TODAY.year}, tổ chức ")
    assert "lớp bồi dưỡng nhận thức về Đảng cho" in section.paragraphs[0]
