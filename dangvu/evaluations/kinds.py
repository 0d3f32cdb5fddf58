"""Vocabulary of the annual review (names from shared/domain.md): grades, steps, events."""

from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices
from dangvu.evaluations import rules


class Grade(TranslatedTextChoices):
    EXCELLENT = rules.Grade.EXCELLENT, _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = rules.Grade.GOOD, _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = rules.Grade.COMPLETED, _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = rules.Grade.NOT_COMPLETED, _("Không hoàn thành nhiệm vụ")


class QuotaBase(TranslatedTextChoices):
    GOOD = rules.QuotaBase.GOOD, _("Số hoàn thành tốt nhiệm vụ")
    GOOD_OR_BETTER = rules.QuotaBase.GOOD_OR_BETTER, _("Số hoàn thành tốt nhiệm vụ trở lên")


class Exclusion(TranslatedTextChoices):
    EXEMPTED = rules.Exclusion.EXEMPTED, _("Miễn công tác và sinh hoạt đảng")
    SUSPENDED = rules.Exclusion.SUSPENDED, _("Đình chỉ sinh hoạt")


class Step(TranslatedTextChoices):
    """Where a review stands (members and organizations)."""

    PENDING = "pending", _("Chưa tự đánh giá")
    SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá")
    PROPOSED = "proposed", _("Đã đề xuất xếp loại")
    DECIDED = "decided", _("Đã quyết định")
    EXCLUDED = "excluded", _("Không xếp loại")


class EventKind(TranslatedTextChoices):
    """The append-only history of a result: nothing is overwritten (C10, C11)."""

    SELF = "self", _("Tự đánh giá")
    PROPOSED = "proposed", _("Đề xuất xếp loại")
    DECIDED = "decided", _("Quyết định xếp loại")
    REGRADED = "regraded", _("Hủy kết quả, xếp loại lại")
    RETROACTIVE = "retroactive", _("Xếp loại lại do kỷ luật vi phạm năm trước")
    LEGACY = "legacy", _("Nhập kết quả cũ")
    COMMENDATION_CANCELLED = "commendation_off", _("Hủy khen thưởng theo kết quả bị hủy")
    RESTORED = "restored", _("Khôi phục kết quả do quyết định kỷ luật bị hủy")


class CommendationLevel(TranslatedTextChoices):
    CERTIFICATE = rules.CommendationLevel.CERTIFICATE, _("Giấy khen")
    MERIT = rules.CommendationLevel.MERIT, _("Bằng khen")
    FLAG = rules.CommendationLevel.FLAG, _("Cờ thi đua")
