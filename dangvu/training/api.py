"""API of training classes: /api/training/classes/ (with learners; enrol, results, XLSX) and
/api/training/certificates/.

Same conventions as the rest of the API (dangvu/meetings/api.py): reads start from `visible_to(request.user)`
(404 outside); ids in a request resolve among what the user may see; writes go through dangvu.training.services
(rules → 400 naming the field, visible but not managed → 403, stale `version` → 409).
"""

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from dangvu.accounts import permissions
from dangvu.admissions.models import Candidate
from dangvu.api.fields import describe_choices, inline_enum, optional_text
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.training import exports, selectors, services
from dangvu.training.filters import ClassFilterSet
from dangvu.training.kinds import ClassKind, Organizer, Result
from dangvu.training.models import Enrolment, TrainingClass
from dangvu.training.querysets import MANAGE

ClassKindField = inline_enum(ClassKind.values, describe_choices(ClassKind))
OrganizerField = inline_enum(Organizer.values, describe_choices(Organizer))
ResultField = inline_enum(Result.values, describe_choices(Result))


class EnrolmentSerializer(serializers.ModelSerializer):
    result = ResultField(choices=Result.choices, read_only=True)
    result_label = serializers.CharField(source="get_result_display", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "training_class", "candidate", "member", "full_name", "organization", "organization_name", "attended",
                  "result", "result_label", "certificate_number", "certificate_date", "certificate_issuer"]
        read_only_fields = fields


class TrainingClassSerializer(serializers.ModelSerializer):
    kind = ClassKindField(choices=ClassKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organizer_kind = OrganizerField(choices=Organizer.choices, read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    enrolments = EnrolmentSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingClass
        fields = ["id", "kind", "kind_label", "name", "organization", "organization_name", "organizer_kind", "organizer_name",
                  "start_date", "end_date", "venue", "enrolments", "version"]
        read_only_fields = fields


class ClassInputSerializer(VietnameseSerializer):
    """Ghi một lớp bồi dưỡng."""

    organization = VisibleOrganizationField(label="Cấp ủy mở lớp")
    kind = ClassKindField(label="Loại lớp", choices=ClassKind.choices)
    name = serializers.CharField(label="Tên lớp", max_length=255)
    organizer_kind = OrganizerField(label="Đơn vị tổ chức", choices=Organizer.choices)
    organizer_name = serializers.CharField(label="Tên đơn vị tổ chức", max_length=255)
    start_date = serializers.DateField(label="Ngày khai giảng")
    end_date = serializers.DateField(label="Ngày bế giảng")
    venue = optional_text("Địa điểm", 255)


class VisibleCandidateField(serializers.PrimaryKeyRelatedField):
    """A candidate id, resolved among the candidates the requesting user may see."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Candidate.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return Candidate.objects.visible_to(getattr(request, "user", None)).select_related("organization")


class EnrolInputSerializer(VietnameseSerializer):
    """Ghi danh học viên: quần chúng ưu tú (lớp nhận thức về Đảng) hoặc đảng viên (các lớp khác)."""

    candidates = serializers.ListField(child=VisibleCandidateField(), label="Quần chúng ưu tú", required=False, default=list)
    members = serializers.ListField(child=VisibleMemberField(), label="Đảng viên", required=False, default=list)


class ResultRowSerializer(VietnameseSerializer):
    enrolment = serializers.IntegerField(label="Id học viên")
    result = ResultField(label="Kết quả", choices=Result.choices)
    certificate_number = optional_text("Số giấy chứng nhận", 60)


class ResultsInputSerializer(VietnameseSerializer):
    """Ghi kết quả; học viên đạt được cấp giấy chứng nhận ngày certificate_date, ghi ngay vào hồ sơ kết nạp hoặc
    trình độ lý luận chính trị của đảng viên."""

    certificate_date = serializers.DateField(label="Ngày cấp giấy chứng nhận", required=False, allow_null=True, default=None)
    issuer = optional_text("Nơi cấp", 255)
    results = ResultRowSerializer(many=True)


@extend_schema_view(
    list=extend_schema(summary="Lớp bồi dưỡng trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết lớp bồi dưỡng, với học viên", responses={200: TrainingClassSerializer, 404: NOT_FOUND}),
)
class TrainingClassViewSet(RestrictedViewSet):
    model = TrainingClass
    serializer_class = TrainingClassSerializer
    filterset_class = ClassFilterSet
    select_related = ("organization",)
    prefetch_related = (Prefetch("enrolments", queryset=Enrolment.objects.select_related("organization")
                                 .order_by("full_name", "id")),)
    ordering = ("-start_date", "-id")

    def may_change(self, user, c) -> bool:
        return permissions.is_system_admin(user) or permissions.can(user, MANAGE, c.organization)

    def change_denied(self, c) -> str:
        return f"Bạn không có quyền ghi lớp “{c.name}”."

    @extend_schema(summary="Ghi một lớp bồi dưỡng", request=ClassInputSerializer,
                   responses=write_responses(201, TrainingClassSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(MANAGE, "Bạn không có quyền mở lớp bồi dưỡng.")
        v = self._validated(ClassInputSerializer)
        return self._answer(services.create_class(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi danh học viên", request=EnrolInputSerializer,
                   responses=write_responses(200, TrainingClassSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def enrol(self, request, pk=None):
        c = self._changeable()
        v = self._validated(EnrolInputSerializer)
        services.enrol(by=request.user, training_class=c, candidates=v["candidates"], members=v["members"])
        return self._answer(c)

    @extend_schema(summary="Ghi kết quả và cấp giấy chứng nhận", request=ResultsInputSerializer,
                   responses=write_responses(200, TrainingClassSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def results(self, request, pk=None):
        c = self._changeable()
        v = self._validated(ResultsInputSerializer)
        by_id = {e.pk: e for e in c.enrolments.all()}
        missing = [r["enrolment"] for r in v["results"] if r["enrolment"] not in by_id]
        if missing:
            raise serializers.ValidationError({"results": [f"Học viên id {i} không thuộc lớp này." for i in missing]})
        services.record_results(by=request.user, training_class=c, certificate_date=v["certificate_date"], issuer=v["issuer"],
                                rows=[(by_id[r["enrolment"]], r["result"], r["certificate_number"]) for r in v["results"]])
        return self._answer(c)

    @extend_schema(summary="Danh sách học viên của lớp (XLSX)",
                   responses={(200, exports.XLSX): OpenApiResponse(OpenApiTypes.BINARY), 404: NOT_FOUND})
    @action(detail=True, methods=["get"], url_path="learners.xlsx")
    def learners_xlsx(self, request, pk=None):
        c = self.get_object()
        return exports.class_list(c, selectors.enrolments(c))


@extend_schema_view(list=extend_schema(summary="Giấy chứng nhận đã cấp trong phạm vi quyền"),
                    retrieve=extend_schema(summary="Một giấy chứng nhận", responses={200: EnrolmentSerializer, 404: NOT_FOUND}))
class CertificateViewSet(RestrictedViewSet):
    model = Enrolment
    serializer_class = EnrolmentSerializer

    def restricted_queryset(self, user):
        return selectors.certificates(user)
