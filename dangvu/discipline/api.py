"""API of discipline: /api/discipline/proceedings/ (with violations and appeals), /api/discipline/appeals/,
/api/discipline/notifications/.

Same conventions as the rest of the API (dangvu/meetings/api.py):
- every read starts from `Proceeding.objects.restrict(request.user)` (appeals, notifications likewise): 404 outside;
  the member concerned reads their own decisions once announced;
- ids in a request resolve among what the user may see (members, organizations);
- writes go through dangvu.discipline.services: rules → 400 naming the field, visible but not the user's to decide →
  403, a stale `version` → 409;
- choice fields are inline enums.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from dangvu.api.fields import describe_choices, inline_enum, optional_date, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.discipline import services
from dangvu.discipline.kinds import (
    AppealBar,
    AppealOutcome,
    BodyKind,
    DeferralReason,
    Form,
    NoticeBodyKind,
    Status,
    SubjectKind,
    ViolationKind,
)
from dangvu.discipline.models import Appeal, Notification, Proceeding, Violation
from dangvu.discipline.querysets import CELL, DECIDE
from dangvu.members.api import VisibleMemberField
from dangvu.members.kinds import GROUNDS_FOR, EventType
from dangvu.organizations.models import Organization
from dangvu.organizations.serializers import VisibleOrganizationField

FormField = inline_enum(Form.values, describe_choices(Form))
StatusField = inline_enum(Status.values, describe_choices(Status))
SubjectField = inline_enum(SubjectKind.values, describe_choices(SubjectKind))
ViolationKindField = inline_enum(ViolationKind.values, describe_choices(ViolationKind))
BodyKindField = inline_enum(BodyKind.values, describe_choices(BodyKind))
DeferralField = inline_enum(DeferralReason.values, describe_choices(DeferralReason))
OutcomeField = inline_enum(AppealOutcome.values, describe_choices(AppealOutcome))
BarField = inline_enum(AppealBar.values, describe_choices(AppealBar))
NoticeBodyField = inline_enum(NoticeBodyKind.values, describe_choices(NoticeBodyKind))
EXPULSION_GROUNDS = list(GROUNDS_FOR[EventType.EXPELLED])
GroundField = inline_enum(EXPULSION_GROUNDS, "Căn cứ khai trừ (như căn cứ ra khỏi Đảng của sổ đảng viên).")


# ---------------------------------------------------------------- answers

class DisciplineViolationSerializer(serializers.ModelSerializer):
    kind = ViolationKindField(choices=ViolationKind.choices, read_only=True)

    class Meta:
        model = Violation
        fields = ["kind", "committed_on", "description"]
        read_only_fields = fields


class DisciplineAppealSerializer(serializers.ModelSerializer):
    outcome = OutcomeField(choices=AppealOutcome.choices, read_only=True)
    new_form = FormField(choices=Form.choices, read_only=True)
    bars = serializers.ListField(child=BarField(choices=AppealBar.choices), read_only=True,
                                 help_text="Căn cứ không giải quyết khiếu nại (rỗng: được giải quyết).")
    bar_labels = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Appeal
        fields = ["id", "proceeding", "appellant", "decision_received_on", "received_on", "content", "bars", "bar_labels",
                  "handling_body", "outcome", "new_form", "decided_on", "decision_number", "announced_on", "version"]
        read_only_fields = fields


class ProceedingSerializer(serializers.ModelSerializer):
    """A discipline proceeding and its decision (K1–K7); `form_in_force` follows any appeal decision."""

    subject_kind = SubjectField(choices=SubjectKind.choices, read_only=True)
    subject_name = serializers.CharField(read_only=True)
    status = StatusField(choices=Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    proposed_form = FormField(choices=Form.choices, read_only=True)
    decided_form = FormField(choices=Form.choices, read_only=True)
    form_in_force = FormField(choices=Form.choices, read_only=True)
    body_kind = BodyKindField(choices=BodyKind.choices, read_only=True)
    deferral_reason = DeferralField(choices=DeferralReason.choices, read_only=True)
    violations = DisciplineViolationSerializer(many=True, read_only=True)
    appeals = DisciplineAppealSerializer(many=True, read_only=True)
    can_decide = serializers.SerializerMethodField(help_text="Người dùng hiện tại được ghi các bước xử lý vụ việc này.")

    class Meta:
        model = Proceeding
        fields = ["id", "subject_kind", "member", "subject_organization", "subject_name", "organization", "opened_on",
                  "summary", "case_reference", "higher_level_task", "proposed_form", "status", "status_label",
                  "deferral_reason", "deferred_until", "heard_on", "invitations_declined", "proposal_body", "proposal_on",
                  "proposal_votes_for", "proposal_vote_base", "decided_form", "body_kind", "deciding_organization",
                  "decided_on", "decision_number", "votes_for", "vote_base", "post", "expulsion_ground", "announced_on",
                  "lapses_on", "lapse_stopped_on", "form_in_force", "ended_on", "violations", "appeals", "version",
                  "can_decide"]
        read_only_fields = fields

    def get_can_decide(self, obj) -> bool:
        return services.may_decide(getattr(self.context.get("request"), "user", None), obj.organization)


class DisciplineNotificationSerializer(serializers.ModelSerializer):
    body_kind = NoticeBodyField(choices=NoticeBodyKind.choices, read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "member", "member_name", "organization", "body_kind", "body_name", "measure", "decision_number",
                  "decision_date", "received_on", "late", "note", "proceeding"]
        read_only_fields = fields


# ---------------------------------------------------------------- requests

class ViolationInputSerializer(VietnameseSerializer):
    kind = ViolationKindField(label="Loại vi phạm", choices=ViolationKind.choices, required=False,
                              default=ViolationKind.ORDINARY)
    committed_on = serializers.DateField(label="Ngày vi phạm")
    description = serializers.CharField(label="Mô tả hành vi vi phạm")


class OpenSerializer(VietnameseSerializer):
    """Mở vụ việc xem xét kỷ luật một đảng viên (member) hoặc một tổ chức đảng (subject_organization)."""

    member = VisibleMemberField(label="Đảng viên", required=False, allow_null=True, default=None)
    subject_organization = VisibleOrganizationField(label="Tổ chức đảng bị xem xét", required=False, allow_null=True,
                                                    default=None)
    opened_on = serializers.DateField(label="Ngày bắt đầu xem xét")
    summary = serializers.CharField(label="Nội dung vi phạm")
    proposed_form = FormField(label="Hình thức đề nghị", choices=Form.choices)
    violations = ViolationInputSerializer(many=True, label="Hành vi vi phạm")
    case_reference = optional_text("Căn cứ (cuộc kiểm tra, đơn thư…)", 200)
    higher_level_task = serializers.BooleanField(label="Vi phạm nhiệm vụ do cấp trên giao", required=False, default=False)

    def validate(self, attrs):
        if (attrs.get("member") is None) == (attrs.get("subject_organization") is None):
            raise serializers.ValidationError({"member": ["Đối tượng: chọn một đảng viên hoặc một tổ chức đảng."]})
        return attrs


class HearingSerializer(VietnameseSerializer):
    heard_on = optional_date("Ngày nghe đảng viên trình bày")
    invitations_declined = serializers.IntegerField(label="Số lần mời không đến", min_value=0, required=False,
                                                    allow_null=True, default=None)
    version = version_field()


class DeferSerializer(VietnameseSerializer):
    reason = DeferralField(label="Lý do chưa xem xét", choices=DeferralReason.choices)
    until = optional_date("Chưa xem xét đến ngày")
    child_born_on = optional_date("Ngày sinh của con (nuôi con nhỏ)")
    version = version_field()


class ProposalSerializer(VietnameseSerializer):
    proposal_body = VisibleOrganizationField(label="Tổ chức đề nghị")
    proposal_on = serializers.DateField(label="Ngày biểu quyết đề nghị")
    votes_for = serializers.IntegerField(label="Số tán thành", min_value=0)
    vote_base = serializers.IntegerField(label="Tổng số thành viên có quyền biểu quyết", min_value=0)
    version = version_field()


class DecideSerializer(VietnameseSerializer):
    form = FormField(label="Hình thức kỷ luật", choices=Form.choices)
    body_kind = BodyKindField(label="Cơ quan quyết định", choices=BodyKind.choices)
    deciding_organization = serializers.IntegerField(label="Tổ chức đảng quyết định (id, cấp trên của đối tượng)")
    decided_on = serializers.DateField(label="Ngày quyết định")
    votes_for = serializers.IntegerField(label="Số tán thành", min_value=0)
    vote_base = serializers.IntegerField(label="Tổng số thành viên có quyền biểu quyết", min_value=0)
    decision_number = optional_text("Số quyết định", 60)
    post = optional_text("Chức vụ bị cách", 200)
    expulsion_ground = GroundField(label="Căn cứ khai trừ", choices=EXPULSION_GROUNDS, required=False, allow_blank=True,
                                   default="")
    announced_on = optional_date("Ngày công bố (nếu đã công bố)")
    version = version_field()


class AnnounceSerializer(VietnameseSerializer):
    announced_on = serializers.DateField(label="Ngày công bố")
    version = version_field()


class DropSerializer(VietnameseSerializer):
    on = serializers.DateField(label="Ngày kết luận")
    reason = serializers.CharField(label="Lý do")
    version = version_field()


class AppealInputSerializer(VietnameseSerializer):
    appellant = serializers.CharField(label="Người khiếu nại", max_length=200)
    decision_received_on = serializers.DateField(label="Ngày nhận quyết định kỷ luật")
    received_on = serializers.DateField(label="Ngày nhận đơn khiếu nại")
    content = optional_text("Nội dung khiếu nại")
    handling_body = optional_text("Cơ quan giải quyết", 200)
    bars = serializers.ListField(child=BarField(choices=AppealBar.choices), required=False, default=list,
                                 help_text="Trường hợp không giải quyết mà cán bộ xác định (quá hạn, chưa có quyết định "
                                           "bằng văn bản: kiểm tra tự động).")


class AppealDecisionSerializer(VietnameseSerializer):
    outcome = OutcomeField(label="Kết quả giải quyết", choices=AppealOutcome.choices)
    new_form = FormField(label="Hình thức kỷ luật mới", choices=Form.choices, required=False, allow_blank=True, default="")
    decided_on = serializers.DateField(label="Ngày quyết định giải quyết khiếu nại")
    announced_on = serializers.DateField(label="Ngày công bố")
    decision_number = optional_text("Số quyết định", 60)
    version = version_field()


class NotificationInputSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên")
    body_kind = NoticeBodyField(label="Loại cơ quan", choices=NoticeBodyKind.choices)
    body_name = serializers.CharField(label="Cơ quan, tổ chức thông báo", max_length=200)
    measure = serializers.CharField(label="Hình thức xử lý", max_length=200)
    decision_number = optional_text("Số quyết định", 60)
    decision_date = serializers.DateField(label="Ngày quyết định")
    received_on = serializers.DateField(label="Ngày nhận thông báo")
    note = optional_text("Ghi chú")


# ---------------------------------------------------------------- views

NO_DISCIPLINE = "Bạn không có quyền xử lý kỷ luật."

# The steps the cell's secretary may record on the cell's own reprimands and warnings (K2, services.may_act);
# the others (proposal to a higher body, appeals) stay with the officers.
CELL_STEPS = frozenset({"hearing", "defer", "decide", "announce", "drop"})


@extend_schema_view(
    list=extend_schema(summary="Vụ việc kỷ luật trong phạm vi quyền (đảng viên: kỷ luật của mình đã công bố)"),
    retrieve=extend_schema(summary="Chi tiết vụ việc kỷ luật", responses={200: ProceedingSerializer, 404: NOT_FOUND}),
)
class ProceedingViewSet(RestrictedViewSet):
    model = Proceeding
    visible = "restrict"
    serializer_class = ProceedingSerializer
    select_related = ("member", "subject_organization", "organization")
    prefetch_related = ("violations", Prefetch("appeals", queryset=Appeal.objects.order_by("received_on", "id")))
    ordering = ("-opened_on", "-id")

    def may_change(self, user, p) -> bool:
        return services.may_act(user, p) if self.action in CELL_STEPS else services.may_decide(user, p.organization)

    def change_denied(self, p) -> str:
        return "Bạn không có quyền ghi các bước xử lý kỷ luật này."

    @extend_schema(summary="Mở vụ việc xem xét kỷ luật (kiểm tra thời hiệu)", request=OpenSerializer,
                   responses=write_responses(201, ProceedingSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope((DECIDE, CELL), NO_DISCIPLINE)
        v = self._validated(OpenSerializer)
        violations = [services.ViolationInput(x["kind"], x["committed_on"], x["description"]) for x in v.pop("violations")]
        return self._answer(services.open_proceeding(by=request.user, violations=violations, **v), status.HTTP_201_CREATED)

    @extend_schema(summary="Ghi việc nghe đảng viên trình bày (hoặc số lần mời không đến)", request=HearingSerializer,
                   responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def hearing(self, request, pk=None):
        p = self._changeable()
        v = self._validated(HearingSerializer)
        return self._answer(services.record_hearing(by=request.user, proceeding=p, heard_on=v["heard_on"],
                                                    invitations_declined=v["invitations_declined"],
                                                    expected_version=v["version"]))

    @extend_schema(summary="Chưa xem xét kỷ luật (mang thai, nuôi con nhỏ, ốm nặng)", request=DeferSerializer,
                   responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def defer(self, request, pk=None):
        p = self._changeable()
        v = self._validated(DeferSerializer)
        return self._answer(services.defer(by=request.user, proceeding=p, reason=v["reason"], until=v["until"],
                                           child_born_on=v["child_born_on"], expected_version=v["version"]))

    @extend_schema(summary="Ghi biểu quyết đề nghị kỷ luật (khai trừ: ít nhất 2/3)", request=ProposalSerializer,
                   responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def proposal(self, request, pk=None):
        p = self._changeable()
        v = self._validated(ProposalSerializer)
        return self._answer(services.record_proposal(by=request.user, proceeding=p, proposal_body=v["proposal_body"],
                                                     proposal_on=v["proposal_on"], votes_for=v["votes_for"],
                                                     vote_base=v["vote_base"], expected_version=v["version"]))

    @extend_schema(summary="Ghi quyết định kỷ luật", request=DecideSerializer,
                   responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        p = self._changeable()
        v = self._validated(DecideSerializer)
        deciding = Organization.objects.filter(pk=v.pop("deciding_organization")).first()
        if deciding is None:
            raise serializers.ValidationError({"deciding_organization": ["Tổ chức đảng quyết định: không tồn tại."]})
        version = v.pop("version")
        return self._answer(services.decide(by=request.user, proceeding=p, deciding_organization=deciding,
                                            expected_version=version, **v))

    @extend_schema(summary="Ghi ngày công bố quyết định kỷ luật (có hiệu lực)", request=AnnounceSerializer,
                   responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None):
        p = self._changeable()
        v = self._validated(AnnounceSerializer)
        return self._answer(services.announce(by=request.user, proceeding=p, announced_on=v["announced_on"],
                                              expected_version=v["version"]))

    @extend_schema(summary="Kết luận không kỷ luật", request=DropSerializer, responses=write_responses(200, ProceedingSerializer))
    @action(detail=True, methods=["post"])
    def drop(self, request, pk=None):
        p = self._changeable()
        v = self._validated(DropSerializer)
        return self._answer(services.drop(by=request.user, proceeding=p, on=v["on"], reason=v["reason"],
                                          expected_version=v["version"]))

    @extend_schema(summary="Nhận đơn khiếu nại kỷ luật (kiểm tra các trường hợp không giải quyết)",
                   request=AppealInputSerializer, responses=write_responses(201, ProceedingSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def appeals(self, request, pk=None):
        p = self._changeable()
        v = self._validated(AppealInputSerializer)
        services.receive_appeal(by=request.user, proceeding=p, appellant=v["appellant"],
                                decision_received_on=v["decision_received_on"], received_on=v["received_on"],
                                content=v["content"], handling_body=v["handling_body"], declared_bars=v["bars"])
        return self._answer(p, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Khiếu nại kỷ luật trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết khiếu nại kỷ luật", responses={200: DisciplineAppealSerializer, 404: NOT_FOUND}),
)
class AppealViewSet(RestrictedViewSet):
    model = Appeal
    visible = "restrict"
    serializer_class = DisciplineAppealSerializer
    select_related = ("proceeding",)
    ordering = ("-received_on", "-id")

    def may_change(self, user, appeal) -> bool:
        return services.may_decide(user, appeal.proceeding.organization)

    def change_denied(self, appeal) -> str:
        return "Bạn không có quyền giải quyết khiếu nại này."

    @extend_schema(summary="Ghi quyết định giải quyết khiếu nại (giữ nguyên, thay đổi, xóa kỷ luật)",
                   request=AppealDecisionSerializer, responses=write_responses(200, DisciplineAppealSerializer))
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        appeal = self._changeable()
        v = self._validated(AppealDecisionSerializer)
        version = v.pop("version")
        return self._answer(services.decide_appeal(by=request.user, appeal=appeal, expected_version=version, **v))


@extend_schema_view(
    list=extend_schema(summary="Thông báo xử lý đảng viên của cơ quan nhà nước, Mặt trận, đoàn thể"),
    retrieve=extend_schema(summary="Chi tiết thông báo", responses={200: DisciplineNotificationSerializer, 404: NOT_FOUND}),
)
class NotificationViewSet(RestrictedViewSet):
    model = Notification
    visible = "restrict"
    serializer_class = DisciplineNotificationSerializer
    select_related = ("member",)
    ordering = ("-received_on", "-id")

    @extend_schema(summary="Ghi thông báo xử lý của cơ quan, đoàn thể (thời hạn 5 ngày)", request=NotificationInputSerializer,
                   responses=write_responses(201, DisciplineNotificationSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(DECIDE, NO_DISCIPLINE)
        v = self._validated(NotificationInputSerializer)
        return self._answer(services.record_notification(by=request.user, **v), status.HTTP_201_CREATED)
