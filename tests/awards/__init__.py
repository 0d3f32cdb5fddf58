"""Helpers for the badge and card tests: members admitted on a given date, through the register's services."""

import datetime as dt

from dangvu.accounts.system import SYSTEM
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from tests.members import register

FOUNDED = dt.date(2010, 1, 1)  # the cast's cells were established then (tests/conftest.py)


def admitted_on(name: str, organization, admitted: dt.date, **fields):
    """A full member whose admission decision (and ceremony) is `admitted`, born 20 years before.

    Admitted before the cast's cells existed: admitted elsewhere, transferred in when the cell was founded.
    """
    fields.setdefault("born", dt.date(admitted.year - 20, 1, 15))
    if admitted < FOUNDED:
        fields.setdefault("joined_on", FOUNDED)
        fields.setdefault("admitted_in", "Chi bộ nơi kết nạp trước đây")
    return register(name, organization, admitted=admitted, **fields)


def event(member, event_type, on, organization=None, **decision):
    return member_services.record_event(by=SYSTEM, member=member, event_type=event_type, effective_date=on,
                                        organization=organization, decision=member_services.Decision(**decision))


def die(member, on):
    return event(member, EventType.DECEASED, on)
