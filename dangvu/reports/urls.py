from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/trang-thai/", views.job_status, name="job_status"),
    path("<int:pk>/tai-ve/", views.download, name="download"),
]
