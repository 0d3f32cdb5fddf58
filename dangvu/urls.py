from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

urlpatterns = [
    path("", lambda request: redirect("organizations:tree"), name="home"),
    path("tai-khoan/", include("dangvu.accounts.urls")),
    path("to-chuc/", include("dangvu.organizations.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("nhat-ky/", include("dangvu.audit.urls")),
    path("api/", include("dangvu.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
