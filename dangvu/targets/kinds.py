"""The choice sets of targets (chỉ tiêu nghị quyết đại hội, kế hoạch năm)."""

from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class PlanKind(TranslatedTextChoices):
    CONGRESS = "congress", _("Nghị quyết đại hội (nhiệm kỳ)")
    YEARLY = "yearly", _("Kế hoạch, chương trình năm")


class Comparison(TranslatedTextChoices):
    AT_LEAST = "gte", _("Ít nhất (≥)")
    AT_MOST = "lte", _("Không quá (≤)")
    BETWEEN = "between", _("Trong khoảng (từ … đến …)")


class Measure(TranslatedTextChoices):
    FIGURE = "figure", _("Số liệu thống kê (tính tự động)")
    MANUAL = "manual", _("Nhập kết quả thực hiện (kèm minh chứng)")


class TargetStatus(TranslatedTextChoices):
    MET = "met", _("Đạt và vượt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    MISSED = "missed", _("Không đạt")
    NO_DATA = "no_data", _("Chưa có số liệu")


STATUS_COLORS = {"met": "success", "on_track": "primary", "at_risk": "warning", "missed": "danger", "no_data": "secondary"}
