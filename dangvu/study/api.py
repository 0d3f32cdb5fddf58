"""API of resolution study: /api/study/documents/ (the library, ?q= ignoring diacritics), /api/study/sessions/ (with
attendance, make-ups and the rates per organization), /api/study/plans/ (follow-up plans).

Same conventions as the rest of the API (dangvu/meetings/api.py): reads of sessions and plans start from
`visible_to(request.user)` (404 outside); ids in a request resolve among what the user may see; writes go through
dangvu.study.services (rules → 400 naming the field, not the user's to record → 403, stale version → 409).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.api.fields import describe_choices, inline_enum, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.study import selectors, services
from dangvu.study.kinds import DocumentKind, PlanKind, PlanStatus, SessionForm, SessionStatus, StudyLevel
from dangvu.study.models import FollowUpPlan, StudyAttendance, StudyDocument, StudySession

DocumentKindField = inline_enum(DocumentKind.values, describe_choices(DocumentKind))
StudyLevelField = inline_enum(StudyLevel.values, describe_choices(StudyLevel))
SessionFormField = inline_enum(SessionForm.values, describe_choices(SessionForm))
SessionStatusField = inline_enum(SessionStatus.values, describe_choices(SessionStatus))
PlanKindField = inline_enum(PlanKind.values, describe_choices(PlanKind))
PlanStatusField = inline_enum(PlanStatus.values, describe_choices(PlanStatus))


# ---------------------------------------------------------------- answers

class StudyDocumentSerializer(serializers.ModelSerializer):
    kind = DocumentKindField(choices=DocumentKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    level = StudyLevelField(choices=StudyLevel.choices, read_only=True)

    class Meta:
        model = StudyDocument
        fields = ["id", "kind", "kind_label", "number", "issuer", "issued_on", "title", "short_name", "level"]
        read_only_fields = fields


class StudyAttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    studied = serializers.BooleanField(read_only=True, help_text="Có mặt hoặc đã học bù.")

    class Meta:
        model = StudyAttendance
        fields = ["member", "member_name", "organization", "present", "reason", "made_up_in", "studied"]
        read_only_fields = fields


class StudyRateSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization_id", allow_null=True)
    label = serializers.CharField()
    expected = serializers.IntegerField()
    studied = serializers.IntegerField()
    rate = serializers.CharField(source="text", help_text="Như báo cáo in: “98,8%”.")


class StudySessionSerializer(serializers.ModelSerializer):
    """A study session: documents, form, the members expected on its date with their attendance, make-ups, rates."""

    form = SessionFormField(choices=SessionForm.choices, read_only=True)
    status = SessionStatusField(choices=SessionStatus.choices, read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    documents = StudyDocumentSerializer(many=True, read_only=True)
    attendance = StudyAttendanceSerializer(many=True, read_only=True)
    rate = serializers.SerializerMethodField(help_text="Cán bộ, đảng viên được học tập (có mặt, học bù) trên số phải học.")
    rates = serializers.SerializerMethodField(help_text="Theo tổ chức đảng nơi đảng viên sinh hoạt ngày học tập.")

    class Meta:
        model = StudySession
        fields = ["id", "organization", "organization_name", "date", "form", "place", "status", "makeup_of", "documents",
                  "cadres_expected", "cadres_present", "attendance", "rate", "rates", "version"]
        read_only_fields = fields

    def get_rate(self, obj) -> StudyRateSerializer:
        return StudyRateSerializer(selectors.session_rate(obj)).data

    def get_rates(self, obj) -> StudyRateSerializer(many=True):
        return StudyRateSerializer(selectors.rates_by_organization(obj.attendance.all()), many=True).data


class FollowUpPlanSerializer(serializers.ModelSerializer):
    kind = PlanKindField(choices=PlanKind.choices, read_only=True)
    status = PlanStatusField(choices=PlanStatus.choices, read_only=True)
    document_number = serializers.CharField(source="document.number", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = FollowUpPlan
        fields = ["id", "document", "document_number", "organization", "organization_name", "kind", "number", "title",
                  "due_on", "status", "done_on", "version"]
        read_only_fields = fields


# ---------------------------------------------------------------- requests

class StudyDocumentInputSerializer(VietnameseSerializer):
    kind = DocumentKindField(label="Loại văn bản", choices=DocumentKind.choices)
    number = serializers.CharField(label="Số, ký hiệu", max_length=40)
    issuer = serializers.CharField(label="Cơ quan ban hành", max_length=120)
    issued_on = serializers.DateField(label="Ngày ban hành")
    title = serializers.CharField(label="Trích yếu", max_length=500)
    short_name = optional_text("Tên gọi ngắn", 200)
    level = StudyLevelField(label="Đối tượng học tập", choices=StudyLevel.choices, required=False, default=StudyLevel.ALL)


class StudySessionInputSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức đảng tổ chức")
    date = serializers.DateField(label="Ngày học tập")
    documents = serializers.PrimaryKeyRelatedField(label="Văn bản học tập", many=True,
                                                   queryset=StudyDocument.objects.all())
    form = SessionFormField(label="Hình thức", choices=SessionForm.choices, required=False, default=SessionForm.IN_PERSON)
    place = optional_text("Địa điểm", 255)
    cadres_expected = serializers.IntegerField(label="Cán bộ không phải đảng viên phải dự", min_value=0, required=False,
                                               default=0)


class StudyAbsentSerializer(VietnameseSerializer):
    member = serializers.IntegerField(label="Id đảng viên")
    reason = optional_text("Lý do vắng", 255)


class StudyAttendanceInputSerializer(VietnameseSerializer):
    """Đảng viên phải học vào ngày học tập đều có mặt, trừ những người trong absent."""

    absent = StudyAbsentSerializer(many=True, required=False, default=list)
    cadres_present = serializers.IntegerField(label="Cán bộ không phải đảng viên có mặt", min_value=0, required=False,
                                              default=0)
    version = version_field()


class StudyMakeupInputSerializer(VietnameseSerializer):
    date = serializers.DateField(label="Ngày học bù")
    members = serializers.ListField(label="Đảng viên học bù", child=VisibleMemberField())
    form = SessionFormField(label="Hình thức", choices=SessionForm.choices, required=False, default=SessionForm.IN_PERSON)
    place = optional_text("Địa điểm", 255)


class StudyPlanInputSerializer(VietnameseSerializer):
    document = serializers.PrimaryKeyRelatedField(label="Văn bản", queryset=StudyDocument.objects.all())
    organization = VisibleOrganizationField(label="Tổ chức đảng chịu trách nhiệm")
    kind = PlanKindField(label="Loại", choices=PlanKind.choices, required=False, default=PlanKind.PLAN)
    number = optional_text("Số, ký hiệu", 40)
    title = serializers.CharField(label="Tên kế hoạch, chương trình", max_length=500)
    due_on = serializers.DateField(label="Hạn ban hành, hoàn thành")


class StudyPlanStatusInputSerializer(VietnameseSerializer):
    status = PlanStatusField(label="Tình trạng", choices=PlanStatus.choices)
    done_on = serializers.DateField(label="Ngày hoàn thành", required=False, allow_null=True, default=None)
    version = version_field()


# ---------------------------------------------------------------- views

@extend_schema_view(
    list=extend_schema(summary="Thư viện văn bản học tập, quán triệt",
                       parameters=[OpenApiParameter("q", str, description="Số, ký hiệu hoặc trích yếu (không dấu được).")]),
    retrieve=extend_schema(summary="Một văn bản học tập", responses={200: StudyDocumentSerializer, 404: NOT_FOUND}),
)
class StudyDocumentViewSet(RestrictedViewSet):
    model = StudyDocument
    serializer_class = StudyDocumentSerializer

    def get_queryset(self):
        return selectors.search_documents(self.request.query_params.get("q", ""))

    @extend_schema(summary="Thêm văn bản vào thư viện (cán bộ tổ chức)", request=StudyDocumentInputSerializer,
                   responses=write_responses(201, StudyDocumentSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        doc = services.add_document(by=request.user, **self._validated(StudyDocumentInputSerializer))
        return Response(StudyDocumentSerializer(doc).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Buổi học tập, quán triệt trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết buổi học tập", responses={200: StudySessionSerializer, 404: NOT_FOUND}),
)
class StudySessionViewSet(RestrictedViewSet):
    model = StudySession
    serializer_class = StudySessionSerializer
    select_related = ("organization",)
    prefetch_related = ("documents", Prefetch("attendance", queryset=StudyAttendance.objects.select_related("member")
                                              .order_by("id")))
    ordering = ("-date", "-id")

    def may_change(self, user, session) -> bool:
        return services.may_change(user, session.organization)

    def change_denied(self, session) -> str:
        return f"Bạn không có quyền ghi học tập của {session.organization.name}."

    @extend_schema(summary="Lên kế hoạch buổi học tập, quán triệt", request=StudySessionInputSerializer,
                   responses=write_responses(201, StudySessionSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        v = self._validated(StudySessionInputSerializer)
        return self._answer(services.schedule_session(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi danh sách tham dự (mọi đảng viên phải học vào ngày đó)", request=StudyAttendanceInputSerializer,
                   responses=write_responses(200, StudySessionSerializer))
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        session = self._changeable()
        v = self._validated(StudyAttendanceInputSerializer)
        return self._answer(services.record_attendance(
            by=request.user, session=session, absent={a["member"]: a["reason"] for a in v["absent"]},
            cadres_present=v["cadres_present"], expected_version=v["version"]))

    @extend_schema(summary="Ghi buổi học bù cho người vắng", request=StudyMakeupInputSerializer,
                   responses=write_responses(201, StudySessionSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def makeup(self, request, pk=None):
        session = self._changeable()
        v = self._validated(StudyMakeupInputSerializer)
        return self._answer(services.record_makeup(by=request.user, session=session, **v), status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Kế hoạch, chương trình hành động thực hiện nghị quyết trong phạm vi quyền"),
    retrieve=extend_schema(summary="Một kế hoạch, chương trình", responses={200: FollowUpPlanSerializer, 404: NOT_FOUND}),
)
class FollowUpPlanViewSet(RestrictedViewSet):
    model = FollowUpPlan
    serializer_class = FollowUpPlanSerializer
    select_related = ("document", "organization")
    ordering = ("due_on", "id")

    @extend_schema(summary="Ghi kế hoạch, chương trình hành động", request=StudyPlanInputSerializer,
                   responses=write_responses(201, FollowUpPlanSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        plan = services.add_plan(by=request.user, **self._validated(StudyPlanInputSerializer))
        return Response(FollowUpPlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Cập nhật tình trạng", request=StudyPlanStatusInputSerializer,
                   responses=write_responses(200, FollowUpPlanSerializer))
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        plan = self.get_object()
        v = self._validated(StudyPlanStatusInputSerializer)
        plan = services.set_plan_status(by=request.user, plan=plan, status=v["status"], done_on=v["done_on"],
                                        expected_version=v["version"])
        return Response(FollowUpPlanSerializer(plan).data)
