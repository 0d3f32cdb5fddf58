"""The minutes (biên bản) and the monthly resolution (nghị quyết, four parts, G4) of a cell meeting as official
documents, laid out by dangvu.documents (HD 36-HD/VPTW). The number is left blank before the dash: it is given
when the document is signed. Header, number, place, signing follow dangvu.documents.convention."""

from __future__ import annotations

from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.meetings import rules
from dangvu.meetings.kinds import Mark
from dangvu.meetings.models import Meeting


def _when(meeting: Meeting) -> str:
    time = f" từ {meeting.starts_at:%H giờ %M} đến {meeting.ends_at:%H giờ %M}" if meeting.starts_at and meeting.ends_at else ""
    place = f", tại {meeting.place}" if meeting.place else ""
    return f"Vào ngày {vn_date(meeting.date)}{time}{place}"


def _votes(meeting: Meeting) -> str:
    if meeting.votes_for is None:
        return ""
    return (f"Biểu quyết: {meeting.votes_for}/{meeting.vote_base} đồng chí tán thành, {meeting.votes_against or 0} không tán "
            f"thành, {meeting.votes_abstain or 0} không biểu quyết.")


def minutes_document(meeting: Meeting) -> OfficialDocument:
    issuer = convention.issuer(meeting.cell, meeting.date)
    role, name = convention.signer_from_committee(meeting.cell, meeting.date)
    rows = list(meeting.attendance.select_related("member").order_by("hosted", "member__name_key"))
    count = {m: sum(1 for r in rows if r.mark == m) for m in Mark.values}
    body = [f"{_when(meeting)}, {issuer.name} tổ chức {meeting.get_kind_display().lower()}"
            + (f" chuyên đề “{meeting.topic}”" if meeting.topic else "") + ".",
            f"Chủ trì: đồng chí {meeting.chair.full_name if meeting.chair_id else '…'}; thư ký: đồng chí "
            f"{meeting.minute_taker.full_name if meeting.minute_taker_id else '…'}.",
            f"Đảng viên phải dự: {len(rows)} đồng chí; có mặt {count['present']}; vắng có lý do {count['excused']}; vắng "
            f"không lý do {count['unexcused']}.",
            *[line for line in meeting.minutes.splitlines() if line.strip()]]
    if _votes(meeting):
        body.append(_votes(meeting))
    table = [["STT", "Họ và tên", "Tham dự", "Lý do vắng"]]
    table += [[str(i), r.member.full_name, r.get_mark_display(), r.reason] for i, r in enumerate(rows, start=1)]
    return convention.document(
        issuer, role=role, signer_name=name, doc_type="BB", kind_title="BIÊN BẢN", date=meeting.date,
        subject=f"{meeting.get_kind_display().lower()} ngày {vn_date(meeting.date)}", preamble=[], body=body,
        recipients=["Lưu chi bộ"], table=table)


def resolution_document(meeting: Meeting) -> OfficialDocument:
    issuer = convention.issuer(meeting.cell, meeting.date)
    role, name = convention.signer_from_committee(meeting.cell, meeting.date)
    body = []
    for field, label in rules.RESOLUTION_PARTS:
        body.append(label)
        body += [line for line in getattr(meeting, field).splitlines() if line.strip()]
    if _votes(meeting):
        body.append(_votes(meeting))
    superior = issuer.superior.name if issuer.superior else ""
    return convention.document(
        issuer, role=role, signer_name=name, doc_type="NQ", kind_title="NGHỊ QUYẾT", date=meeting.date,
        subject=f"{meeting.get_kind_display().lower()} tháng {meeting.date:%m/%Y}",
        preamble=[convention.CHARTER, convention.cite("meetings", meeting.date)], body=body,
        recipients=[convention.committee_name(superior) if superior else "Cấp ủy cấp trên", "Đảng viên trong chi bộ",
                    "Lưu chi bộ"])
