"""The API's JSON parser: a body too large or nested too deeply is refused with 400/413 and a
Vietnamese message, before it costs memory or recursion (a body nested 1,000 levels deep made the
standard parser raise RecursionError: a server error).

Limits: settings.DATA_UPLOAD_MAX_MEMORY_SIZE bytes (the same cap Django puts on a form body) and
MAX_DEPTH levels of arrays and objects (the deepest request the API knows is 3 levels).
"""

import json

from django.conf import settings
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

MAX_DEPTH = 20


class TooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def depth(value) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (iteratively: no recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _nesting(text: str) -> int:
    """The bracket depth of a JSON text, strings skipped: checked before decoding it."""
    deepest = level = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            level += 1
            deepest = max(deepest, level)
        elif ch in "]}":
            level -= 1
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise TooLarge(f"Dữ liệu gửi lên quá lớn: tối đa {limit:,} byte.".replace(",", "."))
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(f"Dữ liệu gửi lên không đọc được: không phải văn bản {encoding}.") from exc
        if _nesting(text) > MAX_DEPTH:
            raise exceptions.ParseError(f"Dữ liệu gửi lên lồng nhau quá sâu: tối đa {MAX_DEPTH} tầng mảng và đối tượng.")
        try:
            return json.loads(text, parse_constant=_refuse_constant) if text.strip() else {}
        except (ValueError, RecursionError) as exc:
            raise exceptions.ParseError("Dữ liệu gửi lên không đọc được (JSON sai cú pháp).") from exc


def _refuse_constant(name: str):
    raise ValueError(f"{name} không phải là số JSON")
