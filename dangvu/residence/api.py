"""API of residence contact: /api/residence/contacts/ and /api/residence/meetings/.

Same conventions as the rest of the API (dangvu/organizations/api.py, dangvu/transfers/api.py):
- every read starts from `ResidenceContact.objects.visible_to(request.user)` (or the meetings'
  `visible_to`): a contact neither side of which is in the user's scope is a 404;
- ids in a request resolve among what the user may see (members, cells); the commune or ward a
  member is introduced to resolves among all organizations of the system that exist today (the
  workplace must be able to name it);
- writes go through dangvu.residence.services: rules → 400 naming the field, visible but not this
  side or role → 403, a stale `version` → 409;
- choice fields are inline enums with names of their own (contact_status, meeting_exemption…), so
  that they never collide with the enums of other apps in the OpenAPI schema.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from dangvu.api.fields import describe_choices, inline_enum, optional_date, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import ActiveOrganizationField, VisibleOrganizationField
from dangvu.residence import selectors, services
from dangvu.residence.filters import ResidenceContactFilterSet, ResidenceMeetingFilterSet
from dangvu.residence.kinds import (
    AttendanceMark,
    CommentAssessment,
    CommentOccasion,
    ContactEndReason,
    ContactStatus,
    IntroductionExemption,
    MeetingExemption,
    MeetingType,
)
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact, ResidenceMeeting

ContactStatusField = inline_enum(ContactStatus.values, describe_choices(ContactStatus))
MeetingExemptionField = inline_enum(["", *MeetingExemption.values], "Diện không sinh hoạt định kỳ ở nơi cư trú (HD 33 điểm "
                                                                     "1.1); rỗng: không. " + describe_choices(MeetingExemption))
IntroductionExemptionField = inline_enum(IntroductionExemption.values, describe_choices(IntroductionExemption))
EndReasonField = inline_enum(ContactEndReason.values, describe_choices(ContactEndReason))
OccasionField = inline_enum(CommentOccasion.values, describe_choices(CommentOccasion))
AssessmentField = inline_enum(CommentAssessment.values, describe_choices(CommentAssessment))
MeetingTypeField = inline_enum(MeetingType.values, describe_choices(MeetingType))
MarkField = inline_enum(AttendanceMark.values, describe_choices(AttendanceMark))


# ---------------------------------------------------------------- answers

class ResidenceCommentSerializer(serializers.ModelSerializer):
    """A comment of the residence cell (phiếu nhận xét)."""

    comment_occasion = OccasionField(choices=CommentOccasion.choices, read_only=True)
    comment_occasion_label = serializers.CharField(source="get_comment_occasion_display", read_only=True)
    comment_assessment = AssessmentField(choices=CommentAssessment.choices, read_only=True)
    comment_assessment_label = serializers.CharField(source="get_comment_assessment_display", read_only=True)
    late = serializers.BooleanField(read_only=True, help_text="Nhận xét định kỳ ghi sau hạn gửi (due_date).")
    writer = serializers.CharField(source="writer_label", read_only=True, help_text="Chi bộ nơi cư trú đã nhận xét.")

    class Meta:
        model = ResidenceComment
        fields = ["id", "year", "comment_occasion", "comment_occasion_label", "purpose", "text", "comment_assessment",
                  "comment_assessment_label", "commented_on", "due_date", "late", "residence_cell", "writer", "signer_name",
                  "signer_title", "created_by_label"]
        read_only_fields = fields


class ContactAttendanceSerializer(serializers.ModelSerializer):
    mark = MarkField(choices=AttendanceMark.choices, read_only=True)
    mark_label = serializers.CharField(source="get_mark_display", read_only=True)
    held_on = serializers.DateField(source="meeting.held_on", read_only=True)
    cell = serializers.IntegerField(source="meeting.cell_id", read_only=True)

    class Meta:
        model = ResidenceAttendance
        fields = ["meeting", "held_on", "cell", "mark", "mark_label", "reason"]
        read_only_fields = fields


class ResidenceContactSerializer(serializers.ModelSerializer):
    """A working member's contact with the residence: the introduction, its receipt and assignment,
    the residence cell's comments and the member's attendance. No masked field of the member's record."""

    contact_status = ContactStatusField(choices=ContactStatus.choices, read_only=True)
    contact_status_label = serializers.CharField(source="get_contact_status_display", read_only=True)
    meeting_exemption = MeetingExemptionField(choices=MeetingExemption.choices, read_only=True)
    introduction_exemption = inline_enum(["", *IntroductionExemption.values], "Diện không giới thiệu (HD 33 điểm 1.2); rỗng: "
                                                                               "không.")(choices=IntroductionExemption.choices,
                                                                                         read_only=True)
    contact_end_reason = inline_enum(["", *ContactEndReason.values], "Lý do kết thúc; rỗng: chưa kết thúc.")(
        choices=ContactEndReason.choices, read_only=True)
    residence_address = serializers.SerializerMethodField(
        help_text="Địa chỉ nơi cư trú; “***” với người không được xem thông tin được che của đảng viên (lãnh đạo, bí thư "
                  "chi bộ), như trên trang.")
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    member_birth_date = serializers.DateField(source="member.date_of_birth", read_only=True)
    workplace_cell_name = serializers.CharField(source="workplace_cell.name", read_only=True)
    introduced_by_name = serializers.CharField(source="introduced_by.name", read_only=True)
    receiving_organization_name = serializers.CharField(source="receiving_organization.name", read_only=True, allow_null=True)
    residence_cell_name = serializers.CharField(source="residence_cell.name", read_only=True, allow_null=True)
    comments = ResidenceCommentSerializer(many=True, read_only=True)
    attendance = ContactAttendanceSerializer(many=True, read_only=True)
    can_receive = serializers.SerializerMethodField(help_text="Người dùng hiện tại được tiếp nhận (bên nơi cư trú).")
    can_assign = serializers.SerializerMethodField(help_text="Người dùng hiện tại được phân công về chi bộ.")
    can_end = serializers.SerializerMethodField(help_text="Người dùng hiện tại được ghi kết thúc.")
    can_comment = serializers.SerializerMethodField(help_text="Người dùng hiện tại được ghi nhận xét (chi bộ nơi cư trú).")

    class Meta:
        model = ResidenceContact
        fields = ["id", "contact_status", "contact_status_label", "is_open", "member", "member_name", "member_birth_date",
                  "workplace_cell", "workplace_cell_name", "introduced_by", "introduced_by_name", "letter_number",
                  "letter_date", "residence_address", "receiving_organization", "receiving_organization_name",
                  "receiving_text", "meeting_exemption", "introduction_exemption", "exemption_note", "signer_name",
                  "signer_title", "received_on", "received_by_label", "residence_cell", "residence_cell_name", "assigned_on",
                  "assigned_by_label", "ended_on", "contact_end_reason", "end_note", "ended_by_label", "created_by_label",
                  "version", "comments", "attendance", "can_receive", "can_assign", "can_end", "can_comment"]
        read_only_fields = fields

    def _user(self):
        return getattr(self.context.get("request"), "user", None)

    def get_residence_address(self, obj) -> str:
        return selectors.shown_address(self._user(), obj)

    def get_can_receive(self, obj) -> bool:
        return services.may_receive(self._user(), obj)

    def get_can_assign(self, obj) -> bool:
        return services.may_assign(self._user(), obj)

    def get_can_end(self, obj) -> bool:
        return services.may_end(self._user(), obj)

    def get_can_comment(self, obj) -> bool:
        return services.may_comment(self._user(), obj)


