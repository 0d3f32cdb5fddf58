from django.urls import path

from dangvu.statistics import views

app_name = "statistics"

urlpatterns = [
    path("", views.statistics_page, name="page"),
    path("chi-tieu/<str:code>/", views.drill_page, name="drill"),
]
