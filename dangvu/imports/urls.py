from django.urls import path

from dangvu.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("mau/<str:kind>.xlsx", views.template, name="template"),
    path("xuat/<str:kind>.xlsx", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/nhap/", views.apply, name="apply"),
    path("<int:pk>/ghep-cot/", views.remap, name="remap"),
    path("<int:pk>/loi/", views.errors_file, name="errors_file"),
]
