"""API routes of the awards app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.awards import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("badges", api.BadgeAwardViewSet, basename="badge")
router.register("party-cards", api.PartyCardViewSet, basename="party-card")

urlpatterns = router.urls
