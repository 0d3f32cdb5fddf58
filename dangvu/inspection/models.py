"""Inspection and supervision (kiểm tra, giám sát; domain-rules §9, K13–K18): the yearly programmes, the cases with
their decision to open, timeline, working sessions, conclusion and remedies, and the denunciations received.

A case is placed in the tree at the organization of the body that conducts it (`body`): an inspection officer sees
the cases conducted in their subtree, a cell secretary those of their cell. The subject member sees a case once it
is notified to them (`notified_user`). Steps, sessions and remedies are rows of their case: audited on its entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.inspection.kinds import BodyKind, CaseKind, CaseStatus, DenunciationStatus, Matter, Result
from dangvu.inspection.querysets import (
    CaseChildQuerySet,
    CaseQuerySet,
    DenunciationQuerySet,
    ProgrammeItemQuerySet,
    ProgrammeQuerySet,
)


def _org(verbose_name, **kwargs):
    return models.ForeignKey("organizations.Organization", verbose_name=verbose_name, on_delete=models.PROTECT,
                             related_name="+", **kwargs)


def _member(verbose_name):
    return models.ForeignKey("members.Member", verbose_name=verbose_name, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")


class Programme(VersionedModel):
    """The yearly inspection and supervision programme of a committee, inspection commission or cell."""

    organization = _org(_("tổ chức đảng"))
    body_kind = models.CharField(_("cơ quan ban hành"), max_length=20, choices=BodyKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=255)
    topics = models.TextField(_("nội dung trọng tâm"), blank=True)
    decision_number = models.CharField(_("số văn bản"), max_length=60, blank=True)
    adopted_on = models.DateField(_("ngày ban hành"))

    objects = ProgrammeQuerySet.as_manager()

    AUDIT_FIELDS = ["organization", "body_kind", "year", "title", "topics", "decision_number", "adopted_on"]

    class Meta:
        verbose_name = _("chương trình kiểm tra, giám sát")
        verbose_name_plural = _("chương trình kiểm tra, giám sát")
        ordering = ["-year", "organization", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "body_kind", "year"], name="programme_one_per_year")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ProgrammeItem(models.Model):
    """A planned case of the programme: kind, subject, topic, schedule."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("loại"), max_length=30, choices=CaseKind.choices)
    subject_organization = _org(_("tổ chức được kiểm tra, giám sát"))
    subject_member = _member(_("đảng viên được kiểm tra, giám sát"))
    topic = models.CharField(_("nội dung"), max_length=255)
    planned_from = models.DateField(_("thời gian dự kiến từ"))
    planned_to = models.DateField(_("đến"))

    objects = ProgrammeItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung chương trình kiểm tra, giám sát")
        verbose_name_plural = _("nội dung chương trình kiểm tra, giám sát")
        ordering = ["planned_from", "id"]
        constraints = [models.CheckConstraint(condition=Q(planned_to__gte=models.F("planned_from")),
                                              name="programme_item_span")]

    def __str__(self) -> str:
        return self.topic


