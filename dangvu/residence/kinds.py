"""Vocabulary of residence contact (đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân
dân nơi cư trú): QĐ 213-QĐ/TW (2/1/2020) and HD 33-HD/BTCTW (30/10/2020), shared/domain-rules.md §12."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices
from dangvu.organizations.kinds import Kind, UnitType

# H1: "working members" are those in the cells of agencies, enterprises, public service units and
# the armed forces. The unit type of the member's cell decides (the demo's cells carry the unit type
# of their agency); residential cells (thôn, khu phố), commune/ward cells and "other" are not.
WORKING_UNIT_TYPES = frozenset({
    UnitType.PARTY_MASS, UnitType.STATE_AGENCY, UnitType.PUBLIC_SERVICE, UnitType.STATE_ENTERPRISE,
    UnitType.NON_STATE_ENTERPRISE, UnitType.ARMED_FORCES,
})
# H3: where a working member lives, the member is assigned to a cell of a village or street.
RESIDENCE_CELL_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})
RESIDENCE_UNIT_TYPE = UnitType.RESIDENTIAL


class ContactStatus(TranslatedTextChoices):
    AWAITING = "awaiting", pgettext_lazy("residence contact", "Đã giới thiệu, chờ tiếp nhận")
    RECEIVED = "received", pgettext_lazy("residence contact", "Đã tiếp nhận, chưa phân công chi bộ")
    ASSIGNED = "assigned", pgettext_lazy("residence contact", "Đã phân công về chi bộ nơi cư trú")
    OUTSIDE = "outside", pgettext_lazy("residence contact", "Đã giới thiệu đến nơi ngoài hệ thống")
    EXEMPT = "exempt", pgettext_lazy("residence contact", "Không thuộc diện giới thiệu (HD 33 điểm 1.2)")
    ENDED = "ended", pgettext_lazy("residence contact", "Đã kết thúc")


OPEN_STATUSES = frozenset({ContactStatus.AWAITING, ContactStatus.RECEIVED, ContactStatus.ASSIGNED, ContactStatus.OUTSIDE,
                           ContactStatus.EXEMPT})
# Introduced (a letter exists): every open status but the exemption from being introduced.
INTRODUCED_STATUSES = frozenset({ContactStatus.AWAITING, ContactStatus.RECEIVED, ContactStatus.ASSIGNED,
                                 ContactStatus.OUTSIDE})


class MeetingExemption(TranslatedTextChoices):
    """H5 (HD 33-HD/BTCTW điểm 1.1): introduced, but no periodic residence meetings and no periodic
    annual comment (a comment only when needed: personnel, awards, discipline)."""

    BARRACKS = "barracks", _("Quân đội, công an ở tập trung trong doanh trại, nhà công vụ")
    WORKING_AWAY = "working_away", _("Công tác xa nơi cư trú, công tác lưu động")
    ROTATED_CADRE = "rotated_cadre", _("Cán bộ luân chuyển, điều động, biệt phái ở nhà công vụ")
    FULL_TIME_STUDY = "full_time_study", _("Đi học tập trung từ 12 tháng trong năm")
    STUDENT_AWAY = "student_away", _("Học sinh, sinh viên đi học xa nơi cư trú")


class IntroductionExemption(TranslatedTextChoices):
    """H6 (HD 33-HD/BTCTW điểm 1.2): not introduced at all. The list read was truncated after the first
    category: the others are written down under "other"."""

    SPECIAL_DUTY = "special_duty", _("Quân đội, công an làm nhiệm vụ đặc biệt")
    OTHER = "other", _("Trường hợp khác theo HD 33-HD/BTCTW điểm 1.2 (ghi rõ)")


class ContactEndReason(TranslatedTextChoices):
    MOVED = "moved", _("Chuyển nơi cư trú")
    WORKPLACE_CHANGED = "workplace_changed", _("Chuyển công tác, chuyển sinh hoạt đảng nơi làm việc")
    RETIRED = "retired", _("Nghỉ hưu, thôi việc: chuyển sinh hoạt đảng chính thức về nơi cư trú")
    LEFT_PARTY = "left_party", _("Ra khỏi Đảng, từ trần")
    RETURNED = "returned", _("Nơi cư trú trả lại (không cư trú trên địa bàn)")
    NO_LONGER_EXEMPT = "no_longer_exempt", _("Hết thuộc diện không giới thiệu")
    OTHER = "other", _("Lý do khác")


class CommentOccasion(TranslatedTextChoices):
    ANNUAL = "annual", _("Nhận xét định kỳ hằng năm")
    ON_REQUEST = "on_request", _("Nhận xét khi cần (nhân sự, khen thưởng, kỷ luật…)")


class CommentAssessment(TranslatedTextChoices):
    """H1/H2: the residence cell says whether the member fulfils the duties of a member at the residence."""

    FULFILLED = "fulfilled", _("Hoàn thành trách nhiệm, nhiệm vụ của đảng viên ở nơi cư trú")
    NOT_FULFILLED = "not_fulfilled", _("Không hoàn thành trách nhiệm, nhiệm vụ của đảng viên ở nơi cư trú")


class MeetingType(TranslatedTextChoices):
    PERIODIC = "periodic", _("Định kỳ 6 tháng")
    WHEN_NEEDED = "when_needed", _("Khi cần (chuyên đề, lấy ý kiến)")


class AttendanceMark(TranslatedTextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")
