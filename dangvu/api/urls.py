"""API routes, included by the project under /api/."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from dangvu.members.api import MemberViewSet
from dangvu.organizations.api import CommitteeSeatViewSet, CommitteeTermViewSet, OrganizationViewSet
from dangvu.rules import api as rules_api
from dangvu.statistics.dashboard import DashboardAPI

# ids as <int:pk>; no ".json" suffix routes (an answer's format is chosen by the Accept header)
router = DefaultRouter(trailing_slash=True, use_regex_path=False)
router.include_format_suffixes = False
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("committee-terms", CommitteeTermViewSet, basename="committee-term")
router.register("committee-seats", CommitteeSeatViewSet, basename="committee-seat")
router.register("members", MemberViewSet, basename="member")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI and Redoc from drf-spectacular-sidecar's static files: no CDN, which closed networks cannot reach.
    # Split view: the start-up script is a URL of its own, not inline (Content-Security-Policy).
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html")),
         name="api-docs"),
    path("redoc/", login_required(SpectacularRedocView.as_view(url_name="api-schema", template_name="api/redoc.html")), name="api-redoc"),
    path("", include("dangvu.todo.api_urls")),
    path("rules/", rules_api.RulesView.as_view(), name="api-rules"),
    path("rules/deadline/", rules_api.DeadlineView.as_view(), name="api-rules-deadline"),
    path("rules/calendar/", rules_api.CalendarView.as_view(), name="api-rules-calendar"),
    path("dashboard/", DashboardAPI.as_view(), name="api-dashboard"),
    path("", include("dangvu.accounts.api_urls")),
    path("", include("dangvu.targets.api_urls")),
    path("", include("dangvu.admissions.api_urls")),
    path("", include("dangvu.transfers.api_urls")),
    path("", include("dangvu.awards.api_urls")),
    path("", include("dangvu.imports.api_urls")),
    path("", include("dangvu.residence.api_urls")),
    path("", include("dangvu.evaluations.api_urls")),
    path("", include("dangvu.meetings.api_urls")),
    path("", include("dangvu.inspection.api_urls")),
    path("", include("dangvu.discipline.api_urls")),
    path("", include("dangvu.training.api_urls")),
    path("", include("dangvu.study.api_urls")),
    path("", include("dangvu.dues.api_urls")),
    path("", include("dangvu.statistics.api_urls")),
    path("", include("dangvu.statistics.tables_api")),
    path("", include("dangvu.reports.api_urls")),
    path("", include("dangvu.jobs.api_urls")),
    path("", include("dangvu.access.api_urls")),
    path("", include(router.urls)),
]
