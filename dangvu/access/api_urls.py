"""API routes of the account pages, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.access.api import AccountViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("accounts", AccountViewSet, basename="account")

urlpatterns = router.urls
