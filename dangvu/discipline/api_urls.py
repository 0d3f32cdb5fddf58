"""API routes of the discipline app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.discipline.api import AppealViewSet, NotificationViewSet, ProceedingViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("discipline/proceedings", ProceedingViewSet, basename="discipline-proceeding")
router.register("discipline/appeals", AppealViewSet, basename="discipline-appeal")
router.register("discipline/notifications", NotificationViewSet, basename="discipline-notification")

urlpatterns = router.urls
