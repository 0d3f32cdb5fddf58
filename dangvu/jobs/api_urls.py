"""API routes of the jobs app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("jobs", api.JobViewSet, basename="job")

urlpatterns = router.urls