class MeetingAttendanceSerializer(serializers.ModelSerializer):
    mark = MarkField(choices=AttendanceMark.choices, read_only=True)
    mark_label = serializers.CharField(source="get_mark_display", read_only=True)
    member_name = serializers.CharField(source="contact.member.full_name", read_only=True)

    class Meta:
        model = ResidenceAttendance
        fields = ["contact", "member_name", "mark", "mark_label", "reason"]
        read_only_fields = fields


class ResidenceMeetingSerializer(serializers.ModelSerializer):
    """A residence cell's meeting for the working members living in its area (H4)."""

    meeting_type = MeetingTypeField(choices=MeetingType.choices, read_only=True)
    meeting_type_label = serializers.CharField(source="get_meeting_type_display", read_only=True)
    cell_name = serializers.CharField(source="cell.name", read_only=True)
    attendance = MeetingAttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = ResidenceMeeting
        fields = ["id", "cell", "cell_name", "held_on", "meeting_type", "meeting_type_label", "content", "created_by_label",
                  "attendance"]
        read_only_fields = fields


# ---------------------------------------------------------------- requests


class IntroduceSerializer(VietnameseSerializer):
    """Giới thiệu đảng viên đang công tác về giữ mối liên hệ với nơi cư trú (bên nơi công tác)."""

    member = VisibleMemberField(label="Đảng viên", help_text="Id đảng viên đang công tác thuộc phạm vi của bạn.")
    letter_number = serializers.CharField(label="Số giấy giới thiệu", max_length=60)
    letter_date = serializers.DateField(label="Ngày giới thiệu")
    residence_address = serializers.CharField(label="Địa chỉ nơi cư trú", max_length=255)
    receiving_organization = ActiveOrganizationField(
        label="Đảng ủy xã, phường nơi cư trú", required=False, allow_null=True, default=None,
        help_text="Id đảng ủy xã, phường (mọi tổ chức đang hoạt động). Để trống khi nơi cư trú ngoài hệ thống (receiving_text).")
    receiving_text = optional_text("Nơi cư trú (ngoài hệ thống)", 255)
    meeting_exemption = MeetingExemptionField(label="Diện không sinh hoạt định kỳ ở nơi cư trú", choices=MeetingExemption.choices,
                                              required=False, allow_blank=True, default="")
    signer_name = optional_text("Người ký", 120)
    signer_title = optional_text("Chức vụ người ký", 120)


