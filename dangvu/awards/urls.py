from django.urls import path

from dangvu.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.due, name="due"),
    path("danh-sach-de-nghi.docx", views.due_docx, name="due_docx"),
    path("da-tang/", views.awarded, name="awarded"),
    path("doi-the/", views.exchange, name="exchange"),
    path("dang-vien/<int:pk>/", views.member_page, name="member"),
    path("dang-vien/<int:pk>/tang/", views.record, name="record"),
    path("dang-vien/<int:pk>/the/", views.card, name="card"),
]
