"""API of the annual review: /api/review-campaigns/, /api/member-reviews/, /api/organization-reviews/.

Same conventions as the other apps: every read starts from `restrict` (404 outside the scope), ids in a
request resolve only among what the user may see, writes go through dangvu.evaluations.services (rules →
400 naming the field, visible but not allowed → 403, stale version → 409).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.evaluations import rules, selectors, services
from dangvu.evaluations.kinds import CommendationLevel, Grade
from dangvu.evaluations.models import Campaign, Commendation, MemberReview, OrganizationReview
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField

GRADES = [("", "—")] + list(Grade.choices)


def _grade(**kwargs):
    return serializers.ChoiceField(choices=GRADES, help_text="excellent, good, completed, not_completed.", **kwargs)


def _score(label, **kwargs):
    return serializers.DecimalField(label=label, max_digits=5, decimal_places=1, allow_null=True, required=False,
                                    default=None, **kwargs)


class CampaignSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    regime = serializers.SerializerMethodField(help_text="Quy định áp dụng theo ngày xác định (QĐ 132, 124, 366).")
    scored = serializers.SerializerMethodField(help_text="Chấm theo thang 100 điểm (QĐ 366-QĐ/TW).")

    class Meta:
        model = Campaign
        fields = ["id", "organization", "organization_name", "year", "name", "reference_date", "regime_code", "regime",
                  "scored", "quota_percent", "quota_base", "self_assessment_due", "cell_due", "decision_due", "closed_on",
                  "version"]
        read_only_fields = fields

    def get_regime(self, obj) -> str:
        return obj.regime.title

    def get_scored(self, obj) -> bool:
        return obj.regime.scored


class CampaignCreateSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức đảng")
    year = serializers.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)
    reference_date = serializers.DateField(label="Ngày xác định quy định áp dụng", required=False, allow_null=True,
                                           default=None)
    self_assessment_due = serializers.DateField(label="Hạn tự đánh giá", required=False, allow_null=True, default=None)
    cell_due = serializers.DateField(label="Hạn chi bộ đề xuất", required=False, allow_null=True, default=None)
    decision_due = serializers.DateField(label="Hạn quyết định", required=False, allow_null=True, default=None)


class ProgressSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.name")
    members = serializers.IntegerField()
    excluded = serializers.IntegerField()
    self_assessed = serializers.IntegerField()
    proposed = serializers.IntegerField()
    decided = serializers.IntegerField()
    excellent_selected = serializers.IntegerField(source="quota.selected")
    excellent_max = serializers.IntegerField(source="quota.maximum")
    quota_exceeded = serializers.BooleanField(source="quota.exceeded")
    quota_text = serializers.CharField(source="quota.text")


@extend_schema_view(
    list=extend_schema(summary="Các đợt kiểm điểm, đánh giá, xếp loại (trong phạm vi quyền)"),
    retrieve=extend_schema(summary="Một đợt đánh giá", responses={200: CampaignSerializer, 404: NOT_FOUND}),
)
class CampaignViewSet(RestrictedViewSet):
    model = Campaign
    serializer_class = CampaignSerializer
    select_related = ("organization",)
    ordering = ("-year", "id")

    @extend_schema(summary="Mở đợt đánh giá cho cây tổ chức của một tổ chức đảng", request=CampaignCreateSerializer,
                   responses=write_responses(201, CampaignSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = CampaignCreateSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        campaign = services.open_campaign(by=request.user, **d.validated_data)
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Tiến độ theo chi bộ và tỷ lệ xuất sắc", responses={200: ProgressSerializer(many=True),
                                                                               404: NOT_FOUND})
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def progress(self, request, pk=None):
        campaign = self.get_object()
        rows = selectors.progress(campaign, MemberReview.objects.visible_to(request.user))
        return Response(ProgressSerializer(rows, many=True).data)


# ---------------------------------------------------------------------------- member reviews

class MemberReviewSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)
    year = serializers.IntegerField(source="campaign.year", read_only=True)
    disqualifications = serializers.SlugRelatedField(slug_field="description", many=True, read_only=True)

    class Meta:
        model = MemberReview
        fields = ["id", "campaign", "year", "member", "member_name", "cell", "cell_name", "step", "exclusion", "self_text",
                  "self_criteria_score", "self_results_score", "self_grade", "self_assessed_on", "cell_comment",
                  "residence_comment", "votes_present", "votes_for", "score", "proposed_grade", "proposed_on", "grade",
                  "decided_on", "decision_number", "deciding_body", "original_label", "disqualifications", "version"]
        read_only_fields = fields


class SelfAssessmentSerializer(VietnameseSerializer):
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None)
    self_text = serializers.CharField(label="Bản tự kiểm điểm", allow_blank=True)
    self_grade = _grade(label="Tự xếp loại")
    criteria_score = _score("Tự chấm: tiêu chí chung")
    results_score = _score("Tự chấm: kết quả thực hiện nhiệm vụ")


class CellRowSerializer(VietnameseSerializer):
    review = serializers.IntegerField(label="Đánh giá (id)")
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None)
    grade = _grade(label="Chi bộ đề xuất")
    score = _score("Điểm")
    comment = serializers.CharField(label="Nhận xét của chi bộ", required=False, allow_blank=True, default="")
    residence_comment = serializers.CharField(label="Nhận xét của chi bộ nơi cư trú", required=False, allow_blank=True,
                                              default="")
    votes_present = serializers.IntegerField(label="Số dự", min_value=0, required=False, allow_null=True, default=None)
    votes_for = serializers.IntegerField(label="Tán thành", min_value=0, required=False, allow_null=True, default=None)


class CellGradingSerializer(VietnameseSerializer):
    campaign = serializers.IntegerField(label="Đợt đánh giá (id)")
    cell = VisibleOrganizationField(label="Chi bộ")
    rows = CellRowSerializer(many=True)


class DecisionRowSerializer(VietnameseSerializer):
    review = serializers.IntegerField(label="Đánh giá (id)")
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None)
    grade = _grade(label="Quyết định xếp loại")


class DecisionSerializer(VietnameseSerializer):
    campaign = serializers.IntegerField(label="Đợt đánh giá (id)")
    organization = VisibleOrganizationField(label="Tổ chức đảng (cấp ủy quyết định)")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, allow_blank=True)
    decided_on = serializers.DateField(label="Ngày quyết định")
    deciding_body = serializers.CharField(label="Cấp ủy quyết định", max_length=200, required=False, allow_blank=True,
                                          default="")
    rows = DecisionRowSerializer(many=True)


def _visible_campaign(user, pk) -> Campaign:
    campaign = Campaign.objects.visible_to(user).filter(pk=pk).first()
    if campaign is None:
        raise NotFound("Không tìm thấy đợt đánh giá (không tồn tại hoặc ngoài phạm vi quyền của bạn).")
    return campaign


def _visible_reviews(user, ids) -> dict[int, MemberReview]:
    found = MemberReview.objects.visible_to(user).in_bulk(ids)
    missing = sorted(set(ids) - set(found))
    if missing:
        raise NotFound(f"Không tìm thấy đánh giá {', '.join(map(str, missing))} (ngoài phạm vi quyền của bạn).")
    return found


@extend_schema_view(
    list=extend_schema(summary="Đánh giá, xếp loại đảng viên (trong phạm vi quyền; đảng viên: của mình)"),
    retrieve=extend_schema(summary="Một đánh giá của đảng viên", responses={200: MemberReviewSerializer, 404: NOT_FOUND}),
)
class MemberReviewViewSet(RestrictedViewSet):
    model = MemberReview
    serializer_class = MemberReviewSerializer
    select_related = ("member", "cell", "campaign")
    prefetch_related = ("disqualifications",)
    ordering = ("campaign_id", "cell__path", "member__name_key", "id")

    def get_queryset(self):
        qs = super().get_queryset()
        for key in ("campaign", "cell"):
            value = self.request.query_params.get(key, "")
            if value.isdigit():
                qs = qs.filter(**{f"{key}_id": int(value)})
        return qs

    @extend_schema(summary="Đảng viên tự đánh giá, xếp loại (chỉ của mình)", request=SelfAssessmentSerializer,
                   responses=write_responses(200, MemberReviewSerializer))
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request, pk=None):
        review = self.get_object()
        d = SelfAssessmentSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        v = d.validated_data
        review = services.self_assess(by=request.user, review=review, version=v["version"], self_text=v["self_text"],
                                      self_grade=v["self_grade"], criteria_score=v["criteria_score"],
                                      results_score=v["results_score"])
        return Response(MemberReviewSerializer(review).data)

    @extend_schema(summary="Chi bộ nhận xét, biểu quyết, đề xuất xếp loại các đảng viên (một lần cho cả chi bộ)",
                   request=CellGradingSerializer, responses=write_responses(200, MemberReviewSerializer(many=True)))
    @action(detail=False, methods=["post"], url_path="cell-grading")
    def cell_grading(self, request):
        d = CellGradingSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        campaign = _visible_campaign(request.user, v["campaign"])
        reviews = _visible_reviews(request.user, [r["review"] for r in v["rows"]])
        rows = [services.CellRow(reviews[r["review"]], r["version"], r["grade"], r["score"], r["comment"],
                                 r["residence_comment"], r["votes_present"], r["votes_for"]) for r in v["rows"]]
        done = services.grade_cell(by=request.user, campaign=campaign, cell=v["cell"], rows=rows)
        return Response(MemberReviewSerializer(done, many=True).data)

    @extend_schema(summary="Cấp ủy quyết định xếp loại đảng viên (kiểm tra tỷ lệ xuất sắc trong tổ chức)",
                   request=DecisionSerializer, responses=write_responses(200, MemberReviewSerializer(many=True)))
    @action(detail=False, methods=["post"], url_path="decisions")
    def decisions(self, request):
        d = DecisionSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        campaign = _visible_campaign(request.user, v["campaign"])
        reviews = _visible_reviews(request.user, [r["review"] for r in v["rows"]])
        rows = [services.DecisionRow(reviews[r["review"]], r["version"], r["grade"]) for r in v["rows"]]
        done = services.decide_members(by=request.user, campaign=campaign, organization=v["organization"], rows=rows,
                                       decision_number=v["decision_number"], decided_on=v["decided_on"],
                                       deciding_body=v["deciding_body"])
        return Response(MemberReviewSerializer(done, many=True).data)


# ---------------------------------------------------------------------------- organization reviews

class OrganizationReviewSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    year = serializers.IntegerField(source="campaign.year", read_only=True)
    grade_label = serializers.SerializerMethodField()

    class Meta:
        model = OrganizationReview
        fields = ["id", "campaign", "year", "organization", "organization_name", "step", "self_text", "criteria_score",
                  "results_score", "self_grade", "proposed_grade", "grade", "grade_label", "decided_on", "decision_number",
                  "deciding_body", "original_label", "version"]
        read_only_fields = fields

    def get_grade_label(self, obj) -> str:
        return rules.label(obj.grade)


class OrganizationDecisionSerializer(VietnameseSerializer):
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None)
    grade = _grade(label="Xếp loại")
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, allow_blank=True)
    decided_on = serializers.DateField(label="Ngày quyết định")
    reason = serializers.CharField(label="Lý do hủy kết quả, xếp loại lại", required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Đánh giá, xếp loại tổ chức đảng (trong phạm vi quyền)"),
    retrieve=extend_schema(summary="Một đánh giá tổ chức đảng", responses={200: OrganizationReviewSerializer,
                                                                          404: NOT_FOUND}),
)
class OrganizationReviewViewSet(RestrictedViewSet):
    model = OrganizationReview
    serializer_class = OrganizationReviewSerializer
    select_related = ("organization", "campaign")
    ordering = ("campaign_id", "organization__path")

    def get_queryset(self):
        qs = super().get_queryset()
        value = self.request.query_params.get("campaign", "")
        return qs.filter(campaign_id=int(value)) if value.isdigit() else qs

    @extend_schema(summary="Tổ chức đảng tự đánh giá (mẫu 01) và đề xuất xếp loại", request=SelfAssessmentSerializer,
                   responses=write_responses(200, OrganizationReviewSerializer))
    @action(detail=True, methods=["post"], url_path="self-assessment")
    def self_assessment(self, request, pk=None):
        review = self.get_object()
        d = SelfAssessmentSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        v = d.validated_data
        review = services.self_assess_organization(
            by=request.user, review=review, version=v["version"], self_text=v["self_text"], self_grade=v["self_grade"],
            criteria_score=v["criteria_score"], results_score=v["results_score"])
        return Response(OrganizationReviewSerializer(review).data)

    @extend_schema(summary="Cấp ủy cấp trên trực tiếp quyết định (hoặc hủy và xếp loại lại) xếp loại tổ chức đảng",
                   request=OrganizationDecisionSerializer, responses=write_responses(200, OrganizationReviewSerializer))
    @action(detail=True, methods=["post"], url_path="decision")
    def decision(self, request, pk=None):
        review = self.get_object()
        d = OrganizationDecisionSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        v = d.validated_data
        review = services.decide_organization(by=request.user, review=review, version=v["version"], grade=v["grade"],
                                              decision_number=v["decision_number"], decided_on=v["decided_on"],
                                              reason=v["reason"])
        return Response(OrganizationReviewSerializer(review).data)


# ---------------------------------------------------------------------------- commendations

class CommendationSerializer(serializers.ModelSerializer):
    subject_name = serializers.CharField(read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Commendation
        fields = ["id", "level", "level_label", "member", "organization", "cell", "subject_name", "year",
                  "consecutive_years", "decision_number", "decided_on", "deciding_body", "reason", "cancelled_on",
                  "cancellation_reason", "cancellation_decision_number", "version"]
        read_only_fields = fields


class CommendationCreateSerializer(VietnameseSerializer):
    level = serializers.ChoiceField(label="Hình thức khen thưởng", choices=CommendationLevel.choices)
    year = serializers.IntegerField(label="Năm kết quả", min_value=2000, max_value=2100)
    member = VisibleMemberField(label="Cá nhân", required=False, allow_null=True, default=None)
    organization = VisibleOrganizationField(label="Tập thể", required=False, allow_null=True, default=None)
    consecutive_years = serializers.IntegerField(label="Số năm liền", min_value=0, max_value=50, required=False, default=0)
    decision_number = serializers.CharField(label="Số quyết định", max_length=60, allow_blank=True)
    decided_on = serializers.DateField(label="Ngày quyết định")
    deciding_body = serializers.CharField(label="Cấp quyết định", max_length=200, required=False, allow_blank=True,
                                          default="")
    reason = serializers.CharField(label="Lý do khen thưởng", allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="Khen thưởng (giấy khen trở lên) trong phạm vi quyền; đảng viên: của mình"),
    retrieve=extend_schema(summary="Một khen thưởng", responses={200: CommendationSerializer, 404: NOT_FOUND}),
)
class CommendationViewSet(RestrictedViewSet):
    model = Commendation
    serializer_class = CommendationSerializer
    select_related = ("member", "organization")
    ordering = ("-decided_on", "id")

    def get_queryset(self):
        qs = super().get_queryset()
        value = self.request.query_params.get("year", "")
        return qs.filter(year=int(value)) if value.isdigit() else qs

    @extend_schema(summary="Ghi quyết định khen thưởng một cá nhân hoặc một tập thể (số năm liền xuất sắc tính từ kết "
                           "quả xếp loại; không khen khi đang chịu kỷ luật — K8 — hoặc kết quả bị hủy — C11)",
                   request=CommendationCreateSerializer, responses=write_responses(201, CommendationSerializer,
                                                                                   conflict=False))
    def create(self, request, *args, **kwargs):
        d = CommendationCreateSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        row = services.commend(by=request.user, **d.validated_data)
        return Response(CommendationSerializer(row).data, status=status.HTTP_201_CREATED)
