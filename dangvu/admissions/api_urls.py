"""API routes of the admissions app, included by dangvu/api/urls.py under /api/."""

urlpatterns: list = []
