"""Party badges awarded (Huy hiệu Đảng) and party cards issued (thẻ đảng viên).

Nothing here is edited in place or deleted by users: an award or a card issue is a decision
recorded once, with its number and date, and audited on the member's record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.awards import rules
from dangvu.awards.querysets import BadgeAwardQuerySet, PartyCardQuerySet
from dangvu.core.choices import TranslatedTextChoices
from dangvu.core.models import VersionedModel


class AwardKind(TranslatedTextChoices):
    REGULAR = rules.AwardKind.REGULAR, _("Tặng khi đủ tuổi đảng")
    EARLY_ILLNESS = rules.AwardKind.EARLY_ILLNESS, _("Tặng sớm do bệnh nặng")
    POSTHUMOUS = rules.AwardKind.POSTHUMOUS, _("Truy tặng")


class CardKind(TranslatedTextChoices):
    ISSUE = rules.CardKind.ISSUE, _("Cấp thẻ lần đầu")
    REISSUE_LOST = rules.CardKind.REISSUE_LOST, _("Cấp lại thẻ bị mất")
    REPLACE_DAMAGED = rules.CardKind.REPLACE_DAMAGED, _("Đổi thẻ bị hỏng")
    EXCHANGE = rules.CardKind.EXCHANGE, _("Đổi thẻ theo đợt")


MILESTONE_CHOICES = [(m, f"{m} năm") for m in rules.MILESTONES]


class BadgeAward(VersionedModel):
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="badge_awards")
    milestone = models.PositiveSmallIntegerField(_("mốc huy hiệu (năm tuổi đảng)"), choices=MILESTONE_CHOICES)
    kind = models.CharField(_("hình thức"), max_length=20, choices=AwardKind.choices, default=AwardKind.REGULAR)
    presentation_on = models.DateField(_("ngày trao tặng"))
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    deciding_body = models.CharField(_("cơ quan quyết định"), max_length=200, blank=True)
    badge_number = models.CharField(_("số huy hiệu"), max_length=30, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Where the member was when the award was recorded (lists by organization, history kept).
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ["milestone", "kind", "presentation_on", "decision_number", "decision_date", "deciding_body", "badge_number",
                    "note"]

    objects = BadgeAwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("Huy hiệu Đảng đã tặng")
        verbose_name_plural = _("Huy hiệu Đảng đã tặng")
        ordering = ["-presentation_on", "member_id", "milestone"]
        constraints = [
            models.UniqueConstraint(fields=["member", "milestone"], name="badge_one_per_milestone"),
            models.CheckConstraint(condition=Q(milestone__in=list(rules.MILESTONES)), name="badge_milestone_valid"),
        ]
        indexes = [models.Index(fields=["presentation_on"], name="badge_presentation")]

    def __str__(self) -> str:
        return f"{rules.milestone_label(self.milestone)}: {self.member}"

    def audit_key(self) -> tuple[str, str]:
        return "members.member", str(self.member_id)  # audited as a change of the member's record


class CardExchangeCampaign(models.Model):
    """A bulk exchange of party cards (e.g. CT 51-CT/TW, 8/8/2025) for one organization's members."""

    NUMBERING_CITIZEN_ID = "citizen_id"
    NUMBERING_SEQUENCE = "sequence"
    NUMBERING_CHOICES = [(NUMBERING_CITIZEN_ID, _("Số thẻ mới là số định danh cá nhân (CCCD, 12 số)")),
                         (NUMBERING_SEQUENCE, _("Cấp số liên tiếp từ một số bắt đầu"))]

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"), on_delete=models.PROTECT,
                                     related_name="+")
    name = models.CharField(_("tên đợt"), max_length=200)
    directive = models.CharField(_("căn cứ"), max_length=200, default="Chỉ thị 51-CT/TW ngày 8/8/2025 của Ban Bí thư")
    directive_date = models.DateField(_("ngày của văn bản căn cứ"))
    issued_on = models.DateField(_("ngày cấp thẻ mới"))
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    numbering = models.CharField(_("cách đánh số"), max_length=20, choices=NUMBERING_CHOICES)
    start_number = models.CharField(_("số bắt đầu"), max_length=12, blank=True)
    card_count = models.PositiveIntegerField(_("số thẻ đã đổi"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("đợt đổi thẻ đảng viên")
        verbose_name_plural = _("đợt đổi thẻ đảng viên")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.name


class CardNumber(models.Model):
    """Every card number ever given, and to whom: a number belongs to one member for ever
    (a lost card reissued under the same number stays with the same member)."""

    number = models.CharField(_("số thẻ"), max_length=12, unique=True)
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("số thẻ đảng viên đã cấp")
        verbose_name_plural = _("số thẻ đảng viên đã cấp")

    def __str__(self) -> str:
        return self.number


class PartyCard(models.Model):
    """One card issue (first issue, reissue for loss, replacement, exchange)."""

    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="party_cards")
    number = models.CharField(_("số thẻ"), max_length=12, db_index=True)
    kind = models.CharField(_("loại cấp thẻ"), max_length=20, choices=CardKind.choices)
    issued_on = models.DateField(_("ngày cấp thẻ"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    previous_number = models.CharField(_("số thẻ trước đó"), max_length=12, blank=True)
    campaign = models.ForeignKey(CardExchangeCampaign, verbose_name=_("đợt đổi thẻ"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cards")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức đảng"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ["number", "kind", "issued_on", "decision_number", "decision_date", "reason", "previous_number"]

    objects = PartyCardQuerySet.as_manager()

    class Meta:
        verbose_name = _("thẻ đảng viên đã cấp")
        verbose_name_plural = _("thẻ đảng viên đã cấp")
        ordering = ["member_id", "issued_on", "id"]
        indexes = [models.Index(fields=["member", "issued_on"], name="pcard_member")]
        constraints = [
            models.CheckConstraint(condition=~Q(kind__in=[CardKind.REISSUE_LOST, CardKind.REPLACE_DAMAGED]) | ~Q(reason=""),
                                   name="pcard_reason_required"),
            # Its natural key: a retried or double-clicked issue writes one row (a second one is refused).
            models.UniqueConstraint(fields=["member", "number", "kind", "issued_on"], name="pcard_issued_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.get_kind_display()})"
