"""API of inspection and supervision: /api/inspection/cases/, /api/inspection/programmes/,
/api/inspection/denunciations/.

Same conventions as the rest of the API (dangvu/meetings/api.py):
- every read starts from this app's `visible_to(request.user)` ("inspection.view"): 404 outside; the subject member
  of a notified case reads its decision and conclusion only (no team, findings, sessions);
- ids in a request resolve among what the user may see (organizations, members);
- writes go through dangvu.inspection.services: rules → 400 naming the field, visible but not the user's to conduct →
  403, a stale `version` → 409;
- the denouncer's identity is never in an answer, only in the audited `reveal` action for the handlers (K15).
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.accounts import permissions
from dangvu.api.fields import describe_choices, inline_enum, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.discipline.api import FormField, ViolationInputSerializer
from dangvu.discipline.kinds import Form
from dangvu.discipline.services import ViolationInput
from dangvu.inspection import services
from dangvu.inspection.kinds import BodyKind, CaseKind, CaseStatus, DenunciationStatus, Matter, Result
from dangvu.inspection.models import Case, Denunciation, Programme, ProgrammeItem, Remedy, Session, Step
from dangvu.inspection.querysets import CHANGE, VIEW
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField

CaseKindField = inline_enum(CaseKind.values, describe_choices(CaseKind))
BodyKindField = inline_enum(BodyKind.values, describe_choices(BodyKind))
CaseStatusField = inline_enum(CaseStatus.values, describe_choices(CaseStatus))
ResultField = inline_enum(Result.values, describe_choices(Result))
MatterField = inline_enum(Matter.values, describe_choices(Matter))
DenunciationStatusField = inline_enum(DenunciationStatus.values, describe_choices(DenunciationStatus))

NO_INSPECTION = "Bạn không có quyền kiểm tra, giám sát."

# What a subject member reads of a case notified to them.
SUBJECT_FIELDS = {"id", "kind", "kind_label", "body", "body_name", "body_kind", "subject_member", "subject_organization",
                  "subject_label", "topic", "decision_number", "decision_date", "due_on", "status", "conclusion",
                  "recommendations", "result", "concluded_on", "notified_on", "remedies"}


# ---------------------------------------------------------------- answers

class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = Step
        fields = ["id", "title", "due_on", "done_on"]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "held_on", "participants", "content"]
        read_only_fields = fields


class RemedySerializer(serializers.ModelSerializer):
    class Meta:
        model = Remedy
        fields = ["id", "description", "due_on", "done_on", "result"]
        read_only_fields = fields


class CaseSerializer(serializers.ModelSerializer):
    """A case: decision to open (number, date, body), team, timeline, sessions, conclusion, remedies."""

    kind = CaseKindField(choices=CaseKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    body_kind = BodyKindField(choices=BodyKind.choices, read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    status = CaseStatusField(choices=CaseStatus.choices, read_only=True)
    result = ResultField(choices=Result.choices, read_only=True, allow_blank=True)
    matter = MatterField(choices=Matter.choices, read_only=True, allow_blank=True)
    subject_label = serializers.CharField(read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    sessions = SessionSerializer(many=True, read_only=True)
    remedies = RemedySerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "kind", "kind_label", "body", "body_name", "body_kind", "programme", "subject_member",
                  "subject_organization", "subject_label", "matter", "topic", "decision_number", "decision_date", "due_on",
                  "team", "status", "findings", "conclusion", "recommendations", "result", "concluded_on", "notified_on",
                  "steps", "sessions", "remedies", "proceeding", "version"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = getattr(self.context.get("request"), "user", None)
        if not permissions.can(user, VIEW, instance.body):
            return {k: v for k, v in data.items() if k in SUBJECT_FIELDS}
        return data


class ProgrammeItemSerializer(serializers.ModelSerializer):
    kind = CaseKindField(choices=CaseKind.choices, read_only=True)

    class Meta:
        model = ProgrammeItem
        fields = ["id", "kind", "subject_organization", "subject_member", "topic", "planned_from", "planned_to"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer):
    body_kind = BodyKindField(choices=BodyKind.choices, read_only=True)
    items = ProgrammeItemSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "organization", "body_kind", "year", "title", "topics", "decision_number", "adopted_on", "items",
                  "version"]
        read_only_fields = fields


class DenunciationSerializer(serializers.ModelSerializer):
    """A denunciation, without the denouncer's identity (K15: `reveal` gives it to the handlers, audited)."""

    status = DenunciationStatusField(choices=DenunciationStatus.choices, read_only=True)
    anonymous = serializers.BooleanField(read_only=True)

    class Meta:
        model = Denunciation
        fields = ["id", "body", "received_on", "anonymous", "signed", "specific", "with_evidence", "forged",
                  "subject_member", "subject_organization", "content", "status", "case", "outcome", "version"]
        read_only_fields = fields


