"""Discipline proceedings (kỷ luật), their violations, appeals (khiếu nại) and the notifications of
state bodies and mass organizations (domain-rules §9, K1–K12).

A proceeding goes open → (deferred ↔ open) → decided → announced (in force from the announcement,
K5) and then lapses on its own date (K7) unless an appeal, a repeat or a new violation intervenes;
an appeal decision may change or cancel it. Nothing is overwritten: the decided form stays as
decided, the appeal keeps what it changed (`form_in_force` follows it), every change is audited on
the proceeding's entry (violations and appeals belong to it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.discipline.kinds import (
    AppealBar,
    AppealOutcome,
    BodyKind,
    DeferralReason,
    Form,
    NoticeBodyKind,
    Status,
    SubjectKind,
    ViolationKind,
)
from dangvu.discipline.querysets import AppealQuerySet, NotificationQuerySet, ProceedingQuerySet, ViolationQuerySet
from dangvu.members.kinds import removal_ground_choices


def _org(verbose_name, **kw):
    return models.ForeignKey("organizations.Organization", verbose_name=verbose_name, on_delete=models.PROTECT,
                             related_name="+", **kw)


class Proceeding(VersionedModel):
    """The consideration of discipline for one member or one organization, and its decision."""

    subject_kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="discipline_proceedings")
    subject_organization = _org(_("tổ chức đảng bị xem xét"), null=True, blank=True)
    # Where the proceeding sits in the tree (the member's cell when it was opened, or the organization itself):
    # whoever runs that subtree sees it (querysets.ProceedingQuerySet).
    organization = _org(_("tổ chức đảng"))
    opened_on = models.DateField(_("ngày bắt đầu xem xét"))
    summary = models.TextField(_("nội dung vi phạm"))
    case_reference = models.CharField(_("căn cứ (cuộc kiểm tra, đơn thư…)"), max_length=200, blank=True)
    higher_level_task = models.BooleanField(_("vi phạm nhiệm vụ do cấp trên giao"), default=False)
    proposed_form = models.CharField(_("hình thức đề nghị"), max_length=20, choices=Form.choices)
    status = models.CharField(_("tình trạng"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    # K9: not considered until this date.
    deferral_reason = models.CharField(_("lý do chưa xem xét"), max_length=20, choices=DeferralReason.choices, blank=True)
    deferred_until = models.DateField(_("chưa xem xét đến ngày"), null=True, blank=True)
    # K10: heard, or invited repeatedly without a valid reason.
    heard_on = models.DateField(_("ngày nghe đảng viên trình bày"), null=True, blank=True)
    invitations_declined = models.PositiveSmallIntegerField(_("số lần mời không đến, không có lý do chính đáng"), default=0)
    # K4: the proposal (for expulsion: at least 2/3 of the proposing body).
    proposal_body = _org(_("tổ chức đề nghị"), null=True, blank=True)
    proposal_on = models.DateField(_("ngày biểu quyết đề nghị"), null=True, blank=True)
    proposal_votes_for = models.PositiveSmallIntegerField(_("số tán thành đề nghị"), null=True, blank=True)
    proposal_vote_base = models.PositiveSmallIntegerField(_("tổng số thành viên có quyền biểu quyết (đề nghị)"), null=True,
                                                          blank=True)
    # The decision (K1–K4).
    decided_form = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=Form.choices, blank=True)
    body_kind = models.CharField(_("cơ quan quyết định"), max_length=30, choices=BodyKind.choices, blank=True)
    deciding_organization = _org(_("tổ chức đảng quyết định"), null=True, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số tán thành"), null=True, blank=True)
    vote_base = models.PositiveSmallIntegerField(_("tổng số thành viên có quyền biểu quyết"), null=True, blank=True)
    post = models.CharField(_("chức vụ bị cách"), max_length=200, blank=True)
    expulsion_ground = models.CharField(_("căn cứ khai trừ"), max_length=30, choices=removal_ground_choices, blank=True)
    # K5: in force from the announcement; K7: lapses on its own (None: never, or stopped by an appeal or a new violation).
    announced_on = models.DateField(_("ngày công bố (có hiệu lực)"), null=True, blank=True)
    lapses_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True, db_index=True)
    lapse_stopped_on = models.DateField(_("ngày vi phạm mới làm dừng việc tự hết hiệu lực"), null=True, blank=True)
    form_in_force = models.CharField(_("hình thức đang áp dụng"), max_length=20, choices=Form.choices, blank=True)
    ended_on = models.DateField(_("ngày chấm dứt (hủy, không kỷ luật)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)

    objects = ProceedingQuerySet.as_manager()

    AUDIT_FIELDS = ["subject_kind", "member", "subject_organization", "organization", "opened_on", "summary",
                    "case_reference", "higher_level_task", "proposed_form", "status", "deferral_reason", "deferred_until",
                    "heard_on", "invitations_declined", "proposal_body", "proposal_on", "proposal_votes_for",
                    "proposal_vote_base", "decided_form", "body_kind", "deciding_organization", "decided_on",
                    "decision_number", "votes_for", "vote_base", "post", "expulsion_ground", "announced_on", "lapses_on",
                    "lapse_stopped_on", "form_in_force", "ended_on"]

    class Meta:
        verbose_name = _("vụ việc kỷ luật")
        verbose_name_plural = _("vụ việc kỷ luật")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["member", "announced_on"], name="discipline_member_announced")]
        constraints = [
            models.CheckConstraint(condition=(Q(subject_kind="member") & Q(member__isnull=False)
                                              & Q(subject_organization__isnull=True))
                                   | (Q(subject_kind="organization") & Q(member__isnull=True)
                                      & Q(subject_organization__isnull=False)), name="discipline_one_subject"),
            models.CheckConstraint(condition=Q(announced_on__isnull=True) | Q(decided_on__isnull=False),
                                   name="discipline_announced_after_decision"),
        ]

    def __str__(self) -> str:
        form = self.get_form_in_force_display() or self.get_decided_form_display() or self.get_proposed_form_display()
        return f"{form}: {self.subject_name}"

    @property
    def subject_name(self) -> str:
        return self.member.full_name if self.member_id else self.subject_organization.name

    def lock_label(self) -> str:
        return f"Vụ việc kỷ luật {self.subject_name}"

    def in_force_on(self, on) -> bool:
        """Announced on or before `on`, not cancelled, not lapsed by `on` (K5, K7)."""
        if self.announced_on is None or self.announced_on > on or self.status == Status.CANCELLED and (
                self.ended_on is None or self.ended_on <= on):
            return False
        return self.lapses_on is None or on < self.lapses_on


class Violation(models.Model):
    """A violation considered by a proceeding: its date decides the limitation period (K6)."""

    proceeding = models.ForeignKey(Proceeding, on_delete=models.CASCADE, related_name="violations")
    kind = models.CharField(_("loại vi phạm"), max_length=30, choices=ViolationKind.choices, default=ViolationKind.ORDINARY)
    committed_on = models.DateField(_("ngày vi phạm"))
    description = models.TextField(_("mô tả vi phạm"))

    objects = ViolationQuerySet.as_manager()

    class Meta:
        verbose_name = _("hành vi vi phạm")
        verbose_name_plural = _("hành vi vi phạm")
        ordering = ["committed_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class Appeal(VersionedModel):
    """An appeal (khiếu nại) against a decision (K11): received, checked, decided."""

    proceeding = models.ForeignKey(Proceeding, verbose_name=_("vụ việc kỷ luật"), on_delete=models.PROTECT,
                                   related_name="appeals")
    appellant = models.CharField(_("người khiếu nại"), max_length=200)
    decision_received_on = models.DateField(_("ngày nhận quyết định kỷ luật"))
    received_on = models.DateField(_("ngày nhận đơn khiếu nại"))
    content = models.TextField(_("nội dung khiếu nại"), blank=True)
    bars = models.JSONField(_("căn cứ không giải quyết"), default=list, blank=True)  # AppealBar values found
    handling_body = models.CharField(_("cơ quan giải quyết"), max_length=200, blank=True)
    outcome = models.CharField(_("kết quả giải quyết"), max_length=20, choices=AppealOutcome.choices, blank=True)
    new_form = models.CharField(_("hình thức kỷ luật mới"), max_length=20, choices=Form.choices, blank=True)
    decided_on = models.DateField(_("ngày quyết định giải quyết khiếu nại"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định giải quyết khiếu nại"), max_length=60, blank=True)
    announced_on = models.DateField(_("ngày công bố quyết định giải quyết khiếu nại"), null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    AUDIT_FIELDS = ["appellant", "decision_received_on", "received_on", "content", "bars", "handling_body", "outcome",
                    "new_form", "decided_on", "decision_number", "announced_on"]

    class Meta:
        verbose_name = _("khiếu nại kỷ luật")
        verbose_name_plural = _("khiếu nại kỷ luật")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Khiếu nại của {self.appellant} ({self.received_on:%d/%m/%Y})"

    def audit_key(self) -> tuple[str, str]:
        return "discipline.proceeding", str(self.proceeding_id)

    @property
    def handled(self) -> bool:
        return not self.bars

    @property
    def bar_labels(self) -> list[str]:
        return [str(AppealBar(b).label) for b in self.bars if b in AppealBar.values]


class Notification(VersionedModel):
    """A state body, the Fatherland Front or a mass organization informs the party organization that it
    suspended or disciplined a member (K12: within 5 days)."""

    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="discipline_notifications")
    organization = _org(_("tổ chức đảng nhận thông báo"))
    body_kind = models.CharField(_("loại cơ quan"), max_length=30, choices=NoticeBodyKind.choices)
    body_name = models.CharField(_("cơ quan, tổ chức thông báo"), max_length=200)
    measure = models.CharField(_("hình thức xử lý"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"))
    received_on = models.DateField(_("ngày nhận thông báo"))
    late = models.BooleanField(_("thông báo quá hạn"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    proceeding = models.ForeignKey(Proceeding, verbose_name=_("vụ việc kỷ luật liên quan"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="notifications")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    objects = NotificationQuerySet.as_manager()

    AUDIT_FIELDS = ["member", "organization", "body_kind", "body_name", "measure", "decision_number", "decision_date",
                    "received_on", "late", "note", "proceeding"]

    class Meta:
        verbose_name = _("thông báo xử lý của cơ quan, đoàn thể")
        verbose_name_plural = _("thông báo xử lý của cơ quan, đoàn thể")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.body_name}: {self.measure} – {self.member}"
