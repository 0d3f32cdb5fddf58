from django.urls import path

from dangvu.training import views

app_name = "training"
urlpatterns = [
    path("", views.class_list, name="list"),
    path("them/", views.class_add, name="add"),
    path("giay-chung-nhan.xlsx", views.certificates_xlsx, name="certificates_xlsx"),
    path("<int:pk>/", views.class_detail, name="detail"),
    path("<int:pk>/sua/", views.class_edit, name="edit"),
    path("<int:pk>/ghi-danh/", views.enrol, name="enrol"),
    path("<int:pk>/ket-qua/", views.results, name="results"),
    path("<int:pk>/hoc-vien.xlsx", views.class_xlsx, name="class_xlsx"),
]
