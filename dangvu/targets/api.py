"""API of targets: /api/targets/ (list, detail, create, update) and POST /api/targets/{id}/actuals/.

Reads start from `Target.objects.restrict(user)` (outside the scope: 404); writes go through
dangvu.targets.services (rules → 400 naming the field, visible but not changeable → 403, stale
`version` → 409). Each target carries its evaluation on the day (`on`, default today).
"""

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.api.fields import describe_choices, inline_enum, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core import params
from dangvu.core.dates import today
from dangvu.organizations.models import CommitteeTerm, Organization
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.targets import services
from dangvu.targets.evaluation import evaluate, overlapping, threshold_display
from dangvu.targets.kinds import Comparison, Measure, PlanKind, TargetStatus
from dangvu.targets.models import Target, TargetActual

_enum, _describe = inline_enum, describe_choices


PlanKindField = _enum(PlanKind.values, _describe(PlanKind))
ComparisonField = _enum(Comparison.values, _describe(Comparison))
MeasureField = _enum(Measure.values, _describe(Measure))


class EvaluationSerializer(serializers.Serializer):
    on = serializers.DateField()
    status = _enum(TargetStatus.values, _describe(TargetStatus))(choices=TargetStatus.choices)
    status_label = serializers.CharField()
    actual = serializers.FloatField(allow_null=True, help_text="Giá trị so với mức chỉ tiêu (tỷ lệ % nếu chỉ tiêu là tỷ lệ).")
    actual_display = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    registered = serializers.BooleanField(help_text="Mã số liệu đã có trong danh mục (false: “chưa có số liệu”).")
    rolled_up = serializers.BooleanField(help_text="Kết quả nhập tay cộng từ các tổ chức được phân bổ.")


class ActualSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetActual
        fields = ["id", "value", "recorded_on", "evidence", "evidence_file", "created_by_label", "created_at"]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    plan_kind = PlanKindField(choices=PlanKind.choices, read_only=True)
    comparison = ComparisonField(choices=Comparison.choices, read_only=True)
    measure = MeasureField(choices=Measure.choices, read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    threshold_display = serializers.SerializerMethodField()
    evaluation = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["id", "organization", "organization_name", "parent", "plan_kind", "source", "term", "period_start",
                  "period_end", "number", "text", "comparison", "threshold", "threshold_high", "threshold_display", "measure",
                  "figure_code", "as_percent", "version", "evaluation"]
        read_only_fields = fields

    def get_threshold_display(self, obj) -> str:
        return threshold_display(obj)

    @extend_schema_field(EvaluationSerializer)
    def get_evaluation(self, obj) -> dict:
        evaluations = self.context.get("evaluations") or {}
        ev = evaluations.get(obj.pk) or evaluate([obj], self.context.get("on") or today())[obj.pk]
        return ev.as_dict() | {"status_label": ev.status_label}


class TargetDetailSerializer(TargetSerializer):
    actuals = ActualSerializer(many=True, read_only=True)
    children = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="Chỉ tiêu phân bổ cho tổ chức trực thuộc.")

    class Meta(TargetSerializer.Meta):
        fields = [*TargetSerializer.Meta.fields, "children", "actuals"]
        read_only_fields = fields