class DenouncerSerializer(serializers.Serializer):
    name = serializers.CharField()
    contact = serializers.CharField()


# ---------------------------------------------------------------- requests

class OpenCaseSerializer(VietnameseSerializer):
    """Quyết định kiểm tra, giám sát (K13, K14)."""

    body = VisibleOrganizationField(label="Tổ chức đảng tiến hành")
    body_kind = BodyKindField(label="Chủ thể tiến hành", choices=BodyKind.choices)
    kind = CaseKindField(label="Loại kiểm tra, giám sát", choices=CaseKind.choices)
    subject_member = VisibleMemberField(label="Đảng viên được kiểm tra, giám sát", required=False, allow_null=True,
                                        default=None)
    subject_organization = VisibleOrganizationField(label="Tổ chức đảng được kiểm tra, giám sát", required=False,
                                                    allow_null=True, default=None)
    matter = MatterField(label="Nội dung kiểm tra đảng viên", choices=Matter.choices, required=False, default="")
    topic = serializers.CharField(label="Nội dung", max_length=255)
    decision_number = serializers.CharField(label="Số quyết định", max_length=60)
    decision_date = serializers.DateField(label="Ngày quyết định")
    due_on = serializers.DateField(label="Thời hạn kết thúc")
    team = serializers.CharField(label="Đoàn (tổ) kiểm tra, giám sát")
    higher_managed = serializers.BooleanField(label="Thuộc diện cấp ủy cấp trên quản lý", required=False, default=False)
    dispersed = serializers.BooleanField(label="Chi bộ có đảng viên phân tán", required=False, default=False)


class StepInputSerializer(VietnameseSerializer):
    title = serializers.CharField(label="Bước", max_length=255)
    due_on = serializers.DateField(label="Hạn")


class SessionInputSerializer(VietnameseSerializer):
    held_on = serializers.DateField(label="Ngày làm việc")
    participants = serializers.CharField(label="Thành phần", max_length=255)
    content = serializers.CharField(label="Nội dung làm việc")


class ConcludeSerializer(VietnameseSerializer):
    concluded_on = serializers.DateField(label="Ngày kết luận")
    findings = optional_text("Kết quả thẩm tra, xác minh")
    conclusion = serializers.CharField(label="Kết luận")
    recommendations = optional_text("Kiến nghị, yêu cầu khắc phục")
    result = ResultField(label="Kết quả", choices=Result.choices)
    version = version_field()


class NotifySerializer(VietnameseSerializer):
    notified_on = serializers.DateField(label="Ngày thông báo kết luận")


class RemedyInputSerializer(VietnameseSerializer):
    description = serializers.CharField(label="Yêu cầu khắc phục")
    due_on = serializers.DateField(label="Hạn khắc phục")


class ProposeDisciplineSerializer(VietnameseSerializer):
    """Đề nghị xem xét kỷ luật từ kết luận (mở vụ việc qua phân hệ kỷ luật: K1, K6)."""

    opened_on = serializers.DateField(label="Ngày bắt đầu xem xét kỷ luật")
    proposed_form = FormField(label="Hình thức đề nghị", choices=Form.choices)
    summary = serializers.CharField(label="Nội dung vi phạm")
    violations = ViolationInputSerializer(many=True)


