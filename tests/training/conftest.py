import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.training import services
from tests.admissions import full_members

D = dt.date


@pytest.fixture
def cell_members(cast):
    """Three full members of cell A1 (admitted 2012): introducers and the cell's base."""
    return full_members(cast.tree.cell_a1)


def open_class(organization, kind="awareness", *, start=D(2021, 11, 22), end=D(2021, 11, 26), by=SYSTEM, **fields):
    fields.setdefault("name", f"Lớp {kind} {start.year}")
    return services.create_class(by=by, organization=organization, kind=kind, organizer_kind="political_centre",
                                 organizer_name=fields.pop("organizer_name", "Trung tâm Chính trị huyện A"),
                                 start_date=start, end_date=end, **fields)
