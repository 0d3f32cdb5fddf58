"""Vocabulary of cell meetings (sinh hoạt chi bộ), shared/domain.md and domain-rules §6."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices
from dangvu.organizations.kinds import Kind

# The organizations that hold cell meetings: cells and grassroots cells.
CELL_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})


class MeetingKind(TranslatedTextChoices):
    REGULAR = "regular", pgettext_lazy("meeting", "Sinh hoạt thường kỳ")
    THEMATIC = "thematic", pgettext_lazy("meeting", "Sinh hoạt chuyên đề")
    # Thematic and regular held in the same session (G2: the longer minimum duration).
    COMBINED = "combined", pgettext_lazy("meeting", "Thường kỳ kết hợp chuyên đề")


# What counts as the month's regular meeting (G1) and as the quarter's thematic one (G5).
REGULAR_KINDS = frozenset({MeetingKind.REGULAR, MeetingKind.COMBINED})
THEMATIC_KINDS = frozenset({MeetingKind.THEMATIC, MeetingKind.COMBINED})


class MeetingStatus(TranslatedTextChoices):
    PLANNED = "planned", pgettext_lazy("meeting", "Đã lên kế hoạch")
    HELD = "held", pgettext_lazy("meeting", "Đã họp, chưa hoàn thành biên bản")
    COMPLETE = "complete", pgettext_lazy("meeting", "Đã hoàn thành biên bản")


class Mark(TranslatedTextChoices):
    PRESENT = "present", _("Có mặt")
    EXCUSED = "excused", _("Vắng có lý do")
    UNEXCUSED = "unexcused", _("Vắng không lý do")


class QualityGrade(TranslatedTextChoices):
    """G7: the grade of a meeting's quality from its score on the province's sheet."""

    GOOD = "good", pgettext_lazy("meeting quality", "Tốt")
    FAIR = "fair", pgettext_lazy("meeting quality", "Khá")
    AVERAGE = "average", pgettext_lazy("meeting quality", "Trung bình")
    POOR = "poor", pgettext_lazy("meeting quality", "Kém")
