"""The API mounted as the project mounts it, for tests that run before or apart from dangvu/urls.py."""

from django.http import HttpResponse
from django.urls import include, path


def _login_stub(request):
    return HttpResponse("login")


urlpatterns = [
    path("api/", include("dangvu.api.urls")),
    # LOGIN_URL is "accounts:login": a stand-in so that redirects of anonymous users resolve.
    path("accounts/", include(([path("login/", _login_stub, name="login")], "accounts"))),
]
