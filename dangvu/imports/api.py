"""API of the import (/api/imports/): upload a file for checking, read the result, apply it.

Scoped like the pages: the runs of the organizations whose register the user keeps (restrict); another
district's run answers 404; a secretary or a viewer gets an empty list and 403 on upload.
"""

from __future__ import annotations

from django.db.models import TextField, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.imports import reading, services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRun
from dangvu.organizations.serializers import VisibleOrganizationField


class ImportRunSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    rows = serializers.SerializerMethodField(help_text="Các dòng mới, thay đổi (kèm so sánh từng cột) và bị từ chối "
                                                       "(số dòng, cột, lý do); dòng không đổi không liệt kê.")
    error = serializers.SerializerMethodField(help_text="Lý do cả tệp bị từ chối (không đọc được, thiếu cột).")

    class Meta:
        model = ImportRun
        fields = ["id", "kind", "organization", "organization_name", "file_name", "sha256", "size", "status", "counts",
                  "error", "rows", "created_by_label", "created_at", "applied_at"]

    def get_rows(self, obj) -> list[dict]:
        return [r for r in obj.report.get("rows", []) if r["status"] != "unchanged"]

    def get_error(self, obj) -> str:
        return obj.report.get("error", "")


class ImportRunListSerializer(serializers.ModelSerializer):
    """A run in the list: its counts and outcome, not its rows (a register's import reports 100.000 of them: the
    list read neither the reports nor the files; a run's rows are in its own answer)."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    error = serializers.CharField(source="report_error", read_only=True,
                                  help_text="Lý do cả tệp bị từ chối (không đọc được, thiếu cột).")

    class Meta:
        model = ImportRun
        fields = ["id", "kind", "organization", "organization_name", "file_name", "sha256", "size", "status", "counts",
                  "error", "created_by_label", "created_at", "applied_at"]


class ImportUploadSerializer(VietnameseSerializer):
    kind = serializers.ChoiceField(label="Loại dữ liệu", choices=[(k, str(v.label)) for k, v in KINDS.items()])
    organization = VisibleOrganizationField(label="Tổ chức nhận dữ liệu")
    file = serializers.FileField(label="Tệp .xlsx hoặc .csv")

    def validate_file(self, value):
        if value.size > reading.max_bytes():
            raise serializers.ValidationError(f"Tệp quá lớn: tối đa {reading.max_bytes() // 1024 // 1024} MB.")
        return value


@extend_schema_view(
    list=extend_schema(summary="Các lần nhập dữ liệu (trong phạm vi quyền)", description="Số dòng mới, thay đổi, không đổi, "
                       "bị từ chối của mỗi lần; các dòng của một lần: GET /api/imports/{id}/."),
    retrieve=extend_schema(summary="Kết quả kiểm tra / nhập một tệp", responses={200: ImportRunSerializer, 404: NOT_FOUND}),
)
class ImportRunViewSet(RestrictedViewSet):
    serializer_class = ImportRunSerializer
    model = ImportRun
    parser_classes = [MultiPartParser, FormParser]
    visible = "restrict"
    select_related = ("organization",)
    ordering = ("-created_at", "-id")

    def get_queryset(self):
        rows = super().get_queryset().defer("content")  # the file itself is read by the apply, not by an answer
        if self.action == "list":
            rows = rows.defer("report").annotate(report_error=Coalesce(KT("report__error"), Value(""), output_field=TextField()))
        return rows

    def get_serializer_class(self):
        return ImportRunListSerializer if self.action == "list" else ImportRunSerializer

    @extend_schema(summary="Tải tệp lên để kiểm tra (không ghi gì vào sổ)", request={"multipart/form-data": ImportUploadSerializer},
                   responses=write_responses(201, ImportRunSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = ImportUploadSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        run = services.preview(by=request.user, kind=v["kind"], organization=v["organization"], file_name=v["file"].name,
                               content=v["file"].read())
        return Response(ImportRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Nhập tệp đã kiểm tra (tất cả trong một lần, có lỗi thì không ghi gì)", request=None,
                   responses=write_responses(200, ImportRunSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        run = services.apply(by=request.user, run=self.get_object())
        return Response(ImportRunSerializer(run).data)
