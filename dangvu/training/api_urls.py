"""API routes of the training app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.training.api import CertificateViewSet, TrainingClassViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("training/classes", TrainingClassViewSet, basename="training-class")
router.register("training/certificates", CertificateViewSet, basename="training-certificate")

urlpatterns = router.urls
