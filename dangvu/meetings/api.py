"""API of cell meetings: /api/meetings/ (with attendance and the resolution) and /api/meeting-tasks/.

Same conventions as the rest of the API (dangvu/residence/api.py):
- every read starts from `Meeting.objects.visible_to(request.user)` (tasks: `Task.objects.visible_to`): 404 outside;
- ids in a request resolve among what the user may see (cells, members);
- writes go through dangvu.meetings.services: rules → 400 naming the field, visible but not the user's to record →
  403, a stale `version` → 409;
- choice fields are inline enums with names of their own (meeting_kind, meeting_status, attendance_mark).
"""

from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from dangvu.api.fields import describe_choices, inline_enum, optional_date, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core import params as api_params
from dangvu.meetings import services
from dangvu.meetings.filters import MeetingFilterSet, TaskFilterSet
from dangvu.meetings.kinds import Mark, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, DocumentKind, GroupMembership, Meeting, MeetingDocument, Task
from dangvu.meetings.querysets import CHANGE
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField

MeetingKindField = inline_enum(MeetingKind.values, describe_choices(MeetingKind))
MeetingStatusField = inline_enum(MeetingStatus.values, describe_choices(MeetingStatus))
AttendanceMarkField = inline_enum(Mark.values, describe_choices(Mark))


# ---------------------------------------------------------------- answers

