"""The named cast for inspection tests (frozen at 03/12/2026): an inspection officer of district A, the cast's
secretary of cell A1 (Chi bộ thôn Đông) and its member account, and four members of cell A1 — An (linked to
member_a1's account), Bình, Cường (a seat on the commune committee above the cell) — and Hải of cell A2."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.inspection import services
from dangvu.members.models import Member
from dangvu.organizations import committees
from tests.conftest import _user
from tests.members import register

D = dt.date


@pytest.fixture
def world(cast):
    t = cast.tree
    an = register("Nguyễn Văn An", t.cell_a1, admitted=D(2010, 3, 1))
    Member.objects.filter(pk=an.pk).update(user=cast.member_a1)
    an.refresh_from_db()
    binh = register("Trần Văn Bình", t.cell_a1, admitted=D(2012, 6, 1))
    cuong = register("Lê Văn Cường", t.cell_a1, admitted=D(2011, 6, 1))
    hai = register("Vũ Văn Hải", t.cell_a2, admitted=D(2014, 6, 1))
    term = committees.create_term(by=SYSTEM, organization=t.grassroots_a, name="2025–2030", start_date=D(2025, 6, 1))
    committees.add_seat(by=SYSTEM, term=term, member=cuong, position="member", start_date=D(2025, 6, 1))
    inspector = _user("inspector_a", "Phan Văn Kiểm", t.district_a, Role.INSPECTION_OFFICER)
    inspector_b = _user("inspector_b", "Hồ Văn Tra", t.district_b, Role.INSPECTION_OFFICER)
    return SimpleNamespace(t=t, cast=cast, an=an, binh=binh, cuong=cuong, hai=hai, inspector=inspector,
                           inspector_b=inspector_b)


def open_thematic(w, *, by=None, subject=None, body=None, date=D(2026, 3, 2)):
    """A thematic supervision of Bình by the district's inspection commission."""
    return services.open_case(by=by or w.inspector, body=body or w.t.district_a, body_kind="commission",
                              kind="thematic_supervision", subject_member=subject or w.binh,
                              topic="Thực hiện quy định về nêu gương", decision_number="12-QĐ/UBKTHU",
                              decision_date=date, due_on=date + dt.timedelta(days=60),
                              team="Đ/c Phan Văn Kiểm, trưởng đoàn\nĐ/c Hồ Thị Sát",
                              steps=[("Đối tượng báo cáo", date + dt.timedelta(days=15))])