class ProgrammeInputSerializer(VietnameseSerializer):
    organization = VisibleOrganizationField(label="Tổ chức đảng")
    body_kind = BodyKindField(label="Cơ quan ban hành", choices=BodyKind.choices)
    year = serializers.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = serializers.CharField(label="Tên chương trình", max_length=255)
    topics = optional_text("Nội dung trọng tâm")
    decision_number = optional_text("Số văn bản", 60)
    adopted_on = serializers.DateField(label="Ngày ban hành")


class ProgrammeItemInputSerializer(VietnameseSerializer):
    kind = CaseKindField(label="Loại", choices=CaseKind.choices)
    subject_member = VisibleMemberField(label="Đảng viên", required=False, allow_null=True, default=None)
    subject_organization = VisibleOrganizationField(label="Tổ chức đảng", required=False, allow_null=True, default=None)
    topic = serializers.CharField(label="Nội dung", max_length=255)
    planned_from = serializers.DateField(label="Dự kiến từ ngày")
    planned_to = serializers.DateField(label="Đến ngày")


class DenunciationInputSerializer(VietnameseSerializer):
    body = VisibleOrganizationField(label="Tổ chức đảng nhận đơn")
    received_on = serializers.DateField(label="Ngày nhận")
    subject_member = VisibleMemberField(label="Đảng viên bị tố cáo", required=False, allow_null=True, default=None)
    subject_organization = VisibleOrganizationField(label="Tổ chức đảng bị tố cáo", required=False, allow_null=True,
                                                    default=None)
    content = serializers.CharField(label="Nội dung tố cáo")
    denouncer_name = optional_text("Họ tên người tố cáo", 200)
    denouncer_contact = optional_text("Địa chỉ, liên hệ của người tố cáo", 255)
    signed = serializers.BooleanField(label="Có ký tên", required=False, default=False)
    specific = serializers.BooleanField(label="Nội dung cụ thể", required=False, default=False)
    with_evidence = serializers.BooleanField(label="Có tài liệu, chứng cứ", required=False, default=False)
    forged = serializers.BooleanField(label="Mạo danh", required=False, default=False)


class SettleSerializer(VietnameseSerializer):
    outcome = serializers.CharField(label="Kết quả giải quyết")
    version = version_field()


# ---------------------------------------------------------------- views

