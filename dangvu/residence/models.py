"""Residence contact (QĐ 213-QĐ/TW; HD 33-HD/BTCTW): the introduction of a working member to the
commune or ward where they live, the residence cell's meetings for working members and its annual
comment on each of them.

A contact is the two-sided handshake of H3: the workplace grassroots committee introduces the
member (a letter, "awaiting"); the commune or ward committee receives it and assigns the member
to a residential cell ("assigned"); the residence cell then records its meetings (H4) with the
member's attendance and its comment each year (H1), which the workplace reads before the annual
review. A contact ends (moved, changed job, retired into the residence cell…) and stays in
history. A member exempt from being introduced (H6) has a contact row "exempt", so that the
workplace list can tell "exempt" from "not introduced yet".
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.residence.kinds import (
    AttendanceMark,
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
    MeetingType,
)
from dangvu.residence.querysets import ContactQuerySet, MeetingQuerySet


def _org(verbose_name, null=False):
    return models.ForeignKey("organizations.Organization", verbose_name=verbose_name, null=null, blank=null,
                             on_delete=models.PROTECT, related_name="+")


def _user():
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")


class ResidenceContact(VersionedModel):
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="residence_contacts")
    contact_status = models.CharField(_("tình trạng"), max_length=20, choices=ContactStatus.choices, db_index=True)
    # Introduced or exempt, and not ended: at most one per member.
    is_open = models.BooleanField(_("đang hiệu lực"), default=True)
    workplace_cell = _org(_("chi bộ nơi công tác"))
    introduced_by = _org(_("cấp ủy cơ sở nơi công tác"))
    letter_number = models.CharField(_("số giấy giới thiệu"), max_length=60, blank=True)
    letter_date = models.DateField(_("ngày giới thiệu"))
    residence_address = models.CharField(_("địa chỉ nơi cư trú"), max_length=255, blank=True)
    receiving_organization = _org(_("đảng ủy xã, phường nơi cư trú"), null=True)
    receiving_text = models.CharField(_("nơi cư trú (ngoài hệ thống)"), max_length=255, blank=True)
    meeting_exemption = models.CharField(_("diện không sinh hoạt định kỳ ở nơi cư trú"), max_length=20,
                                         choices=MeetingExemption.choices, blank=True)
    introduction_exemption = models.CharField(_("diện không giới thiệu"), max_length=20,
                                              choices=IntroductionExemption.choices, blank=True)
    exemption_note = models.TextField(_("ghi chú về diện miễn"), blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    received_by = _user()
    received_by_label = models.CharField(_("người tiếp nhận"), max_length=200, blank=True)
    residence_cell = _org(_("chi bộ nơi cư trú"), null=True)
    assigned_on = models.DateField(_("ngày phân công về chi bộ"), null=True, blank=True)
    assigned_by_label = models.CharField(_("người phân công"), max_length=200, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    contact_end_reason = models.CharField(_("lý do kết thúc"), max_length=20, choices=ContactEndReason.choices, blank=True)
    end_note = models.TextField(_("ghi chú khi kết thúc"), blank=True)
    ended_by_label = models.CharField(_("người ghi kết thúc"), max_length=200, blank=True)
    created_by = _user()
    created_by_label = models.CharField(_("người giới thiệu"), max_length=200, blank=True)

    objects = ContactQuerySet.as_manager()

    AUDIT_FIELDS = ["member", "contact_status", "workplace_cell", "introduced_by", "letter_number", "letter_date",
                    "residence_address", "receiving_organization", "receiving_text", "meeting_exemption",
                    "introduction_exemption", "exemption_note", "signer_name", "signer_title", "received_on",
                    "residence_cell", "assigned_on", "ended_on", "contact_end_reason", "end_note"]

    class Meta:
        verbose_name = _("giữ mối liên hệ với nơi cư trú")
        verbose_name_plural = _("giữ mối liên hệ với nơi cư trú")
        ordering = ["-letter_date", "-id"]
        indexes = [
            models.Index(fields=["receiving_organization", "contact_status"], name="rescontact_receiving"),
            models.Index(fields=["residence_cell", "contact_status"], name="rescontact_cell"),
            models.Index(fields=["workplace_cell", "contact_status"], name="rescontact_workplace"),
            models.Index(fields=["member", "letter_date"], name="rescontact_member"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(is_open=True), name="rescontact_one_open_per_member"),
            models.CheckConstraint(condition=~Q(introduction_exemption="") | Q(receiving_organization__isnull=False)
                                   | ~Q(receiving_text=""), name="rescontact_has_residence"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("letter_date")),
                                   name="rescontact_end_after_start"),
        ]

    def __str__(self) -> str:
        if self.contact_status == ContactStatus.EXEMPT or (not self.is_open and not self.letter_number):
            return f"{self.member} – không thuộc diện giới thiệu về nơi cư trú"
        return f"{self.member} – giới thiệu về nơi cư trú số {self.letter_number} ({self.letter_date:%d/%m/%Y})"

    def lock_label(self) -> str:
        return f"Giới thiệu về nơi cư trú của {self.member.full_name}"

    @property
    def receiving_label(self) -> str:
        return self.receiving_organization.name if self.receiving_organization_id else self.receiving_text

    @property
    def start_on(self):
        """Since when the residence answers for the member: the assignment to a cell (in the system),
        the letter (outside the system)."""
        if self.receiving_organization_id is None:
            return self.letter_date
        return self.assigned_on


class ResidenceComment(models.Model):
    """The residence cell committee's comment on a working member (phiếu nhận xét), H1."""

    contact = models.ForeignKey(ResidenceContact, verbose_name=_("giữ mối liên hệ"), on_delete=models.PROTECT,
                                related_name="comments")
    year = models.PositiveSmallIntegerField(_("năm"))
    comment_occasion = models.CharField(_("loại nhận xét"), max_length=20, choices=CommentOccasion.choices)
    purpose = models.CharField(_("mục đích nhận xét"), max_length=255, blank=True)
    text = models.TextField(_("nội dung nhận xét"))
    comment_assessment = models.CharField(_("kết luận"), max_length=20, choices=CommentAssessment.choices)
    commented_on = models.DateField(_("ngày nhận xét"))
    due_date = models.DateField(_("hạn gửi nhận xét"), null=True, blank=True)
    residence_cell = _org(_("chi bộ nơi cư trú"), null=True)
    written_by_text = models.CharField(_("chi bộ nhận xét (ngoài hệ thống)"), max_length=255, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    created_by = _user()
    created_by_label = models.CharField(_("người ghi"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ["contact", "year", "comment_occasion", "purpose", "text", "comment_assessment", "commented_on",
                    "due_date", "residence_cell", "written_by_text", "signer_name", "signer_title"]

    class Meta:
        verbose_name = _("nhận xét của chi bộ nơi cư trú")
        verbose_name_plural = _("nhận xét của chi bộ nơi cư trú")
        ordering = ["-year", "-commented_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "year"], condition=Q(comment_occasion="annual"),
                                    name="rescomment_one_annual_per_year"),
        ]

    def __str__(self) -> str:
        return f"Nhận xét năm {self.year} – {self.contact.member}"

    @property
    def late(self) -> bool:
        return self.due_date is not None and self.commented_on > self.due_date

    @property
    def writer_label(self) -> str:
        return self.residence_cell.name if self.residence_cell_id else self.written_by_text


class ResidenceMeeting(models.Model):
    """A meeting of a residence cell for the working members living in its area (H4)."""

    cell = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ nơi cư trú"), on_delete=models.PROTECT,
                             related_name="+")
    held_on = models.DateField(_("ngày sinh hoạt"))
    meeting_type = models.CharField(_("hình thức"), max_length=20, choices=MeetingType.choices)
    content = models.TextField(_("nội dung"))
    created_by = _user()
    created_by_label = models.CharField(_("người ghi"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    AUDIT_FIELDS = ["cell", "held_on", "meeting_type", "content"]

    class Meta:
        verbose_name = _("sinh hoạt với đảng viên đang công tác")
        verbose_name_plural = _("sinh hoạt với đảng viên đang công tác")
        ordering = ["-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["cell", "held_on"], name="resmeeting_one_per_cell_day")]

    def __str__(self) -> str:
        return f"Sinh hoạt ngày {self.held_on:%d/%m/%Y} – {self.cell}"


class ResidenceAttendance(models.Model):
    meeting = models.ForeignKey(ResidenceMeeting, on_delete=models.CASCADE, related_name="attendance")
    contact = models.ForeignKey(ResidenceContact, on_delete=models.PROTECT, related_name="attendance")
    mark = models.CharField(_("tham dự"), max_length=20, choices=AttendanceMark.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "contact"], name="resattendance_once"),
            models.CheckConstraint(condition=~Q(mark="excused") | ~Q(reason=""), name="resattendance_excused_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.contact.member}: {self.get_mark_display()}"
