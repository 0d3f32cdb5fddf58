from django.urls import path

from dangvu.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("tham-so/<str:key>/", views.parameter_edit, name="parameter_edit"),
    path("lich-nghi/", views.calendar, name="calendar"),
    path("lich-nghi/<int:pk>/xoa/", views.calendar_remove, name="calendar_remove"),
]
