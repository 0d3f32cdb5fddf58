"""Production safety: the Content-Security-Policy header and the deploy checks of our own settings.

The policy allows scripts and style sheets only from the app's own static files: no inline
<script>, no on*= handlers, no eval (htmx's eval is off: base.html `htmx-config`). Style
*attributes* stay allowed (`style-src-attr`): charts and progress bars size themselves with them.
"""

from django.conf import settings
from django.core import checks

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


@checks.register(checks.Tags.security, deploy=True)
def check_production_settings(app_configs=None, **kwargs):
    """`manage.py check --deploy`: the settings Django's own deploy checks do not know about."""
    found = []
    if not settings.SECRET_KEY_FROM_ENV:
        found.append(checks.Error(
            "SECRET_KEY không lấy từ biến môi trường (đang dùng khóa sinh riêng cho máy này, var/secret_key).",
            hint="Đặt SECRET_KEY giống nhau trên mọi máy chủ ứng dụng.", id="dangvu.E001"))
    if "dangvu.core.security.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        found.append(checks.Error("Thiếu Content-Security-Policy (dangvu.core.security.ContentSecurityPolicyMiddleware).",
                                  id="dangvu.E002"))
    return found
