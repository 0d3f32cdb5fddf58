"""seed_inspection on the demo (organizations and 300 members): the ward's programme, thematic supervisions of cells
and members, an inspection on signs of violation concluded for discipline, an anonymous denunciation not handled."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import User
from dangvu.core import todo
from dangvu.inspection import selectors
from dangvu.inspection.models import Case, Denunciation, Programme
from tests.clock import TODAY

pytestmark = pytest.mark.django_db
SEED = 11


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", "--seed", str(SEED), "--members", "300", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_a_year_of_the_ward_inspection_commission(demo):
    cases = Case.objects.count()
    assert f"Kiểm tra, giám sát: {cases} cuộc, 2 đơn tố cáo." in demo
    programme = Programme.objects.get()
    cells = Case.objects.filter(kind="thematic_supervision", subject_member__isnull=True).count()
    members = Case.objects.filter(kind="thematic_supervision", subject_member__isnull=False).count()
    assert cells >= 2 and members >= 2 and cases == cells + members + 1
    assert programme.items.count() == cells + 1 and programme.cases.count() == cells + members
    violation = Case.objects.get(kind="signs_of_violation")
    assert violation.result == "discipline" and violation.denunciations.get().status == "settled"
    assert violation.proceeding.member == violation.subject_member and violation.proceeding.proposed_form == "warning"
    assert Denunciation.objects.get(signed=False).status == "not_handled"
    coverage = selectors.coverage(programme.organization, TODAY.year, TODAY)
    assert coverage.covered >= 1 and coverage.total > coverage.covered


def test_the_inspection_officer_sees_the_cases_and_their_deadlines(demo):
    inspector = User.objects.get(username="kiemtra.sonha")
    assert Case.objects.visible_to(inspector).count() == Case.objects.count()
    categories = {i.category for i in todo.collect(inspector, TODAY)}
    assert "inspection_remedy_due" in categories
    secretary = User.objects.get(username="bithu.khupho1")
    # The ward's cases are not the cell's: the secretary sees only the one notified to them as its subject.
    assert set(Case.objects.visible_to(secretary)) == set(Case.objects.filter(notified_user=secretary))
