"""API of party dues: /api/dues/rates/, /api/dues/bases/…, /api/dues/payments/….

Same conventions as the other lifecycle apps: every read starts from `visible_to(request.user)` (404
outside; a member reads their own rows), ids in a request resolve only among the members the user may
see, writes go through dangvu.dues.services (rules → 400 naming the field, visible but not changeable
→ 403, a stale version → 409).
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.core import params
from dangvu.core.dates import today
from dangvu.dues import services
from dangvu.dues.models import ZONE_CHOICES, Category, Channel, DuesBasis, DuesPayment
from dangvu.members.api import VisibleMemberField
from dangvu.organizations.serializers import VisibleOrganizationField
from dangvu.organizations.tree import CELL_KINDS
from dangvu.rules.parameters import BY_KEY, params_on
from dangvu.rules.regimes import Chain, in_force


class RatesView(APIView):
    """The dues regime and every dues parameter in force on a date."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Mức, tỷ lệ đảng phí đang áp dụng vào một ngày",
                   parameters=[OpenApiParameter("on", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                                                description="Ngày (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.")],
                   responses={200: inline_serializer("DuesRates", {
                       "on": serializers.DateField(), "regime": serializers.CharField(), "citation": serializers.CharField(),
                       "parameters": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        on = params.date(request.query_params, "on", default=today())
        values = params_on(on)
        doc = in_force(Chain.DUES, on)
        rows = [{"key": d.key, "label": d.label, "value": str(values[d.key]), "unit": d.unit, "rule": d.rule,
                 "source": d.source, "status": d.status} for d in BY_KEY.values() if d.key.startswith("dues.")]
        return Response({"on": on, "regime": doc.short if doc else "", "citation": doc.citation if doc else "",
                         "parameters": rows})


class BasisSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = DuesBasis
        fields = ["id", "member", "member_name", "valid_from", "category", "category_label", "income", "zone",
                  "reduction_percent", "relief_until", "note", "reported_by_member", "recorded_by_label", "version"]
        read_only_fields = fields


class BasisCreateSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên")
    valid_from = serializers.DateField(label="Áp dụng từ tháng", help_text="Ngày bất kỳ trong tháng.")
    category = serializers.ChoiceField(label="Đối tượng đóng đảng phí", choices=Category.choices)
    income = serializers.DecimalField(label="Thu nhập làm căn cứ", max_digits=14, decimal_places=0, required=False,
                                      allow_null=True, default=None)
    zone = serializers.ChoiceField(label="Vùng lương tối thiểu", choices=ZONE_CHOICES, required=False, allow_null=True,
                                   default=None)
    reduction_percent = serializers.IntegerField(label="Mức giảm (%)", required=False, default=0, min_value=0, max_value=100)
    relief_until = serializers.DateField(label="Miễn, giảm đến tháng", required=False, allow_null=True, default=None)
    note = serializers.CharField(label="Ghi chú", max_length=255, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None,
                                       help_text="Khi kê khai lại cùng tháng: phiên bản đã đọc.")


def _member_filter(qs, request):
    member = params.object_id(request.query_params, "member", label="Đảng viên")
    return qs.filter(member_id=member) if member else qs


MEMBER_PARAM = OpenApiParameter("member", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Chỉ của đảng viên này (id).")


@extend_schema_view(
    list=extend_schema(summary="Căn cứ đóng đảng phí (lịch sử kê khai, trong phạm vi quyền)", parameters=[MEMBER_PARAM]),
    retrieve=extend_schema(summary="Một lần kê khai căn cứ đóng đảng phí", responses={200: BasisSerializer, 404: NOT_FOUND}),
)
class BasisViewSet(RestrictedViewSet):
    model = DuesBasis
    serializer_class = BasisSerializer
    select_related = ("member",)
    ordering = ("member_id", "-valid_from", "id")

    def get_queryset(self):
        qs = super().get_queryset()
        return _member_filter(qs, self.request) if self.action == "list" else qs

    @extend_schema(summary="Kê khai căn cứ đóng đảng phí từ một tháng", request=BasisCreateSerializer,
                   responses=write_responses(201, BasisSerializer))
    def create(self, request, *args, **kwargs):
        v = self._validated(BasisCreateSerializer)
        basis = services.declare_basis(by=request.user, member=v["member"], valid_from=v["valid_from"], category=v["category"],
                                       income=v["income"], zone=v["zone"], reduction_percent=v["reduction_percent"],
                                       relief_until=v["relief_until"], note=v["note"], expected_version=v["version"])
        return self._answer(basis, status.HTTP_201_CREATED)


class PaymentSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    timing = serializers.CharField(read_only=True, help_text="advance (đóng trước), late (đóng muộn) hoặc rỗng.")

    class Meta:
        model = DuesPayment
        fields = ["id", "member", "member_name", "month", "organization", "expected", "amount", "extra", "paid_on", "channel",
                  "channel_label", "receipt_number", "timing", "voided_at", "void_reason", "recorded_by_label", "version"]
        read_only_fields = fields


class PaymentCreateSerializer(VietnameseSerializer):
    member = VisibleMemberField(label="Đảng viên")
    months = serializers.ListField(label="Các tháng đóng", child=serializers.DateField(), min_length=1, max_length=24,
                                   help_text="Ngày bất kỳ trong mỗi tháng; nhiều tháng là đóng trước hoặc đóng bù.")
    amount_per_month = serializers.DecimalField(label="Số tiền mỗi tháng", max_digits=14, decimal_places=0, required=False,
                                                allow_null=True, default=None,
                                                help_text="Bỏ trống: đúng mức phải đóng của từng tháng.")
    extra = serializers.DecimalField(label="Đóng thêm tự nguyện", max_digits=14, decimal_places=0, required=False,
                                     allow_null=True, default=None)
    paid_on = serializers.DateField(label="Ngày đóng")
    channel = serializers.ChoiceField(label="Hình thức nộp", choices=Channel.choices, required=False, default=Channel.CASH)
    receipt_number = serializers.CharField(label="Số biên lai", max_length=40, required=False, allow_blank=True, default="")


class VoidSerializer(VietnameseSerializer):
    void_reason = serializers.CharField(label="Lý do hủy", max_length=255)
    version = serializers.IntegerField(label="Phiên bản", required=False, allow_null=True, default=None)


@extend_schema_view(
    list=extend_schema(summary="Các khoản đảng phí đã đóng (trong phạm vi quyền)", parameters=[
        MEMBER_PARAM, OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Chỉ các tháng của năm này.")]),
    retrieve=extend_schema(summary="Một khoản đảng phí", responses={200: PaymentSerializer, 404: NOT_FOUND}),
)
class PaymentViewSet(RestrictedViewSet):
    model = DuesPayment
    serializer_class = PaymentSerializer
    select_related = ("member",)
    ordering = ("member_id", "-month", "-id")

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        qs = _member_filter(qs, self.request)
        year = params.year(self.request.query_params, "year")
        return qs.filter(month__year=year) if year else qs

    @extend_schema(summary="Ghi nhận đóng đảng phí (một hoặc nhiều tháng)", request=PaymentCreateSerializer,
                   responses=write_responses(201, PaymentSerializer(many=True), conflict=False))
    def create(self, request, *args, **kwargs):
        v = self._validated(PaymentCreateSerializer)
        saved = services.record_payment(by=request.user, member=v["member"], months=v["months"],
                                        amount_per_month=v["amount_per_month"], extra=v["extra"], paid_on=v["paid_on"],
                                        channel=v["channel"], receipt_number=v["receipt_number"])
        return Response(PaymentSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Hủy một khoản đảng phí ghi nhầm (giữ lại, có lý do)", request=VoidSerializer,
                   responses=write_responses(200, PaymentSerializer))
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        payment = self.get_object()
        v = self._validated(VoidSerializer)
        return self._answer(services.void_payment(by=request.user, payment=payment, reason=v["void_reason"],
                                                  expected_version=v["version"]))


class MonthRowSerializer(VietnameseSerializer):
    member = serializers.IntegerField(label="Đảng viên (mã)")
    amount = serializers.DecimalField(label="Số tiền đóng", max_digits=14, decimal_places=0, required=False, allow_null=True,
                                      default=None, help_text="Bỏ trống cùng với đóng thêm: đảng viên chưa đóng tháng này.")
    extra = serializers.DecimalField(label="Đóng thêm tự nguyện", max_digits=14, decimal_places=0, required=False,
                                     allow_null=True, default=None)
    paid_on = serializers.DateField(label="Ngày đóng", required=False, allow_null=True, default=None,
                                    help_text="Bỏ trống: ngày đóng chung của lần ghi.")
    channel = serializers.ChoiceField(label="Hình thức nộp", choices=Channel.choices, required=False, default=Channel.CASH)
    receipt_number = serializers.CharField(label="Số biên lai", max_length=40, required=False, allow_blank=True, default="")


class MonthEntrySerializer(VietnameseSerializer):
    cell = VisibleOrganizationField(label="Chi bộ")
    month = serializers.DateField(label="Tháng", help_text="Ngày bất kỳ trong tháng.")
    paid_on = serializers.DateField(label="Ngày đóng", required=False, allow_null=True, default=None)
    rows = MonthRowSerializer(label="Các đảng viên", many=True, allow_empty=False, max_length=1000)

    def validate_cell(self, cell):
        if cell.kind not in CELL_KINDS:
            raise serializers.ValidationError("Chỉ chi bộ thu đảng phí của đảng viên.")
        return cell


class MonthResultSerializer(serializers.Serializer):
    saved = PaymentSerializer(many=True)
    skipped = serializers.IntegerField(help_text="Số dòng bỏ trống (đảng viên chưa đóng).")


class MonthEntryView(APIView):
    """The secretary's entry of one month for the whole cell (the same service as the month's entry page): every row
    checked, every bad row reported (field "rows.<i>.<field>"), then all saved in one transaction or none."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Ghi đảng phí một tháng cho cả chi bộ (tất cả hoặc không)", request=MonthEntrySerializer,
                   responses=write_responses(201, MonthResultSerializer, conflict=False))
    def post(self, request):
        d = MonthEntrySerializer(data=request.data, context={"request": request})
        d.is_valid(raise_exception=True)
        v = d.validated_data
        entries = [services.Entry(r["member"], r["amount"], r["extra"], r["paid_on"] or v["paid_on"], r["channel"],
                                  r["receipt_number"]) for r in v["rows"]]
        result = services.record_month(by=request.user, cell=v["cell"], month=v["month"], entries=entries)
        return Response({"saved": PaymentSerializer(result.saved, many=True).data, "skipped": result.skipped},
                        status=status.HTTP_201_CREATED)

