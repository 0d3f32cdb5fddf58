"""Vocabulary of discipline (kỷ luật), appeals (khiếu nại) and notifications from state bodies
(shared/domain.md; domain-rules §9, K1–K12)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices


class SubjectKind(TranslatedTextChoices):
    MEMBER = "member", _("Đảng viên")
    ORGANIZATION = "organization", _("Tổ chức đảng")


class Form(TranslatedTextChoices):
    """K1: the discipline forms (which subject may receive which: rules.allowed_forms)."""

    REPRIMAND = "reprimand", pgettext_lazy("discipline", "Khiển trách")
    WARNING = "warning", pgettext_lazy("discipline", "Cảnh cáo")
    REMOVAL_FROM_POST = "removal_from_post", pgettext_lazy("discipline", "Cách chức")
    EXPULSION = "expulsion", pgettext_lazy("discipline", "Khai trừ")
    DISSOLUTION = "dissolution", pgettext_lazy("discipline", "Giải tán")


# K7: these never lapse.
NEVER_LAPSE = frozenset({Form.EXPULSION, Form.DISSOLUTION})
# The order of severity (a change on appeal, "the heaviest in force").
SEVERITY = {Form.REPRIMAND: 1, Form.WARNING: 2, Form.REMOVAL_FROM_POST: 3, Form.EXPULSION: 4, Form.DISSOLUTION: 4}


class ViolationKind(TranslatedTextChoices):
    """K6: what decides the limitation period of a violation."""

    ORDINARY = "ordinary", _("Vi phạm thông thường")
    EXPULSION_LEVEL = "expulsion_level", _("Vi phạm đến mức phải khai trừ")
    INTERNAL_POLITICAL = "internal_political", _("Vi phạm về chính trị nội bộ")
    SECURITY = "security", _("Vi phạm về quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia")
    ILLEGAL_DEGREE = "illegal_degree", _("Sử dụng văn bằng, chứng chỉ không hợp pháp")


# K6: no limitation period for these kinds.
NO_LIMITATION = frozenset({ViolationKind.EXPULSION_LEVEL, ViolationKind.INTERNAL_POLITICAL, ViolationKind.SECURITY,
                           ViolationKind.ILLEGAL_DEGREE})


class BodyKind(TranslatedTextChoices):
    """K2/K3: who decides."""

    CELL = "cell", _("Chi bộ (hội nghị đảng viên)")
    CELL_COMMITTEE = "cell_committee", _("Chi ủy")
    COMMITTEE = "committee", _("Cấp ủy (hội nghị cấp ủy)")
    STANDING_COMMITTEE = "standing_committee", _("Ban Thường vụ cấp ủy")
    INSPECTION_COMMISSION = "inspection_commission", _("Ủy ban kiểm tra")


class Status(TranslatedTextChoices):
    OPEN = "open", pgettext_lazy("discipline", "Đang xem xét")
    DEFERRED = "deferred", pgettext_lazy("discipline", "Chưa xem xét (tạm hoãn)")
    DECIDED = "decided", pgettext_lazy("discipline", "Đã quyết định, chưa công bố")
    ANNOUNCED = "announced", pgettext_lazy("discipline", "Đã công bố, có hiệu lực")
    CANCELLED = "cancelled", pgettext_lazy("discipline", "Đã hủy quyết định (khiếu nại)")
    DROPPED = "dropped", pgettext_lazy("discipline", "Không kỷ luật")


class DeferralReason(TranslatedTextChoices):
    """K9: discipline is not considered while…"""

    PREGNANT = "pregnant", _("Đang mang thai")
    NURSING = "nursing", _("Đang nuôi con dưới 12 tháng tuổi")
    HOSPITAL = "hospital", _("Đang ốm nặng điều trị nội trú tại bệnh viện")


class AppealOutcome(TranslatedTextChoices):
    UPHOLD = "uphold", _("Giữ nguyên hình thức kỷ luật")
    CHANGE = "change", _("Thay đổi hình thức kỷ luật")
    CANCEL = "cancel", _("Xóa (hủy) quyết định kỷ luật")


class AppealBar(TranslatedTextChoices):
    """K11: the grounds on which an appeal is not handled (QĐ 296 Điều 25.1)."""

    LATE = "late", _("Quá thời hạn khiếu nại")
    HIGHEST_LEVEL = "highest_level", _("Đã được cấp có thẩm quyền cao nhất xem xét, kết luận, quyết định")
    SENTENCED = "sentenced", _("Đã bị tòa án xử phạt từ cải tạo không giam giữ trở lên và bản án đã có hiệu lực")
    ON_BEHALF = "on_behalf", _("Khiếu nại hộ, khiếu nại thay cho người khác")
    NO_WRITTEN_DECISION = "no_written_decision", _("Khiếu nại khi chưa có quyết định kỷ luật bằng văn bản")
    REFUSED_DECISION = "refused_decision", _("Đảng viên không nhận quyết định kỷ luật")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển sinh hoạt đảng ra ngoài cấp ủy cấp trên trực tiếp")


class NoticeBodyKind(TranslatedTextChoices):
    """K12: who informs the party organization."""

    STATE = "state", _("Cơ quan nhà nước")
    FRONT = "front", _("Mặt trận Tổ quốc")
    MASS_ORGANIZATION = "mass_organization", _("Đoàn thể chính trị - xã hội")
