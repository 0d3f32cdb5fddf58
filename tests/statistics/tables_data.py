"""A small fixed register for the official tables' tests, built through the services on the named cast's tree.

District A (Đảng bộ huyện An Lạc), as of 31/12/2024, with the flows of 2024:
    Chi bộ thôn Đông: Trần Văn Bình (nam, 1980, vào Đảng 2012), Lê Thị Hoà (nữ, 1960, 2012),
                      Ngô Thị Mai (nữ, 1998, kết nạp 01/03/2024: dự bị)
    Chi bộ thôn Tây:  Phạm Văn Cường (nam, 1975, 2011), Đỗ Văn Dũng (nam, 1962, 2010, từ trần 01/06/2024)
District B: Chi bộ thôn Bắc: Hoàng Văn Em (nam, 1985, 2010).

By hand: start of 2024 (31/12/2023) 4 members (Bình, Hoà, Cường, Dũng); admitted 1 (Mai, nữ);
deceased 1 (Dũng); end 4 (Bình, Hoà, Mai, Cường): 3 full, 1 probationary, 2 male, 2 female;
ages on 31/12/2024: Mai 26 (≤30), Bình 44 (41–50), Cường 49 (41–50), Hoà 64 (61–70).
Organizations: 1 grassroots committee (Đảng bộ xã An Lạc), 2 cells.
"""

import datetime as dt
from types import SimpleNamespace

from dangvu.accounts.system import SYSTEM
from dangvu.members import services as members
from dangvu.members.kinds import EventType
from tests.members import register

D = dt.date


def build(tree) -> SimpleNamespace:
    binh = register("Trần Văn Bình", tree.cell_a1, born=D(1980, 5, 1), admitted=D(2012, 6, 1))
    hoa = register("Lê Thị Hoà", tree.cell_a1, sex="female", born=D(1960, 3, 1), admitted=D(2012, 6, 1))
    mai = register("Ngô Thị Mai", tree.cell_a1, sex="female", born=D(1998, 2, 10), admitted=D(2024, 3, 1), full=False)
    cuong = register("Phạm Văn Cường", tree.cell_a2, born=D(1975, 7, 1), admitted=D(2011, 5, 1))
    dung = register("Đỗ Văn Dũng", tree.cell_a2, born=D(1962, 1, 1), admitted=D(2010, 5, 1))
    members.record_event(by=SYSTEM, member=dung, event_type=EventType.DECEASED, effective_date=D(2024, 6, 1))
    em = register("Hoàng Văn Em", tree.cell_b1, born=D(1985, 1, 1), admitted=D(2010, 2, 1))
    return SimpleNamespace(binh=binh, hoa=hoa, mai=mai, cuong=cuong, dung=dung, em=em)


EXPECTED_2024 = {
    "members.total_start": 4, "members.admitted": 1, "members.admitted.female": 1, "members.deceased": 1,
    "members.total": 4, "members.full": 3, "members.probationary": 1, "members.recognized": 0,
    "members.by_sex.male": 2, "members.by_sex.female": 2,
    "members.by_age.to_30": 1, "members.by_age.41_50": 2, "members.by_age.61_70": 1, "members.by_age.over_70": 0,
    "organizations.grassroots.total": 1, "organizations.grassroots.committees": 1, "organizations.cells": 2,
}
