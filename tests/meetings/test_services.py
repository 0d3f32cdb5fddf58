"""Meetings: the expected members on a date, attendance, vote base (O14), held / complete, G2, G3, G8."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.removal_evidence import evidence
from dangvu.meetings import selectors, services
from dangvu.meetings.kinds import MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting
from dangvu.rules.models import ParameterValue
from tests.meetings.conftest import full_attendance

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


def meeting(c, on=D(2026, 11, 20), kind=MeetingKind.REGULAR, **kw):
    kw.setdefault("starts_at", T(8, 0))
    return services.schedule_meeting(by=SYSTEM, cell=c.cell, date=on, kind=kind, topic="Học tập Nghị quyết" if kind != "regular" else "",
                                     **kw)


def test_expected_on_a_date_follows_the_register(cell):
    """Exempted and away members are listed (optional), a member hosted from another cell attends here; a member of
    another cell is not expected; before the temporary transfers, Giang is held to attend and Hải is not here."""
    rows = {e.full_name: e for e in selectors.expected(cell.cell, D(2026, 11, 20))}
    assert set(rows) == {"Nguyễn Văn An", "Trần Văn Bình", "Lê Thị Chi", "Phạm Văn Dũng", "Đỗ Thị Giang", "Vũ Văn Hải"}
    assert rows["Phạm Văn Dũng"].exempted and rows["Đỗ Thị Giang"].away and rows["Vũ Văn Hải"].hosted
    assert not rows["Lê Thị Chi"].full and rows["Nguyễn Văn An"].full and not rows["Nguyễn Văn An"].optional
    before = {e.full_name: e for e in selectors.expected(cell.cell, D(2026, 8, 20))}
    assert "Vũ Văn Hải" not in before and not before["Đỗ Thị Giang"].away and "Phạm Văn Dũng" in before
    assert not before["Phạm Văn Dũng"].exempted
    assert "Lê Thị Chi" in before and "Lê Thị Chi" not in {e.full_name for e in selectors.expected(cell.cell, D(2026, 5, 1))}


def test_record_held_with_attendance_and_vote_base(cell, cast):
    m = meeting(cell)
    m = services.record_held(by=cast.secretary_a1, meeting=m, starts_at=T(8, 0), ends_at=T(9, 45),
                             attendance=full_attendance(cell, binh=("unexcused", "")))
    assert m.status == MeetingStatus.HELD
    marks = dict(Attendance.objects.filter(meeting=m).values_list("member__full_name", "mark"))
    assert marks["Trần Văn Bình"] == "unexcused" and marks["Vũ Văn Hải"] == "present"
    assert Attendance.objects.get(meeting=m, member=cell.hai).hosted
    # Full members of A1: An, Bình, Dũng, Giang = 4; Dũng (exempted) and Giang (away) absent: base 2 (Chi is probationary,
    # Hải votes at home).
    assert m.vote_base == 2
    again = services.record_held(by=cast.secretary_a1, meeting=m, attendance=full_attendance(cell, dung=("present", "")))
    assert again.vote_base == 3 and Attendance.objects.filter(meeting=m).count() == 6
    assert AuditEntry.objects.filter(action="meetings.held", object_id=str(m.pk)).count() == 2


def test_bad_attendance_is_refused_with_messages(cell, cast):
    m = meeting(cell)
    rows = full_attendance(cell, an=("excused", ""), dung=("unexcused", "")) + [(cell.outsider, "present", "")]
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=cast.secretary_a1, meeting=m, ends_at=T(9, 30), attendance=rows)
    assert codes(exc) == {"attendance.reason", "attendance.optional", "attendance.not_in_cell"}
    assert "ngày 20/11/2026" in str(exc.value) and "Phạm Văn Dũng được miễn sinh hoạt đảng" in str(exc.value)
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=cast.secretary_a1, meeting=m, ends_at=T(9, 30), attendance=full_attendance(cell)[:-1])
    assert codes(exc) == {"attendance.missing"} and "Vũ Văn Hải" in str(exc.value)
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.PLANNED


def test_a_future_meeting_is_not_held_and_times_are_required(cell, cast):
    m = meeting(cell, on=D(2026, 12, 20))
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=cast.secretary_a1, meeting=m, ends_at=T(10, 0), attendance=full_attendance(cell))
    assert codes(exc) == {"meeting.future"} and "20/12/2026 chưa diễn ra" in str(exc.value)
    m2 = meeting(cell, on=D(2026, 12, 3), starts_at=None)
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=cast.secretary_a1, meeting=m2, attendance=full_attendance(cell))
    assert codes(exc) == {"meeting.duration"}


def test_duration_and_notice_are_noted_by_the_regime(cell, cast):
    """G2: 90 minutes, 120 combined; G3: documents at least 1 day before. Noted, not refused."""
    regular = meeting(cell, materials_sent_on=D(2026, 11, 19), superior_notified_on=D(2026, 11, 18))
    regular = services.record_held(by=cast.secretary_a1, meeting=regular, ends_at=T(9, 30), attendance=full_attendance(cell))
    assert services.short_of(regular) == []
    combined = meeting(cell, on=D(2026, 11, 27), kind=MeetingKind.COMBINED, materials_sent_on=D(2026, 11, 27))
    combined = services.record_held(by=cast.secretary_a1, meeting=combined, ends_at=T(9, 30), attendance=full_attendance(cell))
    notes = {v.code: v.text() for v in services.short_of(combined)}
    assert set(notes) == {"meeting.short", "meeting.notice", "meeting.notice_superior"}
    assert "90 phút, ít hơn mức tối thiểu 120 phút" in notes["meeting.short"] and "42-HD/BTCTW" in notes["meeting.short"]
    ParameterValue.objects.create(key="meetings.min_minutes", value=100, effective_from=D(2026, 1, 1), reason="Quy định tỉnh")
    assert [v.code for v in services.short_of(regular)] == ["meeting.short"]


def test_minutes_complete_needs_minutes_and_four_parts_and_votes_within_base(cell, cast):
    m = meeting(cell)
    with pytest.raises(RuleViolation) as exc:
        services.record_minutes(by=cast.secretary_a1, meeting=m, minutes="x", complete=True)
    assert "meeting.not_held" in codes(exc)
    m = services.record_held(by=cast.secretary_a1, meeting=m, ends_at=T(9, 30), attendance=full_attendance(cell))
    with pytest.raises(RuleViolation) as exc:
        services.record_minutes(by=cast.secretary_a1, meeting=m, results="Đạt", complete=True)
    assert codes(exc) == {"meeting.no_minutes", "resolution.part"}
    assert {v.field for v in exc.value.violations} == {"minutes", "next_tasks", "assignment", "self_assessment"}
    with pytest.raises(RuleViolation) as exc:
        services.record_minutes(by=cast.secretary_a1, meeting=m, minutes="Biên bản", votes_for=2, votes_against=0,
                                votes_abstain=1)
    assert codes(exc) == {"resolution.votes_over_base"} and "(3) vượt số đảng viên được tính biểu quyết (2)" in str(exc.value)
    done = services.record_minutes(by=cast.secretary_a1, meeting=m, minutes="Biên bản", results="I", next_tasks="II",
                                   assignment="III", self_assessment="IV: tốt", votes_for=2, votes_against=0,
                                   votes_abstain=0, complete=True)
    assert done.status == MeetingStatus.COMPLETE and done.vote_base == 2
    with pytest.raises(RuleViolation):
        services.record_held(by=cast.secretary_a1, meeting=done, attendance=full_attendance(cell))


def test_only_the_cells_secretary_and_officers_above_record(cell, cast):
    with pytest.raises(PermissionDeniedInScope):
        meeting(cell) and services.schedule_meeting(by=cell.secretary_b1, cell=cell.cell, date=D(2026, 11, 21))
    for user in (cast.member_a1, cast.viewer_a, cast.officer_b):
        with pytest.raises(PermissionDeniedInScope):
            services.schedule_meeting(by=user, cell=cell.cell, date=D(2026, 11, 21))
    assert services.schedule_meeting(by=cast.officer_a, cell=cell.cell, date=D(2026, 11, 21)).pk


def test_plan_year_generates_twelve_months_and_quarterly_topics(cell, cast):
    meeting(cell, on=D(2027, 2, 10))
    created = services.plan_year(by=cast.secretary_a1, cell=cell.cell, year=2027, day=31, starts_at=T(14, 0),
                                 thematic_topics=["Chuyên đề 1", "", "Chuyên đề 3", "Chuyên đề 4"])
    assert len(created) == 11
    dates = {m.date.month: m for m in created}
    assert dates[4].date == D(2027, 4, 30) and dates[1].date == D(2027, 1, 31) and 2 not in dates
    assert [m.date.month for m in created if m.kind == MeetingKind.COMBINED] == [3, 9, 12]
    assert services.plan_year(by=cast.secretary_a1, cell=cell.cell, year=2027, day=5) == []


@pytest.mark.on_date("2026-12-03")
def test_unexcused_absence_in_three_months_is_evidence_for_striking_off(cell, cast):
    """G8: months, not meetings, in the twelve months up to the day asked; excused absences do not count."""
    # Bình absent without reason in Jan 2026 (outside the year before 03/12/2026? no: 04/12/2025–03/12/2026 counts),
    # twice in November (one month), excused in October.
    for day, binh in [(D(2025, 11, 20), "unexcused"), (D(2026, 1, 20), "unexcused"), (D(2026, 10, 20), "excused"),
                      (D(2026, 11, 10), "unexcused"), (D(2026, 11, 20), "unexcused")]:
        m = meeting(cell, on=day)
        people = [(e.member_id, "present" if not e.optional else "excused", "" if not e.optional else "Theo quy định")
                  for e in selectors.expected(cell.cell, day) if e.member_id != cell.binh.pk]
        services.record_held(by=SYSTEM, meeting=m, ends_at=T(9, 30),
                             attendance=people + [(cell.binh, binh, "Ốm" if binh == "excused" else "")])
    found = evidence([cell.binh.pk, cell.an.pk], D(2026, 12, 3), ground="absent")
    assert [e.member_id for e in found] == [cell.binh.pk]
    e = found[0]
    assert e.months == (D(2026, 1, 1), D(2026, 11, 1)) and e.threshold == 3 and not e.met
    assert len(e.details) == 3 and "ngày 10/11/2026" in e.details[1]
    assert selectors.heading_for_removal([cell.binh.pk], D(2026, 12, 3), 3) == {cell.binh.pk: e.months}
    # A year later seen from 25/11/2026 … the 2025 absence counts too: three months, the ground is met.
    again = evidence([cell.binh.pk], D(2026, 11, 19), ground="absent")[0]
    assert again.months == (D(2025, 11, 1), D(2026, 1, 1), D(2026, 11, 1)) and again.met
