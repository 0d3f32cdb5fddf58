"""More of the cast for residence contact: a workplace outside the residential tree of district A (an
agency grassroots committee with an office cell), an officer of that agency only (the workplace
side), an officer of the commune Đảng bộ xã An Lạc only (the residence side), and the secretary
of the other residential cell A2.

    Đảng bộ huyện An Lạc (district A)
    ├── Đảng bộ xã An Lạc (commune/ward: receives) ── Chi bộ thôn Đông (A1), Chi bộ thôn Tây (A2): residential
    └── Đảng bộ Cơ quan Chính quyền huyện An Lạc (agency) ── Chi bộ Phòng Nội vụ (office cell: working members)
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.residence import services
from tests.api.conftest import FreshUserClient
from tests.conftest import _org, _user
from tests.members import register

D = dt.date


@pytest.fixture
def res(cast):
    return make_res(cast)


def make_res(cast) -> SimpleNamespace:
    """The agency, its office cell and the users of each side (also used by the browser test)."""
    t = cast.tree
    agency = _org(t.district_a, "99.001.002", "Đảng bộ Cơ quan Chính quyền huyện An Lạc", Kind.GRASSROOTS_COMMITTEE,
                  UnitType.STATE_AGENCY)
    office = _org(agency, "99.001.002.000.001", "Chi bộ Phòng Nội vụ", Kind.CELL, UnitType.STATE_AGENCY)
    return SimpleNamespace(
        agency=agency, office=office,
        officer_agency=_user("officer_agency", "Vũ Thị Hạnh", agency, Role.ORG_OFFICER),
        officer_ward=_user("officer_ward", "Đinh Văn Phúc", t.grassroots_a, Role.ORG_OFFICER),
        secretary_a2=_user("secretary_a2", "Lý Thị Quyên", t.cell_a2, Role.CELL_SECRETARY),
    )


@pytest.fixture
def binh(res):
    """A full member of the office cell since 2012, living in thôn Đông."""
    return register("Trần Văn Bình", res.office, admitted=D(2012, 6, 1), current_address="Số 12, thôn Đông, xã An Lạc")


def introduce(by, member, receiving, *, letter_date=D(2025, 3, 2), number="12-GGT/ĐU", **extra):
    data = {"residence_address": "Số 12, thôn Đông, xã An Lạc"}
    data.update(extra)
    return services.introduce(by=by, member=member, letter_number=number, letter_date=letter_date,
                              receiving_organization=receiving, **data)


def assigned(by_work, by_ward, member, receiving, cell, *, letter_date=D(2025, 3, 2), on=D(2025, 3, 10), **extra):
    """A contact introduced on `letter_date`, received and assigned to `cell` on `on`."""
    contact = introduce(by_work, member, receiving, letter_date=letter_date, **extra)
    return services.receive(by=by_ward, contact=contact, received_on=on, residence_cell=cell)


@pytest.fixture
def api():
    """`api(user)` → an API client authenticated as a fresh copy of `user` on each request; `api()` → anonymous."""
    from rest_framework.test import APIClient

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
