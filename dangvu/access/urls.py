from django.urls import path

from dangvu.access import views

app_name = "access"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("tao/", views.account_create, name="create"),
    path("bi-thu-chi-bo/", views.bulk_secretaries, name="bulk"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/<slug:action>/", views.account_action, name="action"),
]
