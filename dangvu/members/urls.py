from django.urls import path

from dangvu.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("xuat-excel/", views.member_export, name="export"),
    path("them/", views.member_create, name="create"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/sua/", views.member_edit, name="edit"),
    path("<int:pk>/su-kien/", views.member_event, name="event"),
    path("<int:pk>/hien/<slug:field>/", views.member_reveal, name="reveal"),
]
