"""API of the rules engine: parameters in force on a date, the regime, working-day deadlines and
the holiday calendar (read by everyone signed in); setting a parameter (administrators)."""

from decimal import Decimal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.core.dates import parse_date, today
from dangvu.rules import selectors, services
from dangvu.rules.models import CalendarDay
from dangvu.rules.parameters import DEFINITIONS
from dangvu.rules.regimes import regime_on
from dangvu.rules.workdays import deadline


def _date_param(request, name: str, required: bool = False):
    try:
        value = parse_date(request.query_params.get(name))
    except ValueError as exc:
        raise ValidationError({name: [f"{name}: {exc} hoặc yyyy-mm-dd."]}) from exc
    if value is None and required:
        raise ValidationError({name: [f"{name}: bắt buộc (dd/mm/yyyy hoặc yyyy-mm-dd)."]})
    return value


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
        on = _date_param(request, "as_of") or today()
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
        start = _date_param(request, "start", required=True)
        try:
            n = int(request.query_params.get("working_days", ""))
        except ValueError:
            n = 0
        if not 1 <= n <= 400:
            raise ValidationError({"working_days": ["working_days: số ngày làm việc phải là số nguyên từ 1 đến 400."]})
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
        try:
            year = int(request.query_params.get("year") or today().year)
        except ValueError as exc:
            raise ValidationError({"year": ["year: năm phải là số nguyên."]}) from exc
        return Response(CalendarDaySerializer(CalendarDay.objects.filter(date__year=year), many=True).data)
