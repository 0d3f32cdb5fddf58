"""Introduction letters (giấy giới thiệu sinh hoạt đảng) and exemptions.

A letter is the two-sided handshake of a transfer: the sending side issues it (the member is "in
transit" while it is open), the receiving side confirms that the member presented it, and only
then is the member moved, by a dated membership event (dangvu.members.services.record_event).
The letter keeps the events it produced, so the member's history and the letter agree.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.transfers.kinds import ExemptionReason, LetterStatus, Purpose, TransferKind
from dangvu.transfers.querysets import LetterQuerySet


class TransferLetter(VersionedModel):
    kind = models.CharField(_("loại giấy giới thiệu"), max_length=20, choices=TransferKind.choices)
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="transfer_letters")
    from_organization = models.ForeignKey("organizations.Organization", verbose_name=_("nơi đi (chi bộ)"),
                                          on_delete=models.PROTECT, related_name="+")
    destination = models.ForeignKey("organizations.Organization", verbose_name=_("nơi đến"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    destination_text = models.CharField(_("nơi đến (ngoài hệ thống)"), max_length=255, blank=True)
    basis = models.CharField(_("căn cứ chuyển sinh hoạt"), max_length=255, blank=True)
    basis_date = models.DateField(_("ngày của quyết định căn cứ"), null=True, blank=True)
    late_issue_reason = models.TextField(_("lý do làm thủ tục chậm"), blank=True)
    number = models.CharField(_("số giấy giới thiệu"), max_length=60)
    issue_date = models.DateField(_("ngày cấp"))
    issued_by = models.ForeignKey("organizations.Organization", verbose_name=_("cấp ủy giới thiệu"),
                                  on_delete=models.PROTECT, related_name="+")
    presentation_deadline = models.DateField(_("hạn xuất trình"), null=True, blank=True)
    deadline_in_working_days = models.BooleanField(_("hạn tính theo ngày làm việc"), default=True)
    purpose = models.CharField(_("mục đích sinh hoạt tạm thời"), max_length=10, choices=Purpose.choices, blank=True)
    period_start = models.DateField(_("sinh hoạt tạm thời từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    self_review = models.BooleanField(_("đã có bản tự kiểm điểm năm trước"), default=False)
    self_review_date = models.DateField(_("ngày cấp ủy cơ sở nhận xét bản tự kiểm điểm"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=LetterStatus.choices, db_index=True)
    # Issued and awaiting receipt, or a temporary transfer that has not ended: at most one per member.
    is_open = models.BooleanField(_("đang hiệu lực"), default=True)
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    receiving_cell = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ tiếp nhận"), null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    received_by_label = models.CharField(_("người xác nhận tiếp nhận"), max_length=200, blank=True)
    late_reason = models.TextField(_("lý do xuất trình chậm"), blank=True)
    closed_on = models.DateField(_("ngày trả lại, hủy hoặc trở về"), null=True, blank=True)
    close_reason = models.TextField(_("lý do"), blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    closed_by_label = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    out_event = models.ForeignKey("members.MembershipEvent", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    receipt_event = models.ForeignKey("members.MembershipEvent", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    return_event = models.ForeignKey("members.MembershipEvent", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by_label = models.CharField(_("người cấp"), max_length=200, blank=True)

    objects = LetterQuerySet.as_manager()

    AUDIT_FIELDS = ["kind", "member", "from_organization", "destination", "destination_text", "basis", "basis_date",
                    "late_issue_reason", "number", "issue_date", "issued_by", "presentation_deadline", "purpose",
                    "period_start", "period_end", "self_review", "self_review_date", "signer_name", "signer_title",
                    "status", "received_on", "receiving_cell", "late_reason", "closed_on", "close_reason"]

    class Meta:
        verbose_name = _("giấy giới thiệu sinh hoạt đảng")
        verbose_name_plural = _("giấy giới thiệu sinh hoạt đảng")
        ordering = ["-issue_date", "-id"]
        indexes = [
            models.Index(fields=["status", "presentation_deadline"], name="letter_status_deadline"),
            models.Index(fields=["destination", "status"], name="letter_destination"),
            models.Index(fields=["from_organization", "issue_date"], name="letter_from"),
            models.Index(fields=["member", "issue_date"], name="letter_member"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(is_open=True), name="letter_one_open_per_member"),
            models.CheckConstraint(condition=Q(destination__isnull=False) | ~Q(destination_text=""),
                                   name="letter_has_destination"),
            models.CheckConstraint(condition=Q(period_end__isnull=True) | Q(period_start__isnull=True)
                                   | Q(period_end__gt=models.F("period_start")), name="letter_period_positive"),
            models.CheckConstraint(condition=~Q(status__in=["returned", "cancelled"]) | ~Q(close_reason=""),
                                   name="letter_closed_with_reason"),
        ]

    def __str__(self) -> str:
        return f"Giấy giới thiệu số {self.number} ({self.issue_date:%d/%m/%Y}) – {self.member}"

    def lock_label(self) -> str:
        return f"Giấy giới thiệu số {self.number}"

    @property
    def destination_label(self) -> str:
        return self.destination.name if self.destination_id else self.destination_text

    @property
    def awaiting_receipt(self) -> bool:
        return self.status == LetterStatus.ISSUED

    def overdue_on(self, on) -> bool:
        return self.awaiting_receipt and self.presentation_deadline is not None and on > self.presentation_deadline


class Exemption(VersionedModel):
    """An exemption from work and meetings (miễn công tác và sinh hoạt đảng) decided by the cell (M5),
    with the ground (M7); its start and end are membership events (EXEMPTED, EXEMPTION_ENDED)."""

    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="exemptions")
    reason = models.CharField(_("lý do miễn"), max_length=20, choices=ExemptionReason.choices)
    started_on = models.DateField(_("miễn từ ngày"))
    decision_number = models.CharField(_("số quyết định của chi bộ"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"))
    note = models.TextField(_("ghi chú"), blank=True)
    start_event = models.ForeignKey("members.MembershipEvent", on_delete=models.PROTECT, related_name="+")
    ended_on = models.DateField(_("thôi miễn từ ngày"), null=True, blank=True)
    end_decision_number = models.CharField(_("số quyết định thôi miễn"), max_length=60, blank=True)
    end_decision_date = models.DateField(_("ngày quyết định thôi miễn"), null=True, blank=True)
    end_note = models.TextField(_("ghi chú khi thôi miễn"), blank=True)
    end_event = models.ForeignKey("members.MembershipEvent", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        verbose_name = _("miễn công tác và sinh hoạt đảng")
        verbose_name_plural = _("miễn công tác và sinh hoạt đảng")
        ordering = ["member", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(ended_on__isnull=True), name="exemption_one_open"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                                   name="exemption_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_reason_display()} từ {self.started_on:%d/%m/%Y}"

    def audit_key(self) -> tuple[str, str]:
        return "members.member", str(self.member_id)  # its start and end are events of the member's record
