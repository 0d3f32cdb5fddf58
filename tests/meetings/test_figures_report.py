"""Figures of meetings over a subtree against a hand computation, and the report section."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core.figures import Window
from dangvu.meetings import selectors, services
from dangvu.statistics import engine

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def hold(cell, day, ends, kind="regular", topic="", absent=None):
    m = services.schedule_meeting(by=SYSTEM, cell=cell, date=day, kind=kind, topic=topic, starts_at=T(8, 0))
    rows = []
    for e in selectors.expected(cell, day):
        if e.optional:
            rows.append((e.member_id, "excused", "Theo quy định"))
        else:
            rows.append((e.member_id, "unexcused" if absent and e.member_id == absent.pk else "present", ""))
    return services.record_held(by=SYSTEM, meeting=m, ends_at=ends, attendance=rows)


def test_figures_over_a_subtree(cast, cell):
    t = cast.tree
    hold(t.cell_a1, D(2026, 10, 10), T(9, 30))  # 90 min: not short
    hold(t.cell_a1, D(2026, 11, 10), T(9, 30), kind="combined", topic="Chuyên đề", absent=cell.binh)  # combined, 90 < 120
    hold(t.cell_b1, D(2026, 11, 12), T(9, 0))  # district B: short, another subtree
    services.schedule_meeting(by=SYSTEM, cell=t.cell_a1, date=D(2026, 12, 10))  # planned: not counted
    codes = ["meetings.held", "meetings.held.regular", "meetings.held.thematic", "meetings.held.short", "meetings.attendance",
             "meetings.attendance.present", "meetings.attendance.unexcused"]
    got = engine.counts(Window(t.district_a, D(2026, 1, 1), D(2026, 12, 31)), codes)
    # A1 on each date: An, Bình, Chi, Dũng(exempted), Giang (away from 01/10), Hải (hosted from 01/10) = 6 rows.
    assert got == {"meetings.held": 2, "meetings.held.regular": 2, "meetings.held.thematic": 1, "meetings.held.short": 1,
                   "meetings.attendance": 12, "meetings.attendance.present": 7, "meetings.attendance.unexcused": 1}
    whole = engine.counts(Window(t.province, D(2026, 1, 1), D(2026, 12, 31)), ["meetings.held", "meetings.held.short"])
    assert whole == {"meetings.held": 3, "meetings.held.short": 2}


def test_the_year_end_report_has_a_meetings_section(cast, cell):
    from dangvu.reports import builder

    t = cast.tree
    hold(t.cell_a1, D(2026, 10, 10), T(9, 30))
    november = hold(t.cell_a1, D(2026, 11, 10), T(9, 30), kind="combined", topic="Chuyên đề", absent=cell.binh)
    sheet = services.quality_sheet(november)
    services.assess_quality(by=SYSTEM, meeting=november, scores={key: most for key, _, most in sheet})
    report = builder.build(t.district_a, 2026)
    section = next(s for s in report.sections if s.key == "meetings")
    text = " ".join(section.paragraphs)
    # Two cells under district A (A1, A2) × 12 months; thematic: 2 × 4 quarters × 1.
    assert "2 buổi sinh hoạt thường kỳ (yêu cầu 24 buổi: 2 chi bộ × 12 tháng)" in text
    assert "1 buổi sinh hoạt chuyên đề (yêu cầu tối thiểu 8 buổi)" in text and "1 buổi có thời lượng dưới mức" in text
    assert "1 lượt vắng không lý do" in text
    assert ("1 buổi sinh hoạt được chi bộ tự chấm điểm chất lượng theo phiếu chấm điểm của tỉnh ủy, trong đó 1 buổi đạt "
            "chất lượng tốt (100,00%).") in text
    assert "theo tổ đảng" not in text

