"""Figures of study over a subtree against a hand computation, the report section, the to-do items."""

import datetime as dt

import pytest

from dangvu.core import todo
from dangvu.core.figures import Window
from dangvu.statistics import engine
from dangvu.study import services
from dangvu.study.models import StudyDocument
from tests.study.conftest import SESSION_DAY

D = dt.date


@pytest.fixture
def studied(cast, people, nq57):
    """Grassroots A studies 57-NQ/TW on 10/11 (An, Bình, Em, Giang expected; Bình and Giang absent, Giang made up);
    cell A1 studies 21-KL/TW on 12/11 (An, Bình and Chi, admitted 11/11; all present); district B studies 57 too (Khánh)."""
    t = cast.tree
    kl21 = StudyDocument.objects.get(number="21-KL/TW")
    s = services.schedule_session(by=cast.officer_a, organization=t.grassroots_a, date=SESSION_DAY, documents=[nq57])
    s = services.record_attendance(by=cast.officer_a, session=s, absent={people.binh.pk: "Ốm", people.giang.pk: "Ốm"})
    services.record_makeup(by=cast.officer_a, session=s, date=D(2026, 11, 20), members=[people.giang])
    a1 = services.schedule_session(by=cast.secretary_a1, organization=t.cell_a1, date=D(2026, 11, 12), documents=[kl21])
    services.record_attendance(by=cast.secretary_a1, session=a1, absent={})
    b = services.schedule_session(by=cast.officer_b, organization=t.grassroots_b, date=SESSION_DAY, documents=[nq57])
    services.record_attendance(by=cast.officer_b, session=b, absent={})
    return s


def test_figures_over_a_subtree(cast, studied):
    t = cast.tree
    codes = ["study.sessions", "study.expected", "study.studied", "study.made_up", "study.expected.nq57_tw",
             "study.studied.nq57_tw", "study.expected.kl21_tw", "study.studied.kl21_tw"]
    got = engine.counts(Window.year(t.district_a, 2026), codes)
    # Distinct members: expected An, Bình, Em, Giang (57) and An, Bình, Chi (21) → 5; studied An, Em, Giang (57)
    # and An, Bình, Chi (21) → 5.
    assert got == {"study.sessions": 2, "study.expected": 5, "study.studied": 5, "study.made_up": 1,
                   "study.expected.nq57_tw": 4, "study.studied.nq57_tw": 3, "study.expected.kl21_tw": 3,
                   "study.studied.kl21_tw": 3}
    a2 = engine.counts(Window.year(t.cell_a2, 2026), ["study.expected.nq57_tw", "study.studied.nq57_tw"])
    assert a2 == {"study.expected.nq57_tw": 2, "study.studied.nq57_tw": 2}
    assert engine.counts(Window.year(t.province, 2026), ["study.sessions", "study.expected"]) == {
        "study.sessions": 3, "study.expected": 6}


def test_the_year_end_report_has_a_study_section(cast, studied):
    from dangvu.reports import builder

    report = builder.build(cast.tree.district_a, 2026)
    section = next(s for s in report.sections if s.key == "study")
    text = " ".join(section.paragraphs)
    assert "đã tổ chức 2 hội nghị, buổi học tập, quán triệt" in text
    assert "100,0% đảng viên được học tập, quán triệt (5/5 đồng chí), trong đó 1 đồng chí học bù." in text
    assert "75,0% đảng viên được học tập, quán triệt Nghị quyết 57-NQ/TW của Bộ Chính trị." in text
    assert "100,0% đảng viên được học tập, quán triệt Kết luận Hội nghị Trung ương 4 khóa XIII." in text


def test_todo_makeups_and_plans(cast, studied, nq57):
    services.add_plan(by=cast.officer_a, document=nq57, organization=cast.tree.grassroots_a, title="Chương trình hành động",
                      due_on=D(2026, 12, 10), kind="programme")
    items = [i for i in todo.collect(cast.officer_a, D(2026, 12, 3)) if i.category.startswith("study_")]
    assert sorted((i.category, i.due, i.overdue) for i in items) == [("study_makeup", D(2026, 12, 10), False),
                                                                      ("study_plan", D(2026, 12, 10), False)]
    makeup = next(i for i in items if i.category == "study_makeup")
    assert makeup.title == "1 đảng viên vắng buổi học tập 57-NQ/TW ngày 10/11/2026 chưa học bù"
    late = [i for i in todo.collect(cast.officer_a, D(2026, 12, 11)) if i.category == "study_makeup"]
    assert late[0].overdue
    assert not [i for i in todo.collect(cast.officer_b, D(2026, 12, 3)) if i.category.startswith("study_")]
