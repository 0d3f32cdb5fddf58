"""Grassroots A with members around a study session of 10/11/2026 (frozen at 03/12/2026):
cell A1: An, Bình (full), Chi (admitted 11/11/2026: the day after), Dũng (died 09/11/2026: the day before),
Em (transferred from A1 to A2 on 10/11/2026: counted in A2 that day); cell A2: Giang; cell B1 (district B): Khánh."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.study.models import StudyDocument
from tests.members import register

D = dt.date
SESSION_DAY = D(2026, 11, 10)


@pytest.fixture
def people(cast):
    t = cast.tree
    an = register("Nguyễn Văn An", t.cell_a1, admitted=D(2010, 3, 1))
    binh = register("Trần Văn Bình", t.cell_a1, admitted=D(2012, 6, 1))
    chi = register("Lê Thị Chi", t.cell_a1, admitted=D(2026, 11, 11), full=False, sex="female", born=D(1995, 2, 1))
    dung = register("Phạm Văn Dũng", t.cell_a1, admitted=D(2010, 6, 1), born=D(1960, 1, 1))
    member_services.record_event(by=SYSTEM, member=dung, event_type=EventType.DECEASED, effective_date=D(2026, 11, 9))
    em = register("Hoàng Văn Em", t.cell_a1, admitted=D(2011, 6, 1))
    member_services.record_event(by=SYSTEM, member=em, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=SESSION_DAY, organization=t.cell_a2)
    giang = register("Đỗ Thị Giang", t.cell_a2, admitted=D(2015, 6, 1), sex="female")
    khanh = register("Hoàng Văn Khánh", t.cell_b1, admitted=D(2014, 6, 1))
    return SimpleNamespace(an=an, binh=binh, chi=chi, dung=dung, em=em, giang=giang, khanh=khanh)


@pytest.fixture
def nq57(db):
    return StudyDocument.objects.get(number="57-NQ/TW")
