"""API of transfers of party activity: /api/transfers/.

Same conventions as the rest of the API (dangvu/organizations/api.py, dangvu/members/api.py):
- every read starts from `TransferLetter.objects.visible_to(request.user)`: a letter neither side
  of which is in the user's scope is a 404;
- ids in a request resolve among what the user may see (members, receiving cells); a letter's
  destination resolves among all organizations of the system that exist today (the sending side
  must be able to address it);
- writes go through dangvu.transfers.services: rules → 400 naming the field, visible but not this
  side or role → 403, a stale `version` → 409.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action

from dangvu.api.fields import optional_date, optional_text, version_field
from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core.dates import today
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import ActiveOrganizationField, VisibleOrganizationField
from dangvu.transfers import selectors, services
from dangvu.transfers.filters import LetterFilterSet
from dangvu.transfers.kinds import LetterStatus, Purpose, TransferKind
from dangvu.transfers.models import TransferLetter


def _inline_enum(values, description: str):
    """A choice field whose schema is an inline enum (wrapped in allOf, so that the schema's enum
    post-processing leaves it alone): "kind" and "status" already name other apps' enums, and a
    second choice set under those names would rename theirs."""

    @extend_schema_field({"allOf": [{"type": "string", "enum": list(values)}], "description": description})
    class InlineChoiceField(serializers.ChoiceField):
        pass

    return InlineChoiceField


KindField = _inline_enum(TransferKind.values, "official: chính thức; internal: nội bộ; temporary: tạm thời; abroad: tạm thời "
                                              "ra nước ngoài; outside: chính thức ra ngoài hệ thống.")
StatusField = _inline_enum(LetterStatus.values, "issued: đã cấp, chờ tiếp nhận; sent: đã giao (nơi đến ngoài hệ thống); "
                                                "received: đã tiếp nhận; returned: bị trả lại; cancelled: đã hủy; ended: "
                                                "đã trở về (sinh hoạt tạm thời).")
PurposeField = _inline_enum(["", *Purpose.values], "work: công tác, cư trú (3 đến dưới 12 tháng); study: học tập trung "
                                                   "trong nước (3 đến 24 tháng).")


class TransferLetterSerializer(serializers.ModelSerializer):
    """An introduction letter (giấy giới thiệu sinh hoạt đảng) and what became of it."""

    kind = KindField(choices=TransferKind.choices, read_only=True)
    status = StatusField(choices=LetterStatus.choices, read_only=True)
    purpose = PurposeField(choices=Purpose.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    from_organization_name = serializers.CharField(source="from_organization.name", read_only=True)
    destination_name = serializers.CharField(source="destination.name", read_only=True, allow_null=True)
    issued_by_name = serializers.CharField(source="issued_by.name", read_only=True)
    receiving_cell_name = serializers.CharField(source="receiving_cell.name", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField(help_text="Chưa được tiếp nhận và đã quá hạn xuất trình (hôm nay).")
    can_receive = serializers.SerializerMethodField(help_text="Người dùng hiện tại được xác nhận tiếp nhận, trả lại giấy.")
    can_cancel = serializers.SerializerMethodField(help_text="Người dùng hiện tại được hủy giấy (bên giới thiệu).")
    can_end = serializers.SerializerMethodField(help_text="Người dùng hiện tại được ghi trở về (sinh hoạt tạm thời).")

    class Meta:
        model = TransferLetter
        fields = ["id", "kind", "kind_label", "status", "status_label", "is_open", "member", "member_name",
                  "from_organization", "from_organization_name", "destination", "destination_name", "destination_text",
                  "basis", "basis_date", "late_issue_reason", "number", "issue_date", "issued_by", "issued_by_name",
                  "presentation_deadline", "deadline_in_working_days", "overdue", "purpose", "period_start", "period_end",
                  "self_review", "self_review_date", "signer_name", "signer_title", "received_on", "receiving_cell",
                  "receiving_cell_name", "received_by_label", "late_reason", "closed_on", "close_reason", "closed_by_label",
                  "created_by_label", "version", "can_receive", "can_cancel", "can_end"]
        read_only_fields = fields

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_overdue(self, obj) -> bool:
        return obj.overdue_on(today())

    def get_can_receive(self, obj) -> bool:
        return services.may_receive(self._user(), obj)

    def get_can_cancel(self, obj) -> bool:
        return services.may_cancel(self._user(), obj)

    def get_can_end(self, obj) -> bool:
        return services.may_end(self._user(), obj)


class TransferIssueSerializer(VietnameseSerializer):
    """Cấp giấy giới thiệu sinh hoạt đảng (bên giới thiệu)."""

    member = VisibleMemberField(label="Đảng viên", help_text="Id đảng viên (bạn phải được giới thiệu chuyển sinh hoạt cho "
                                                             "đảng viên của chi bộ này).")
    kind = KindField(label="Loại giấy giới thiệu", choices=TransferKind.choices)
    number = serializers.CharField(label="Số giấy giới thiệu", max_length=60)
    issue_date = serializers.DateField(label="Ngày cấp")
    destination = ActiveOrganizationField(label="Nơi đến", required=False, allow_null=True, default=None,
                                   help_text="Id tổ chức đảng nơi đến trong hệ thống (mọi tổ chức đang hoạt động). Để trống "
                                             "với giấy chuyển ra ngoài hệ thống (ghi destination_text).")
    destination_text = optional_text("Nơi đến (ngoài hệ thống)", 255, help_text="Bắt buộc với kind=outside; tùy chọn với abroad.")
    basis = optional_text("Căn cứ chuyển sinh hoạt", 255, help_text="Quyết định hoặc văn bản làm phát sinh việc chuyển (T1).")
    basis_date = optional_date("Ngày của quyết định căn cứ")
    late_issue_reason = optional_text("Lý do làm thủ tục chậm", help_text="Bắt buộc khi cấp quá thời hạn (transfer.official_working_days) "
                                                                    "kể từ quyết định căn cứ.")
    purpose = PurposeField(label="Mục đích sinh hoạt tạm thời", choices=Purpose.choices, required=False, allow_blank=True,
                           default="")
    period_start = optional_date("Sinh hoạt tạm thời từ ngày")
    period_end = optional_date("Sinh hoạt tạm thời đến ngày")
    self_review = serializers.BooleanField(label="Đã có bản tự kiểm điểm năm trước", required=False, default=False)
    self_review_date = optional_date("Ngày cấp ủy cơ sở nhận xét bản tự kiểm điểm")
    signer_name = optional_text("Người ký", 120)
    signer_title = optional_text("Chức vụ người ký", 120)


class TransferReceiveSerializer(VietnameseSerializer):
    """Xác nhận tiếp nhận (bên nhận): đảng viên được chuyển vào chi bộ tiếp nhận từ ngày tiếp nhận."""

    receiving_cell = VisibleOrganizationField(label="Chi bộ tiếp nhận", help_text="Id chi bộ thuộc nơi đến, trong phạm vi của bạn.")
    received_on = serializers.DateField(label="Ngày tiếp nhận")
    late_reason = optional_text("Lý do xuất trình chậm", help_text="Bắt buộc khi tiếp nhận sau hạn xuất trình.")
    version = version_field(" của giấy")


class TransferCancelSerializer(VietnameseSerializer):
    reason = serializers.CharField(label="Lý do", max_length=2000)
    version = version_field(" của giấy")


class TransferReturnSerializer(VietnameseSerializer):
    reason = serializers.CharField(label="Lý do", max_length=2000)
    returned_on = optional_date("Ngày trả lại", help_text="Mặc định hôm nay.")
    version = version_field(" của giấy")


class TransferEndSerializer(VietnameseSerializer):
    ended_on = serializers.DateField(label="Ngày trở về")
    note = optional_text("Ghi chú")
    version = version_field(" của giấy")


@extend_schema_view(
    list=extend_schema(summary="Giấy giới thiệu sinh hoạt đảng trong phạm vi quyền"),
    retrieve=extend_schema(summary="Chi tiết giấy giới thiệu", responses={200: TransferLetterSerializer, 404: NOT_FOUND}),
)
class TransferLetterViewSet(RestrictedViewSet):
    model = TransferLetter
    serializer_class = TransferLetterSerializer
    filterset_class = LetterFilterSet
    select_related = selectors.LETTER_RELATED
    ordering = ("-issue_date", "-id")
    answer_outside_scope = True

    @extend_schema(summary="Cấp giấy giới thiệu sinh hoạt đảng (bên giới thiệu)", request=TransferIssueSerializer,
                   responses=write_responses(201, TransferLetterSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        self._require_scope(services.ISSUE, "Bạn không có quyền cấp giấy giới thiệu sinh hoạt đảng.")
        v = self._validated(TransferIssueSerializer)
        letter = services.issue_letter(by=request.user, **v)
        return self._answer(letter, status.HTTP_201_CREATED)

    @extend_schema(summary="Xác nhận tiếp nhận (bên nhận): chuyển đảng viên vào chi bộ tiếp nhận",
                   request=TransferReceiveSerializer, responses=write_responses(200, TransferLetterSerializer))
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        letter = self.get_object()
        services.require_receiving_side(request.user, letter)  # the side first: 403 before the input's 400
        v = self._validated(TransferReceiveSerializer)
        return self._answer(services.receive_letter(by=request.user, letter=letter, receiving_cell=v["receiving_cell"],
                                                    received_on=v["received_on"], late_reason=v["late_reason"],
                                                    expected_version=v["version"]))

    @extend_schema(summary="Trả lại giấy giới thiệu (bên nhận)", request=TransferReturnSerializer,
                   responses=write_responses(200, TransferLetterSerializer))
    @action(detail=True, methods=["post"], url_path="return")
    def return_letter(self, request, pk=None):
        letter = self.get_object()
        services.require_receiving_side(request.user, letter)  # the side first: 403 before the input's 400
        v = self._validated(TransferReturnSerializer)
        return self._answer(services.return_letter(by=request.user, letter=letter, reason=v["reason"],
                                                   returned_on=v["returned_on"], expected_version=v["version"]))

    @extend_schema(summary="Hủy giấy giới thiệu chưa được tiếp nhận (bên giới thiệu)", request=TransferCancelSerializer,
                   responses=write_responses(200, TransferLetterSerializer))
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        letter = self.get_object()
        services.require_issuing_side(request.user, letter)  # the side first: 403 before the input's 400
        v = self._validated(TransferCancelSerializer)
        return self._answer(services.cancel_letter(by=request.user, letter=letter, reason=v["reason"],
                                                   expected_version=v["version"]))

    @extend_schema(summary="Kết thúc sinh hoạt tạm thời: đảng viên trở về", request=TransferEndSerializer,
                   responses=write_responses(200, TransferLetterSerializer))
    @action(detail=True, methods=["post"], url_path="end-temporary")
    def end_temporary(self, request, pk=None):
        letter = self.get_object()
        services.require_either_side(request.user, letter)  # the side first: 403 before the input's 400
        v = self._validated(TransferEndSerializer)
        return self._answer(services.end_temporary(by=request.user, letter=letter, ended_on=v["ended_on"], note=v["note"],
                                                   expected_version=v["version"]))
