"""The dashboard page (`/tong-quan/`), included by dangvu/urls.py; its API (`/api/dashboard/`) is routed by
dangvu/api/urls.py."""

from django.urls import path

from dangvu.statistics import dashboard

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.dashboard_page, name="index"),
    path("viec-can-lam/", dashboard.todo_count_view, name="todo_count"),
]
