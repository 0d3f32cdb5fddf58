"""Organization changes that concern members: a merge moves them, a dissolve needs none left."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import RuleViolation
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.members.models import Member, MemberState
from dangvu.organizations import services

pytestmark = pytest.mark.django_db


def _member(org, name, cccd):
    return member_services.register_member(by=SYSTEM, organization=org, full_name=name, sex="male",
                                           date_of_birth=dt.date(1980, 4, 2), citizen_id=cccd,
                                           admission_decision_date=dt.date(2010, 5, 1), ceremony_date=dt.date(2010, 5, 19),
                                           recognition_date=dt.date(2011, 5, 19))


def test_merge_moves_members_to_the_survivor(cast):
    a1, a2 = cast.tree.cell_a1, cast.tree.cell_a2
    m1 = _member(a2, "Trần Văn Bình", "038080000001")
    m2 = _member(a2, "Lê Văn Cường", "038080000002")
    services.merge(by=cast.officer_a, source=a2, target=a1, effective_date=dt.date(2026, 1, 10))
    for m in (m1, m2):
        m.refresh_from_db()
        assert m.organization == a1
        event = m.events.get(event_type=EventType.TRANSFERRED_INTERNAL)
        assert event.from_organization == a2 and event.effective_date == dt.date(2026, 1, 10)
        assert MemberState.objects.valid_on(dt.date(2026, 1, 9)).get(member=m).organization == a2
    assert a2.events.get(event_type="merge").data["members_moved"] == 2


def test_merge_into_a_non_cell_is_refused_when_members_remain(cast):
    _member(cast.tree.cell_a2, "Trần Văn Bình", "038080000001")
    with pytest.raises(RuleViolation, match="còn 1 đảng viên"):
        services.merge(by=SYSTEM, source=cast.tree.cell_a2, target=cast.tree.grassroots_b, effective_date=dt.date(2026, 1, 10))


def test_dissolve_is_refused_while_members_remain(cast):
    member = _member(cast.tree.cell_a2, "Trần Văn Bình", "038080000001")
    with pytest.raises(RuleViolation, match="còn 1 đảng viên đang sinh hoạt"):
        services.dissolve(by=SYSTEM, org=cast.tree.cell_a2, effective_date=dt.date(2026, 1, 10))
    member_services.record_event(by=SYSTEM, member=member, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=dt.date(2026, 1, 5), organization=cast.tree.cell_a1)
    services.dissolve(by=SYSTEM, org=cast.tree.cell_a2, effective_date=dt.date(2026, 1, 10))
    assert Member.objects.get(pk=member.pk).organization == cast.tree.cell_a1
