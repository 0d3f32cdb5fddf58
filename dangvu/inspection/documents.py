"""The decision to inspect or supervise and the conclusion, as official documents laid out by dangvu.documents
(HD 36-HD/VPTW): header, number, place and signing follow dangvu.documents.convention for a committee, its standing
committee, a cell or the committee's inspection commission (the convention's issuer "ủy ban kiểm tra": headed with
the committee and "ỦY BAN KIỂM TRA", numbered "…-QĐ/UBKTHU", signed "T/M ỦY BAN KIỂM TRA / CHỦ NHIỆM")."""

from __future__ import annotations

from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.inspection.kinds import BodyKind
from dangvu.inspection.models import Case


def _document(case: Case, *, doc_type: str, kind_title: str, subject: str, date, preamble, body, recipients,
              number: str = "") -> OfficialDocument:
    if case.body_kind == BodyKind.COMMISSION:
        issuer = convention.issuer(case.body, date, commission=convention.INSPECTION_COMMISSION)
        role, name = convention.Role.INSPECTION_CHAIR, ""  # the chair's name is written by hand
    else:
        issuer = convention.issuer(case.body, date)
        role, name = convention.signer_from_committee(case.body, date)
    return convention.document(issuer, role=role, signer_name=name, doc_type=doc_type, number_recorded=number, date=date,
                               kind_title=kind_title, subject=subject, preamble=preamble, body=body, recipients=recipients)


def _subject(case: Case) -> str:
    if case.subject_member_id:
        return f"đồng chí {case.subject_member.full_name}, đảng viên {case.subject_organization.name}"
    return case.subject_organization.name


def decision_document(case: Case) -> OfficialDocument:
    what = case.get_kind_display().lower()
    body = [f"Điều 1. {what.capitalize()} đối với {_subject(case)}.",
            f"Nội dung: {case.topic}.",
            f"Thời gian: từ ngày {vn_date(case.decision_date)} đến ngày {vn_date(case.due_on)}.",
            "Điều 2. Thành lập đoàn (tổ) gồm:", *[line for line in case.team.splitlines() if line.strip()]]
    steps = list(case.steps.all())
    if steps:
        body.append("Kế hoạch tiến hành:")
        body += [f"- {s.title}: hạn {vn_date(s.due_on)}" for s in steps]
    body.append("Điều 3. Đoàn (tổ), đối tượng và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành quyết định "
                "này. Đối tượng không được ghi âm, ghi hình khi làm việc với đoàn (tổ).")
    return _document(case, doc_type="QĐ", kind_title="QUYẾT ĐỊNH", number=case.decision_number, date=case.decision_date,
                     subject=f"{what} đối với {_subject(case)}",
                     preamble=[line for line in (*convention.charter_citations(case.decision_date),
                                                convention.cite("inspection", case.decision_date)) if line],
                     body=body, recipients=["Như Điều 3", "Lưu hồ sơ"])


def conclusion_document(case: Case) -> OfficialDocument:
    what = case.get_kind_display().lower()
    body = [f"Thực hiện Quyết định số {case.decision_number} ngày {vn_date(case.decision_date)}, đoàn (tổ) đã tiến hành "
            f"{what} đối với {_subject(case)} về {case.topic}."]
    sessions = list(case.sessions.all())
    if sessions:
        body.append("Các buổi làm việc: " + "; ".join(f"{vn_date(s.held_on)} ({s.participants})" for s in sessions) + ".")
    if case.findings:
        body += ["I. Kết quả thẩm tra, xác minh", *[line for line in case.findings.splitlines() if line.strip()]]
    body += ["II. Kết luận", *[line for line in case.conclusion.splitlines() if line.strip()],
             f"Kết quả: {case.get_result_display().lower()}."]
    remedies = list(case.remedies.all())
    if case.recommendations or remedies:
        body.append("III. Kiến nghị, yêu cầu khắc phục")
        body += [line for line in case.recommendations.splitlines() if line.strip()]
        body += [f"- {r.description} (hạn {vn_date(r.due_on)})" for r in remedies]
    date = case.concluded_on or case.due_on
    return _document(case, doc_type="TB", kind_title="THÔNG BÁO KẾT LUẬN", date=date,
                     subject=f"{what} đối với {_subject(case)}", preamble=[], body=body,
                     recipients=[_subject(case).split(",")[0].capitalize(), "Lưu hồ sơ"])
