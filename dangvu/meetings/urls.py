from django.urls import path

from dangvu.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("chi-bo/<int:org_pk>/", views.cell, name="cell"),
    path("chi-bo/<int:org_pk>/them/", views.add, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("<int:pk>/chat-luong/", views.quality, name="quality"),
    path("<int:pk>/nhiem-vu/", views.task_add, name="task_add"),
    path("<int:pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/nghi-quyet.docx", views.resolution_docx, name="resolution_docx"),
    path("nhiem-vu/<int:pk>/hoan-thanh/", views.task_done, name="task_done"),
    path("<int:pk>/tai-lieu/them/", views.document_add, name="document_add"),
    path("tai-lieu/<int:document_pk>/", views.document, name="document"),
    path("tai-lieu/<int:document_pk>/xoa/", views.document_remove, name="document_remove"),
    path("chi-bo/<int:org_pk>/to-dang/", views.groups, name="groups"),
]
