"""One entry for every door (command, page, API, job): the report of an organization and year as a file."""

from __future__ import annotations

from collections.abc import Callable

from . import builder, to_docx, to_pdf, to_xlsx

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RENDERERS = {"docx": to_docx.render, "pdf": to_pdf.render, "xlsx": to_xlsx.render}

def render(report: builder.Report, fmt: str) -> bytes:
    if fmt not in RENDERERS:
        raise ValueError(f"Định dạng {fmt!r} không hợp lệ (chọn: {', '.join(RENDERERS)})")
    return RENDERERS[fmt](report)

def yearly(org, year: int, fmt: str, *, rounding: str = "half_up",
           progress: Callable[[int, str], None] | None = None) -> bytes:
    """The file of the year-end report of `org` for `year` in format `fmt` (docx, pdf, xlsx)."""
    report = builder.build(org, year, rounding=rounding, progress=progress)
    data = render(report, fmt)
    if progress is not None:
        progress(100, "Đã xong")
    return data

def filename(org, year: int, fmt: str) -> str:
    return f"bao-cao-nam-{year}-{org.code}.{fmt}"
