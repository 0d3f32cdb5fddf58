from django.urls import path

from dangvu.targets import views

app_name = "targets"

urlpatterns = [
    path("", views.target_list, name="list"),
    path("them/", views.target_add, name="add"),
    path("<int:pk>/", views.target_detail, name="detail"),
    path("<int:pk>/sua/", views.target_edit, name="edit"),
    path("<int:pk>/phan-bo/", views.target_breakdown, name="breakdown"),
    path("<int:pk>/ket-qua/", views.target_actual, name="actual"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
]
