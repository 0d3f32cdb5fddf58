"""API of the import (/api/imports/): upload a file for checking, read the result, apply it.

Scoped like the pages: the runs of the organizations whose register the user keeps (restrict); another
district's run answers 404; a secretary or a viewer gets an empty list and 403 on upload.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from dangvu.api.responses import NOT_FOUND, write_responses
from dangvu.api.serializers import VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.imports import reading, services
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRow, ImportRun, RowStatus
from dangvu.organizations.serializers import VisibleOrganizationField


class ImportRunSerializer(serializers.ModelSerializer):
    """A run: its file, its counts and outcome; its rows are read a page at a time (GET /api/imports/{id}/rows/)."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    error = serializers.SerializerMethodField(help_text="Lý do cả tệp bị từ chối (không đọc được, thiếu cột).")

    class Meta:
        model = ImportRun
        fields = ["id", "kind", "organization", "organization_name", "file_name", "sha256", "size", "status", "counts",
                  "error", "created_by_label", "created_at", "applied_at"]

    def get_error(self, obj) -> str:
        return obj.report.get("error", "")


class ImportRowSerializer(serializers.ModelSerializer):
    diff = serializers.JSONField(help_text="Các cột thay đổi: [cột, hiện tại, trong tệp].")
    errors = serializers.JSONField(help_text="Lý do bị từ chối: [cột (rỗng: cả dòng), lý do].")

    class Meta:
        model = ImportRow
        fields = ["row", "status", "label", "diff", "errors"]


class ImportUploadSerializer(VietnameseSerializer):
    kind = serializers.ChoiceField(label="Loại dữ liệu", choices=[(k, str(v.label)) for k, v in KINDS.items()])
    organization = VisibleOrganizationField(label="Tổ chức nhận dữ liệu")
    file = serializers.FileField(label="Tệp .xlsx hoặc .csv")
    at_once = serializers.BooleanField(label="Nhập luôn nếu không có dòng lỗi", required=False, default=False,
                                       help_text="Kiểm tra và nhập trong một lần (không qua bước xem trước); có dòng lỗi thì "
                                                 "không ghi gì và lần nhập bị từ chối, các dòng lỗi ở /rows/.")

    def validate_file(self, value):
        if value.size > reading.max_bytes():
            raise serializers.ValidationError(f"Tệp quá lớn: tối đa {reading.max_bytes() // 1024 // 1024} MB.")
        return value


@extend_schema_view(
    list=extend_schema(summary="Các lần nhập dữ liệu (trong phạm vi quyền)", description="Số dòng mới, thay đổi, không đổi, "
                       "bị từ chối của mỗi lần; các dòng của một lần: GET /api/imports/{id}/rows/."),
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
        return super().get_queryset().defer("content")  # the file itself is read by the apply, not by an answer

    @extend_schema(summary="Tải tệp lên để kiểm tra (không ghi gì vào sổ), hoặc kiểm tra và nhập luôn (at_once)",
                   request={"multipart/form-data": ImportUploadSerializer},
                   responses=write_responses(201, ImportRunSerializer, conflict=False))
    def create(self, request, *args, **kwargs):
        d = ImportUploadSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        check = services.check_and_apply if v["at_once"] else services.preview
        run = check(by=request.user, kind=v["kind"], organization=v["organization"], file_name=v["file"].name,
                    content=v["file"].read())
        return Response(ImportRunSerializer(run).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Nhập tệp đã kiểm tra (tất cả trong một lần, có lỗi thì không ghi gì)", request=None,
                   responses=write_responses(200, ImportRunSerializer, conflict=False))
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        run = services.apply(by=request.user, run=self.get_object())
        return Response(ImportRunSerializer(run).data)

    @extend_schema(summary="Các dòng mới, thay đổi (kèm so sánh từng cột) và bị từ chối của một lần nhập, theo số dòng",
                   description="Dòng không đổi chỉ được đếm, không liệt kê. Từng trang (page).",
                   parameters=[OpenApiParameter("status", enum=RowStatus.values, description="Chỉ các dòng có kết quả này.")],
                   responses={200: ImportRowSerializer(many=True), 404: NOT_FOUND})
    @action(detail=True, methods=["get"], filter_backends=[])
    def rows(self, request, pk=None):
        rows = ImportRow.objects.filter(run=self.get_object()).order_by("row")
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in RowStatus.values:
                raise serializers.ValidationError({"status": [f"Kết quả dòng “{wanted}” không có: chọn một trong "
                                                              f"{', '.join(RowStatus.values)}."]})
            rows = rows.filter(status=wanted)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ImportRowSerializer(page, many=True).data)
