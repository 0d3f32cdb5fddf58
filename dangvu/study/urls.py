from django.urls import path

from dangvu.study import views

app_name = "study"
urlpatterns = [
    path("", views.index, name="index"),
    path("van-ban/", views.documents, name="documents"),
    path("van-ban/them/", views.document_add, name="document_add"),
    path("van-ban/<int:pk>/", views.document, name="document"),
    path("buoi-hoc/them/", views.session_add, name="session_add"),
    path("buoi-hoc/<int:pk>/", views.session, name="session"),
    path("buoi-hoc/<int:pk>/tham-du/", views.attendance, name="attendance"),
    path("buoi-hoc/<int:pk>/hoc-bu/", views.makeup, name="makeup"),
    path("buoi-hoc/<int:pk>/danh-sach.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("ke-hoach/", views.plans, name="plans"),
    path("ke-hoach/them/", views.plan_add, name="plan_add"),
    path("ke-hoach/<int:pk>/tinh-trang/", views.plan_status, name="plan_status"),
]
