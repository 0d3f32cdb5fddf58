"""API routes of the transfers app, included by dangvu/api/urls.py under /api/."""

urlpatterns: list = []
