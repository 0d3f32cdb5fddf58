"""XLSX of a study session's attendance list (core/spreadsheets.py): every member expected on the day with their
cell, present, absent (reason), made up (date); the rate per organization below."""

from __future__ import annotations

from dangvu.core import spreadsheets
from dangvu.core.dates import vn_date
from dangvu.study import selectors
from dangvu.study.models import StudySession

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(session: StudySession) -> str:
    return f"danh-sach-hoc-tap-{session.date:%d-%m-%Y}.xlsx"


def attendance_xlsx(session: StudySession) -> bytes:
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = "Danh sách tham dự"
    ws.append([f"DANH SÁCH CÁN BỘ, ĐẢNG VIÊN HỌC TẬP, QUÁN TRIỆT NGÀY {vn_date(session.date)}"])
    ws.append([f"{session.organization.name}: " + "; ".join(f"{d} – {d.title}" for d in session.documents.all())])
    ws.append([f"Hình thức: {session.get_form_display()}" + (f"; địa điểm: {session.place}" if session.place else "")])
    ws.append(["STT", "Họ và tên", "Nơi sinh hoạt", "Có mặt", "Lý do vắng", "Học bù ngày"])
    rows = session.attendance.select_related("member", "organization", "made_up_in").order_by("organization__path",
                                                                                              "member__name_key", "id")
    for i, a in enumerate(rows, 1):
        ws.append([i, a.member.full_name, a.organization.name, "x" if a.present else "", a.reason,
                   vn_date(a.made_up_in.date) if a.made_up_in_id else ""])
    ws.append([])
    ws.append(["", "Tổ chức đảng", "Phải học", "Đã học (kể cả học bù)", "Tỷ lệ"])
    for r in selectors.rates_by_organization(session.attendance.all()):
        ws.append(["", r.label, r.expected, r.studied, r.text])
    total = selectors.session_rate(session)
    ws.append(["", "Cộng (kể cả cán bộ không phải đảng viên)", total.expected, total.studied, total.text])
    return spreadsheets.to_bytes(wb)