class Case(VersionedModel):
    """A case (cuộc kiểm tra, giám sát) from the decision to open to the conclusion and its remedies."""

    kind = models.CharField(_("loại"), max_length=30, choices=CaseKind.choices)
    body = _org(_("tổ chức đảng tiến hành"))
    body_kind = models.CharField(_("chủ thể tiến hành"), max_length=20, choices=BodyKind.choices)
    programme = models.ForeignKey(Programme, verbose_name=_("chương trình"), null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="cases")
    subject_organization = _org(_("tổ chức được kiểm tra, giám sát"))
    subject_member = _member(_("đảng viên được kiểm tra, giám sát"))
    matter = models.CharField(_("nội dung kiểm tra đảng viên"), max_length=20, choices=Matter.choices, blank=True)
    topic = models.CharField(_("nội dung"), max_length=255)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    due_on = models.DateField(_("thời hạn kết thúc"))
    team = models.TextField(_("đoàn (tổ) kiểm tra, giám sát"))
    status = models.CharField(_("tình trạng"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN,
                              db_index=True)
    findings = models.TextField(_("kết quả thẩm tra, xác minh"), blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    recommendations = models.TextField(_("kiến nghị, yêu cầu khắc phục"), blank=True)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices, blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    notified_on = models.DateField(_("ngày thông báo kết luận cho đối tượng"), null=True, blank=True)
    # The subject's account once the conclusion is notified: the subject sees the case from then on.
    notified_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # K14: declared when a cell supervises: the member is managed by a higher committee (a seat on a committee
    # above the cell is read from the register).
    higher_managed = models.BooleanField(_("đảng viên thuộc diện cấp ủy cấp trên quản lý"), default=False)
    # K14: the cell's members are dispersed (thematic supervision by a cell without a committee).
    dispersed = models.BooleanField(_("chi bộ có đảng viên phân tán"), default=False)
    # The discipline proceeding the conclusion proposed (dangvu.discipline, opened through its services).
    proceeding = models.ForeignKey("discipline.Proceeding", verbose_name=_("vụ việc xem xét kỷ luật"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="inspection_cases")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = CaseQuerySet.as_manager()

    AUDIT_FIELDS = ["kind", "body", "body_kind", "programme", "subject_organization", "subject_member", "matter", "topic",
                    "decision_number", "decision_date", "due_on", "team", "status", "findings", "conclusion",
                    "recommendations", "result", "concluded_on", "notified_on", "higher_managed", "dispersed", "proceeding"]

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-decision_date", "-id"]
        indexes = [models.Index(fields=["body", "decision_date"], name="case_body_date"),
                   models.Index(fields=["subject_member", "decision_date"], name="case_member_date")]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("decision_date")), name="case_due_after_decision"),
            models.CheckConstraint(condition=Q(status="open") | (Q(concluded_on__isnull=False) & ~Q(result="")),
                                   name="case_concluded_has_result"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label} ({self.decision_number})"

    @property
    def subject_label(self) -> str:
        return self.subject_member.full_name if self.subject_member_id else self.subject_organization.name


class Step(models.Model):
    """The case's timeline: a step with its deadline (the subject's report, verification, the draft conclusion…)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("bước"), max_length=255)
    due_on = models.DateField(_("hạn"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("bước tiến hành")
        verbose_name_plural = _("bước tiến hành")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """A working session of the team with the subject (K16: the subject may not record it)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField(_("ngày làm việc"))
    participants = models.CharField(_("thành phần"), max_length=255)
    content = models.TextField(_("nội dung làm việc"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("buổi làm việc")
        verbose_name_plural = _("buổi làm việc")
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y}: {self.participants}"


class Remedy(models.Model):
    """A remedy the conclusion requires, followed up until it is done."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    description = models.TextField(_("yêu cầu khắc phục"))
    due_on = models.DateField(_("hạn khắc phục"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả khắc phục"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu khắc phục")
        verbose_name_plural = _("yêu cầu khắc phục")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class Denunciation(VersionedModel):
    """A denunciation (tố cáo) received by a body (K15). The denouncer's identity is protected: read only by the
    handlers, every read audited (services.reveal_denouncer)."""

    body = _org(_("tổ chức đảng nhận đơn"))
    received_on = models.DateField(_("ngày nhận"))
    denouncer_name = models.CharField(_("họ tên người tố cáo"), max_length=200, blank=True)
    denouncer_contact = models.CharField(_("địa chỉ, liên hệ của người tố cáo"), max_length=255, blank=True)
    signed = models.BooleanField(_("có ký tên"), default=False)
    specific = models.BooleanField(_("nội dung cụ thể"), default=False)
    with_evidence = models.BooleanField(_("có tài liệu, chứng cứ"), default=False)
    forged = models.BooleanField(_("mạo danh"), default=False)
    subject_member = _member(_("đảng viên bị tố cáo"))
    subject_organization = _org(_("tổ chức đảng bị tố cáo (hoặc nơi sinh hoạt của đảng viên)"))
    content = models.TextField(_("nội dung tố cáo"))
    status = models.CharField(_("tình trạng"), max_length=20, choices=DenunciationStatus.choices, db_index=True)
    case = models.ForeignKey(Case, verbose_name=_("cuộc kiểm tra"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="denunciations")
    outcome = models.TextField(_("kết quả giải quyết"), blank=True)
    handlers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("người giải quyết"), blank=True,
                                      related_name="+")

    objects = DenunciationQuerySet.as_manager()

    AUDIT_FIELDS = ["body", "received_on", "signed", "specific", "with_evidence", "forged", "subject_member",
                    "subject_organization", "content", "status", "case", "outcome"]

    class Meta:
        verbose_name = _("đơn tố cáo")
        verbose_name_plural = _("đơn tố cáo")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Đơn tố cáo nhận ngày {self.received_on:%d/%m/%Y}"

    @property
    def anonymous(self) -> bool:
        return not self.signed or not self.denouncer_name
