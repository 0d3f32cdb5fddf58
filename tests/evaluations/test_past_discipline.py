"""A discipline decision taken before the application (discipline.services.record_past_decision, the imports'
`discipline` kind) re-grades the year of its violation like one decided in the application (C11)."""

import datetime as dt

import pytest

from dangvu.discipline import services as discipline_services
from dangvu.evaluations import rules
from dangvu.evaluations.kinds import EventKind
from dangvu.evaluations.models import MemberReview
from tests.evaluations.test_commendations import decide_year

D = dt.date
pytestmark = pytest.mark.django_db


def test_an_imported_past_penalty_regrades_the_year_of_its_violation(cast, people):
    decide_year(cast, people, 2024)
    assert MemberReview.objects.get(member=people.cuong, campaign__year=2024).grade == rules.Grade.GOOD
    p = discipline_services.record_past_decision(
        by=cast.officer_a, member=people.cuong, form="reprimand", summary="Vi phạm quy định những điều đảng viên không "
        "được làm", body_kind="cell", deciding_organization=cast.tree.cell_a1, decided_on=D(2025, 3, 1),
        announced_on=D(2025, 3, 3), decision_number="02-QĐ/CB", committed_on=D(2024, 9, 1))
    review = MemberReview.objects.get(member=people.cuong, campaign__year=2024)
    assert review.grade == rules.Grade.NOT_COMPLETED
    assert review.events.filter(kind=EventKind.RETROACTIVE, discipline_id=p.pk).exists()
