"""Vocabulary of the admission pipeline and of probation (names from shared/domain.md).

The pipeline (domain-rules §2.1, §3): the awareness class, the application, the background
statement, its verification, the introducers, the cell's vote, the grassroots committee's vote,
the admission decision and the ceremony, after which the candidate is a probationary member.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dangvu.core.choices import TranslatedTextChoices


class Step(TranslatedTextChoices):
    """The dated steps, in the order they must be recorded."""

    CERTIFICATE = "certificate", pgettext_lazy("admission step", "Học lớp bồi dưỡng nhận thức về Đảng")
    APPLICATION = "application", pgettext_lazy("admission step", "Đơn xin vào Đảng")
    BACKGROUND = "background", pgettext_lazy("admission step", "Lý lịch của người xin vào Đảng")
    VERIFICATION = "verification", pgettext_lazy("admission step", "Thẩm tra lý lịch")
    INTRODUCERS = "introducers", pgettext_lazy("admission step", "Người giới thiệu")
    CELL_VOTE = "cell_vote", pgettext_lazy("admission step", "Chi bộ xét, biểu quyết đề nghị kết nạp")
    COMMITTEE_VOTE = "committee_vote", pgettext_lazy("admission step", "Đảng ủy cơ sở xét, biểu quyết")
    DECISION = "decision", pgettext_lazy("admission step", "Quyết định kết nạp")
    CEREMONY = "ceremony", pgettext_lazy("admission step", "Lễ kết nạp")


STEP_ORDER: tuple[str, ...] = tuple(Step.values)
# The date that records each step on the candidate.
STEP_DATE_FIELD: dict[str, str] = {
    Step.CERTIFICATE: "awareness_certificate_date",
    Step.APPLICATION: "application_date",
    Step.BACKGROUND: "background_statement_date",
    Step.VERIFICATION: "verification_completed_date",
    Step.INTRODUCERS: "introduction_date",
    Step.CELL_VOTE: "cell_meeting_date",
    Step.COMMITTEE_VOTE: "committee_meeting_date",
    Step.DECISION: "decision_date",
    Step.CEREMONY: "ceremony_date",
}
# Steps a cell secretary records for their own cell; the others are the committees' (officers).
CELL_STEPS = frozenset({Step.CERTIFICATE, Step.APPLICATION, Step.BACKGROUND, Step.VERIFICATION, Step.INTRODUCERS,
                        Step.CELL_VOTE})
# URL slugs (pages and API actions) of the steps.
STEP_SLUGS: dict[str, str] = {
    Step.CERTIFICATE: "certificate", Step.APPLICATION: "application", Step.BACKGROUND: "background-statement",
    Step.VERIFICATION: "verification", Step.INTRODUCERS: "introducers", Step.CELL_VOTE: "cell-vote",
    Step.COMMITTEE_VOTE: "committee-vote", Step.DECISION: "decision", Step.CEREMONY: "ceremony",
}
SLUG_STEPS = {slug: step for step, slug in STEP_SLUGS.items()}


class Stage(TranslatedTextChoices):
    """Where a candidate stands: derived from the dates recorded (never typed in)."""

    PROPOSED = "proposed", pgettext_lazy("admission stage", "Quần chúng ưu tú (chưa học lớp nhận thức)")
    CERTIFIED = "certified", pgettext_lazy("admission stage", "Đã học lớp nhận thức về Đảng")
    APPLIED = "applied", pgettext_lazy("admission stage", "Đã có đơn xin vào Đảng")
    STATEMENT = "statement", pgettext_lazy("admission stage", "Đã khai lý lịch")
    VERIFIED = "verified", pgettext_lazy("admission stage", "Đã thẩm tra lý lịch")
    INTRODUCED = "introduced", pgettext_lazy("admission stage", "Đã có người giới thiệu")
    CELL_APPROVED = "cell_approved", pgettext_lazy("admission stage", "Chi bộ đề nghị kết nạp")
    COMMITTEE_APPROVED = "committee_approved", pgettext_lazy("admission stage", "Đảng ủy cơ sở đề nghị kết nạp")
    DECIDED = "decided", pgettext_lazy("admission stage", "Đã có quyết định kết nạp")
    ADMITTED = "admitted", pgettext_lazy("admission stage", "Đã kết nạp (đảng viên dự bị)")
    WITHDRAWN = "withdrawn", pgettext_lazy("admission stage", "Dừng xem xét kết nạp")


# The stage reached once each step is recorded.
STAGE_AFTER: dict[str, str] = {
    Step.CERTIFICATE: Stage.CERTIFIED, Step.APPLICATION: Stage.APPLIED, Step.BACKGROUND: Stage.STATEMENT,
    Step.VERIFICATION: Stage.VERIFIED, Step.INTRODUCERS: Stage.INTRODUCED, Step.CELL_VOTE: Stage.CELL_APPROVED,
    Step.COMMITTEE_VOTE: Stage.COMMITTEE_APPROVED, Step.DECISION: Stage.DECIDED, Step.CEREMONY: Stage.ADMITTED,
}
STAGE_ORDER: tuple[str, ...] = (Stage.PROPOSED, *[STAGE_AFTER[s] for s in STEP_ORDER])


class IntroducingOrganization(TranslatedTextChoices):
    """Who introduces together with one full member instead of a second member (domain-rules A9)."""

    NONE = "", _("Hai đảng viên chính thức")
    YOUTH_UNION = "youth_union", _("Ban Chấp hành Đoàn cơ sở và một đảng viên chính thức")
    TRADE_UNION = "trade_union", _("Ban Chấp hành Công đoàn cơ sở và một đảng viên chính thức")


class WithdrawalKind(TranslatedTextChoices):
    WITHDRAWN = "withdrawn", pgettext_lazy("withdrawal", "Rút khỏi danh sách (thôi xem xét)")
    REJECTED = "rejected", pgettext_lazy("withdrawal", "Không kết nạp")


class VoteProposal(TranslatedTextChoices):
    """What a cell votes on for a probationary member (domain-rules P1, P2, P8)."""

    RECOGNIZE = "recognize", _("Đề nghị công nhận đảng viên chính thức")
    STRIKE_OFF = "strike_off", _("Đề nghị xóa tên trong danh sách đảng viên dự bị")
