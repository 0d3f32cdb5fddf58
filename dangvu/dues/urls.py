from django.urls import path

from dangvu.dues import views

app_name = "dues"
urlpatterns = [
    path("", views.index, name="index"),
    path("chi-bo/<int:pk>/<int:year>/<int:month>/", views.cell_month, name="cell_month"),
    path("chi-bo/<int:pk>/<int:year>/so-thu-dang-phi.xlsx", views.book_xlsx, name="book"),
    path("chi-bo/<int:pk>/<int:year>/so-thu-dang-phi.pdf", views.book_pdf, name="book_pdf"),
    path("dang-vien/<int:pk>/", views.member_page, name="member"),
    path("dang-vien/<int:pk>/can-cu/", views.basis, name="basis"),
    path("dang-vien/<int:pk>/dong/", views.pay, name="pay"),
    path("dang-vien/<int:pk>/ly-do/", views.excuse, name="excuse"),
    path("khoan/<int:pk>/huy/", views.void, name="void"),
]
