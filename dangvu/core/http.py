"""HTTP helpers shared by every app: how a download is named."""

from __future__ import annotations

import re
import unicodedata

from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_filename(filename: str) -> str:
    """"Danh sách Huy hiệu Đảng.docx" → "Danh_sach_Huy_hieu_Dang.docx" (for old clients)."""
    text = filename.replace("đ", "d").replace("Đ", "D")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _UNSAFE.sub("_", text).strip("_.") or "van-ban"
    return text


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """The Content-Disposition of a download (Django's RFC 6266 header); a Vietnamese name keeps
    an ASCII `filename=` before its UTF-8 `filename*=` for clients that read only the former."""
    header = content_disposition_header(attachment, filename)
    disposition, _, name = header.partition("; ")
    if name.startswith("filename*="):
        header = f'{disposition}; filename="{ascii_filename(filename)}"; {name}'
    return header


def local_next(request) -> str:
    """The `next` address of the request (POST, then GET) if it stays on this site, else "".

    Django's `url_has_allowed_host_and_scheme` decides: no other host, no `//host`, no `javascript:`."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return back
    return ""
