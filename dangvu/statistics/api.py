"""API of the statistics layer: /api/statistics/ (the figure set of an organization in a window),
/api/statistics/figures/ (the registry) and /api/statistics/figures/<code>/rows/ (the drill-down).

The query parameters are those of the page and of `manage.py statistics` (dangvu.statistics.params):
organization (id), on | year | from + to, rounding, figure (repeated). An organization outside the
user's scope answers 404; a bad parameter 400 naming the field and the rule.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.api.pagination import Pagination
from dangvu.api.responses import NOT_FOUND
from dangvu.core.figures import registry
from dangvu.statistics import engine
from dangvu.statistics.params import OrganizationNotFound, WindowError, parse
from dangvu.statistics.selectors import organizations_for, top_organization

WINDOW_PARAMETERS = [
    OpenApiParameter("organization", OpenApiTypes.INT, description="Mã số (id) tổ chức đảng; mặc định: tổ chức cao "
                     "nhất trong phạm vi của bạn."),
    OpenApiParameter("on", OpenApiTypes.DATE, description="Số liệu vào ngày (YYYY-MM-DD)."),
    OpenApiParameter("year", OpenApiTypes.INT, description="Năm: kỳ 01/01–31/12, số liệu tồn vào 31/12."),
    OpenApiParameter("from", OpenApiTypes.DATE, description="Đầu kỳ (YYYY-MM-DD), cùng với to."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Cuối kỳ (YYYY-MM-DD), cùng với from."),
    OpenApiParameter("rounding", OpenApiTypes.STR, enum=["half_up", "truncate"],
                     description="Làm tròn tỷ lệ: half_up (mặc định) hoặc truncate (cắt bớt, như báo cáo in)."),
]
FIGURE_PARAMETER = OpenApiParameter("figure", OpenApiTypes.STR, many=True, explode=True,
                                    description="Chỉ lấy chỉ tiêu có mã này (lặp lại được).")


def query_of(request):
    try:
        return parse(request.query_params, organizations_for(request.user),
                     default_organization=top_organization(request.user))
    except OrganizationNotFound as exc:
        raise Http404("Không có tổ chức đảng này trong phạm vi của bạn.") from exc
    except WindowError as exc:
        raise ValidationError({field: [message] for field, message in exc.errors.items()}) from exc


class FigureValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    value = serializers.IntegerField()
    denominator = serializers.IntegerField(allow_null=True, help_text="Số của chỉ tiêu mẫu số (nếu là tỷ lệ).")
    percent = serializers.CharField(allow_null=True, help_text="Tỷ lệ như in ra (“23,33%”), theo cách làm tròn đã chọn.")


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    definition = serializers.CharField()
    kind = serializers.ChoiceField(choices=["stock", "flow"], help_text="stock: số tồn vào ngày; flow: số phát sinh "
                                   "trong kỳ.")
    subject = serializers.CharField(help_text="Đối tượng được đếm (members.Member, organizations.Organization…).")
    denominator = serializers.CharField(allow_null=True)
    section = serializers.CharField()


class DrillRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(help_text="Họ tên đảng viên, tên tổ chức hoặc tên người vào Đảng.")


def figure_dict(figure) -> dict:
    return {"code": figure.code, "label": str(figure.label), "definition": figure.definition, "kind": figure.kind,
            "subject": registry().bases[figure.base].subject, "denominator": figure.denominator,
            "section": figure.section}


class StatisticsView(APIView):
    @extend_schema(operation_id="statistics_values", summary="Các chỉ tiêu thống kê của một tổ chức",
                   parameters=[*WINDOW_PARAMETERS, FIGURE_PARAMETER],
                   responses={200: FigureValueSerializer(many=True), 404: NOT_FOUND})
    def get(self, request):
        query = query_of(request)
        values = engine.compute(query.window, query.codes, rounding=query.rounding)
        return Response([v.as_dict() for v in values])


class FigureListView(APIView):
    @extend_schema(operation_id="statistics_figures", summary="Danh mục chỉ tiêu thống kê",
                   responses={200: FigureSerializer(many=True)})
    def get(self, request):
        return Response([figure_dict(f) for f in registry().ordered()])


class FigureRowsView(APIView):
    pagination_class = Pagination

    @extend_schema(operation_id="statistics_figure_rows", summary="Danh sách đằng sau một chỉ tiêu (đảng viên, tổ chức…)",
                   parameters=WINDOW_PARAMETERS + [
                       OpenApiParameter("page", OpenApiTypes.INT, description="Số trang, bắt đầu từ 1."),
                       OpenApiParameter("page_size", OpenApiTypes.INT, description="Số dòng mỗi trang (tối đa 500).")],
                   responses={200: DrillRowSerializer(many=True), 404: NOT_FOUND})
    def get(self, request, code: str):
        if code not in registry():
            raise Http404("Không có chỉ tiêu thống kê này.")
        query = query_of(request)
        rows = engine.drill(code, query.window, request.user)
        subject = engine.subject_model(registry()[code])._meta.label
        rows = rows.order_by("path") if subject == "organizations.Organization" else rows.order_by("name_key", "pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = [{"id": obj.pk, "label": getattr(obj, "full_name", None) or getattr(obj, "name", None) or str(obj)}
                for obj in page]
        return paginator.get_paginated_response(data)
