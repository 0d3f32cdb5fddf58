from django.urls import path

from dangvu.inspection import views

app_name = "inspection"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<int:org_pk>/chuong-trinh/", views.programme_add, name="programme_add"),
    path("to-chuc/<int:org_pk>/quyet-dinh/", views.case_add, name="case_add"),
    path("to-chuc/<int:org_pk>/to-cao/", views.denunciation_add, name="denunciation_add"),
    path("chuong-trinh/<int:pk>/", views.programme, name="programme"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/buoc/", views.step_add, name="step_add"),
    path("<int:pk>/lam-viec/", views.session_add, name="session_add"),
    path("<int:pk>/ket-luan/", views.conclude, name="conclude"),
    path("<int:pk>/thong-bao/", views.notify, name="notify"),
    path("<int:pk>/khac-phuc/", views.remedy_add, name="remedy_add"),
    path("<int:pk>/de-nghi-ky-luat/", views.propose_discipline, name="propose_discipline"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("<int:pk>/ket-luan.docx", views.conclusion_docx, name="conclusion_docx"),
    path("buoc/<int:pk>/hoan-thanh/", views.step_done, name="step_done"),
    path("khac-phuc/<int:pk>/hoan-thanh/", views.remedy_done, name="remedy_done"),
    path("to-cao/", views.denunciations, name="denunciations"),
    path("to-cao/<int:pk>/", views.denunciation, name="denunciation"),
    path("to-cao/<int:pk>/danh-tinh/", views.denunciation_reveal, name="denunciation_reveal"),
    path("to-cao/<int:pk>/giai-quyet/", views.denunciation_settle, name="denunciation_settle"),
]
