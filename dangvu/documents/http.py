"""HTTP download of an official document (DOCX)."""

from __future__ import annotations

from django.http import HttpResponse

from dangvu.core.http import content_disposition

from .docx import OfficialDocument, render_docx

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

def docx_response(doc: OfficialDocument, filename: str) -> HttpResponse:
    """Render ``doc`` and answer it as a download named ``filename`` (".docx" added if missing)."""
    if not filename.lower().endswith(".docx"):
        filename = f"{filename}.docx"
    response = HttpResponse(render_docx(doc), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
