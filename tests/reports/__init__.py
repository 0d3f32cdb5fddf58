"""A small fixed year for the report tests, built through the services (tests/conftest.py cast):

district A in 2024 — 5 members admitted in 2010 (3 men, 2 women) in Chi bộ thôn Đông; a grassroots cell
of a non-state enterprise established on 01/02/2024; in 2024 three admissions (a religious woman in
Chi bộ thôn Đông, a man born in 2000 there, a man in the enterprise's cell) and one death.
"""

import datetime as dt
from types import SimpleNamespace

from dangvu.accounts.system import SYSTEM
from dangvu.members import services as member_services
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.references.models import ReferenceItem
from tests.members import register

D = dt.date


def year_2024(t):
    company = org_services.establish(by=SYSTEM, parent=t.district_a, code="99.001.002", name="Chi bộ Công ty TNHH Minh Phát",
                                     kind=Kind.GRASSROOTS_CELL, effective_date=D(2024, 2, 1),
                                     unit_type=UnitType.NON_STATE_ENTERPRISE)
    old = [register(name, t.cell_a1, sex=sex, admitted=D(2010, 6, 1))
           for name, sex in [("Trần Văn Bình", "male"), ("Lê Văn Cường", "male"), ("Phạm Văn Dũng", "male"),
                             ("Nguyễn Thị Hoa", "female"), ("Đỗ Thị Mai", "female")]]
    buddhist = ReferenceItem.objects.get(list_code="religion", name="Phật giáo")
    lan = register("Nguyễn Thị Lan", t.cell_a1, sex="female", admitted=D(2024, 3, 1), full=False, religion=buddhist)
    hung = register("Trần Văn Hùng", t.cell_a1, born=D(2000, 1, 1), admitted=D(2024, 5, 1), full=False)
    tam = register("Lê Văn Tâm", company, admitted=D(2024, 6, 1), full=False)
    member_services.record_event(by=SYSTEM, member=old[2], event_type="deceased", effective_date=D(2024, 9, 10))
    return SimpleNamespace(t=t, company=company, old=old, lan=lan, hung=hung, tam=tam)
