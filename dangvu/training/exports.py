"""XLSX of a class's learners and of the certificates issued (the pages' and the API's downloads)."""

from django.http import HttpResponse

from dangvu.core.dates import vn_date
from dangvu.core.spreadsheets import to_bytes, workbook
from dangvu.training.kinds import ClassKind, Result

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _response(wb, filename: str) -> HttpResponse:
    response = HttpResponse(to_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def class_list(training_class, enrolments) -> HttpResponse:
    wb = workbook()
    ws = wb.active
    ws.title = "Danh sách học viên"
    c = training_class
    ws.append([f"{ClassKind(c.kind).label}: {c.name}"])
    ws.append([f"{c.organizer_name}; {vn_date(c.start_date)}–{vn_date(c.end_date)}; {c.venue}"])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chi bộ", "Tham gia đầy đủ", "Kết quả", "Số giấy chứng nhận", "Ngày cấp", "Nơi cấp"])
    for i, e in enumerate(enrolments, 1):
        attended = "" if e.attended is None else ("Có" if e.attended else "Không")
        ws.append([i, e.full_name, e.organization.name, attended, Result(e.result).label, e.certificate_number,
                   vn_date(e.certificate_date) if e.certificate_date else "", e.certificate_issuer])
    return _response(wb, f"lop-{c.pk}-hoc-vien.xlsx")


def certificate_list(rows, title: str) -> HttpResponse:
    wb = workbook()
    ws = wb.active
    ws.title = "Giấy chứng nhận"
    ws.append([title])
    ws.append([])
    ws.append(["STT", "Họ và tên", "Chi bộ", "Lớp", "Loại lớp", "Số giấy chứng nhận", "Ngày cấp", "Nơi cấp"])
    for i, e in enumerate(rows, 1):
        ws.append([i, e.full_name, e.organization.name, e.training_class.name, ClassKind(e.training_class.kind).label,
                   e.certificate_number, vn_date(e.certificate_date), e.certificate_issuer])
    return _response(wb, "giay-chung-nhan.xlsx")
