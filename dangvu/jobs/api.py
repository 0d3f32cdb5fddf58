"""GET /api/jobs/ (the jobs one asked for), GET /api/jobs/{id}/ (status and progress of a background
job), GET /api/jobs/{id}/file/ (its file once done). Only who asked (within their scope) and
administrators see a job: 404 for anyone else."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.api.responses import NOT_FOUND
from dangvu.api.serializers import DetailSerializer
from dangvu.api.viewsets import RestrictedViewSet

from .models import Job, Status
from .views import file_response


class JobSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="label", read_only=True)
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["id", "kind", "kind_label", "organization", "organization_code", "organization_name", "status",
                  "status_label", "done", "total", "percent", "message", "error", "result", "filename", "file_url",
                  "created_at", "started_at", "finished_at"]
        read_only_fields = fields

    def get_file_url(self, obj) -> str | None:
        return reverse("job-file", args=[obj.pk]) if obj.status == Status.DONE and obj.file else None


@extend_schema_view(
    list=extend_schema(summary="Các công việc nền mình đã yêu cầu"),
    retrieve=extend_schema(summary="Trạng thái và tiến độ của một công việc nền (xuất lớn, báo cáo, nhập)",
                           responses={200: JobSerializer, 404: NOT_FOUND}),
)
class JobViewSet(RestrictedViewSet):
    serializer_class = JobSerializer
    model = Job
    visible = "asked_by"
    select_related = ("organization",)

    @extend_schema(summary="Tải tệp kết quả của công việc nền", responses={
        (200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND,
        409: OpenApiResponse(DetailSerializer, description="Công việc chưa xong (hoặc lỗi, hoặc không có tệp).")})
    @action(detail=True, methods=["get"], url_path="file", url_name="file")
    def file(self, request, pk=None):
        job = self.get_object()
        if job.status != Status.DONE or not job.file:
            return Response({"detail": f"Công việc chưa xong hoặc không có tệp ({job.get_status_display().lower()})."},
                            status=status.HTTP_409_CONFLICT)
        return file_response(job)
