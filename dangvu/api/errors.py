"""Turning the domain's exceptions into API answers (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

- `RuleViolation` → 400 `{field: [messages], "violations": [{code, field, message, source}]}`:
  the same words the HTML forms show, plus the stable codes and rule sources for programs;
- `BadParameter` (an invalid query parameter, dangvu.core.params) → 400 `{parameter: [message]}`;
- `ConcurrentEditError` → 409 `{"detail", "current_version"}`;
- `PermissionDeniedInScope` → 403 `{"detail"}` (only for objects the user may see: anything
  outside the scope was already a 404 when the object was looked up);
- Django's `Http404` / `ObjectDoesNotExist` → 404;
- anything else: Django REST framework's default handling, with its stock English messages put
  into Vietnamese.

`not_found` is the project's handler404: a path under /api/ that no route matches (`/api/x//`, a typo)
answers the same JSON 404 as an object outside the scope; any other path, the site's HTML 404 page.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.core.params import BadParameter

NOT_FOUND = "Không tìm thấy (không tồn tại hoặc ngoài phạm vi quyền của bạn)."

# DRF's default details, in Vietnamese (its own catalogue translates only a few of them).
_VI_DETAILS: dict[type, str] = {
    exceptions.NotAuthenticated: "Chưa đăng nhập: hãy gửi mã truy cập (Authorization: Token …) hoặc đăng nhập.",
    exceptions.AuthenticationFailed: "Thông tin đăng nhập không đúng.",
    exceptions.PermissionDenied: "Bạn không có quyền thực hiện thao tác này.",
    exceptions.NotFound: NOT_FOUND,
    exceptions.ParseError: "Dữ liệu gửi lên không đọc được (JSON sai cú pháp).",
    exceptions.UnsupportedMediaType: "Kiểu dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON.",
    exceptions.NotAcceptable: "Không trả lời được theo định dạng yêu cầu trong tiêu đề Accept.",
    exceptions.Throttled: "Quá nhiều yêu cầu; hãy thử lại sau.",
}


def not_found(request, exception=None):
    """handler404 (dangvu/urls.py): JSON `{"detail"}` under /api/, Django's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": NOT_FOUND}, status=404, json_dumps_params={"ensure_ascii": False})
    return defaults.page_not_found(request, exception)


def _field_key(field: str | None) -> str:
    return api_settings.NON_FIELD_ERRORS_KEY if field in (None, "", "__all__") else field


def rule_violation_body(exc: RuleViolation) -> dict:
    body: dict = {}
    for v in exc.violations:
        body.setdefault(_field_key(v.field), []).append(v.text())
    body["violations"] = [
        {"code": v.code, "field": _field_key(v.field), "message": v.message, "source": v.source} for v in exc.violations
    ]
    return body


def _vietnamese_detail(exc: exceptions.APIException) -> None:
    """Replace a stock English detail (the exception's default) with the Vietnamese one."""
    if isinstance(exc, exceptions.MethodNotAllowed):
        return  # DRF's catalogue already translates it, with the method name
    for cls, text in _VI_DETAILS.items():
        if isinstance(exc, cls) and str(exc.detail) == str(cls.default_detail):
            exc.detail = exceptions.ErrorDetail(text, code=exc.default_code)
            return


def exception_handler(exc, context):
    response = _domain_response(exc)
    if response is not None:
        set_rollback()  # as DRF does for its own errors (matters under ATOMIC_REQUESTS)
        return response
    if isinstance(exc, exceptions.APIException):
        _vietnamese_detail(exc)
    return drf_exception_handler(exc, context)


def _domain_response(exc) -> Response | None:
    if isinstance(exc, RuleViolation):
        return Response(rule_violation_body(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, BadParameter):
        return Response({name: [message] for name, message in exc.errors.items()}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ConcurrentEditError):
        return Response({"detail": str(exc), "current_version": exc.current_version}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, PermissionDeniedInScope):
        return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        return Response({"detail": NOT_FOUND}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoValidationError):
        # A model's full_clean() refusing a value: same shape as a serializer's field errors.
        if hasattr(exc, "error_dict"):
            body = {_field_key(f): [str(m) for e in errors for m in e.messages] for f, errors in exc.error_dict.items()}
        else:
            body = {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return None
