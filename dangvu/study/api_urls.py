"""API routes of resolution study, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.study.api import FollowUpPlanViewSet, StudyDocumentViewSet, StudySessionViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("study/documents", StudyDocumentViewSet, basename="study-document")
router.register("study/sessions", StudySessionViewSet, basename="study-session")
router.register("study/plans", FollowUpPlanViewSet, basename="study-plan")

urlpatterns = router.urls
