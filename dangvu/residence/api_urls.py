"""API routes of the residence app, included by dangvu/api/urls.py under /api/."""

urlpatterns: list = []
