"""API routes of the imports app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.imports import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("imports", api.ImportRunViewSet, basename="import-run")

urlpatterns = router.urls