class AttendanceSerializer(serializers.ModelSerializer):
    mark = AttendanceMarkField(choices=Mark.choices, read_only=True)
    mark_label = serializers.CharField(source="get_mark_display", read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "mark", "mark_label", "reason", "hosted"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(read_only=True)
    cell = serializers.IntegerField(source="meeting.cell_id", read_only=True)

    class Meta:
        model = Task
        fields = ["id", "meeting", "cell", "description", "owner", "owner_label", "owner_name", "due_on", "done_on", "result"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    """A cell meeting: plan, attendance, minutes, the monthly resolution (four parts, G4) and its vote (base: O14)."""

    kind = MeetingKindField(choices=MeetingKind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = MeetingStatusField(choices=MeetingStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)
    duration_minutes = serializers.IntegerField(read_only=True, allow_null=True)
    notes = serializers.SerializerMethodField(help_text="Điều quy định ghi nhận (không từ chối): ngắn hơn thời lượng tối "
                                                        "thiểu (G2), gửi tài liệu muộn (G3).")
    attendance = AttendanceSerializer(many=True, read_only=True)
    tasks = TaskSerializer(many=True, read_only=True)
    can_change = serializers.SerializerMethodField(help_text="Người dùng hiện tại được ghi buổi sinh hoạt này.")
    party_group_name = serializers.CharField(source="party_group.name", read_only=True, allow_null=True, default=None,
                                             help_text="Sinh hoạt theo tổ đảng (G6); rỗng: toàn chi bộ.")
    quality_scores = serializers.DictField(child=serializers.IntegerField(), read_only=True,
                                           help_text="Điểm từng tiêu chí của phiếu chấm điểm của tỉnh (G7).")
    quality_grade = serializers.CharField(read_only=True, help_text="good, fair, average, poor hoặc rỗng (chưa chấm).")
    quality_grade_label = serializers.CharField(source="get_quality_grade_display", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "cell", "cell_name", "kind", "kind_label", "status", "status_label", "date", "starts_at", "ends_at",
                  "duration_minutes", "place", "topic", "agenda", "documents", "materials_sent_on", "superior_notified_on", "chair",
                  "minute_taker",
                  "minutes", "results", "next_tasks", "assignment", "self_assessment", "votes_for", "votes_against",
                  "votes_abstain", "vote_base", "notes", "attendance", "tasks", "version", "can_change", "party_group",
                  "party_group_name", "quality_scores", "quality_score", "quality_grade", "quality_grade_label"]
        read_only_fields = fields

    def get_notes(self, obj) -> list[str]:
        return [v.text() for v in services.short_of(obj)]

    def get_can_change(self, obj) -> bool:
        return services.may_change(getattr(self.context.get("request"), "user", None), obj.cell)


# ---------------------------------------------------------------- requests

class ScheduleSerializer(VietnameseSerializer):
    """Lên kế hoạch một buổi sinh hoạt chi bộ."""

    cell = VisibleOrganizationField(label="Chi bộ")
    date = serializers.DateField(label="Ngày sinh hoạt")
    kind = MeetingKindField(label="Loại sinh hoạt", choices=MeetingKind.choices, required=False, default=MeetingKind.REGULAR)
    starts_at = serializers.TimeField(label="Giờ bắt đầu", required=False, allow_null=True, default=None)
    ends_at = serializers.TimeField(label="Giờ kết thúc", required=False, allow_null=True, default=None)
    place = optional_text("Địa điểm", 255)
    topic = optional_text("Chủ đề chuyên đề", 255)
    agenda = optional_text("Nội dung, chương trình")
    documents = optional_text("Tài liệu")
    materials_sent_on = optional_date("Ngày gửi tài liệu cho đảng viên")
    superior_notified_on = optional_date("Ngày gửi thông báo cho cấp ủy viên cấp trên phụ trách chi bộ")
    chair = VisibleMemberField(label="Chủ trì", required=False, allow_null=True, default=None)
    minute_taker = VisibleMemberField(label="Thư ký", required=False, allow_null=True, default=None)
    party_group = VisibleOrganizationField(label="Tổ đảng", required=False, allow_null=True, default=None,
                                           help_text="Sinh hoạt thường kỳ theo tổ đảng thay cho toàn chi bộ (G6).")


class MeetingAttendanceInputSerializer(VietnameseSerializer):
    member = serializers.IntegerField(label="Id đảng viên")
    mark = AttendanceMarkField(label="Tham dự", choices=Mark.choices)
    reason = optional_text("Lý do vắng", 255)


class HeldSerializer(VietnameseSerializer):
    """Ghi buổi sinh hoạt đã họp: giờ và điểm danh mọi đảng viên sinh hoạt ở chi bộ vào ngày đó."""

    starts_at = serializers.TimeField(label="Giờ bắt đầu", required=False, allow_null=True, default=None)
    ends_at = serializers.TimeField(label="Giờ kết thúc", required=False, allow_null=True, default=None)
    attendance = MeetingAttendanceInputSerializer(many=True, help_text="Một dòng cho mỗi đảng viên sinh hoạt ở chi bộ vào ngày họp.")
    version = version_field()


class QualitySerializer(VietnameseSerializer):
    """Tự chấm điểm chất lượng buổi sinh hoạt theo phiếu chấm điểm của tỉnh đang áp dụng (G7)."""

    scores = serializers.DictField(label="Điểm từng tiêu chí", child=serializers.IntegerField(allow_null=True),
                                   help_text="Mã tiêu chí → điểm; các tiêu chí, điểm tối đa: tham số meetings.quality.*.")
    version = version_field()


class MinutesSerializer(VietnameseSerializer):
    """Biên bản và nghị quyết tháng (bốn phần), biểu quyết; complete: hoàn thành (không sửa được nữa)."""

    minutes = optional_text("Biên bản")
    results = optional_text("I. Kết quả thực hiện tháng trước")
    next_tasks = optional_text("II. Nhiệm vụ tháng tới")
    assignment = optional_text("III. Phân công tổ chức thực hiện")
    self_assessment = optional_text("IV. Tự đánh giá chất lượng buổi sinh hoạt")
    votes_for = serializers.IntegerField(label="Tán thành", required=False, allow_null=True, default=None, min_value=0)
    votes_against = serializers.IntegerField(label="Không tán thành", required=False, allow_null=True, default=None, min_value=0)
    votes_abstain = serializers.IntegerField(label="Không biểu quyết", required=False, allow_null=True, default=None,
                                             min_value=0)
    complete = serializers.BooleanField(label="Hoàn thành biên bản", required=False, default=False)
    version = version_field()


class TaskInputSerializer(VietnameseSerializer):
    description = serializers.CharField(label="Nhiệm vụ")
    owner = VisibleMemberField(label="Người thực hiện", required=False, allow_null=True, default=None)
    owner_label = optional_text("Người thực hiện (ghi tên)", 200)
    due_on = serializers.DateField(label="Hạn hoàn thành")


class TaskDoneSerializer(VietnameseSerializer):
    done_on = serializers.DateField(label="Ngày hoàn thành")
    result = optional_text("Kết quả")


# ---------------------------------------------------------------- views

class MeetingDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    download = serializers.SerializerMethodField(help_text="Đường dẫn tải tệp (GET, có ghi nhật ký).")

    class Meta:
        model = MeetingDocument
        fields = ["id", "meeting", "kind", "kind_label", "title", "size", "uploaded_at", "uploaded_by_label", "download"]
        read_only_fields = fields

    def get_download(self, obj) -> str:
        return f"/api/meetings/documents/{obj.pk}/download/"


class DocumentUploadSerializer(VietnameseSerializer):
    """Tải lên một tài liệu của buổi sinh hoạt (multipart/form-data, trường file)."""

    kind = serializers.ChoiceField(label="Loại tài liệu", choices=DocumentKind.choices, required=False,
                                   default=DocumentKind.OTHER)
    title = optional_text("Tên tài liệu", 255)
    file = serializers.FileField(label="Tệp", help_text="Loại và dung lượng tối đa theo cấu hình (MEETING_DOCUMENT_*).")


@extend_schema_view(
    list=extend_schema(summary="Buổi sinh hoạt chi bộ trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết buổi sinh hoạt chi bộ", responses={200: MeetingSerializer, 404: NOT_FOUND}),
)
class MeetingViewSet(RestrictedViewSet):
    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    select_related = ("cell", "party_group")
    prefetch_related = (Prefetch("attendance", queryset=Attendance.objects.select_related("member").order_by("id")),
                        Prefetch("tasks", queryset=Task.objects.select_related("owner")))
    ordering = ("-date", "-id")

    def may_change(self, user, meeting) -> bool:
        return services.may_change(user, meeting.cell)

    def change_denied(self, meeting) -> str:
        return f"Bạn không có quyền ghi sinh hoạt của {meeting.cell.name}."

    @extend_schema(methods=["GET"], summary="Tài liệu (tệp) của buổi sinh hoạt",
                   responses={200: MeetingDocumentSerializer(many=True), 404: NOT_FOUND})
    @extend_schema(methods=["POST"], summary="Tải lên tài liệu của buổi sinh hoạt (multipart)",
                   request={"multipart/form-data": DocumentUploadSerializer},
                   responses=write_responses(201, MeetingDocumentSerializer, conflict=False))
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser, FormParser], pagination_class=None,
            filter_backends=[])
    def documents(self, request, pk=None):
        if request.method == "POST":
            meeting = self._changeable()
            v = self._validated(DocumentUploadSerializer)
            doc = services.add_document(by=request.user, meeting=meeting, file=v["file"], kind=v["kind"], title=v["title"])
            return Response(MeetingDocumentSerializer(doc).data, status=status.HTTP_201_CREATED)
        meeting = self.get_object()
        return Response(MeetingDocumentSerializer(meeting.files.order_by("kind", "id"), many=True).data)

    @extend_schema(summary="Tải xuống một tài liệu của buổi sinh hoạt (có ghi nhật ký)",
                   responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND})
    @action(detail=False, methods=["get"], url_path="documents/<int:document_pk>/download",
            url_name="document-download", filter_backends=[], pagination_class=None)
    def document_download(self, request, document_pk=None):
        doc = get_object_or_404(services.documents_readable_by(request.user), pk=document_pk)
        services.record_download(request.user, doc)
        return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.filename)

    @extend_schema(summary="Lên kế hoạch một buổi sinh hoạt chi bộ", request=ScheduleSerializer,
                   responses=write_responses(201, MeetingSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(CHANGE, "Bạn không có quyền ghi sinh hoạt chi bộ.")
        v = self._validated(ScheduleSerializer)
        return self._answer(services.schedule_meeting(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi buổi sinh hoạt đã họp, với điểm danh cả chi bộ", request=HeldSerializer,
                   responses=write_responses(200, MeetingSerializer))
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        meeting = self._changeable()
        v = self._validated(HeldSerializer)
        return self._answer(services.record_held(
            by=request.user, meeting=meeting, starts_at=v["starts_at"], ends_at=v["ends_at"], expected_version=v["version"],
            attendance=[(a["member"], a["mark"], a["reason"]) for a in v["attendance"]]))

    @extend_schema(summary="Ghi biên bản, nghị quyết tháng và biểu quyết", request=MinutesSerializer,
                   responses=write_responses(200, MeetingSerializer))
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        meeting = self._changeable()
        v = self._validated(MinutesSerializer)
        return self._answer(services.record_minutes(by=request.user, meeting=meeting, expected_version=v.pop("version"), **v))

    @extend_schema(summary="Tự chấm điểm chất lượng buổi sinh hoạt (phiếu chấm điểm của tỉnh)", request=QualitySerializer,
                   responses=write_responses(200, MeetingSerializer))
    @action(detail=True, methods=["post"])
    def quality(self, request, pk=None):
        meeting = self._changeable()
        v = self._validated(QualitySerializer)
        return self._answer(services.assess_quality(by=request.user, meeting=meeting, scores=v["scores"],
                                                    expected_version=v["version"]))

    @extend_schema(summary="Giao nhiệm vụ theo nghị quyết", request=TaskInputSerializer,
                   responses=write_responses(201, MeetingSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def tasks(self, request, pk=None):
        meeting = self._changeable()
        v = self._validated(TaskInputSerializer)
        services.add_task(by=request.user, meeting=meeting, **v)
        return self._answer(meeting, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Nhiệm vụ theo nghị quyết chi bộ trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết nhiệm vụ", responses={200: TaskSerializer, 404: NOT_FOUND}),
)
class TaskViewSet(RestrictedViewSet):
    model = Task
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    select_related = ("meeting", "owner")
    ordering = ("due_on", "id")

    def may_change(self, user, task) -> bool:
        return services.may_change(user, task.meeting.cell)

    def change_denied(self, task) -> str:
        return "Bạn không có quyền ghi nhiệm vụ này."

    @extend_schema(summary="Ghi hoàn thành nhiệm vụ", request=TaskDoneSerializer,
                   responses=write_responses(200, TaskSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        task = self._changeable()
        v = self._validated(TaskDoneSerializer)
        return self._answer(services.complete_task(by=request.user, task=task, **v))


# ---------------------------------------------------------------- party groups' members (G6)

class GroupMembershipSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    group_name = serializers.CharField(source="group.name", read_only=True)

    class Meta:
        model = GroupMembership
        fields = ["id", "cell", "group", "group_name", "member", "member_name", "joined_on", "left_on"]
        read_only_fields = fields


class GroupAssignmentInputSerializer(VietnameseSerializer):
    member = serializers.IntegerField(label="Id đảng viên")
    group = serializers.IntegerField(label="Id tổ đảng", allow_null=True,
                                     help_text="Một tổ đảng của chi bộ; null: không thuộc tổ nào từ ngày đó.")


class GroupAssignSerializer(VietnameseSerializer):
    """Ghi tổ đảng của các đảng viên trong chi bộ từ một ngày (tổ cũ kết thúc ngày hôm trước)."""

    cell = VisibleOrganizationField(label="Chi bộ")
    on = serializers.DateField(label="Từ ngày")
    assignments = GroupAssignmentInputSerializer(many=True, help_text="Một dòng cho mỗi đảng viên thay đổi tổ đảng.")


class GroupAssignResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="Số đảng viên thay đổi tổ đảng.")


@extend_schema_view(
    list=extend_schema(summary="Đảng viên của các tổ đảng (có thời hạn) trong phạm vi quyền", parameters=[
        OpenApiParameter("cell", int, description="Id chi bộ"),
        OpenApiParameter("on", OpenApiTypes.DATE, description="Chỉ các dòng còn hiệu lực vào ngày này (YYYY-MM-DD)")]),
    retrieve=extend_schema(summary="Một dòng đảng viên của tổ đảng", responses={200: GroupMembershipSerializer, 404: NOT_FOUND}),
)
class GroupMembershipViewSet(RestrictedViewSet):
    model = GroupMembership
    serializer_class = GroupMembershipSerializer
    select_related = ("member", "group")
    ordering = ("cell_id", "group__name_key", "member__name_key", "joined_on", "id")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        params = self.request.query_params
        cell = api_params.object_id(params, "cell", label="Chi bộ")
        on = api_params.date(params, "on", label="Ngày")
        if cell is not None:
            qs = qs.filter(cell_id=cell)
        if on is not None:
            qs = qs.valid_on(on)
        return qs

    @extend_schema(summary="Ghi tổ đảng của các đảng viên trong chi bộ từ một ngày", request=GroupAssignSerializer,
                   responses=write_responses(200, GroupAssignResultSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(CHANGE, "Bạn không có quyền ghi tổ đảng.")
        v = self._validated(GroupAssignSerializer)
        changed = services.assign_groups(by=request.user, cell=v["cell"], on=v["on"],
                                         assignments=[(a["member"], a["group"]) for a in v["assignments"]])
        return Response({"changed": changed})
