"""API routes of the evaluations app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.evaluations import api

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("review-campaigns", api.CampaignViewSet, basename="review-campaign")
router.register("member-reviews", api.MemberReviewViewSet, basename="member-review")
router.register("organization-reviews", api.OrganizationReviewViewSet, basename="organization-review")
router.register("commendations", api.CommendationViewSet, basename="commendation")

urlpatterns = router.urls
