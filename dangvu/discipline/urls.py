from django.urls import path

from dangvu.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.add, name="add"),
    path("moi-to-chuc/", views.add_organization, name="add_organization"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/nghe-trinh-bay/", views.hearing, name="hearing"),
    path("<int:pk>/tam-hoan/", views.defer, name="defer"),
    path("<int:pk>/de-nghi/", views.proposal, name="proposal"),
    path("<int:pk>/quyet-dinh/", views.decide, name="decide"),
    path("<int:pk>/cong-bo/", views.announce, name="announce"),
    path("<int:pk>/khong-ky-luat/", views.drop, name="drop"),
    path("<int:pk>/khieu-nai/", views.appeal_add, name="appeal_add"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("khieu-nai/<int:pk>/giai-quyet/", views.appeal_decide, name="appeal_decide"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/moi/", views.notification_add, name="notification_add"),
]
