"""API of the official tables and of submitted periods (/api/statistics/tables/…, /api/statistics/periods/…).

The same tables as the pages (dangvu.statistics.tables, filled by dangvu.statistics.periods): an
organization outside the user's scope is 404; a submitted period's tables are its frozen copy.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from dangvu.accounts import permissions
from dangvu.api.pagination import Pagination
from dangvu.api.responses import INVALID, NOT_FOUND, write_responses
from dangvu.api.serializers import VersionField, VietnameseSerializer
from dangvu.core.numbers import ROUNDING_MODES
from dangvu.organizations.models import Organization
from dangvu.statistics import params, periods, services, tables, xlsx_tables
from dangvu.statistics.models import VIEW, SubmittedPeriod

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- serializers

class LineSerializer(serializers.Serializer):
    number = serializers.CharField(help_text="Mã số của dòng (01, 02 …); rỗng với dòng tiêu đề.")
    label = serializers.CharField()
    level = serializers.IntegerField(help_text="Mức thụt lề: 1 = “chia ra”, “trong đó”.")
    code = serializers.CharField(allow_null=True, help_text="Mã chỉ tiêu của danh mục (null với dòng tiêu đề).")


class TableSerializer(serializers.Serializer):
    code = serializers.CharField()
    number = serializers.CharField(help_text="Số hiệu biểu (tạm, chưa đối chiếu HD 11-HD/BTCTW).")
    title = serializers.CharField()
    note = serializers.CharField()
    period = serializers.BooleanField(help_text="Biểu có số liệu biến động trong kỳ.")
    rows = LineSerializer(many=True)


class CellSerializer(LineSerializer):
    value = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    percent = serializers.CharField(allow_null=True, help_text="Tỷ lệ như khi in (“23,33%”).")
    frozen = serializers.BooleanField(help_text="Đọc từ số liệu đã nộp của kỳ.")


class PeriodSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(read_only=True)
    submitted_at = serializers.DateTimeField(source="created_at", read_only=True)
    is_open = serializers.BooleanField(read_only=True, help_text="Đã nộp và đang khóa (chưa mở lại).")

    class Meta:
        model = SubmittedPeriod
        fields = ["id", "organization", "organization_name", "start", "end", "note", "submitted_at", "submitted_by_label",
                  "is_open", "reopened_at", "reopened_by_label", "reopen_reason", "version"]
        read_only_fields = fields


class FilledSerializer(serializers.Serializer):
    table = serializers.CharField()
    number = serializers.CharField()
    title = serializers.CharField()
    organization = serializers.IntegerField()
    organization_name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    reference_text = serializers.CharField(help_text="“Có đến ngày 31/12/2024” hoặc “Từ ngày … đến ngày …”.")
    submitted = PeriodSerializer(allow_null=True)
    cells = CellSerializer(many=True)


class ChangedRecordSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    label = serializers.CharField()
    subject = serializers.CharField()
    actions = serializers.SerializerMethodField()

    def get_actions(self, obj) -> list[str]:
        return [str(c.action) for c in obj.changes]


class DifferenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    submitted = serializers.IntegerField()
    live = serializers.IntegerField()
    delta = serializers.IntegerField()
    submitted_denominator = serializers.IntegerField(allow_null=True)
    live_denominator = serializers.IntegerField(allow_null=True)
    counted_now = ChangedRecordSerializer(many=True)
    not_counted_now = ChangedRecordSerializer(many=True)


class PeriodDetailSerializer(serializers.Serializer):
    period = PeriodSerializer()
    differences = DifferenceSerializer(many=True)
    changed = ChangedRecordSerializer(many=True)
    unregistered = serializers.ListField(child=serializers.CharField())


class SubmitSerializer(VietnameseSerializer):
    organization = serializers.IntegerField(label="Tổ chức đảng")
    year = serializers.IntegerField(label="Năm", required=False, min_value=1930, max_value=2100)
    on = serializers.DateField(label="Có đến ngày", required=False)
    note = serializers.CharField(label="Ghi chú", required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if ("year" in attrs) == ("on" in attrs):
            raise ValidationError({"year": ["Năm: ghi năm (số liệu đến 31/12) hoặc ngày số liệu (on), một trong hai."]})
        return attrs


class ReopenSerializer(VietnameseSerializer):
    reason = serializers.CharField(label="Lý do mở lại")
    version = VersionField()


# ---------------------------------------------------------------- helpers

ORG = OpenApiParameter("organization", OpenApiTypes.INT, OpenApiParameter.QUERY, required=True,
                       description="Tổ chức đảng (id, trong phạm vi quyền; ngoài phạm vi: 404).")
YEAR = OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.QUERY,
                        description="Năm: số liệu có đến 31/12, biến động trong năm (mặc định: năm trước).")
ON = OpenApiParameter("on", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                      description="Hoặc ngày số liệu D: số liệu có đến ngày D, biến động từ 01/01 đến D.")
ROUNDING = OpenApiParameter("rounding", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=sorted(ROUNDING_MODES),
                            description="Cách làm tròn tỷ lệ: half_up (mặc định) hoặc truncate.")
QUERY = [ORG, YEAR, ON, ROUNDING]
XLSX_RESPONSE = OpenApiResponse(OpenApiTypes.BINARY, description="Tệp XLSX (mỗi biểu một trang tính).")


def _gate(user) -> None:
    """Only users who read the register somewhere see the tables."""
    if not permissions.has_scope(user, VIEW):
        raise PermissionDenied("Bạn không có quyền xem số liệu thống kê.")


def _window(request):
    """(organization, window, rounding) by the one parser of the statistics parameters (statistics.params);
    without a window, the last year that is over. An organization is required here."""
    if not request.query_params.get("organization"):
        raise ValidationError({"organization": ["organization: bắt buộc, là id của một tổ chức đảng."]})
    try:
        query = params.parse(request.query_params, Organization.objects.restrict(request.user, VIEW),
                             default_year=tables.default_year())
    except params.OrganizationNotFound as exc:
        raise Http404 from exc
    except params.WindowError as exc:
        raise ValidationError({field: [message] for field, message in exc.errors.items()}) from exc
    return query.window.organization, query.window, query.rounding


def _table(slug: str):
    table = tables.get(slug)
    if table is None:
        raise Http404
    return table


def _definition(table) -> dict:
    rows = [{"number": ln.number, "label": ln.label, "level": ln.level, "code": ln.code} for ln in tables.lines(table)]
    return {"code": table.code, "number": table.number, "title": table.title, "note": table.note, "period": table.has_flows,
            "rows": rows}


def _filled(filled) -> dict:
    w = filled.window
    return {"table": filled.table.code, "number": filled.table.number, "title": filled.table.title,
            "organization": w.organization.pk, "organization_name": xlsx_tables.organization_name(filled),
            "start": w.start, "end": w.end, "reference_text": filled.reference_text,
            "submitted": filled.submitted,
            "cells": [c.as_dict() for c in filled.cells]}


def _xlsx(request, chosen) -> HttpResponse:
    _organization, window, rounding = _window(request)
    name, content = xlsx_tables.tables_file(request.user, window, chosen, rounding)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---------------------------------------------------------------- views

class TableListView(APIView):
    @extend_schema(summary="Các biểu thống kê (định nghĩa: dòng, mã chỉ tiêu)", responses={200: TableSerializer(many=True)})
    def get(self, request):
        _gate(request.user)
        return Response(TableSerializer([_definition(t) for t in tables.TABLES], many=True).data)


class TableDetailView(APIView):
    @extend_schema(summary="Một biểu thống kê của một tổ chức vào một ngày hoặc một năm", parameters=QUERY,
                   responses={200: FilledSerializer, 400: INVALID, 404: NOT_FOUND})
    def get(self, request, slug):
        _gate(request.user)
        table = _table(slug)
        _organization, window, rounding = _window(request)
        return Response(FilledSerializer(_filled(periods.fill(table, window, rounding=rounding))).data)


class TableXlsxView(APIView):
    @extend_schema(operation_id="statistics_table_xlsx", summary="Một biểu thống kê dạng XLSX", parameters=QUERY,
                   responses={(200, XLSX): XLSX_RESPONSE, 400: INVALID, 404: NOT_FOUND})
    def get(self, request, slug):
        _gate(request.user)
        return _xlsx(request, [_table(slug)])


class TablesXlsxView(APIView):
    @extend_schema(operation_id="statistics_tables_xlsx", summary="Tất cả các biểu thống kê dạng XLSX (mỗi biểu một trang tính)",
                   parameters=QUERY,
                   responses={(200, XLSX): XLSX_RESPONSE, 400: INVALID, 404: NOT_FOUND})
    def get(self, request):
        _gate(request.user)
        return _xlsx(request, list(tables.TABLES))


class PeriodListView(APIView):
    @extend_schema(summary="Các kỳ báo cáo đã nộp (trong phạm vi quyền)", responses={200: PeriodSerializer(many=True)})
    def get(self, request):
        qs = SubmittedPeriod.objects.restrict(request.user).order_by("-end", "organization_name", "-id")
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(PeriodSerializer(page, many=True).data)

    @extend_schema(summary="Nộp (khóa) số liệu của một kỳ báo cáo", request=SubmitSerializer,
                   responses=write_responses(201, PeriodSerializer, conflict=False))
    def post(self, request):
        d = SubmitSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        v = d.validated_data
        organization = get_object_or_404(Organization.objects.restrict(request.user, VIEW), pk=v["organization"])
        window = (tables.window_for(organization, year=v["year"]) if "year" in v else tables.window_for(organization, on=v["on"]))
        period = services.submit_period(by=request.user, organization=organization, start=window.start, end=window.end,
                                        note=v["note"])
        return Response(PeriodSerializer(period).data, status=status.HTTP_201_CREATED)


class PeriodDetailView(APIView):
    @extend_schema(summary="Một kỳ đã nộp và chênh lệch so với sổ đảng viên hiện nay",
                   responses={200: PeriodDetailSerializer, 404: NOT_FOUND})
    def get(self, request, pk):
        period = get_object_or_404(SubmittedPeriod.objects.restrict(request.user).select_related("organization"), pk=pk)
        report = periods.differences(period, request.user)
        return Response(PeriodDetailSerializer({"period": period, "differences": report.differences, "changed": report.changed,
                                                "unregistered": report.unregistered}).data)


class PeriodReopenView(APIView):
    @extend_schema(summary="Mở lại kỳ báo cáo đã nộp (cấp trên, có lý do)", request=ReopenSerializer,
                   responses=write_responses(200, PeriodSerializer))
    def post(self, request, pk):
        period = get_object_or_404(SubmittedPeriod.objects.restrict(request.user).select_related("organization"), pk=pk)
        d = ReopenSerializer(data=request.data)
        d.is_valid(raise_exception=True)
        period = services.reopen_period(by=request.user, period=period, reason=d.validated_data["reason"],
                                        expected_version=d.validated_data["version"])
        return Response(PeriodSerializer(period).data)


# Included by dangvu/api/urls.py under /api/.
urlpatterns = [
    path("statistics/tables/", TableListView.as_view(), name="api-statistics-tables"),
    path("statistics/tables/xlsx/", TablesXlsxView.as_view(), name="api-statistics-tables-xlsx"),
    path("statistics/tables/<slug:slug>/", TableDetailView.as_view(), name="api-statistics-table"),
    path("statistics/tables/<slug:slug>/xlsx/", TableXlsxView.as_view(), name="api-statistics-table-xlsx"),
    path("statistics/periods/", PeriodListView.as_view(), name="api-statistics-periods"),
    path("statistics/periods/<int:pk>/", PeriodDetailView.as_view(), name="api-statistics-period"),
    path("statistics/periods/<int:pk>/reopen/", PeriodReopenView.as_view(), name="api-statistics-period-reopen"),
]
