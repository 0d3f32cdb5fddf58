"""API routes of the meetings app, included by dangvu/api/urls.py under /api/."""

from rest_framework.routers import SimpleRouter

from dangvu.meetings.api import GroupMembershipViewSet, MeetingViewSet, TaskViewSet

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("meeting-tasks", TaskViewSet, basename="meeting-task")
router.register("party-group-members", GroupMembershipViewSet, basename="party-group-member")

urlpatterns = router.urls
