"""API of the rules engine: parameters in force on a date, the regime, working-day deadlines and
the holiday calendar (read by everyone signed in); setting a parameter (administrators)."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.core import params
from dangvu.core.dates import today
from dangvu.rules import selectors, services
from dangvu.rules.models import CalendarDay
from dangvu.rules.parameters import DEFINITIONS
from dangvu.rules.regimes import regime_on
from dangvu.rules.workdays import MAX_WORKING_DAYS, deadline


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A whole number as an integer, a rate or quota as a decimal number."""

    def to_representation(self, value):
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)


class ParameterSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField(help_text="rule: quy định của Đảng; setting: thiết lập phần mềm; confirm: xác nhận văn bản")
    value = NumberField()
    default = NumberField()
    unit = serializers.CharField()
    rule = serializers.CharField()
    source = serializers.CharField(help_text="Căn cứ của giá trị đang áp dụng (lý do của lần đặt giá trị, nếu có)")
    status = serializers.CharField()


class RegimeSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    source = serializers.CharField()
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    status = serializers.CharField()


class RulesSerializer(serializers.Serializer):
    on = serializers.DateField()
    regime = RegimeSerializer()
    parameters = ParameterSerializer(many=True)


class SetParameterSerializer(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    effective_from = serializers.DateField(input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    reason = serializers.CharField(max_length=300)


AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                         description="Ngày áp dụng, dd/mm/yyyy hoặc yyyy-mm-dd (mặc định hôm nay).")


class RulesView(APIView):
    @extend_schema(summary="Quy định và tham số áp dụng vào một ngày", parameters=[AS_OF], responses=RulesSerializer)
    def get(self, request):
        on = params.date(request.query_params, "as_of", label="Ngày áp dụng", default=today())
        rows = [{"key": r.definition.key, "label": r.definition.label, "kind": r.definition.kind, "value": r.value,
                 "default": r.definition.default, "unit": r.definition.unit, "rule": r.definition.rule, "source": r.source,
                 "status": r.status} for r in selectors.parameter_rows(on)]
        return Response(RulesSerializer({"on": on, "regime": regime_on(on), "parameters": rows}).data)

    @extend_schema(summary="Đặt giá trị tham số từ một ngày (quản trị hệ thống)", request=SetParameterSerializer,
                   responses={201: ParameterSerializer})
    def post(self, request):
        data = SetParameterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        row = services.set_parameter(by=request.user, **data.validated_data)
        d = next(d for d in DEFINITIONS if d.key == row.key)
        return Response(ParameterSerializer({"key": d.key, "label": d.label, "kind": d.kind, "value": row.value,
                                             "default": d.default, "unit": d.unit, "rule": d.rule, "source": row.reason,
                                             "status": ""}).data,
                        status=status.HTTP_201_CREATED)


class DeadlineSerializer(serializers.Serializer):
    start = serializers.DateField()
    working_days = serializers.IntegerField()
    deadline = serializers.DateField()


class DeadlineView(APIView):
    @extend_schema(summary="Ngày làm việc thứ N sau một ngày (trừ thứ Bảy, Chủ nhật, ngày nghỉ lễ)",
                   parameters=[OpenApiParameter("start", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True),
                               OpenApiParameter("working_days", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True)],
                   responses=DeadlineSerializer)
    def get(self, request):
        start, n = params.collect(
            lambda: params.date(request.query_params, "start", label="Ngày bắt đầu", required=True),
            lambda: params.integer(request.query_params, "working_days", label="Số ngày làm việc", minimum=1,
                                   maximum=MAX_WORKING_DAYS, required=True))
        return Response(DeadlineSerializer({"start": start, "working_days": n, "deadline": deadline(start, n)}).data)


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name", "source"]


class CalendarView(APIView):
    @extend_schema(summary="Lịch ngày nghỉ lễ, nghỉ bù, làm bù của một năm",
                   parameters=[OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY)],
                   responses=CalendarDaySerializer(many=True))
    def get(self, request):
        year = params.year(request.query_params, "year", default=today().year)
        return Response(CalendarDaySerializer(CalendarDay.objects.filter(date__year=year), many=True).data)
