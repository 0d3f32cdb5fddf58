"""API routes of the admissions app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.admissions import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)  # ids as <int:pk>
router.register("candidates", api.CandidateViewSet, basename="candidate")
router.register("probations", api.ProbationViewSet, basename="probation")

urlpatterns = router.urls
