import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import RuleViolation
from dangvu.members import services
from dangvu.members.kinds import EventType, Status
from dangvu.members.models import Member, MemberState

pytestmark = pytest.mark.django_db


def _member(cast, org=None):
    return services.register_member(by=SYSTEM, organization=org or cast.tree.cell_a1, full_name="Phạm Thị Lan", sex="female",
                                     date_of_birth=dt.date(1985, 6, 1), citizen_id="038185000077",
                                     admission_decision_date=dt.date(2015, 1, 2), ceremony_date=dt.date(2015, 1, 10),
                                     recognition_date=dt.date(2016, 1, 10))


def test_corrected_recognition_date_moves_the_event_and_the_states(cast):
    m = _member(cast)
    services.update_member(by=cast.officer_a, member=m, expected_version=m.version, recognition_date=dt.date(2016, 6, 1))
    m.refresh_from_db()
    assert m.events.get(event_type=EventType.RECOGNIZED).effective_date == dt.date(2016, 6, 1)
    assert MemberState.objects.valid_on(dt.date(2016, 3, 1)).get(member=m).status == Status.PROBATIONARY
    assert MemberState.objects.valid_on(dt.date(2016, 6, 1)).get(member=m).status == Status.FULL


def test_correction_that_breaks_the_history_is_refused(cast):
    m = _member(cast)
    services.record_event(by=SYSTEM, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=dt.date(2018, 1, 1),
                          organization=cast.tree.cell_a2)
    m.refresh_from_db()
    with pytest.raises(RuleViolation):  # a ceremony after a later transfer would put events out of order
        services.update_member(by=SYSTEM, member=m, expected_version=m.version, ceremony_date=dt.date(2019, 1, 1),
                               admission_decision_date=dt.date(2018, 12, 20), recognition_date=dt.date(2020, 1, 1))
    m.refresh_from_db()
    assert m.ceremony_date == dt.date(2015, 1, 10)
    assert m.events.get(event_type=EventType.ADMITTED).effective_date == dt.date(2015, 1, 10)


def test_member_who_moved_to_another_district_stays_in_the_old_district_history(cast):
    m = _member(cast)
    services.record_event(by=SYSTEM, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=dt.date(2022, 3, 1),
                          organization=cast.tree.cell_b1)
    assert Member.objects.visible_to(cast.officer_a).filter(pk=m.pk).exists()  # history
    assert not Member.objects.changeable_by(cast.officer_a).filter(pk=m.pk).exists()  # not theirs now
    assert Member.objects.visible_to(cast.officer_b).filter(pk=m.pk).exists()
    assert not Member.objects.visible_to(cast.secretary_a1).exclude(pk=m.pk).filter(organization=cast.tree.cell_b1).exists()