class ExemptSerializer(VietnameseSerializer):
    """Ghi đảng viên không thuộc diện giới thiệu về nơi cư trú (HD 33 điểm 1.2)."""

    member = VisibleMemberField(label="Đảng viên")
    introduction_exemption = IntroductionExemptionField(label="Diện không giới thiệu", choices=IntroductionExemption.choices)
    decided_on = serializers.DateField(label="Ngày xác định")
    exemption_note = optional_text("Ghi chú")


class ReceiveSerializer(VietnameseSerializer):
    """Tiếp nhận (đảng ủy xã, phường nơi cư trú); có thể phân công luôn về chi bộ."""

    received_on = serializers.DateField(label="Ngày tiếp nhận")
    residence_cell = VisibleOrganizationField(label="Chi bộ nơi cư trú", required=False, allow_null=True, default=None,
                                              help_text="Id chi bộ thôn, tổ dân phố thuộc xã, phường; để trống nếu chưa phân công.")
    assigned_on = optional_date("Ngày phân công", help_text="Mặc định: ngày tiếp nhận.")
    version = version_field()


class AssignSerializer(VietnameseSerializer):
    residence_cell = VisibleOrganizationField(label="Chi bộ nơi cư trú")
    assigned_on = serializers.DateField(label="Ngày phân công")
    version = version_field()


class EndSerializer(VietnameseSerializer):
    contact_end_reason = EndReasonField(label="Lý do kết thúc", choices=ContactEndReason.choices)
    ended_on = serializers.DateField(label="Ngày kết thúc")
    end_note = optional_text("Ghi chú")
    version = version_field()


class CommentInputSerializer(VietnameseSerializer):
    """Nhận xét của chi bộ nơi cư trú: định kỳ hằng năm hoặc khi cần."""

    year = serializers.IntegerField(label="Năm", min_value=2000, max_value=2100)
    comment_occasion = OccasionField(label="Loại nhận xét", choices=CommentOccasion.choices)
    text = serializers.CharField(label="Nội dung nhận xét")
    comment_assessment = AssessmentField(label="Kết luận", choices=CommentAssessment.choices)
    commented_on = serializers.DateField(label="Ngày nhận xét")
    purpose = optional_text("Mục đích nhận xét", 255, help_text="Bắt buộc với nhận xét khi cần.")
    signer_name = optional_text("Người ký", 120)
    signer_title = optional_text("Chức vụ người ký", 120)
    written_by_text = optional_text("Chi bộ nhận xét (ngoài hệ thống)", 255, help_text="Chỉ với nơi cư trú ngoài hệ thống.")


class AttendanceInputSerializer(VietnameseSerializer):
    contact = serializers.IntegerField(label="Id giữ mối liên hệ (contact)")
    mark = MarkField(label="Tham dự", choices=AttendanceMark.choices)
    reason = optional_text("Lý do vắng", 255)


class MeetingInputSerializer(VietnameseSerializer):
    """Ghi buổi sinh hoạt của chi bộ nơi cư trú với đảng viên đang công tác, kèm tham dự của từng người."""

    cell = VisibleOrganizationField(label="Chi bộ nơi cư trú")
    held_on = serializers.DateField(label="Ngày sinh hoạt")
    meeting_type = MeetingTypeField(label="Hình thức", choices=MeetingType.choices)
    content = serializers.CharField(label="Nội dung")
    attendance = AttendanceInputSerializer(many=True, required=False, default=list,
                                           help_text="Mỗi đảng viên được phân công về chi bộ (trừ diện không sinh hoạt định "
                                                     "kỳ) phải có một dòng.")


# ---------------------------------------------------------------- views

CONTACT_PREFETCH = (
    Prefetch("comments", queryset=ResidenceComment.objects.select_related("residence_cell").order_by("-year", "-id")),
    Prefetch("attendance", queryset=ResidenceAttendance.objects.select_related("meeting").order_by("-meeting__held_on")),
)


