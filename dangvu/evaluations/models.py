"""The annual review (kiểm điểm, đánh giá, xếp loại chất lượng, domain-rules §8).

- `Campaign`: one review of an organization's subtree for a year, under the regime in force on its
  reference date (QĐ 132, QĐ 124, QĐ 366 with the 100-point scale), with the excellent quota's
  percentage and base recorded when it opens (C7, C8) and its deadlines per level.
- `MemberReview`: one member in one campaign: the self-assessment (the member), the cell's comment,
  vote, score and proposal (the secretary), the committee's decision. Exempted and suspended members
  have a review marked excluded and are never graded (C12).
- `OrganizationReview`: one organization (cell, grassroots organization, committee) in one campaign:
  its self-assessment (Form 01), the proposal, the decision of the direct superior (C10).
- `Disqualification`: an entered disqualifying condition (C6) that caps a grade at "not completed";
  `discipline_id` is the hook for the discipline register once it exists.
- `QuotaGroup`: a group of similar function defined by the campaign (C7): the excellent quota is
  checked within it too (its organizations' members; the organizations themselves).
- `Commendation`: a certificate of merit or higher award (khen thưởng) for a collective or an individual,
  based on a year's result; cancelled (never deleted) with that result on a retroactive re-grading (C11).
- `GradeEvent`: every step of a result, append-only: a cancelled or retroactive re-grading (C10, C11)
  adds an event and keeps the earlier ones; the review's `grade` is the latest result.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel
from dangvu.evaluations import rules
from dangvu.evaluations.kinds import CommendationLevel, EventKind, Exclusion, Grade, QuotaBase, Step
from dangvu.evaluations.querysets import (
    CampaignQuerySet,
    CommendationQuerySet,
    MemberReviewQuerySet,
    OrganizationReviewQuerySet,
)
from dangvu.rules.regimes import ReviewRegime, review_regime_on


def _org(verbose_name, related_name="+", null=False):
    return models.ForeignKey("organizations.Organization", verbose_name=verbose_name, on_delete=models.PROTECT,
                             related_name=related_name, null=null, blank=null)


def _score(verbose_name):
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=1, null=True, blank=True)


def _grade(verbose_name):
    return models.CharField(verbose_name, max_length=20, choices=Grade.choices, blank=True)


class Campaign(VersionedModel):
    organization = _org(_("tổ chức đảng"))
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    name = models.CharField(_("tên đợt"), max_length=200)
    reference_date = models.DateField(_("ngày xác định quy định áp dụng"))
    regime_code = models.CharField(_("quy định áp dụng"), max_length=20)
    quota_percent = models.DecimalField(_("tỷ lệ xuất sắc tối đa (%)"), max_digits=4, decimal_places=1)
    quota_base = models.CharField(_("cơ sở tính tỷ lệ xuất sắc"), max_length=20, choices=QuotaBase.choices)
    self_assessment_due = models.DateField(_("hạn đảng viên tự đánh giá"), null=True, blank=True)
    cell_due = models.DateField(_("hạn chi bộ họp xét, đề xuất"), null=True, blank=True)
    decision_due = models.DateField(_("hạn cấp ủy quyết định"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc đợt"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by_label = models.CharField(max_length=200, blank=True)

    AUDIT_FIELDS = ["organization", "year", "name", "reference_date", "regime_code", "quota_percent", "quota_base",
                    "self_assessment_due", "cell_due", "decision_due", "closed_on"]

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt kiểm điểm, đánh giá, xếp loại")
        verbose_name_plural = _("đợt kiểm điểm, đánh giá, xếp loại")
        ordering = ["-year", "organization_id"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="eval_campaign_one_per_year")]

    def __str__(self) -> str:
        return self.name

    @property
    def regime(self) -> ReviewRegime:
        """The review regulation in force on the reference date (its code is recorded as `regime_code`)."""
        return review_regime_on(self.reference_date)


class MemberReview(VersionedModel):
    campaign = models.ForeignKey(Campaign, verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT,
                                 related_name="member_reviews")
    member = models.ForeignKey("members.Member", verbose_name=_("đảng viên"), on_delete=models.PROTECT,
                               related_name="reviews")
    cell = _org(_("chi bộ"))
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices, default=Step.PENDING, db_index=True)
    exclusion = models.CharField(_("không xếp loại do"), max_length=20, choices=Exclusion.choices, blank=True)
    # The member's self-assessment (Forms 2A/2B/2C; the two parts of the 100-point scale under QĐ 366).
    self_text = models.TextField(_("bản tự kiểm điểm"), blank=True)
    self_criteria_score = _score(_("tự chấm: tiêu chí chung"))
    self_results_score = _score(_("tự chấm: kết quả thực hiện nhiệm vụ"))
    self_grade = _grade(_("tự xếp loại"))
    self_assessed_on = models.DateField(_("ngày tự đánh giá"), null=True, blank=True)
    # The cell's step: comment, vote, score and proposal (the residence cell's comment for working members, C13).
    cell_comment = models.TextField(_("nhận xét của chi bộ"), blank=True)
    residence_comment = models.TextField(_("nhận xét của chi bộ nơi cư trú"), blank=True)
    votes_present = models.PositiveSmallIntegerField(_("số đảng viên dự biểu quyết"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("số phiếu tán thành mức đề xuất"), null=True, blank=True)
    score = _score(_("điểm chi bộ đánh giá"))
    proposed_grade = _grade(_("chi bộ đề xuất xếp loại"))
    proposed_on = models.DateField(_("ngày chi bộ đề xuất"), null=True, blank=True)
    # The result (the latest GradeEvent that decides it).
    grade = _grade(_("xếp loại"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    deciding_body = models.CharField(_("cấp ủy quyết định"), max_length=200, blank=True)
    # A result decided outside the application (services.record_legacy_member_result): the label as written.
    original_label = models.CharField(_("mức xếp loại theo cách gọi cũ"), max_length=100, blank=True)

    AUDIT_FIELDS = ["step", "exclusion", "self_text", "self_criteria_score", "self_results_score", "self_grade",
                    "self_assessed_on", "cell_comment", "residence_comment", "votes_present", "votes_for", "score",
                    "proposed_grade", "proposed_on", "grade", "decided_on", "decision_number", "deciding_body",
                    "original_label"]

    objects = MemberReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá, xếp loại đảng viên")
        verbose_name_plural = _("đánh giá, xếp loại đảng viên")
        ordering = ["campaign_id", "cell_id", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="eval_member_once"),
            models.CheckConstraint(condition=Q(exclusion="") | Q(grade="", proposed_grade=""), name="eval_excluded_ungraded"),
        ]
        indexes = [models.Index(fields=["member", "grade"], name="eval_member_grade")]

    def __str__(self) -> str:
        return f"{self.member} — {self.campaign.year}"

    def lock_label(self) -> str:
        return f"Đánh giá năm {self.campaign.year} của {self.member.full_name}"

    @property
    def self_score(self):
        if self.self_criteria_score is None or self.self_results_score is None:
            return None
        return self.self_criteria_score + self.self_results_score


class OrganizationReview(VersionedModel):
    campaign = models.ForeignKey(Campaign, verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT,
                                 related_name="organization_reviews")
    organization = _org(_("tổ chức đảng"), related_name="reviews")
    step = models.CharField(_("bước"), max_length=20, choices=Step.choices, default=Step.PENDING, db_index=True)
    self_text = models.TextField(_("báo cáo kiểm điểm (mẫu 01)"), blank=True)
    criteria_score = _score(_("điểm tiêu chí chung"))
    results_score = _score(_("điểm kết quả thực hiện nhiệm vụ"))
    self_grade = _grade(_("tự xếp loại"))
    proposed_grade = _grade(_("đề xuất xếp loại"))
    grade = _grade(_("xếp loại"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    deciding_body = models.CharField(_("cấp ủy quyết định"), max_length=200, blank=True)
    original_label = models.CharField(_("mức xếp loại theo cách gọi cũ"), max_length=100, blank=True)

    AUDIT_FIELDS = ["step", "self_text", "criteria_score", "results_score", "self_grade", "proposed_grade", "grade",
                    "decided_on", "decision_number", "deciding_body", "original_label"]

    objects = OrganizationReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá, xếp loại tổ chức đảng")
        verbose_name_plural = _("đánh giá, xếp loại tổ chức đảng")
        ordering = ["campaign_id", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "organization"], name="eval_org_once")]

    def __str__(self) -> str:
        return f"{self.organization} — {self.campaign.year}"

    def lock_label(self) -> str:
        return f"Đánh giá năm {self.campaign.year} của {self.organization.name}"

    @property
    def score(self):
        if self.criteria_score is None or self.results_score is None:
            return None
        return self.criteria_score + self.results_score


class Disqualification(models.Model):
    """A disqualifying condition (C6) entered for a member's year: the grade is capped at not completed."""

    review = models.ForeignKey(MemberReview, verbose_name=_("đánh giá"), on_delete=models.PROTECT,
                               related_name="disqualifications")
    description = models.CharField(_("điều kiện không hoàn thành nhiệm vụ"), max_length=300)
    occurred_on = models.DateField(_("ngày"))
    # The hook for the discipline register (inspections app): the discipline decision this condition reads.
    discipline_id = models.PositiveIntegerField(_("quyết định kỷ luật (mã)"), null=True, blank=True)
    recorded_by_label = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điều kiện không hoàn thành nhiệm vụ")
        verbose_name_plural = _("điều kiện không hoàn thành nhiệm vụ")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return self.description

    def as_rule(self) -> rules.Disqualification:
        return rules.Disqualification(self.description, self.discipline_id)


