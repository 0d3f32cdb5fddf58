"""Admissions in the to-do list: probations ending soon or overdue, decisions and ceremonies past due."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services
from dangvu.admissions.kinds import Step, VoteProposal
from dangvu.admissions.todo import todo_items
from dangvu.core import todo
from dangvu.core.dates import add_months
from tests.admissions import TIMELINE, advance, candidate
from tests.clock import TODAY
from tests.members import register

pytestmark = pytest.mark.django_db
D = dt.date


def by_category(items):
    out = {}
    for item in items:
        out.setdefault(item.category, []).append(item)
    return out


@pytest.fixture
def cases(cast, cell_members):
    on = TODAY
    year_ago = add_months(on, -12)
    soon = register("Vũ Văn Sắp", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=year_ago + dt.timedelta(days=10), full=False)
    far = register("Vũ Văn Xa", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=year_ago + dt.timedelta(days=45), full=False)
    late = register("Vũ Văn Muộn", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=year_ago - dt.timedelta(days=70), full=False)
    flagged = register("Vũ Văn Ba", cast.tree.cell_a1, born=D(1999, 2, 2), admitted=year_ago - dt.timedelta(days=70), full=False)
    start = services.probation_of(flagged).end
    for i in range(3):
        services.record_probation_vote(by=SYSTEM, member=flagged, meeting_date=start + dt.timedelta(days=7 * i),
                                       proposal=VoteProposal.RECOGNIZE, full_members=3, votes_for=1)
    # TIMELINE: the cell voted on 20/3/2026 and decided on 15/4/2026, long enough ago for both deadlines.
    waiting = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.COMMITTEE_VOTE, introducers=cell_members[:2])
    decided = advance(candidate(cast.tree.cell_a1, "Lê Văn Mạnh"), Step.DECISION, introducers=cell_members[:2])
    in_b = register("Hà Văn Dự", cast.tree.cell_b1, born=D(1999, 2, 2), admitted=year_ago + dt.timedelta(days=5), full=False)
    return locals()


def test_items_for_the_officer(cast, cases):
    on = TODAY
    items = by_category(todo_items(cast.officer_a, on))
    assert [i.title.split(":")[0] for i in items["probation_ending"]] == ["Vũ Văn Sắp"]
    ending = items["probation_ending"][0]
    assert ending.due == add_months(cases["soon"].ceremony_date, 12) and not ending.overdue
    assert [i.title.split(":")[0] for i in items["probation_overdue"]] == ["Vũ Văn Muộn"]
    assert items["probation_overdue"][0].overdue and "P1" in items["probation_overdue"][0].rule
    assert [i.title.split(":")[0] for i in items["probation_flagged"]] == ["Vũ Văn Ba"]
    decision = items["admission_decision_overdue"][0]
    assert decision.title.startswith("Trần Văn Lực") and decision.overdue and decision.due == D(2026, 6, 17)
    assert "A13" in decision.rule and "gia hạn tối đa đến" in decision.title
    ceremony = items["admission_ceremony_overdue"][0]
    assert ceremony.title.startswith("Lê Văn Mạnh") and ceremony.due == services.ceremony_due(TIMELINE.decision)
    assert ceremony.url == f"/ket-nap/{cases['decided'].pk}/"
    assert all("Hà Văn Dự" not in i.title for i in todo_items(cast.officer_a, on))


def test_horizon_and_scope(cast, cases):
    on = TODAY
    titles = lambda user, day: {i.title.split(":")[0] for i in todo_items(user, day)}  # noqa: E731
    assert "Vũ Văn Xa" not in titles(cast.officer_a, on)
    assert "Vũ Văn Xa" in titles(cast.officer_a, on + dt.timedelta(days=20))  # ends in 25 days then
    assert titles(cast.officer_b, on) == {"Hà Văn Dự"}
    assert titles(cast.member_a1, on) == set()
    # The secretary of A1 sees A1's cases, the viewer too.
    assert "Vũ Văn Muộn" in titles(cast.secretary_a1, on) and "Trần Văn Lực" in titles(cast.viewer_a, on)


def test_collected_by_the_shared_todo_list(cast, cases):
    items = todo.collect(cast.officer_a, TODAY)
    assert {"probation_overdue", "admission_decision_overdue", "admission_ceremony_overdue"} <= {i.category for i in items}
    assert items[0].overdue  # overdue first
