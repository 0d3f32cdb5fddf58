"""Figures of discipline over a subtree, the year-end report section, and the to-do items."""

import datetime as dt

import pytest

from dangvu.core import todo
from dangvu.core.figures import Window
from dangvu.discipline import services
from dangvu.statistics import engine
from tests.discipline.conftest import cell_decides, open_for

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def year(people):
    by = people.inspector
    warned = cell_decides(by, open_for(by, people.an), people.cell)  # warning, 21/10/2026
    reprimand = cell_decides(by, open_for(by, people.binh, form="reprimand"), people.cell, form="reprimand")
    services.receive_appeal(by=by, proceeding=reprimand, appellant="Trần Văn Bình", decision_received_on=D(2026, 10, 22),
                            received_on=D(2026, 11, 30))  # late
    appeal = services.receive_appeal(by=by, proceeding=warned, appellant="Nguyễn Văn An", decision_received_on=D(2026, 10, 22),
                                     received_on=D(2026, 11, 1))
    services.decide_appeal(by=by, appeal=appeal, outcome="uphold", decided_on=D(2026, 11, 20), announced_on=D(2026, 11, 21))
    old = cell_decides(by, open_for(by, people.cuong, on=D(2025, 9, 1), committed=D(2025, 8, 1), form="reprimand"),
                       people.cell, form="reprimand", on=D(2025, 10, 20), announced=D(2025, 10, 21))  # lapses 21/10/2026
    return warned, reprimand, old


def test_figures_over_a_subtree(people, year):
    t = people.tree
    codes = ["discipline.members", "discipline.members.by_form.warning", "discipline.members.by_form.reprimand",
             "discipline.members.by_body.cell", "discipline.appeals", "discipline.appeals.not_handled",
             "discipline.appeals.outcome.uphold", "discipline.lapses", "discipline.organizations"]
    got = engine.counts(Window(t.district_a, D(2026, 1, 1), D(2026, 12, 31)), codes)
    assert got == {"discipline.members": 2, "discipline.members.by_form.warning": 1, "discipline.members.by_form.reprimand": 1,
                   "discipline.members.by_body.cell": 2, "discipline.appeals": 2, "discipline.appeals.not_handled": 1,
                   "discipline.appeals.outcome.uphold": 1, "discipline.lapses": 1, "discipline.organizations": 0}
    assert engine.counts(Window(t.district_b, D(2026, 1, 1), D(2026, 12, 31)), ["discipline.members"]) == {
        "discipline.members": 0}


def test_report_section(people, year):
    from dangvu.reports import builder

    report = builder.build(people.tree.district_a, 2026)
    text = " ".join(next(s for s in report.sections if s.key == "discipline").paragraphs)
    assert "thi hành kỷ luật 2 lượt đảng viên (1 khiển trách, 1 cảnh cáo, 0 cách chức, 0 khai trừ)" in text
    assert "Nhận 2 đơn khiếu nại kỷ luật, trong đó 1 đơn thuộc trường hợp không giải quyết; giữ nguyên 1" in text
    assert "1 quyết định kỷ luật đảng viên đã hết hiệu lực" in text


@pytest.mark.on_date("2027-11-01")
def test_todo_items(people, year):
    by = people.inspector
    p = open_for(by, people.chi, form="reprimand", on=D(2027, 9, 1), committed=D(2027, 8, 1))
    services.defer(by=by, proceeding=p, reason="hospital", until=D(2027, 10, 15), on=D(2027, 9, 2))
    items = todo.collect(by, D(2027, 11, 1))
    kinds = {(i.category, i.title.split(" ")[0]) for i in items if i.category.startswith("discipline")}
    assert ("discipline_deferred", "Xem") in kinds
    # The warning upheld on appeal (announced 21/11/2026) lapses on 21/11/2027, within the horizon.
    assert any(i.category == "discipline_lapse" and "Nguyễn Văn An" in i.title and i.due == D(2027, 11, 21) for i in items)
    assert not [i for i in todo.collect(people.cast.officer_b, D(2027, 11, 1)) if i.category.startswith("discipline")]
