"""API routes of the inspection app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.inspection.api import CaseViewSet, DenunciationViewSet, ProgrammeViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("inspection/cases", CaseViewSet, basename="inspection-case")
router.register("inspection/programmes", ProgrammeViewSet, basename="inspection-programme")
router.register("inspection/denunciations", DenunciationViewSet, basename="inspection-denunciation")

urlpatterns = router.urls
