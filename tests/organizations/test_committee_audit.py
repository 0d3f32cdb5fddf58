import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import RuleViolation
from dangvu.organizations import committees

pytestmark = pytest.mark.django_db


def test_new_term_ends_open_seats_with_an_audit_entry_each(cast):
    org = cast.tree.grassroots_a
    old = committees.create_term(by=SYSTEM, organization=org, name="2015–2020", start_date=dt.date(2015, 6, 1))
    seat = committees.add_seat(by=SYSTEM, term=old, full_name="Vũ Văn Hải", position="secretary", start_date=dt.date(2015, 6, 1))
    committees.create_term(by=cast.officer_a, organization=org, name="2020–2025", start_date=dt.date(2020, 6, 1))
    seat.refresh_from_db()
    assert seat.end_date == dt.date(2020, 6, 1) and seat.end_reason == "Hết nhiệm kỳ"
    entry = AuditEntry.objects.get(action="organizations.seat_end", object_id=str(seat.pk))
    assert entry.actor == cast.officer_a and entry.changes["end_date"] == [None, "2020-06-01"]


def test_seat_cannot_end_after_its_term(cast):
    term = committees.create_term(by=SYSTEM, organization=cast.tree.grassroots_a, name="2015–2020", start_date=dt.date(2015, 6, 1),
                                  end_date=dt.date(2020, 6, 1))
    seat = committees.add_seat(by=SYSTEM, term=term, full_name="Vũ Văn Hải", position="member", start_date=dt.date(2015, 6, 1))
    with pytest.raises(RuleViolation, match="sau ngày kết thúc nhiệm kỳ"):
        committees.end_seat(by=SYSTEM, seat=seat, end_date=dt.date(2021, 1, 1))
