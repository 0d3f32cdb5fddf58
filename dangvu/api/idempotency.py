"""`Idempotency-Key` for every POST of the API, in one place (a middleware on /api/).

A client that may send the same POST twice (a retry after a timeout, a double click) sends a key
of its choosing with it (`Idempotency-Key: <1–255 printable ASCII characters>`). The first request
with a key is done and, if it succeeds (2xx), its answer is stored with the key, the user, the
route and a hash of the body. Within `TTL` the same key from the same user:

- same route and body: the stored answer is replayed (header `Idempotent-Replayed: true`), nothing
  is written again;
- another route or body: 409, the key names another request;
- while the first request still runs: 409, try again in a moment.

A request that did not succeed (4xx, 5xx) releases its key: the corrected request may use it again.
Requests without the header are unchanged; their repeats are refused by each record's natural key
(database constraints) instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from rest_framework.exceptions import APIException
from rest_framework.request import ForcedAuthentication, Request
from rest_framework.settings import api_settings

from dangvu.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
TTL = dt.timedelta(hours=24)
# A first request that left no answer for this long is taken to have died with its process.
STALE = dt.timedelta(minutes=5)
_VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_API_PREFIX = "/api/"

INVALID_KEY = f"{HEADER}: từ 1 đến 255 ký tự ASCII in được (chữ, số, dấu), không có khoảng trắng."
KEY_REUSED = (f"{HEADER}: khóa này đã được dùng cho một yêu cầu khác (khác đường dẫn hoặc nội dung); "
              "mỗi thao tác cần một khóa riêng.")
IN_PROGRESS = f"{HEADER}: yêu cầu đầu tiên với khóa này đang được xử lý; hãy thử lại sau giây lát."
TOO_BIG = f"{HEADER}: không dùng được với yêu cầu có nội dung lớn như vậy; hãy gửi lại không kèm khóa."


def _user(request):
    """The user the API will see (token or session), authenticated as DRF does; None if anonymous or refused."""
    authenticators = [cls() for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES]
    if getattr(request, "_force_auth_user", None) is not None:  # DRF's test client, as APIView.initialize_request does
        authenticators = [ForcedAuthentication(request._force_auth_user, getattr(request, "_force_auth_token", None))]
    drf_request = Request(request, authenticators=authenticators)
    try:
        user = drf_request.user
    except APIException:
        return None  # the view answers 401/403 itself
    return user if getattr(user, "is_authenticated", False) else None


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.META.get("CONTENT_TYPE", "").split(";")[0].strip().encode())
    digest.update(b"\0")
    digest.update(request.body)
    return digest.hexdigest()


def _problem(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})


def _replay(record: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(record.response_body.encode(), status=record.status_code, content_type=record.content_type or None)
    response[REPLAYED_HEADER] = "true"
    return response


def _claim(user, key: str, path: str, body_hash: str) -> IdempotencyKey | HttpResponse:
    """The new record of `key` (this request goes ahead), or the answer to give instead."""
    now = timezone.now()
    IdempotencyKey.objects.filter(user=user, created_at__lt=now - TTL).delete()
    IdempotencyKey.objects.filter(user=user, key=key, status_code__isnull=True, created_at__lt=now - STALE).delete()
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(user=user, key=key, method="POST", path=path, body_hash=body_hash,
                                                 created_at=now)
    except IntegrityError:
        pass
    record = IdempotencyKey.objects.filter(user=user, key=key).first()
    if record is None:  # released by a failed first request in between: the caller may retry
        return _problem(409, IN_PROGRESS)
    if record.path != path or record.body_hash != body_hash:
        return _problem(409, KEY_REUSED)
    if record.status_code is None:
        return _problem(409, IN_PROGRESS)
    return _replay(record)


class IdempotencyKeyMiddleware:
    """Honours `Idempotency-Key` on every POST under /api/ (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith(_API_PREFIX):
            return self.get_response(request)
        if not _VALID_KEY.match(key):
            return _problem(400, INVALID_KEY)
        user = _user(request)
        if user is None:
            return self.get_response(request)
        try:
            body_hash = _fingerprint(request)
        except RequestDataTooBig:
            return _problem(413, TOO_BIG)
        claimed = _claim(user, key, request.get_full_path()[:1000], body_hash)
        if isinstance(claimed, HttpResponse):
            return claimed
        try:
            response = self.get_response(request)
        except BaseException:
            claimed.delete()
            raise
        if 200 <= response.status_code < 300 and not response.streaming:
            claimed.status_code = response.status_code
            claimed.content_type = response.get("Content-Type", "")[:200]
            claimed.response_body = response.content.decode(response.charset or "utf-8", errors="replace")
            claimed.save(update_fields=["status_code", "content_type", "response_body"])
        else:
            claimed.delete()
        return response



def document_header(result, generator, request, public):
    """drf-spectacular postprocessing hook: every POST operation names the optional header, and its 409."""
    parameter = {
        "in": "header", "name": HEADER, "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": _VALID_KEY.pattern},
        "description": "Tùy chọn: một khóa do bạn chọn cho thao tác này. Gửi lại cùng khóa với cùng nội dung: nhận lại câu "
                       f"trả lời đã lưu (tiêu đề {REPLAYED_HEADER}: true), không ghi lần nữa; cùng khóa với nội dung khác: "
                       "409. Giữ 24 giờ.",
    }
    conflict = {"description": "Idempotency-Key đã dùng cho một yêu cầu khác, hoặc yêu cầu đầu tiên với khóa này đang chạy.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Detail"}}}}
    for path, operations in result.get("paths", {}).items():
        operation = operations.get("post")
        if operation is None or not path.startswith(_API_PREFIX):
            continue
        operation.setdefault("parameters", []).append(parameter)
        operation.setdefault("responses", {}).setdefault("409", conflict)
    return result
