"""Vocabulary of transfers of party activity (chuyển sinh hoạt đảng) and of exemption (names from
shared/domain.md; rules in shared/domain-rules.md §2 and §5)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices


class TransferKind(TranslatedTextChoices):
    """The kinds of introduction letter (giấy giới thiệu sinh hoạt đảng), domain-rules T9."""

    OFFICIAL = "official", pgettext_lazy("transfer kind", "Chính thức")
    INTERNAL = "internal", pgettext_lazy("transfer kind", "Nội bộ")
    TEMPORARY = "temporary", pgettext_lazy("transfer kind", "Tạm thời")
    ABROAD = "abroad", pgettext_lazy("transfer kind", "Tạm thời ra nước ngoài")
    OUTSIDE = "outside", pgettext_lazy("transfer kind", "Chính thức ra ngoài hệ thống")


# Temporary kinds: the member stays counted at home (T6) and comes back (TEMPORARY_RETURN).
TEMPORARY_KINDS = frozenset({TransferKind.TEMPORARY, TransferKind.ABROAD})
# Permanent moves: T1 (paperwork within 60 working days of the decision) applies.
PERMANENT_KINDS = frozenset({TransferKind.OFFICIAL, TransferKind.INTERNAL, TransferKind.OUTSIDE})
# Kinds whose letter must be checked against the member's self-review of the year before (T11).
SELF_REVIEW_KINDS = frozenset({TransferKind.OFFICIAL, TransferKind.OUTSIDE, TransferKind.TEMPORARY, TransferKind.ABROAD})


class LetterStatus(TranslatedTextChoices):
    ISSUED = "issued", pgettext_lazy("letter status", "Đã cấp, chờ tiếp nhận")
    SENT = "sent", pgettext_lazy("letter status", "Đã giao (nơi đến ngoài hệ thống)")
    RECEIVED = "received", pgettext_lazy("letter status", "Đã tiếp nhận")
    RETURNED = "returned", pgettext_lazy("letter status", "Bị trả lại")
    CANCELLED = "cancelled", pgettext_lazy("letter status", "Đã hủy")
    ENDED = "ended", pgettext_lazy("letter status", "Đã trở về")


class Purpose(TranslatedTextChoices):
    """Why a temporary transfer (T4): work or residence (3 to under 12 months) or full-time study (3 to 24 months)."""

    WORK = "work", _("Công tác, thay đổi nơi cư trú")
    STUDY = "study", _("Học tập trung trong nước")


class ExemptionReason(TranslatedTextChoices):
    """Grounds of exemption from work and meetings (M5, M7)."""

    ADVANCED_AGE = "advanced_age", _("Tuổi cao")
    HEALTH = "health", _("Sức khỏe yếu, điều trị bệnh dài ngày hoặc ở xa")
    ABROAD = "abroad", _("Làm ăn, thăm thân, du lịch ở nước ngoài (việc riêng)")
    MOBILE_WORK = "mobile_work", _("Công tác lưu động, nơi không có tổ chức đảng")
    MATERNITY = "maternity", _("Nghỉ thai sản (đảng viên nữ có nguyện vọng)")