class TargetInputSerializer(VietnameseSerializer):
    """Đặt chỉ tiêu (hoặc phân bổ chỉ tiêu cấp trên cho tổ chức trực thuộc, với `parent`)."""

    organization = VisibleOrganizationField(label="Tổ chức đặt chỉ tiêu")
    parent = serializers.PrimaryKeyRelatedField(label="Chỉ tiêu cấp trên", queryset=Target.objects.none(), required=False,
                                                allow_null=True, default=None)
    plan_kind = PlanKindField(label="Loại văn bản", choices=PlanKind.choices, required=False, default=PlanKind.CONGRESS)
    source = optional_text("Nghị quyết, kế hoạch", 255)
    term = serializers.PrimaryKeyRelatedField(label="Nhiệm kỳ", queryset=CommitteeTerm.objects.none(), required=False,
                                              allow_null=True, default=None)
    period_start = serializers.DateField(label="Từ ngày", required=False, allow_null=True, default=None)
    period_end = serializers.DateField(label="Đến ngày", required=False, allow_null=True, default=None)
    number = optional_text("Số thứ tự", 20)
    text = serializers.CharField(label="Nội dung chỉ tiêu")
    comparison = ComparisonField(label="So sánh", choices=Comparison.choices)
    threshold = serializers.DecimalField(label="Mức chỉ tiêu", max_digits=12, decimal_places=2)
    threshold_high = serializers.DecimalField(label="Mức trên", max_digits=12, decimal_places=2, required=False,
                                              allow_null=True, default=None)
    measure = MeasureField(label="Cách tính kết quả", choices=Measure.choices)
    figure_code = optional_text("Mã số liệu thống kê", 120)
    as_percent = serializers.BooleanField(label="Tính theo tỷ lệ %", required=False, default=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        self.fields["parent"].queryset = Target.objects.restrict(user)
        self.fields["term"].queryset = CommitteeTerm.objects.filter(organization__in=Organization.objects.restrict(user).values("pk"))


class TargetUpdateSerializer(VietnameseSerializer):
    """Sửa chỉ tiêu (chỉ các trường gửi lên); văn bản và kỳ của chỉ tiêu phân bổ theo chỉ tiêu cấp trên."""

    number = serializers.CharField(label="Số thứ tự", max_length=20, required=False, allow_blank=True)
    text = serializers.CharField(label="Nội dung chỉ tiêu", required=False)
    source = serializers.CharField(label="Nghị quyết, kế hoạch", max_length=255, required=False)
    period_start = serializers.DateField(label="Từ ngày", required=False)
    period_end = serializers.DateField(label="Đến ngày", required=False)
    comparison = ComparisonField(label="So sánh", choices=Comparison.choices, required=False)
    threshold = serializers.DecimalField(label="Mức chỉ tiêu", max_digits=12, decimal_places=2, required=False)
    threshold_high = serializers.DecimalField(label="Mức trên", max_digits=12, decimal_places=2, required=False, allow_null=True)
    measure = MeasureField(label="Cách tính kết quả", choices=Measure.choices, required=False)
    figure_code = serializers.CharField(label="Mã số liệu thống kê", max_length=120, required=False, allow_blank=True)
    as_percent = serializers.BooleanField(label="Tính theo tỷ lệ %", required=False)
    version = version_field()


class ActualInputSerializer(VietnameseSerializer):
    """Ghi kết quả thực hiện của chỉ tiêu nhập tay, kèm minh chứng (tệp: gửi multipart, trường evidence_file)."""

    value = serializers.DecimalField(label="Kết quả thực hiện", max_digits=12, decimal_places=2)
    recorded_on = serializers.DateField(label="Tính đến ngày")
    evidence = serializers.CharField(label="Minh chứng")
    evidence_file = serializers.FileField(label="Tệp minh chứng", required=False, allow_null=True, default=None)


ORGANIZATION = OpenApiParameter("organization", OpenApiTypes.INT, description="Chỉ tiêu của tổ chức này (id).")
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Chỉ tiêu có hiệu lực trong năm này.")
ON = OpenApiParameter("on", OpenApiTypes.DATE, description="Đánh giá đến ngày (mặc định hôm nay).")
STATUS = OpenApiParameter("status", OpenApiTypes.STR, enum=TargetStatus.values, description="Lọc theo đánh giá.")


@extend_schema_view(
    list=extend_schema(summary="Chỉ tiêu nghị quyết, kế hoạch trong phạm vi quyền", parameters=[ORGANIZATION, YEAR, ON, STATUS]),
    retrieve=extend_schema(summary="Chi tiết chỉ tiêu", parameters=[ON], responses={200: TargetDetailSerializer, 404: NOT_FOUND}),
    create=extend_schema(summary="Đặt chỉ tiêu", request=TargetInputSerializer,
                         responses=write_responses(201, TargetDetailSerializer, conflict=False)),
    partial_update=extend_schema(summary="Sửa chỉ tiêu", request=TargetUpdateSerializer,
                                 responses=write_responses(200, TargetDetailSerializer)),
)
class TargetViewSet(RestrictedViewSet):
    serializer_class = TargetSerializer
    model = Target
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _on(self) -> dt.date:
        return params.date(self.request.query_params, "on", label="Ngày đánh giá", default=today())

    def get_serializer_class(self):
        return TargetDetailSerializer if self.action != "list" else TargetSerializer

    visible = "restrict"
    select_related = ("organization", "parent__organization", "term")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs.prefetch_related("actuals", "children")
        query = self.request.query_params
        organization, year, _status = params.collect(
            lambda: params.object_id(query, "organization", label="Tổ chức"),
            lambda: params.year(query, "year"),
            lambda: params.choice(query, "status", label="Tình trạng", choices=TargetStatus.values))
        if organization:
            qs = qs.filter(organization_id=organization)
        if year:
            qs = overlapping(qs, dt.date(year, 1, 1), dt.date(year, 12, 31))
        return qs.order_by("organization__path", "period_start", "id")

    def list(self, request, *args, **kwargs):
        qs = self.get_queryset()
        on = self._on()
        status_ = request.query_params.get("status", "")
        page = self.paginate_queryset(qs)
        items = list(page if page is not None else qs)
        evaluations = evaluate(items, on)
        if status_:
            items = [t for t in items if evaluations[t.pk].status == status_]
        data = TargetSerializer(items, many=True, context={**self.get_serializer_context(), "evaluations": evaluations}).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        target = self.get_object()
        on = self._on()
        return Response(TargetDetailSerializer(target, context={**self.get_serializer_context(), "on": on}).data)

    def create(self, request, *args, **kwargs):
        d = self._validated(TargetInputSerializer)
        target = services.create_target(by=request.user, **d)
        return Response(TargetDetailSerializer(target, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        target = self.get_object()
        d = self._validated(TargetUpdateSerializer)
        version = d.pop("version")
        target = services.change_target(by=request.user, target=target, expected_version=version, **d)
        return Response(TargetDetailSerializer(target, context=self.get_serializer_context()).data)

    @extend_schema(summary="Ghi kết quả thực hiện (chỉ tiêu nhập tay)", request=ActualInputSerializer,
                   responses=write_responses(201, ActualSerializer, conflict=False))
    @action(detail=True, methods=["post"], url_path="actuals")
    def actuals(self, request, pk=None):
        target = self.get_object()
        d = self._validated(ActualInputSerializer)
        entry = services.record_actual(by=request.user, target=target, **d)
        return Response(ActualSerializer(entry, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)
