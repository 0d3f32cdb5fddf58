"""HTTP download of an official document (DOCX)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from .docx import OfficialDocument, render_docx

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_filename(filename: str) -> str:
    """"Danh sách Huy hiệu Đảng.docx" → "Danh_sach_Huy_hieu_Dang.docx" (for old clients)."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _UNSAFE.sub("_", text).strip("_.") or "van-ban"
    return text


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name of RFC 5987 / RFC 6266."""
    return (f'attachment; filename="{ascii_filename(filename)}"; '
            f"filename*=UTF-8''{quote(filename, safe='')}")


def docx_response(doc: OfficialDocument, filename: str) -> HttpResponse:
    """Render ``doc`` and answer it as a download named ``filename`` (".docx" added if missing)."""
    if not filename.lower().endswith(".docx"):
        filename = f"{filename}.docx"
    response = HttpResponse(render_docx(doc), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
