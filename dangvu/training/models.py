"""Training classes (lớp bồi dưỡng, đào tạo) and their learners (học viên).

A class is organized by a political centre, a political school or a committee for the subtree of the
organization that records it (`organization`); its learners are candidates for admission (the awareness
class) or members of the register (every other kind). A learner's result and certificate are recorded
on the enrolment; a passed certificate feeds the admission step (awareness) or the member's political
theory history (theory classes) through those apps' services (training.services).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.training.kinds import ClassKind, Organizer, Result
from dangvu.training.querysets import EnrolmentQuerySet, TrainingClassQuerySet


class TrainingClass(VersionedModel):
    kind = models.CharField(_("loại lớp"), max_length=30, choices=ClassKind.choices, db_index=True)
    name = models.CharField(_("tên lớp"), max_length=255)
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("cấp ủy mở lớp"), on_delete=models.PROTECT,
                                     related_name="training_classes")
    organizer_kind = models.CharField(_("đơn vị tổ chức"), max_length=30, choices=Organizer.choices)
    organizer_name = models.CharField(_("tên đơn vị tổ chức"), max_length=255)
    start_date = models.DateField(_("ngày khai giảng"))
    end_date = models.DateField(_("ngày bế giảng"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = TrainingClassQuerySet.as_manager()

    AUDIT_FIELDS = ["kind", "name", "organization", "organizer_kind", "organizer_name", "start_date", "end_date", "venue"]

    class Meta:
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["organization", "start_date"], name="tclass_org"),
                   models.Index(fields=["end_date"], name="tclass_end")]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="tclass_dates")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_awareness(self) -> bool:
        return self.kind == ClassKind.AWARENESS


class Enrolment(models.Model):
    """One learner of a class: a candidate (awareness class) or a member, never both."""

    training_class = models.ForeignKey(TrainingClass, verbose_name=_("lớp"), on_delete=models.PROTECT, related_name="enrolments")
    candidate = models.ForeignKey("admissions.Candidate", verbose_name=_("quần chúng ưu tú"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="enrolments")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="enrolments")
    full_name = models.CharField(_("họ và tên"), max_length=120)  # copied for lists and exports
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT,
                                     related_name="+")
    attended = models.BooleanField(_("tham gia đầy đủ"), null=True, blank=True)
    result = models.CharField(_("kết quả"), max_length=20, choices=Result.choices, default=Result.PENDING)
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=60, blank=True)
    certificate_date = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    certificate_issuer = models.CharField(_("nơi cấp"), max_length=255, blank=True)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    enrolled_at = models.DateTimeField(auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    AUDIT_FIELDS = ["training_class", "candidate", "member", "full_name", "organization", "attended", "result",
                    "certificate_number", "certificate_date", "certificate_issuer"]

    class Meta:
        verbose_name = _("học viên")
        verbose_name_plural = _("học viên")
        ordering = ["training_class", "full_name", "id"]
        indexes = [models.Index(fields=["certificate_date"], name="tenrol_cert")]
        constraints = [
            models.CheckConstraint(condition=(Q(candidate__isnull=True) & Q(member__isnull=False))
                                   | (Q(candidate__isnull=False) & Q(member__isnull=True)), name="tenrol_one_learner"),
            models.UniqueConstraint(fields=["training_class", "candidate"], condition=Q(candidate__isnull=False),
                                    name="tenrol_candidate_once"),
            models.UniqueConstraint(fields=["training_class", "member"], condition=Q(member__isnull=False),
                                    name="tenrol_member_once"),
            # A certificate only for a passed learner, with its date.
            models.CheckConstraint(condition=Q(certificate_date__isnull=True) | Q(result=Result.PASSED), name="tenrol_cert_passed"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.training_class_id})"
