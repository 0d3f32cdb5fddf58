"""API routes of the awards app, included by dangvu/api/urls.py under /api/."""

urlpatterns: list = []