@extend_schema_view(
    list=extend_schema(summary="Cuộc kiểm tra, giám sát trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết cuộc kiểm tra, giám sát", responses={200: CaseSerializer, 404: NOT_FOUND}),
)
class CaseViewSet(RestrictedViewSet):
    model = Case
    serializer_class = CaseSerializer
    select_related = ("body", "subject_member", "subject_organization")
    prefetch_related = ("steps", "sessions", "remedies")
    ordering = ("-decision_date", "-id")

    def may_change(self, user, case) -> bool:
        return services.may_change(user, case.body)

    def change_denied(self, case) -> str:
        return f"Bạn không có quyền ghi cuộc kiểm tra, giám sát của {case.body.name}."

    @extend_schema(summary="Quyết định kiểm tra, giám sát", request=OpenCaseSerializer,
                   responses=write_responses(201, CaseSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(CHANGE, NO_INSPECTION)
        v = self._validated(OpenCaseSerializer)
        return self._answer(services.open_case(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Thêm bước tiến hành (có hạn)", request=StepInputSerializer,
                   responses=write_responses(201, CaseSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        case = self._changeable()
        services.add_step(by=request.user, case=case, **self._validated(StepInputSerializer))
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi buổi làm việc với đối tượng", request=SessionInputSerializer,
                   responses=write_responses(201, CaseSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def sessions(self, request, pk=None):
        case = self._changeable()
        services.record_session(by=request.user, case=case, **self._validated(SessionInputSerializer))
        return self._answer(case, status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi kết luận", request=ConcludeSerializer, responses=write_responses(200, CaseSerializer))
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        case = self._changeable()
        v = self._validated(ConcludeSerializer)
        return self._answer(services.conclude_case(by=request.user, case=case, expected_version=v.pop("version"), **v))

    @extend_schema(summary="Ghi thông báo kết luận cho đối tượng", request=NotifySerializer,
                   responses=write_responses(200, CaseSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        case = self._changeable()
        return self._answer(services.notify_subject(by=request.user, case=case, **self._validated(NotifySerializer)))

    @extend_schema(summary="Thêm yêu cầu khắc phục", request=RemedyInputSerializer,
                   responses=write_responses(201, CaseSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def remedies(self, request, pk=None):
        case = self._changeable()
        services.add_remedy(by=request.user, case=case, **self._validated(RemedyInputSerializer))
        return self._answer(case, status.HTTP_201_CREATED)


    @extend_schema(summary="Đề nghị xem xét kỷ luật từ kết luận", request=ProposeDisciplineSerializer,
                   responses=write_responses(201, CaseSerializer, conflict=False))
    @action(detail=True, methods=["post"], url_path="propose-discipline")
    def propose_discipline(self, request, pk=None):
        case = self._changeable()
        v = self._validated(ProposeDisciplineSerializer)
        services.propose_discipline(by=request.user, case=case, opened_on=v["opened_on"], summary=v["summary"],
                                    proposed_form=v["proposed_form"],
                                    violations=[ViolationInput(x["kind"], x["committed_on"], x["description"])
                                                for x in v["violations"]])
        return self._answer(case, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Chương trình kiểm tra, giám sát trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết chương trình kiểm tra, giám sát",
                           responses={200: ProgrammeSerializer, 404: NOT_FOUND}),
)
class ProgrammeViewSet(RestrictedViewSet):
    model = Programme
    serializer_class = ProgrammeSerializer
    prefetch_related = (Prefetch("items", queryset=ProgrammeItem.objects.order_by("planned_from", "id")),)
    ordering = ("-year", "id")

    @extend_schema(summary="Ban hành chương trình kiểm tra, giám sát năm", request=ProgrammeInputSerializer,
                   responses=write_responses(201, ProgrammeSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(CHANGE, NO_INSPECTION)
        return self._answer(services.create_programme(by=request.user, **self._validated(ProgrammeInputSerializer)),
                            status.HTTP_201_CREATED)

    @extend_schema(summary="Thêm nội dung vào chương trình", request=ProgrammeItemInputSerializer,
                   responses=write_responses(201, ProgrammeSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        programme = self.get_object()
        services.add_programme_item(by=request.user, programme=programme, **self._validated(ProgrammeItemInputSerializer))
        return self._answer(programme, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Đơn tố cáo trong phạm vi quyền (không kèm danh tính người tố cáo)"),
    retrieve=extend_schema(summary="Chi tiết đơn tố cáo", responses={200: DenunciationSerializer, 404: NOT_FOUND}),
)
class DenunciationViewSet(RestrictedViewSet):
    model = Denunciation
    serializer_class = DenunciationSerializer
    ordering = ("-received_on", "-id")

    @extend_schema(summary="Tiếp nhận đơn tố cáo (K15)", request=DenunciationInputSerializer,
                   responses=write_responses(201, DenunciationSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(CHANGE, NO_INSPECTION)
        return self._answer(services.receive_denunciation(by=request.user, **self._validated(DenunciationInputSerializer)),
                            status.HTTP_201_CREATED)

    @extend_schema(summary="Xem danh tính người tố cáo (chỉ người giải quyết; được ghi nhật ký)", request=None,
                   responses=write_responses(200, DenouncerSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        name, contact = services.reveal_denouncer(by=request.user, denunciation=self.get_object())
        return Response({"name": name, "contact": contact})

    @extend_schema(summary="Ghi kết quả giải quyết đơn tố cáo", request=SettleSerializer,
                   responses=write_responses(200, DenunciationSerializer))
    @action(detail=True, methods=["post"])
    def settle(self, request, pk=None):
        d = self.get_object()
        v = self._validated(SettleSerializer)
        return self._answer(services.settle_denunciation(by=request.user, denunciation=d, outcome=v["outcome"],
                                                         expected_version=v["version"]))
