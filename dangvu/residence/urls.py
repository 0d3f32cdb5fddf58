from django.urls import path

from dangvu.residence import views

app_name = "residence"
urlpatterns = [
    path("", views.index, name="index"),
    path("gioi-thieu/", views.introduce, name="introduce"),
    path("gioi-thieu/noi-cu-tru/", views.receiving_options, name="receiving_options"),
    path("khong-gioi-thieu/", views.exempt, name="exempt"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tiep-nhan/", views.receive, name="receive"),
    path("<int:pk>/phan-cong/", views.assign, name="assign"),
    path("<int:pk>/ket-thuc/", views.end, name="end"),
    path("<int:pk>/nhan-xet/", views.comment, name="comment"),
    path("<int:pk>/giay-gioi-thieu.docx", views.letter_docx, name="letter_docx"),
    path("nhan-xet/<int:pk>/phieu-nhan-xet.docx", views.comment_docx, name="comment_docx"),
    path("chi-bo/<int:org_pk>/", views.cell, name="cell"),
    path("chi-bo/<int:org_pk>/sinh-hoat/", views.meeting_add, name="meeting_add"),
    path("sinh-hoat/<int:pk>/", views.meeting, name="meeting"),
    path("dang-vien/<int:pk>/", views.member, name="member"),
]
