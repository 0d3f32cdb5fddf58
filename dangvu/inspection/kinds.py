"""Vocabulary of inspection and supervision (kiểm tra, giám sát), shared/domain.md and domain-rules §9."""

from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices


class CaseKind(TranslatedTextChoices):
    REGULAR_SUPERVISION = "regular_supervision", _("Giám sát thường xuyên")
    THEMATIC_SUPERVISION = "thematic_supervision", _("Giám sát chuyên đề")
    SIGNS_OF_VIOLATION = "signs_of_violation", _("Kiểm tra khi có dấu hiệu vi phạm")
    DISCIPLINE_TASKS = "discipline_tasks", _("Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát và thi hành kỷ luật")
    FINANCE = "finance", _("Kiểm tra tài chính đảng")


SUPERVISION_KINDS = frozenset({CaseKind.REGULAR_SUPERVISION, CaseKind.THEMATIC_SUPERVISION})
INSPECTION_KINDS = frozenset({CaseKind.SIGNS_OF_VIOLATION, CaseKind.DISCIPLINE_TASKS, CaseKind.FINANCE})
# K18: "kiểm tra, giám sát chuyên đề": every case but regular (day-to-day) supervision.
COVERAGE_KINDS = frozenset(set(CaseKind.values) - {CaseKind.REGULAR_SUPERVISION})


class BodyKind(TranslatedTextChoices):
    COMMITTEE = "committee", _("Cấp ủy")
    STANDING_COMMITTEE = "standing_committee", _("Ban thường vụ cấp ủy")
    COMMISSION = "commission", _("Ủy ban kiểm tra")
    CELL = "cell", _("Chi bộ")
    BOARD = "board", _("Ban đảng, cơ quan tham mưu, giúp việc của cấp ủy")


class Matter(TranslatedTextChoices):
    """K13: what a cell inspects its members on."""

    DUTIES = "duties", _("Thực hiện nhiệm vụ đảng viên")
    RESOLUTIONS = "resolutions", _("Chấp hành nghị quyết của chi bộ")
    TASKS = "tasks", _("Thực hiện nhiệm vụ được giao")
    EXAMPLE = "example", _("Thực hiện quy định về nêu gương")
    PROHIBITIONS = "prohibitions", _("Những điều đảng viên không được làm")
    OTHER = "other", _("Nội dung khác")


CELL_MATTERS = frozenset(set(Matter.values) - {Matter.OTHER})


class CaseStatus(TranslatedTextChoices):
    OPEN = "open", _("Đang tiến hành")
    CONCLUDED = "concluded", _("Đã kết luận")


class Result(TranslatedTextChoices):
    GOOD = "good", _("Thực hiện tốt, không vi phạm")
    SHORTCOMINGS = "shortcomings", _("Có hạn chế, khuyết điểm")
    VIOLATION = "violation", _("Có vi phạm, chưa đến mức kỷ luật")
    DISCIPLINE = "discipline", _("Vi phạm đến mức phải xem xét, xử lý kỷ luật")


class DenunciationStatus(TranslatedTextChoices):
    TO_HANDLE = "to_handle", _("Phải giải quyết")
    NOT_HANDLED = "not_handled", _("Không giải quyết (K15)")
    SETTLED = "settled", _("Đã giải quyết")
