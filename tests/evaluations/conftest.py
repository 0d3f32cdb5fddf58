"""The cast for the annual review: members of cells A1 and A2 (district A) and B1 (district B).

Lê Văn Cường (member_a1's account) is a member of A1; the secretary of A2 is added (another cell's
secretary)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.evaluations import services
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.members.models import Member
from tests.conftest import _user
from tests.members import register

D = dt.date


@pytest.fixture
def people(cast):
    t = cast.tree
    cuong = register("Lê Văn Cường", t.cell_a1, admitted=D(2010, 3, 1))
    Member.objects.filter(pk=cuong.pk).update(user=cast.member_a1)
    cuong.refresh_from_db()
    a1 = [cuong] + [register(f"Nguyễn Văn Một {i}", t.cell_a1, admitted=D(2012, 6, 1)) for i in range(5)]
    exempted = register("Đỗ Văn Miễn", t.cell_a1, admitted=D(2010, 6, 1))
    suspended = register("Phan Văn Đình", t.cell_a1, admitted=D(2011, 6, 1))
    # Through the register (dated states): exempted and suspended since 2016, in every year the tests open.
    exempted = member_services.record_event(by=SYSTEM, member=exempted, event_type=EventType.EXEMPTED,
                                            effective_date=D(2016, 3, 1)).member
    suspended = member_services.record_event(by=SYSTEM, member=suspended, event_type=EventType.SUSPENDED,
                                             effective_date=D(2016, 3, 1)).member
    a2 = [register(f"Trần Thị Hai {i}", t.cell_a2, sex="female", admitted=D(2015, 6, 1)) for i in range(3)]
    b1 = [register("Vũ Văn Bắc", t.cell_b1, admitted=D(2014, 6, 1))]
    return SimpleNamespace(cuong=cuong, a1=a1, a2=a2, b1=b1, exempted=exempted, suspended=suspended,
                           secretary_a2=_user("secretary_a2", "Lý Thị Quyên", t.cell_a2, Role.CELL_SECRETARY))


def open_year(cast, year, org=None):
    return services.open_campaign(by=SYSTEM, organization=org or cast.tree.district_a, year=year,
                                  self_assessment_due=D(year, 12, 10), cell_due=D(year, 12, 20),
                                  decision_due=D(year + 1, 1, 15))


@pytest.fixture
def campaign(cast, people):
    return open_year(cast, 2026)


def review_of(campaign, member):
    return campaign.member_reviews.get(member=member)


@pytest.fixture
def api():
    """`api(user)` → an API client authenticated as a fresh copy of `user` on each request."""
    from tests.api.conftest import FreshUserClient

    return FreshUserClient
