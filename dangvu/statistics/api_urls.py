"""API routes of the statistics app, included by dangvu/api/urls.py under /api/."""

from django.urls import path

from dangvu.statistics import api

urlpatterns = [
    path("statistics/", api.StatisticsView.as_view(), name="api-statistics"),
    path("statistics/figures/", api.FigureListView.as_view(), name="api-statistics-figures"),
    path("statistics/figures/<str:code>/rows/", api.FigureRowsView.as_view(), name="api-statistics-figure-rows"),
]
