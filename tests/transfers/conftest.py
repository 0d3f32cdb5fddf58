"""More of the cast for transfers: the receiving cell's secretary in district B, an officer of
the grassroots committee of A only, and a third district C with its officer (a third party to
letters between A and B)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.transfers import services
from dangvu.transfers.kinds import Purpose, TransferKind
from tests.api.conftest import FreshUserClient
from tests.clock import TODAY
from tests.conftest import _org, _user
from tests.members import register

DAY = dt.timedelta(days=1)


@pytest.fixture
def more(cast):
    t = cast.tree
    district_c = _org(t.province, "99.003", "Đảng bộ huyện Cẩm Thủy", Kind.DISTRICT_COMMITTEE)
    grassroots_c = _org(district_c, "99.003.001", "Đảng bộ xã Cẩm Thủy", Kind.GRASSROOTS_COMMITTEE, UnitType.COMMUNE_WARD)
    cell_c1 = _org(grassroots_c, "99.003.001.000.001", "Chi bộ thôn Nam", Kind.CELL, UnitType.RESIDENTIAL)
    return SimpleNamespace(
        district_c=district_c, grassroots_c=grassroots_c, cell_c1=cell_c1,
        secretary_b1=_user("secretary_b1", "Đỗ Thị Giang", t.cell_b1, Role.CELL_SECRETARY),
        officer_ga=_user("officer_ga", "Vũ Văn Hải", t.grassroots_a, Role.ORG_OFFICER),
        officer_c=_user("officer_c", "Mai Văn Khôi", district_c, Role.ORG_OFFICER),
    )


@pytest.fixture
def binh(cast):
    """A full member of cell A1 since 2012."""
    return register("Trần Văn Bình", cast.tree.cell_a1, admitted=dt.date(2012, 6, 1))


def official(**overrides) -> dict:
    """Arguments of a complete official letter (destination and dates to be given)."""
    data = {"kind": "official", "number": "15-GGT/HU", "basis": "Quyết định số 45/QĐ-UBND điều động công tác",
            "self_review": True}
    data.update(overrides)
    return data


@pytest.fixture
def api():
    """`api(user)` → an API client authenticated as a fresh copy of `user` on each request; `api()` → anonymous."""
    from rest_framework.test import APIClient

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make


@pytest.fixture
def world(cast, more, binh):
    """An official letter of Bình (district A → cell B1, sent 5 days ago) and a temporary one of Hoa,
    received in cell B1 20 days ago; the cast's users by name."""
    t = cast.tree
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=t.cell_b1, issue_date=TODAY - 5 * DAY,
                                   basis_date=TODAY - 9 * DAY, **official())
    hoa = register("Lê Thị Hoa", t.cell_a2, sex="female")
    start = TODAY - 20 * DAY
    temporary = services.issue_letter(by=cast.officer_a, member=hoa, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                      issue_date=start - DAY, destination=t.cell_b1, basis="Quyết định cử đi học",
                                      basis_date=start - 5 * DAY, purpose=Purpose.WORK, period_start=start,
                                      period_end=start + 150 * DAY, self_review=True)
    services.receive_letter(by=cast.officer_b, letter=temporary, receiving_cell=t.cell_b1, received_on=start)
    return SimpleNamespace(letter=letter, temporary=temporary, binh=binh, hoa=hoa, cell_a1=t.cell_a1.pk, cell_b1=t.cell_b1.pk,
                           users={
        "admin": cast.admin, "officer_a": cast.officer_a, "secretary_a1": cast.secretary_a1, "member_a1": cast.member_a1,
        "viewer_a": cast.viewer_a, "officer_b": cast.officer_b, "secretary_b1": more.secretary_b1,
        "officer_c": more.officer_c})
