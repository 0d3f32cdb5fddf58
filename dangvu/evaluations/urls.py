from django.urls import path

from dangvu.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.index, name="index"),
    path("mo-dot/", views.campaign_new, name="campaign_new"),
    path("<int:pk>/", views.campaign, name="campaign"),
    path("<int:pk>/ket-qua.xlsx", views.results_xlsx, name="results_xlsx"),
    path("tu-danh-gia/<int:pk>/", views.self_assess, name="self"),
    path("<int:pk>/chi-bo/<int:cell_pk>/", views.cell, name="cell"),
    path("<int:pk>/chi-bo/<int:cell_pk>/ti-le/", views.cell_quota, name="cell_quota"),
    path("<int:pk>/quyet-dinh/<int:org_pk>/", views.decide, name="decide"),
    path("<int:pk>/to-chuc/<int:review_pk>/", views.organization_review, name="organization"),
    path("<int:pk>/khen-thuong/", views.commendations, name="commendations"),
    path("<int:pk>/nhom-ti-le/", views.quota_groups, name="quota_groups"),
    path("tu-danh-gia/<int:pk>/ban-tu-kiem-diem.docx", views.self_docx, name="self_docx"),
    path("<int:pk>/chi-bo/<int:cell_pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
    path("<int:pk>/quyet-dinh/<int:org_pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
]
