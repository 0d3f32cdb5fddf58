"""Cell meetings (sinh hoạt chi bộ): the plan, the meeting, its attendance, minutes, the monthly
resolution in its four parts (G4) with its vote, and the tasks the resolution assigns.

A meeting goes planned → held (date not in the future, attendance of every member expected on the
day) → complete (minutes and resolution written). Attendance and tasks are rows of the meeting:
their changes are audited on the meeting's entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.meetings.kinds import Mark, MeetingKind, MeetingStatus, QualityGrade
from dangvu.meetings.querysets import AttendanceQuerySet, GroupMembershipQuerySet, MeetingQuerySet, TaskQuerySet


def _member(verbose_name, related_name="+"):
    return models.ForeignKey("members.Member", verbose_name=verbose_name, null=True, blank=True, on_delete=models.PROTECT,
                             related_name=related_name)


class Meeting(VersionedModel):
    cell = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("loại sinh hoạt"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    status = models.CharField(_("tình trạng"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED,
                              db_index=True)
    date = models.DateField(_("ngày sinh hoạt"))
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    ends_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    # G6: a regular meeting held by one party group of the cell instead of the whole cell.
    party_group = models.ForeignKey("organizations.Organization", verbose_name=_("sinh hoạt theo tổ đảng"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    topic = models.CharField(_("chủ đề chuyên đề"), max_length=255, blank=True)
    agenda = models.TextField(_("nội dung, chương trình"), blank=True)
    documents = models.TextField(_("tài liệu (ghi chú)"), blank=True)  # the files: MeetingDocument
    materials_sent_on = models.DateField(_("ngày gửi tài liệu cho đảng viên"), null=True, blank=True)
    # G3: the notice and documents sent to the member of the superior committee following the cell.
    superior_notified_on = models.DateField(_("ngày gửi thông báo cho cấp ủy viên cấp trên phụ trách"), null=True,
                                            blank=True)
    chair = _member(_("chủ trì"))
    minute_taker = _member(_("thư ký"))
    minutes = models.TextField(_("biên bản"), blank=True)
    # The monthly resolution (G4): I. results of the past month; II. tasks for the next month;
    # III. assignment and implementation; IV. self-assessment of the meeting's quality.
    results = models.TextField(_("I. Kết quả thực hiện tháng trước"), blank=True)
    next_tasks = models.TextField(_("II. Nhiệm vụ tháng tới"), blank=True)
    assignment = models.TextField(_("III. Phân công tổ chức thực hiện"), blank=True)
    self_assessment = models.TextField(_("IV. Tự đánh giá chất lượng buổi sinh hoạt"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số tán thành"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("số không tán thành"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("số không biểu quyết"), null=True, blank=True)
    vote_base = models.PositiveSmallIntegerField(_("số đảng viên được tính biểu quyết"), null=True, blank=True)
    # Held for less than G2's minimum (the regime of its date), set when the times are recorded: counted by the figures.
    short = models.BooleanField(_("ngắn hơn thời lượng tối thiểu"), default=False)
    # G7: the self-assessment on the province's scoring sheet in force on the meeting's date (criterion → points).
    quality_scores = models.JSONField(_("điểm từng tiêu chí"), default=dict, blank=True)
    quality_score = models.PositiveSmallIntegerField(_("điểm chất lượng buổi sinh hoạt"), null=True, blank=True)
    quality_grade = models.CharField(_("xếp loại chất lượng buổi sinh hoạt"), max_length=20, choices=QualityGrade.choices,
                                     blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)

    objects = MeetingQuerySet.as_manager()

    AUDIT_FIELDS = ["cell", "kind", "status", "date", "starts_at", "ends_at", "place", "topic", "agenda", "documents",
                    "materials_sent_on", "chair", "minute_taker", "minutes", "results", "next_tasks", "assignment",
                    "self_assessment", "votes_for", "votes_against", "votes_abstain", "vote_base", "short", "party_group",
                    "quality_scores", "quality_score", "quality_grade", "superior_notified_on"]

    class Meta:
        verbose_name = _("buổi sinh hoạt chi bộ")
        verbose_name_plural = _("buổi sinh hoạt chi bộ")
        ordering = ["date", "starts_at", "id"]
        indexes = [models.Index(fields=["cell", "date"], name="meeting_cell_date")]
        constraints = [
            models.UniqueConstraint(fields=["cell", "date", "kind"], condition=Q(party_group__isnull=True),
                                    name="meeting_one_kind_per_cell_day"),
            models.UniqueConstraint(fields=["cell", "date", "kind", "party_group"], condition=Q(party_group__isnull=False),
                                    name="meeting_one_per_group_day"),
            models.CheckConstraint(condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True)
                                   | Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ngày {self.date:%d/%m/%Y} – {self.cell}"

    def lock_label(self) -> str:
        return f"Buổi sinh hoạt ngày {self.date:%d/%m/%Y} của {self.cell.name}"

    @property
    def duration_minutes(self) -> int | None:
        if self.starts_at is None or self.ends_at is None:
            return None
        return (self.ends_at.hour * 60 + self.ends_at.minute) - (self.starts_at.hour * 60 + self.starts_at.minute)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    mark = models.CharField(_("tham dự"), max_length=20, choices=Mark.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    hosted = models.BooleanField(_("sinh hoạt tạm thời tại chi bộ"), default=False)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        ordering = ["meeting", "id"]
        indexes = [models.Index(fields=["member", "mark"], name="attendance_member_mark")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
            models.CheckConstraint(condition=~Q(mark="excused") | ~Q(reason=""), name="attendance_excused_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_mark_display()}"


class Task(models.Model):
    """A task assigned by a meeting's resolution (part III), reviewed at the next meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="tasks")
    description = models.TextField(_("nhiệm vụ"))
    owner = _member(_("người thực hiện"))
    owner_label = models.CharField(_("người thực hiện (ghi tên)"), max_length=200, blank=True)
    due_on = models.DateField(_("hạn hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ theo nghị quyết")
        verbose_name_plural = _("nhiệm vụ theo nghị quyết")
        ordering = ["due_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(owner__isnull=False) | ~Q(owner_label=""), name="task_has_owner")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def owner_name(self) -> str:
        return self.owner.full_name if self.owner_id else self.owner_label


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Nội dung, chương trình")
    DRAFT_RESOLUTION = "draft_resolution", _("Dự thảo nghị quyết")
    OTHER = "other", _("Tài liệu khác")


class MeetingDocument(models.Model):
    """A paper of a meeting uploaded as a file (stored under MEDIA_ROOT/meetings/), read through the scoped, audited
    download view (meetings.views.document, the API's documents/{id}/)."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("buổi sinh hoạt"), on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="meetings/%Y/%m/", max_length=300)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("tài liệu buổi sinh hoạt")
        verbose_name_plural = _("tài liệu buổi sinh hoạt")
        ordering = ["meeting", "kind", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class GroupMembership(models.Model):
    """A member of a cell in one of its party groups (tổ đảng), dated: from `joined_on` to `left_on` (the last day in
    the group; empty while in it). One group at a time in a cell. A meeting by party group (G6) expects exactly the
    members of its group on its date, once the cell has recorded its groups' members (rows valid on that date)."""

    cell = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ"), on_delete=models.PROTECT,
                             related_name="+")
    group = models.ForeignKey("organizations.Organization", verbose_name=_("tổ đảng"), on_delete=models.PROTECT,
                              related_name="+")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT, related_name="+")
    joined_on = models.DateField(_("ngày vào tổ"))
    left_on = models.DateField(_("ngày rời tổ"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    AUDIT_FIELDS = ["cell", "group", "member", "joined_on", "left_on"]

    class Meta:
        verbose_name = _("đảng viên của tổ đảng")
        verbose_name_plural = _("đảng viên của tổ đảng")
        ordering = ["cell", "group", "joined_on", "id"]
        indexes = [models.Index(fields=["cell", "joined_on"], name="groupmember_cell_joined")]
        constraints = [
            models.UniqueConstraint(fields=["cell", "member"], condition=Q(left_on__isnull=True), name="groupmember_one_open"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                                   name="groupmember_left_after_joined"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.group}"
