"""Cell A1 of the named cast for discipline tests (frozen at 03/12/2026): An, Bình, Cường (full members),
Chi (probationary since 01/06/2026), and an inspection officer of district A."""

import datetime as dt
from types import SimpleNamespace

import pytest

from dangvu.accounts.models import Role
from dangvu.discipline import services
from dangvu.discipline.kinds import ViolationKind
from tests.conftest import _user
from tests.members import register

D = dt.date


@pytest.fixture
def people(cast):
    t = cast.tree
    return SimpleNamespace(
        cell=t.cell_a1, tree=t, cast=cast,
        an=register("Nguyễn Văn An", t.cell_a1, admitted=D(2010, 3, 1)),
        binh=register("Trần Văn Bình", t.cell_a1, admitted=D(2012, 6, 1)),
        cuong=register("Lê Văn Cường", t.cell_a1, admitted=D(2011, 6, 1)),
        chi=register("Lê Thị Chi", t.cell_a1, admitted=D(2026, 6, 1), full=False, sex="female", born=D(1995, 2, 1)),
        inspector=_user("inspector_a", "Vũ Văn Kiểm", t.district_a, Role.INSPECTION_OFFICER),
    )


def violation(on, kind=ViolationKind.ORDINARY, text="Vi phạm quy định những điều đảng viên không được làm"):
    return services.ViolationInput(kind, on, text)


def open_for(by, member, *, on=D(2026, 10, 1), form="warning", committed=D(2026, 8, 1), kind=ViolationKind.ORDINARY, **kw):
    return services.open_proceeding(by=by, member=member, opened_on=on, summary="Vi phạm tư cách đảng viên",
                                    proposed_form=form, violations=[violation(committed, kind)], **kw)


def cell_decides(by, p, cell, *, form="warning", on=D(2026, 10, 20), votes=2, base=3, announced=D(2026, 10, 21)):
    p = services.record_hearing(by=by, proceeding=p, heard_on=on - dt.timedelta(days=10))
    return services.decide(by=by, proceeding=p, form=form, body_kind="cell", deciding_organization=cell, decided_on=on,
                           votes_for=votes, vote_base=base, decision_number="01-QĐ/CB", announced_on=announced)
