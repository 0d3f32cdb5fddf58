from django.urls import path

from dangvu.members import views

app_name = "members"
urlpatterns = [
    path("", views.member_list, name="list"),
    path("xuat-excel/", views.member_export, name="export"),
    path("to-chuc/", views.organization_search, name="organization_search"),
    path("them/", views.member_create, name="create"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/sua/", views.member_edit, name="edit"),
    path("<int:pk>/su-kien/", views.member_event, name="event"),
    path("<int:pk>/hien/<slug:field>/", views.member_reveal, name="reveal"),
    path("<int:pk>/anh/", views.member_photo, name="photo"),
    path("<int:pk>/anh/tai-len/", views.photo_upload, name="photo_upload"),
    path("<int:pk>/tai-lieu/them/", views.document_add, name="document_add"),
    path("<int:pk>/tai-lieu/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/tai-lieu/<int:document_pk>/go-bo/", views.document_remove, name="document_remove"),
]
