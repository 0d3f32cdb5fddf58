from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/trang-thai/", views.status, name="status"),
    path("<int:pk>/tai-ve/", views.download, name="download"),
]
