"""seed_demo's discipline: a warning that blocks a badge due at the next presentation date (with a pending appeal),
an expulsion through the lifecycle, a lapsed reprimand of the demo member; deterministic and small."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.system import SYSTEM
from dangvu.awards import rules as badge_rules
from dangvu.awards import services as awards
from dangvu.discipline import selectors
from dangvu.discipline.models import Proceeding
from dangvu.members.kinds import Status
from tests.clock import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "2025", "--members", "300", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_demo_discipline(demo):
    assert "Kỷ luật mẫu: cảnh cáo" in demo, demo[-3000:]
    warning = Proceeding.objects.get(decided_form="warning")
    presentation = badge_rules.next_presentation_date(TODAY)
    assert selectors.penalty_in_force(warning.member, presentation).form == "warning"
    row = next(r for r in awards.due_list(SYSTEM, presentation) if r.member.pk == warning.member_id)
    assert row.blocked.startswith("Đang chịu kỷ luật cảnh cáo")
    assert warning.appeals.get().handled and not warning.appeals.get().outcome
    expulsion = Proceeding.objects.get(decided_form="expulsion")
    assert expulsion.member.status == Status.EXPELLED
    assert expulsion.member.events.get(event_type="expelled").ground == "corruption"
    lapsed = Proceeding.objects.get(decided_form="reprimand")
    assert lapsed.member.user.username == "dangvien.khupho1" and lapsed.lapses_on < TODAY
    assert selectors.penalty_in_force(lapsed.member, TODAY) is None
