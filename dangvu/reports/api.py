"""API of the year-end report: POST /api/reports/ starts a report, GET /api/reports/{id}/ tells its
status and progress, GET /api/reports/{id}/file/ downloads it. A job is seen by whoever may read the
register of its organization (404 outside); an organization id resolves only among those the user may
report on (400 otherwise, as every id of the API)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from dangvu.api.responses import FORBIDDEN, INVALID, NOT_FOUND
from dangvu.api.serializers import DetailSerializer, VietnameseSerializer
from dangvu.api.viewsets import RestrictedViewSet
from dangvu.jobs.views import file_response
from dangvu.organizations.models import Organization

from . import jobs, services
from .models import Format, ReportJob, Rounding, Status
from .selectors import jobs_for, reportable


class ReportableOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization id, resolved among the organizations the requesting user may report on."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.all())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return reportable(getattr(request, "user", None))


class ReportJobSerializer(serializers.ModelSerializer):
    organization_code = serializers.CharField(source="organization.code", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    year = serializers.IntegerField(read_only=True)
    format = serializers.CharField(read_only=True)
    rounding = serializers.CharField(read_only=True)
    progress = serializers.IntegerField(source="percent", read_only=True, help_text="tiến độ (%)")
    step = serializers.CharField(source="message", read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = ["id", "organization", "organization_code", "organization_name", "year", "format", "rounding", "status",
                  "status_label", "progress", "step", "error", "filename", "file_url", "created_at", "started_at",
                  "finished_at"]
        read_only_fields = fields

    def get_file_url(self, obj) -> str | None:
        return reverse("report-job-file", args=[obj.pk]) if obj.status == Status.DONE else None


class ReportRequestSerializer(VietnameseSerializer):
    organization = ReportableOrganizationField(label="tổ chức đảng")
    year = serializers.IntegerField(label="năm", min_value=services.FIRST_YEAR)
    format = serializers.ChoiceField(label="định dạng", choices=Format.choices)
    rounding = serializers.ChoiceField(label="cách làm tròn", choices=Rounding.choices, default=Rounding.HALF_UP)


@extend_schema_view(
    list=extend_schema(summary="Các báo cáo năm đã yêu cầu (trong phạm vi quyền)"),
    retrieve=extend_schema(summary="Trạng thái và tiến độ của một báo cáo năm",
                           responses={200: ReportJobSerializer, 404: NOT_FOUND}),
)
class ReportJobViewSet(RestrictedViewSet):
    serializer_class = ReportJobSerializer
    model = ReportJob

    def restricted_queryset(self, user):
        return jobs_for(user)

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            qs = qs.filter(requested_by=self.request.user)
        return qs

    @extend_schema(summary="Lập báo cáo kết quả công tác xây dựng Đảng năm (DOCX, PDF, XLSX)",
                   description="Báo cáo nhỏ được lập ngay (status done); báo cáo lớn được lập nền: hỏi "
                               "GET /api/reports/{id}/ đến khi status là done rồi tải file_url.",
                   request=ReportRequestSerializer,
                   responses={202: ReportJobSerializer, 400: INVALID, 403: FORBIDDEN})
    def create(self, request, *args, **kwargs):
        d = ReportRequestSerializer(data=request.data, context=self.get_serializer_context())
        d.is_valid(raise_exception=True)
        v = d.validated_data
        job = services.start_report(by=request.user, organization=v["organization"], year=v["year"],
                                    fmt=v["format"], rounding=v["rounding"])
        jobs.dispatch(job)
        job.refresh_from_db()
        return Response(ReportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary="Tải tệp báo cáo năm đã lập", responses={
        (200, "application/octet-stream"): OpenApiTypes.BINARY, 404: NOT_FOUND,
        409: OpenApiResponse(DetailSerializer, description="Báo cáo chưa lập xong (hoặc lỗi).")})
    @action(detail=True, methods=["get"], url_path="file", url_name="file")
    def file(self, request, pk=None):
        job = self.get_object()
        if job.status != Status.DONE or not job.file:
            return Response({"detail": f"Báo cáo chưa lập xong ({job.get_status_display().lower()})."},
                            status=status.HTTP_409_CONFLICT)
        return file_response(job)
