"""API routes of the transfers app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.transfers.api import TransferLetterViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("transfers", TransferLetterViewSet, basename="transfer")

urlpatterns = router.urls
