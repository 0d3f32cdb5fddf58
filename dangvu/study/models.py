"""Resolution study (học tập, quán triệt, triển khai nghị quyết): the library of documents to study, the study
sessions an organization holds for its subtree with the attendance of every member expected on the day and the
make-up sessions for the absent, and the follow-up plans (kế hoạch, chương trình hành động).

A member's attendance row keeps the organization the member belonged to on the session's date (the register's
answer then), so that rates per organization and subtree are one GROUP BY. A make-up session is a session of its
own (`makeup_of`); the absent it covers point at it from their row (`made_up_in`): "studied" is present or made up.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.study.kinds import DocumentKind, PlanKind, PlanStatus, SessionForm, SessionStatus, StudyLevel
from dangvu.study.querysets import AttendanceQuerySet, PlanQuerySet, SessionQuerySet


class StudyDocument(VersionedModel):
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=40, unique=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=120)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=500)
    short_name = models.CharField(_("tên gọi ngắn"), max_length=200, blank=True,
                                  help_text=_("Như báo cáo thường viết: “Nghị quyết Trung ương 4 khóa XIII”."))
    level = models.CharField(_("đối tượng học tập"), max_length=20, choices=StudyLevel.choices, default=StudyLevel.ALL)
    search_key = models.CharField(max_length=600, editable=False, db_index=True)

    AUDIT_FIELDS = ["kind", "number", "issuer", "issued_on", "title", "short_name", "level"]

    class Meta:
        verbose_name = _("văn bản học tập, quán triệt")
        verbose_name_plural = _("văn bản học tập, quán triệt")
        ordering = ["-issued_on", "number"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}"

    @property
    def name(self) -> str:
        """How a report names it: the short name, else kind and number."""
        return self.short_name or str(self)


class StudySession(VersionedModel):
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng tổ chức"),
                                     on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày học tập"))
    form = models.CharField(_("hình thức"), max_length=20, choices=SessionForm.choices, default=SessionForm.IN_PERSON)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    documents = models.ManyToManyField(StudyDocument, verbose_name=_("văn bản học tập"), related_name="sessions")
    status = models.CharField(_("tình trạng"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    makeup_of = models.ForeignKey("self", verbose_name=_("học bù cho buổi"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="makeups")
    cadres_expected = models.PositiveIntegerField(_("cán bộ không phải đảng viên phải dự"), default=0)
    cadres_present = models.PositiveIntegerField(_("cán bộ không phải đảng viên có mặt"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    objects = SessionQuerySet.as_manager()

    AUDIT_FIELDS = ["organization", "date", "form", "place", "status", "makeup_of", "cadres_expected", "cadres_present"]

    class Meta:
        verbose_name = _("buổi học tập, quán triệt")
        verbose_name_plural = _("buổi học tập, quán triệt")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organization", "date"], name="study_session_org_date")]
        constraints = [models.CheckConstraint(condition=Q(cadres_present__lte=models.F("cadres_expected")),
                                              name="study_cadres_present_le_expected")]

    def __str__(self) -> str:
        what = _("Học bù") if self.makeup_of_id else _("Học tập, quán triệt")
        return f"{what} ngày {self.date:%d/%m/%Y} – {self.organization}"

    def lock_label(self) -> str:
        return f"Buổi học tập ngày {self.date:%d/%m/%Y} của {self.organization.name}"


class StudyAttendance(models.Model):
    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("nơi sinh hoạt"),
                                     on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(_("có mặt"))
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    made_up_in = models.ForeignKey(StudySession, verbose_name=_("đã học bù tại buổi"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="made_up")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tham dự học tập")
        verbose_name_plural = _("tham dự học tập")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="study_attendance_once"),
            models.CheckConstraint(condition=Q(present=False) | Q(made_up_in__isnull=True), name="study_makeup_only_absent"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'có mặt' if self.present else 'vắng'}"

    @property
    def studied(self) -> bool:
        return self.present or self.made_up_in_id is not None


class FollowUpPlan(VersionedModel):
    document = models.ForeignKey(StudyDocument, verbose_name=_("văn bản"), on_delete=models.PROTECT, related_name="plans")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng chịu trách nhiệm"),
                                     on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại"), max_length=20, choices=PlanKind.choices, default=PlanKind.PLAN)
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)
    title = models.CharField(_("tên kế hoạch, chương trình"), max_length=500)
    due_on = models.DateField(_("hạn ban hành, hoàn thành"))
    status = models.CharField(_("tình trạng"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFTING)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    AUDIT_FIELDS = ["document", "organization", "kind", "number", "title", "due_on", "status", "done_on"]

    class Meta:
        verbose_name = _("kế hoạch, chương trình hành động")
        verbose_name_plural = _("kế hoạch, chương trình hành động")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(condition=~Q(status="done") | Q(done_on__isnull=False), name="study_plan_done_on")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"
