"""Figures of cell meetings (dangvu.core.figures): meetings held over a period and attendance at them.

A meeting is counted where its cell stood in the tree on the meeting's date; the drill-down lists the
cells (meetings) or the members (attendance). "Held vs required": the report section sets the regular
meetings held against one a month for each cell (G1), the thematic ones against the parameter a quarter (G5).
"""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window, family
from dangvu.meetings.kinds import REGULAR_KINDS, THEMATIC_KINDS, Mark, MeetingStatus, QualityGrade
from dangvu.meetings.models import Attendance, Meeting
from dangvu.organizations.tree import within_subtree_q

SECTION = "Sinh hoạt chi bộ"


def held_in(window: Window):
    return (Meeting.objects.exclude(status=MeetingStatus.PLANNED).filter(date__gte=window.start, date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="cell", date_field="date")))


def attendance_in(window: Window):
    return (Attendance.objects.exclude(meeting__status=MeetingStatus.PLANNED)
            .filter(meeting__date__gte=window.start, meeting__date__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start, window.end, org_field="meeting__cell",
                                     date_field="meeting__date")))


def scored_in(window: Window):
    return held_in(window).filter(quality_score__isnull=False)


BASES = [
    Base("meetings.held", FLOW, "organizations.Organization", held_in, key="cell_id"),
    Base("meetings.quality", FLOW, "organizations.Organization", scored_in, key="cell_id"),
    Base("meetings.attendance", FLOW, "members.Member", attendance_in, key="member_id"),
]

FIGURES = [
    Figure("meetings.held", "Buổi sinh hoạt chi bộ đã họp", "Buổi sinh hoạt chi bộ (mọi loại) đã họp trong kỳ, theo ngày "
           "sinh hoạt, đặt theo chi bộ vào ngày đó.", "meetings.held", section=SECTION),
    Figure("meetings.held.regular", "Buổi sinh hoạt thường kỳ đã họp", "Buổi sinh hoạt thường kỳ (kể cả kết hợp chuyên đề) "
           "đã họp trong kỳ; mỗi chi bộ phải họp mỗi tháng một buổi.", "meetings.held", where=Q(kind__in=REGULAR_KINDS),
           denominator="meetings.held", section=SECTION, order=1),
    Figure("meetings.held.thematic", "Buổi sinh hoạt chuyên đề đã họp", "Buổi sinh hoạt chuyên đề (kể cả kết hợp với "
           "thường kỳ) đã họp trong kỳ; mỗi chi bộ ít nhất số buổi quy định mỗi quý.", "meetings.held",
           where=Q(kind__in=THEMATIC_KINDS), denominator="meetings.held", section=SECTION, order=2),
    Figure("meetings.held.group", "Buổi sinh hoạt theo tổ đảng", "Buổi sinh hoạt thường kỳ do một tổ đảng tổ chức thay cho "
           "toàn chi bộ (thí điểm, chi bộ từ 50 đảng viên, tối đa 3 lần một năm).", "meetings.held",
           where=Q(party_group__isnull=False), denominator="meetings.held", section=SECTION, order=4),
    Figure("meetings.held.short", "Buổi sinh hoạt ngắn hơn thời lượng tối thiểu", "Buổi sinh hoạt đã họp có thời lượng "
           "dưới mức tối thiểu theo quy định vào ngày họp (mức riêng, cao hơn, khi kết hợp chuyên đề).",
           "meetings.held", where=Q(short=True), denominator="meetings.held", section=SECTION, order=3),
    Figure("meetings.attendance", "Lượt đảng viên được điểm danh", "Lượt điểm danh đảng viên tại các buổi sinh hoạt đã họp "
           "trong kỳ.", "meetings.attendance", section=SECTION, order=10),
    Figure("meetings.attendance.present", "Lượt đảng viên có mặt", "Lượt đảng viên có mặt tại các buổi sinh hoạt đã họp "
           "trong kỳ; tỷ lệ trên tổng lượt điểm danh là tỷ lệ tham dự.", "meetings.attendance",
           where=Q(mark=Mark.PRESENT), denominator="meetings.attendance", section=SECTION, order=11),
    Figure("meetings.attendance.excused", "Lượt vắng có lý do", "Lượt đảng viên vắng có lý do (kể cả đảng viên miễn sinh "
           "hoạt, sinh hoạt tạm thời nơi khác).", "meetings.attendance", where=Q(mark=Mark.EXCUSED),
           denominator="meetings.attendance", section=SECTION, order=12),
    Figure("meetings.attendance.unexcused", "Lượt vắng không lý do", "Lượt đảng viên vắng không lý do tại các buổi sinh "
           "hoạt đã họp trong kỳ (căn cứ xóa tên khi đủ số tháng trong năm).", "meetings.attendance",
           where=Q(mark=Mark.UNEXCUSED), denominator="meetings.attendance", section=SECTION, order=13),
    Figure("meetings.quality.scored", "Buổi sinh hoạt đã chấm điểm chất lượng", "Buổi sinh hoạt đã họp trong kỳ được chi bộ "
           "tự chấm điểm chất lượng theo phiếu chấm điểm của tỉnh ủy.", "meetings.quality", denominator="meetings.held",
           section=SECTION, order=20),
    *family("meetings.quality", base="meetings.quality", field="quality_grade",
            items=[(g.value, str(g.label).lower()) for g in QualityGrade], label="Buổi sinh hoạt đạt chất lượng {name}",
            definition="Buổi sinh hoạt đã chấm điểm trong kỳ xếp loại chất lượng {name} theo thang điểm của tỉnh ủy.",
            section=SECTION, denominator="meetings.quality.scored", order=21),
]
