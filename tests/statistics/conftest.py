"""A small fixed data set for the statistics tests, built through the services.

The cast's tree (tests/conftest.py): province 99, district A (grassroots A, cells A1, A2), district B
(grassroots B, cell B1); district A is merged into district B on 01/03/2025 (its grassroots
organization and cells move under B, no member event).

Members (party age counted from the admission decision):
    m1  A1  female, Phật giáo, born 1960, admitted 2010-05-01, full
    m2  A1  male, born 1995, admitted 2023-03-01, recognized 2024-03-01
    m3  A2  male, born 1940, admitted 2000-01-10, deceased 2024-06-10
    m4  B1  female, born 1970, admitted 1990-02-03, transferred to A2 on 2024-09-01
    m5  B1  male, born 1985, admitted 2015-04-04, struck off 2023-05-05
    m6  A2  female, Công giáo, born 2000, admitted 2024-02-02 (probationary at the end of 2024)
    m7  A1  male, born 1945, admitted 1970-06-06, full
    m8  B1  male, born 1980, admitted 2005-07-07, full (stays in B)
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType, RemovalGround
from dangvu.members.services import Decision
from dangvu.organizations import services as org_services
from dangvu.references.models import ReferenceItem

MERGED_ON = dt.date(2025, 3, 1)  # before 1/7/2025: districts could still take organizations
FOUNDED = dt.date(2010, 1, 1)
D = dt.date


def _member(org, name, cccd, sex, born, admitted, *, recognized=None, religion=None):
    fields = {"full_name": name, "sex": sex, "date_of_birth": born,
              "admission_decision_date": admitted, "ceremony_date": admitted}
    if recognized is None and admitted < D(2023, 1, 1):
        recognized = D(admitted.year + 1, admitted.month, admitted.day)
    if recognized:
        fields["recognition_date"] = recognized
    if religion:
        fields["religion"] = ReferenceItem.objects.get(list_code="religion", code=religion)
    joined_on = None
    if admitted < FOUNDED:  # admitted before the test tree existed: joined it on the day it was founded
        joined_on, fields["admitted_in"] = FOUNDED, "Chi bộ nơi kết nạp (trước khi lập tổ chức)"
    return member_services.register_member(by=SYSTEM, organization=org, joined_on=joined_on, **fields)


def _event(member, event_type, on, organization=None, ground=""):
    member.refresh_from_db()
    return member_services.record_event(by=SYSTEM, member=member, event_type=event_type, effective_date=on,
                                        organization=organization, decision=Decision(number="1-QĐ/ĐU", ground=ground))


@pytest.fixture
def data(cast):
    return build(cast)


def build(cast):
    t = cast.tree
    m = SimpleNamespace()
    m.m1 = _member(t.cell_a1, "Nguyễn Thị Hoa", "038160000001", "female", D(1960, 1, 1), D(2010, 5, 1), religion="01")
    m.m2 = _member(t.cell_a1, "Trần Văn Nam", "038195000002", "male", D(1995, 2, 2), D(2023, 3, 1), recognized=D(2024, 3, 1))
    m.m3 = _member(t.cell_a2, "Lê Văn Ba", "038140000003", "male", D(1940, 3, 3), D(2000, 1, 10))
    m.m4 = _member(t.cell_b1, "Phạm Thị Tư", "038170000004", "female", D(1970, 4, 4), D(1990, 2, 3))
    m.m5 = _member(t.cell_b1, "Hoàng Văn Năm", "038185000005", "male", D(1985, 5, 5), D(2015, 4, 4))
    m.m6 = _member(t.cell_a2, "Vũ Thị Sáu", "038200000006", "female", D(2000, 6, 6), D(2024, 2, 2), recognized=False,
                   religion="02")
    m.m7 = _member(t.cell_a1, "Đỗ Văn Bảy", "038145000007", "male", D(1945, 7, 7), D(1970, 6, 6))
    m.m8 = _member(t.cell_b1, "Bùi Văn Tám", "038180000008", "male", D(1980, 8, 8), D(2005, 7, 7))
    _event(m.m5, EventType.STRUCK_OFF, D(2023, 5, 5), ground=RemovalGround.ABSENT)
    _event(m.m3, EventType.DECEASED, D(2024, 6, 10))
    _event(m.m4, EventType.TRANSFERRED_INTERNAL, D(2024, 9, 1), organization=t.cell_a2)
    org_services.merge(by=SYSTEM, source=t.district_a, target=t.district_b, effective_date=MERGED_ON)
    for org in vars(t).values():
        org.refresh_from_db()
    return SimpleNamespace(cast=cast, tree=t, m=m)


@pytest.fixture
def api():
    """`api(user)` → an APIClient authenticated as `user`; `api()` → anonymous (tests/api/conftest.py)."""
    from rest_framework.test import APIClient

    from tests.api.conftest import FreshUserClient

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
