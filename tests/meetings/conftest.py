"""Cell A1 of the named cast with its members for meeting tests (frozen at 03/12/2026):
An (full), Bình (full), Chi (probationary since 01/06/2026), Dũng (full, exempted since 01/09/2026),
Giang (full, temporarily in cell B1 since 01/10/2026), and Hải of cell A2 temporarily in A1 since 01/10/2026."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.transfers import services as transfers
from dangvu.transfers.kinds import Purpose, TransferKind
from tests.api.conftest import FreshUserClient
from tests.conftest import _user
from tests.members import register

D = dt.date


def _temporary(member, to_cell, start: dt.date, number: str):
    letter = transfers.issue_letter(by=SYSTEM, member=member, kind=TransferKind.TEMPORARY, number=number,
                                    issue_date=start - dt.timedelta(days=1), destination=to_cell, basis="Quyết định cử đi công tác",
                                    basis_date=start - dt.timedelta(days=5), purpose=Purpose.WORK, period_start=start,
                                    period_end=start + dt.timedelta(days=150), self_review=True)
    transfers.receive_letter(by=SYSTEM, letter=letter, receiving_cell=to_cell, received_on=start)
    return letter


@pytest.fixture
def cell(cast):
    t = cast.tree
    an = register("Nguyễn Văn An", t.cell_a1, admitted=D(2010, 3, 1))
    binh = register("Trần Văn Bình", t.cell_a1, admitted=D(2012, 6, 1))
    chi = register("Lê Thị Chi", t.cell_a1, admitted=D(2026, 6, 1), full=False, sex="female", born=D(1995, 2, 1))
    dung = register("Phạm Văn Dũng", t.cell_a1, admitted=D(2010, 6, 1), born=D(1955, 1, 1))
    transfers.record_exemption(by=SYSTEM, member=dung, reason="advanced_age", decision_date=D(2026, 9, 1))
    giang = register("Đỗ Thị Giang", t.cell_a1, admitted=D(2015, 6, 1), sex="female")
    _temporary(giang, t.cell_b1, D(2026, 10, 1), "7-GGT/ĐU")
    hai = register("Vũ Văn Hải", t.cell_a2, admitted=D(2014, 6, 1))
    _temporary(hai, t.cell_a1, D(2026, 10, 1), "8-GGT/ĐU")
    outsider = register("Hoàng Văn Khánh", t.cell_b1, admitted=D(2014, 6, 1))
    return SimpleNamespace(cell=t.cell_a1, an=an, binh=binh, chi=chi, dung=dung, giang=giang, hai=hai, outsider=outsider,
                           secretary_b1=_user("secretary_b1", "Đỗ Thị Giang B", t.cell_b1, Role.CELL_SECRETARY))


def full_attendance(c, **marks):
    """Every member expected in A1 from October 2026 present, unless `marks` says otherwise (name → (mark, reason))."""
    names = {"an": c.an, "binh": c.binh, "chi": c.chi, "dung": c.dung, "giang": c.giang, "hai": c.hai}
    defaults = {"dung": ("excused", "Được miễn sinh hoạt"), "giang": ("excused", "Sinh hoạt tạm thời nơi khác")}
    rows = []
    for name, member in names.items():
        mark, reason = marks.get(name, defaults.get(name, ("present", "")))
        rows.append((member, mark, reason))
    return rows


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    def make(user=None):
        return APIClient() if user is None else FreshUserClient(user)

    return make
