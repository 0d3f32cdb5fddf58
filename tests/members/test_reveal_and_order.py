import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope
from dangvu.members import services
from dangvu.members.kinds import EventType

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(cast):
    return services.register_member(by=SYSTEM, organization=cast.tree.cell_a1, full_name="Lê Văn Cường", sex="male",
                                     date_of_birth=dt.date(1980, 4, 2), citizen_id="038080000003",
                                     admission_decision_date=dt.date(2024, 5, 1), ceremony_date=dt.date(2024, 5, 19))


def test_member_reveals_own_record_and_it_is_logged(cast, member):
    member.user = cast.member_a1
    member.save()
    assert services.reveal(by=cast.member_a1, member=member, field="citizen_id") == "038080000003"
    entry = AuditEntry.objects.get(action="members.reveal")
    assert entry.actor == cast.member_a1 and "chính mình" in entry.note
    assert entry.action_label == "Xem thông tin được che"


def test_refused_reveal_is_logged(cast, member):
    with pytest.raises(PermissionDeniedInScope):
        services.reveal(by=cast.secretary_a1, member=member, field="citizen_id")
    assert AuditEntry.objects.filter(action="members.reveal_refused", actor=cast.secretary_a1).exists()


def test_read_only_user_with_stale_version_gets_permission_error_not_conflict(cast, member):
    with pytest.raises(PermissionDeniedInScope):
        services.update_member(by=cast.viewer_a, member=member, expected_version=member.version - 1 + 5, workplace="X")
    with pytest.raises(ConcurrentEditError):
        services.update_member(by=cast.officer_a, member=member, expected_version=member.version + 5, workplace="X")


def test_recognition_event_fills_the_record(cast, member):
    services.record_event(by=cast.officer_a, member=member, event_type=EventType.RECOGNIZED, effective_date=dt.date(2025, 5, 19))
    member.refresh_from_db()
    assert member.recognition_date == dt.date(2025, 5, 19) and member.status == "full"
    assert AuditEntry.objects.get(action="members.recognized").action_label == "Công nhận đảng viên chính thức"