@extend_schema_view(
    list=extend_schema(summary="Đảng viên giữ mối liên hệ với nơi cư trú trong phạm vi quyền",
                       ),
    retrieve=extend_schema(summary="Chi tiết giữ mối liên hệ", responses={200: ResidenceContactSerializer, 404: NOT_FOUND}),
)
class ResidenceContactViewSet(RestrictedViewSet):
    model = ResidenceContact
    serializer_class = ResidenceContactSerializer
    filterset_class = ResidenceContactFilterSet
    select_related = selectors.CONTACT_RELATED
    prefetch_related = CONTACT_PREFETCH
    ordering = ("-letter_date", "-id")
    answer_outside_scope = True

    def _require_introducer(self):
        self._require_scope(services.INTRODUCE, "Bạn không có quyền giới thiệu đảng viên về nơi cư trú.")

    @extend_schema(summary="Giới thiệu đảng viên đang công tác về nơi cư trú (bên nơi công tác)", request=IntroduceSerializer,
                   responses=write_responses(201, ResidenceContactSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_introducer()
        v = self._validated(IntroduceSerializer)
        return self._answer(services.introduce(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi đảng viên không thuộc diện giới thiệu về nơi cư trú (HD 33 điểm 1.2)",
                   request=ExemptSerializer, responses=write_responses(201, ResidenceContactSerializer, conflict=False))
    @action(detail=False, methods=["post"])
    def exempt(self, request):
        self._require_introducer()
        v = self._validated(ExemptSerializer)
        return self._answer(services.exempt_from_introduction(by=request.user, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Tiếp nhận (đảng ủy xã, phường nơi cư trú), có thể phân công luôn về chi bộ",
                   request=ReceiveSerializer, responses=write_responses(200, ResidenceContactSerializer))
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        contact = self.get_object()
        services.require_residence_side(request.user, contact)  # the side first: 403 before the input's 400
        v = self._validated(ReceiveSerializer)
        return self._answer(services.receive(by=request.user, contact=contact, received_on=v["received_on"],
                                             residence_cell=v["residence_cell"], assigned_on=v["assigned_on"],
                                             expected_version=v["version"]))

    @extend_schema(summary="Phân công về chi bộ nơi cư trú (hoặc chuyển sang chi bộ khác)", request=AssignSerializer,
                   responses=write_responses(200, ResidenceContactSerializer))
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        contact = self.get_object()
        services.require_residence_side(request.user, contact)
        v = self._validated(AssignSerializer)
        return self._answer(services.assign(by=request.user, contact=contact, residence_cell=v["residence_cell"],
                                            assigned_on=v["assigned_on"], expected_version=v["version"]))

    @extend_schema(summary="Kết thúc giữ mối liên hệ (một trong hai bên)", request=EndSerializer,
                   responses=write_responses(200, ResidenceContactSerializer))
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        contact = self.get_object()
        services.require_either_side(request.user, contact)
        v = self._validated(EndSerializer)
        return self._answer(services.end_contact(by=request.user, contact=contact, contact_end_reason=v["contact_end_reason"],
                                                 ended_on=v["ended_on"], end_note=v["end_note"],
                                                 expected_version=v["version"]))

    @extend_schema(summary="Ghi nhận xét của chi bộ nơi cư trú", request=CommentInputSerializer,
                   responses=write_responses(201, ResidenceContactSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        contact = self.get_object()
        services.require_comment_side(request.user, contact)
        v = self._validated(CommentInputSerializer)
        services.record_comment(by=request.user, contact=contact, **v)
        return self._answer(contact, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Buổi sinh hoạt của chi bộ nơi cư trú với đảng viên đang công tác"),
    retrieve=extend_schema(summary="Chi tiết buổi sinh hoạt", responses={200: ResidenceMeetingSerializer, 404: NOT_FOUND}),
)
class ResidenceMeetingViewSet(RestrictedViewSet):
    model = ResidenceMeeting
    serializer_class = ResidenceMeetingSerializer
    filterset_class = ResidenceMeetingFilterSet
    select_related = ("cell",)
    prefetch_related = (Prefetch("attendance", queryset=ResidenceAttendance.objects.select_related("contact__member")),)
    ordering = ("-held_on", "-id")

    @extend_schema(summary="Ghi buổi sinh hoạt với tham dự của đảng viên", request=MeetingInputSerializer,
                   responses=write_responses(201, ResidenceMeetingSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(services.COMMENT, "Bạn không có quyền ghi buổi sinh hoạt của chi bộ nơi cư trú.")
        v = self._validated(MeetingInputSerializer)
        meeting = services.record_meeting(
            by=request.user, cell=v["cell"], held_on=v["held_on"], meeting_type=v["meeting_type"], content=v["content"],
            attendance=[(a["contact"], a["mark"], a["reason"]) for a in v["attendance"]])
        return self._answer(meeting, status.HTTP_201_CREATED)
