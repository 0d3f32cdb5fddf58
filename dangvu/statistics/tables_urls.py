"""Pages of the official tables, included by dangvu/urls.py under /thong-ke/bieu-mau/."""

from django.urls import path

from dangvu.statistics import tables_views as views

app_name = "statistics_tables"

urlpatterns = [
    path("", views.index, name="index"),
    path("tai-xuong/", views.download, name="download"),
    path("nop/", views.submit, name="submit"),
    path("da-nop/", views.period_list, name="periods"),
    path("da-nop/<int:pk>/", views.period_detail, name="period"),
    path("da-nop/<int:pk>/mo-lai/", views.reopen, name="reopen"),
]
