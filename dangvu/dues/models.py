"""Party dues (đảng phí): each member's declared basis with its dated history, and the payments.

- `DuesBasis`: what a member's dues are computed from, from a month on (category, income, zone,
  reduction or exemption on application and until when). The basis of a month is the latest one
  declared from that month or before; a new declaration never overwrites an older one.
- `DuesPayment`: one member's dues for one month (the amount, any voluntary extra, the day paid, in
  cash to the cell or on the National Public Service Portal, the receipt number). A payment
  recorded by mistake is voided with a reason, never deleted; at most one standing payment per
  member and month.

Both are audited on the member's record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.choices import TranslatedTextChoices
from dangvu.core.models import VersionedModel
from dangvu.dues import rules
from dangvu.dues.querysets import DuesBasisQuerySet, DuesPaymentQuerySet


class Category(TranslatedTextChoices):
    INSURED = rules.Category.INSURED, _("Tham gia BHXH bắt buộc (theo tiền lương đóng BHXH)")
    BENEFIT = rules.Category.BENEFIT, _("Nghỉ ốm, thai sản hưởng trợ cấp BHXH (theo trợ cấp)")
    PENSION = rules.Category.PENSION, _("Hưởng lương hưu (theo lương hưu)")
    STUDENT = rules.Category.STUDENT, _("Học sinh, sinh viên")
    UNINSURED = rules.Category.UNINSURED, _("Không tham gia BHXH, chưa đến tuổi nghỉ hưu")
    UNINSURED_RETIRED = rules.Category.UNINSURED_RETIRED, _("Không tham gia BHXH, đã đến tuổi nghỉ hưu, không có lương hưu")
    SOCIAL_PENSION = rules.Category.SOCIAL_PENSION, _("Hưởng trợ cấp hưu trí xã hội (miễn)")
    HARDSHIP_EXEMPT = rules.Category.HARDSHIP_EXEMPT, _("Miễn theo đơn (hộ nghèo, cận nghèo, bệnh hiểm nghèo)")


class Channel(TranslatedTextChoices):
    CASH = "cash", _("Tiền mặt tại chi bộ")
    PORTAL = "portal", _("Cổng Dịch vụ công quốc gia")


ZONE_CHOICES = [(z, f"Vùng {rules.ZONE_NAMES[z]}") for z in rules.ZONES]


class DuesBasis(VersionedModel):
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="dues_bases")
    valid_from = models.DateField(_("áp dụng từ tháng"))
    category = models.CharField(_("đối tượng đóng đảng phí"), max_length=30, choices=Category.choices)
    income = models.DecimalField(_("thu nhập làm căn cứ (đồng/tháng)"), max_digits=14, decimal_places=0, null=True,
                                 blank=True)
    zone = models.PositiveSmallIntegerField(_("vùng lương tối thiểu"), choices=ZONE_CHOICES, null=True, blank=True)
    reduction_percent = models.PositiveSmallIntegerField(_("mức giảm (%)"), default=0)
    relief_until = models.DateField(_("miễn, giảm đến tháng"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    reported_by_member = models.BooleanField(_("đảng viên tự kê khai"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)

    AUDIT_FIELDS = ["valid_from", "category", "income", "zone", "reduction_percent", "relief_until", "note",
                    "reported_by_member"]

    objects = DuesBasisQuerySet.as_manager()

    class Meta:
        verbose_name = _("căn cứ đóng đảng phí")
        verbose_name_plural = _("căn cứ đóng đảng phí")
        ordering = ["member_id", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "valid_from"], name="dues_basis_one_per_month"),
            models.CheckConstraint(condition=Q(income__isnull=True) | Q(income__gte=0), name="dues_basis_income_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} từ {self.valid_from:%m/%Y}"

    def audit_key(self) -> tuple[str, str]:
        return "members.member", str(self.member_id)

    def facts(self) -> rules.Basis:
        return rules.Basis(category=self.category, valid_from=self.valid_from, income=self.income, zone=self.zone,
                           reduction_percent=self.reduction_percent, relief_until=self.relief_until)


class DuesPayment(VersionedModel):
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="dues_payments")
    month = models.DateField(_("tháng"))
    # The cell that collected it (the member's cell in that month), for the cell's book and the roll-ups.
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("chi bộ thu"), on_delete=models.PROTECT,
                                     related_name="+")
    expected = models.DecimalField(_("mức phải đóng"), max_digits=14, decimal_places=0)
    amount = models.DecimalField(_("số tiền đóng"), max_digits=14, decimal_places=0)
    extra = models.DecimalField(_("đóng thêm tự nguyện"), max_digits=14, decimal_places=0, default=0)
    paid_on = models.DateField(_("ngày đóng"))
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices, default=Channel.CASH)
    receipt_number = models.CharField(_("số biên lai"), max_length=40, blank=True)
    voided_at = models.DateTimeField(_("thời điểm hủy"), null=True, blank=True)
    void_reason = models.CharField(_("lý do hủy"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)

    AUDIT_FIELDS = ["month", "expected", "amount", "extra", "paid_on", "channel", "receipt_number", "void_reason"]

    objects = DuesPaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản đảng phí đã đóng")
        verbose_name_plural = _("khoản đảng phí đã đóng")
        ordering = ["member_id", "month", "id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], condition=Q(voided_at__isnull=True),
                                    name="dues_payment_one_per_month"),
            models.CheckConstraint(condition=Q(amount__gte=0) & Q(extra__gte=0) & Q(expected__gte=0),
                                   name="dues_payment_not_negative"),
        ]
        indexes = [
            models.Index(fields=["organization", "month"], name="dues_payment_org_month"),
            models.Index(fields=["month"], name="dues_payment_month"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%m/%Y}: {self.amount}"

    def audit_key(self) -> tuple[str, str]:
        return "members.member", str(self.member_id)

    @property
    def timing(self) -> str:
        return rules.timing(self.month, self.paid_on)

    @property
    def timing_label(self) -> str:
        return {"advance": "Đóng trước", "late": "Đóng muộn"}.get(self.timing, "")

    @property
    def total(self):
        return self.amount + self.extra


class DuesExcuse(VersionedModel):
    """A month a member did not pay for a valid reason, as the cell judged it (D12 counts only months
    unpaid *without* valid reason): the month stays owed (an arrear) but is not a striking-off month."""

    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="dues_excuses")
    month = models.DateField(_("tháng"))
    reason = models.CharField(_("lý do chính đáng"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)

    AUDIT_FIELDS = ["month", "reason"]

    objects = DuesPaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tháng chưa đóng đảng phí có lý do chính đáng")
        verbose_name_plural = _("tháng chưa đóng đảng phí có lý do chính đáng")
        ordering = ["member_id", "month"]
        constraints = [models.UniqueConstraint(fields=["member", "month"], name="dues_excuse_one_per_month")]

    def __str__(self) -> str:
        return f"{self.member_id} {self.month:%m/%Y}: {self.reason}"

    def audit_key(self) -> tuple[str, str]:
        return "members.member", str(self.member_id)
