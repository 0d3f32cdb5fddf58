"""API routes of the to-do list, included by dangvu/api/urls.py under /api/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from dangvu.todo.api import HandledViewSet, TodoGroupsView, TodoView

router = SimpleRouter(trailing_slash=True, use_regex_path=False)
router.register("todo/handled", HandledViewSet, basename="todo-handled")

urlpatterns = [
    path("todo/", TodoView.as_view(), name="api-todo"),
    path("todo/groups/", TodoGroupsView.as_view(), name="api-todo-groups"),
    *router.urls,
]
