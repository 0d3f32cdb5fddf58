"""API routes of the targets app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.targets.api import TargetViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("targets", TargetViewSet, basename="target")

urlpatterns = router.urls
