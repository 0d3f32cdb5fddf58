"""API routes of the residence app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.residence.api import ResidenceContactViewSet, ResidenceMeetingViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("residence/contacts", ResidenceContactViewSet, basename="residence-contact")
router.register("residence/meetings", ResidenceMeetingViewSet, basename="residence-meeting")

urlpatterns = router.urls
