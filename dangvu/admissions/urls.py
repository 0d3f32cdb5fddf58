from django.urls import path

from dangvu.admissions import views

app_name = "admissions"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("them/", views.candidate_create, name="create"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/sua/", views.candidate_edit, name="edit"),
    path("<int:pk>/buoc/<slug:slug>/", views.candidate_step, name="step"),
    path("<int:pk>/dung-xem-xet/", views.candidate_withdraw, name="withdraw"),
    path("<int:pk>/quyet-dinh-ket-nap.docx", views.admission_decision_docx, name="decision_docx"),
    path("du-bi/", views.probation_list, name="probation_list"),
    path("du-bi/<int:pk>/", views.probation_detail, name="probation_detail"),
    path("du-bi/<int:pk>/bieu-quyet/", views.probation_vote, name="probation_vote"),
    path("du-bi/<int:pk>/cong-nhan/", views.probation_recognize, name="probation_recognize"),
    path("du-bi/<int:pk>/xoa-ten/", views.probation_strike_off, name="probation_strike_off"),
    path("du-bi/<int:pk>/quyet-dinh-chinh-thuc.docx", views.recognition_decision_docx, name="recognition_docx"),
]