class GradeEvent(models.Model):
    member_review = models.ForeignKey(MemberReview, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    organization_review = models.ForeignKey(OrganizationReview, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="events")
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices)
    old_grade = _grade(_("xếp loại trước"))
    new_grade = _grade(_("xếp loại"))
    score = _score(_("điểm"))
    on = models.DateField(_("ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    deciding_body = models.CharField(_("cấp ủy quyết định"), max_length=200, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    original_label = models.CharField(_("mức xếp loại theo cách gọi cũ"), max_length=100, blank=True)
    discipline_id = models.PositiveIntegerField(_("quyết định kỷ luật (mã)"), null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("diễn biến xếp loại")
        verbose_name_plural = _("diễn biến xếp loại")
        ordering = ["on", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(member_review__isnull=False, organization_review__isnull=True)
            | Q(member_review__isnull=True, organization_review__isnull=False), name="eval_event_one_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {rules.label(self.new_grade)}"


class QuotaGroup(models.Model):
    """A group of similar function (C7) defined by the campaign ("Chi bộ thôn, tổ dân phố", "Chi bộ cơ quan"):
    the excellent quota holds within the group as within each organization."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT,
                                 related_name="quota_groups")
    name = models.CharField(_("tên nhóm"), max_length=200)
    organizations = models.ManyToManyField("organizations.Organization", verbose_name=_("tổ chức đảng trong nhóm"),
                                           related_name="+")

    class Meta:
        verbose_name = _("nhóm có chức năng, nhiệm vụ tương đồng")
        verbose_name_plural = _("nhóm có chức năng, nhiệm vụ tương đồng")
        ordering = ["campaign_id", "name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name"], name="eval_quota_group_name")]

    def __str__(self) -> str:
        return self.name


class Commendation(VersionedModel):
    """A commendation (giấy khen, bằng khen, cờ thi đua) of a collective (`organization`) or an individual
    (`member`, with the cell they were in), based on the result of `year`."""

    level = models.CharField(_("hình thức khen thưởng"), max_length=20, choices=CommendationLevel.choices)
    member = models.ForeignKey("members.Member", verbose_name=_("cá nhân"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="commendations")
    organization = _org(_("tập thể"), null=True)
    cell = _org(_("chi bộ của đảng viên"), null=True)
    year = models.PositiveSmallIntegerField(_("năm kết quả"))
    consecutive_years = models.PositiveSmallIntegerField(_("số năm liền hoàn thành xuất sắc nhiệm vụ"), default=0)
    member_review = models.ForeignKey(MemberReview, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="commendations")
    organization_review = models.ForeignKey(OrganizationReview, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="commendations")
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    deciding_body = models.CharField(_("cấp quyết định"), max_length=200)
    reason = models.TextField(_("lý do khen thưởng"))
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    cancellation_reason = models.TextField(_("lý do hủy"), blank=True)
    cancellation_decision_number = models.CharField(_("số quyết định hủy"), max_length=60, blank=True)
    recorded_by_label = models.CharField(max_length=200, blank=True)

    AUDIT_FIELDS = ["level", "member", "organization", "year", "consecutive_years", "decision_number", "decided_on",
                    "deciding_body", "reason", "cancelled_on", "cancellation_reason", "cancellation_decision_number"]

    objects = CommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng")
        verbose_name_plural = _("khen thưởng")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(member__isnull=False, organization__isnull=True, cell__isnull=False)
                                   | Q(member__isnull=True, organization__isnull=False), name="eval_commendation_subject"),
        ]
        indexes = [models.Index(fields=["decided_on"], name="eval_commendation_on")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.subject_name}"

    @property
    def subject_name(self) -> str:
        return self.member.full_name if self.member_id else self.organization.name

    @property
    def cancelled(self) -> bool:
        return self.cancelled_on is not None

    def lock_label(self) -> str:
        return f"{self.get_level_display()} số {self.decision_number} của {self.subject_name}"
