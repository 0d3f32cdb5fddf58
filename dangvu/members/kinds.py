"""Vocabulary of the member register (names from shared/domain.md).

Labels are translated (Vietnamese msgids, English in locale/en); `Status.FULL.label` reads as a plain
string in the active language, `Status.choices` stays lazy (see dangvu.core.choices).
"""

from django.db import DatabaseError, transaction
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices
from dangvu.core.dates import today
from dangvu.rules.parameters import defaults, params_on
from dangvu.rules.parameters import text as param_text


class Sex(TranslatedTextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Status(TranslatedTextChoices):
    """Membership status derived from the events (never typed in)."""

    PROBATIONARY = "probationary", _("Dự bị")
    FULL = "full", _("Chính thức")
    STRUCK_OFF = "struck_off", _("Đã xóa tên")
    EXPELLED = "expelled", _("Đã khai trừ")
    LEFT = "left", _("Đã ra khỏi Đảng")
    DECEASED = "deceased", _("Đã từ trần")
    TRANSFERRED_AWAY = "transferred_away", _("Đã chuyển đi ngoài hệ thống")


IN_PARTY = frozenset({Status.PROBATIONARY, Status.FULL})


class EventType(TranslatedTextChoices):
    ADMITTED = "admitted", pgettext_lazy("member event", "Kết nạp (dự bị)")
    RECOGNIZED = "recognized", pgettext_lazy("member event", "Công nhận đảng viên chính thức")
    TRANSFERRED_IN = "transferred_in", pgettext_lazy("member event", "Chuyển sinh hoạt đến (chính thức)")
    TRANSFERRED_OUT = "transferred_out", pgettext_lazy("member event", "Chuyển sinh hoạt đi ngoài hệ thống")
    TRANSFERRED_INTERNAL = "transferred_internal", pgettext_lazy("member event", "Chuyển sinh hoạt nội bộ")
    TEMPORARY_OUT = "temporary_out", pgettext_lazy("member event", "Chuyển sinh hoạt tạm thời đi")
    TEMPORARY_RETURN = "temporary_return", pgettext_lazy("member event", "Trở về sau sinh hoạt tạm thời")
    EXEMPTED = "exempted", pgettext_lazy("member event", "Miễn công tác và sinh hoạt đảng")
    EXEMPTION_ENDED = "exemption_ended", pgettext_lazy("member event", "Thôi miễn công tác và sinh hoạt")
    SUSPENDED = "suspended", pgettext_lazy("member event", "Đình chỉ sinh hoạt")
    REINSTATED = "reinstated", pgettext_lazy("member event", "Phục hồi sinh hoạt")
    STRUCK_OFF = "struck_off", pgettext_lazy("member event", "Xóa tên")
    EXPELLED = "expelled", pgettext_lazy("member event", "Khai trừ")
    LEFT = "left", pgettext_lazy("member event", "Ra khỏi Đảng")
    DECEASED = "deceased", pgettext_lazy("member event", "Từ trần")
    READMITTED = "readmitted", pgettext_lazy("member event", "Kết nạp lại")


def _in_force(label, **keys):
    """`label` with the parameters in force today written in (“3 tháng”), read each time it is shown, so
    a value an administrator sets on /quy-tac/ shows at once (one query per label shown)."""

    def render() -> str:
        try:
            with transaction.atomic():  # a savepoint: a failure leaves the caller's transaction usable
                params = params_on(today())
        except (DatabaseError, RuntimeError):
            # No tables yet (makemigrations --check on a fresh database), or the database closed to this
            # code (pytest collecting a module that renders the API schema): the defaults.
            params = defaults(today())
        return str(label) % {name: param_text(params, key) for name, key in keys.items()}

    return lazy(render, str)()


class RemovalGround(TranslatedTextChoices):
    """Why a member left the register (domain-rules R1, A16). Stored on the ending event; it decides
    whether re-admission is possible later (QĐ 232-QĐ/TW, QĐ 294-QĐ/TW điểm 3.5.2)."""

    # Striking off (xóa tên), the five cases of QĐ 24-QĐ/TW điểm 8.1 (case 1 in its two halves).
    # The numbers of months are parameters (removal.*): the labels show the values in force.
    ABSENT = "absent", _in_force(_("(1) Tự ý bỏ sinh hoạt đảng %(months)s trong năm không có lý do chính đáng"),
                                 months="removal.absence_months")
    UNPAID_DUES = "unpaid_dues", _in_force(_("(1) Không đóng đảng phí %(months)s trong năm không có lý do chính đáng"),
                                           months="removal.absence_months")
    CARD_RETURNED = "card_returned", _("(2) Tự ý trả thẻ đảng viên hoặc tự hủy thẻ đảng viên")
    NO_PROGRESS = "no_progress", _in_force(_("(3) Giảm sút ý chí, không làm nhiệm vụ; được giáo dục %(months)s không "
                                             "tiến bộ"), months="removal.no_progress_months")
    STANDARDS_TWO_YEARS = "standards_two_years", _("(4) Hai năm liền vi phạm tư cách đảng viên")
    POLITICAL_STANDARD = "political_standard", _("(5) Không bảo đảm tiêu chuẩn chính trị")
    # Striking off a probationary member who does not qualify as a full member (Điều lệ Điều 5.2).
    PROBATION_FAILED = "probation_failed", _("Đảng viên dự bị không đủ tư cách đảng viên chính thức")
    # Leaving at one's own request.
    OWN_REQUEST = "own_request", _("Xin ra khỏi Đảng")
    HARDSHIP = "hardship", _("Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn")
    # Expulsion (discipline).
    DISUNITY = "disunity", _("Gây mất đoàn kết nội bộ nghiêm trọng")
    CORRUPTION = "corruption", _("Bị kết án về tội tham nhũng")
    SERIOUS_CRIME = "serious_crime", _("Bị kết án về tội nghiêm trọng trở lên")
    LESS_SERIOUS_CRIME = "less_serious_crime", _("Bị kết án về tội ít nghiêm trọng")
    OTHER_DISCIPLINE = "other_discipline", _("Vi phạm kỷ luật khác")


def removal_ground_choices():
    """RemovalGround's choices for the model field, as a callable: the labels follow the parameters in
    force, so migrations must not freeze them."""
    return RemovalGround.choices


G = RemovalGround
GROUNDS_FOR = {
    "struck_off": (G.ABSENT, G.UNPAID_DUES, G.CARD_RETURNED, G.NO_PROGRESS, G.STANDARDS_TWO_YEARS, G.POLITICAL_STANDARD,
                   G.PROBATION_FAILED),
    "left": (G.OWN_REQUEST, G.HARDSHIP),
    # Striking off is an administrative measure, not a discipline (R2): no striking-off ground here.
    "expelled": (G.DISUNITY, G.CORRUPTION, G.SERIOUS_CRIME, G.LESS_SERIOUS_CRIME, G.OTHER_DISCIPLINE),
}
# No re-admission for those who left on these grounds (A16).
READMISSION_BARRED = frozenset({G.ABSENT, G.OWN_REQUEST, G.DISUNITY, G.CORRUPTION, G.SERIOUS_CRIME})


# Events that need an organization (where the member is afterwards).
NEEDS_ORGANIZATION = frozenset({
    EventType.ADMITTED, EventType.TRANSFERRED_IN, EventType.TRANSFERRED_INTERNAL, EventType.TEMPORARY_OUT,
    EventType.READMITTED,
})
ENDING_EVENTS = {
    EventType.STRUCK_OFF: Status.STRUCK_OFF, EventType.EXPELLED: Status.EXPELLED, EventType.LEFT: Status.LEFT,
    EventType.DECEASED: Status.DECEASED, EventType.TRANSFERRED_OUT: Status.TRANSFERRED_AWAY,
}


class DocumentType(TranslatedTextChoices):
    """Documents of a member file (hồ sơ đảng viên): the commonest entries of the catalog
    (domain-rules §13.4); anything else is filed as "other" with a title."""

    APPLICATION = "application", _("Đơn xin vào Đảng")
    APPLICANT_STATEMENT = "applicant_statement", _("Lý lịch của người xin vào Đảng")
    MEMBER_STATEMENT = "member_statement", _("Lý lịch đảng viên")
    RECORD_FORM = "record_form", _("Phiếu đảng viên")
    SUPPLEMENTARY_FORM = "supplementary_form", _("Phiếu bổ sung hồ sơ đảng viên")
    ADMISSION_DECISION = "admission_decision", _("Quyết định kết nạp đảng viên")
    RECOGNITION_DECISION = "recognition_decision", _("Quyết định công nhận đảng viên chính thức")
    READMISSION_DECISION = "readmission_decision", _("Quyết định kết nạp lại")
    STRIKING_OFF_DECISION = "striking_off_decision", _("Quyết định xóa tên")
    DISCIPLINE_DECISION = "discipline_decision", _("Quyết định kỷ luật")
    INTRODUCTION_LETTER = "introduction_letter", _("Giấy giới thiệu sinh hoạt đảng")
    SELF_REVIEW = "self_review", _("Bản tự kiểm điểm")
    THEORY_CERTIFICATE = "theory_certificate", _("Bằng, chứng chỉ lý luận chính trị")
    EXEMPTION_APPLICATION = "exemption_application", _("Đơn xin miễn công tác và sinh hoạt đảng")
    DEATH_CERTIFICATE = "death_certificate", _("Trích lục khai tử (trước năm 2016: giấy chứng tử)")
    OTHER = "other", _("Tài liệu khác")
