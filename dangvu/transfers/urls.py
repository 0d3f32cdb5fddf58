from django.urls import path

from dangvu.transfers import views

app_name = "transfers"
urlpatterns = [
    path("", views.letter_list, name="list"),
    path("cap-giay/", views.letter_issue, name="issue"),
    path("cap-giay/noi-den/", views.destination_options, name="destinations"),
    path("<int:pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/tiep-nhan/", views.letter_receive, name="receive"),
    path("<int:pk>/tra-lai/", views.letter_return, name="return"),
    path("<int:pk>/huy/", views.letter_cancel, name="cancel"),
    path("<int:pk>/tro-ve/", views.letter_end, name="end"),
    path("<int:pk>/giay-gioi-thieu.docx", views.letter_docx, name="docx"),
    path("dang-vien/<int:pk>/", views.member_transfers, name="member"),
    path("dang-vien/<int:pk>/mien-sinh-hoat/", views.exemption_add, name="exemption_add"),
    path("dang-vien/<int:pk>/thoi-mien-sinh-hoat/", views.exemption_end, name="exemption_end"),
    path("dang-vien/<int:pk>/dinh-chi/", views.suspension_add, name="suspension_add"),
    path("dang-vien/<int:pk>/phuc-hoi/", views.suspension_end, name="suspension_end"),
    path("dang-so/<int:org_pk>/", views.cell_count, name="count"),
]
