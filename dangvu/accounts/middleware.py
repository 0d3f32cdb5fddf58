"""An account created or reset by an officer (User.must_change_password) opens only the password change
page until its user has chosen their own password; the API answers 403 with the reason."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/static/", "/i18n/", "/favicon.ico")


class ForcePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "must_change_password", False):
            allowed = (reverse("accounts:password_change"), reverse("accounts:logout"), *ALLOWED_PREFIXES)
            if not request.path.startswith(allowed):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": "Bạn phải đổi mật khẩu được cấp trước khi dùng Đảng Vụ."}, status=403)
                return redirect(reverse("accounts:password_change") + "?lan-dau=1")
        return self.get_response(request)
