"""DOCX documents of residence contact, laid out by dangvu.documents (HD 36-HD/VPTW):

- the introduction letter (giấy giới thiệu đảng viên về giữ mối liên hệ với tổ chức đảng và nhân
  dân nơi cư trú), issued by the workplace grassroots committee;
- the residence cell's comment form (phiếu nhận xét), returned to the workplace.

The builders are pure apart from reading the objects' relations. Neither document prints the
member's masked fields (citizen ID, card number, addresses of the record): only the residence
address written on the contact, masked as on the pages for whoever may not see it
(residence.selectors.shown_address). Each download is audited.
"""

from dangvu.audit import services as audit
from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.documents.http import docx_response
from dangvu.members.kinds import Status
from dangvu.residence import rules
from dangvu.residence.kinds import CommentOccasion, MeetingExemption
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact
from dangvu.residence.selectors import shown_address, year_params


def _status_words(member) -> str:
    return {Status.FULL: "đảng viên chính thức", Status.PROBATIONARY: "đảng viên dự bị"}.get(member.status, "đảng viên")


def _preamble(on) -> list[str]:
    lines = [convention.cite("residence", on), convention.cite("residence_guidance", on)]
    return [line for line in lines if line]


def introduction_document(contact: ResidenceContact, address: str | None = None) -> OfficialDocument:
    """`address`: the residence address as the downloader may see it (residence.selectors.shown_address)."""
    member = contact.member
    on = contact.letter_date
    issuer = convention.issuer(contact.introduced_by, on)
    work = ", ".join(x for x in (member.position, member.workplace) if x)
    receiving = convention.committee_name(contact.receiving_label)
    body = [
        convention.addressee(contact.receiving_label) + ".",
        f"{issuer.committee} giới thiệu đồng chí: {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}.",
        f"Là {_status_words(member)}, hiện sinh hoạt tại {contact.workplace_cell.name}"
        + (f"; chức vụ, đơn vị công tác: {work}" if work else "") + ".",
        f"Nơi cư trú: {contact.residence_address if address is None else address}.",
        f"Về giữ mối liên hệ với chi ủy, chi bộ và nhân dân nơi cư trú theo {rules.regulation_on(on)}.",
    ]
    if contact.meeting_exemption:
        basis = " (Hướng dẫn số 33-HD/BTCTW điểm 1.1)" if rules.guidance_on(on) else ""
        body.append(f"Đồng chí thuộc diện {MeetingExemption(contact.meeting_exemption).label.lower()}{basis}: không tham gia "
                    "sinh hoạt định kỳ và không nhận xét định kỳ hằng năm ở nơi cư trú; đề nghị nơi cư trú nhận xét khi cơ "
                    "quan, đơn vị có yêu cầu.")
    else:
        due = rules.comment_due(on.year, year_params(on.year))
        body.append(f"Đề nghị {receiving} tiếp nhận, phân công đồng chí về chi bộ nơi cư trú, tạo điều kiện để "
                    f"đồng chí thực hiện trách nhiệm của đảng viên ở nơi cư trú, và gửi nhận xét hằng năm về {issuer.committee} "
                    f"trước ngày {due:%d/%m} hằng năm, trước khi kiểm điểm, đánh giá, xếp loại đảng viên cuối năm.")
    formula, title = convention.signing_for_title(issuer, contact.signer_title or "")
    superior_line, issuer_line = convention.header_lines(issuer)
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number=convention.number(issuer, "GGT", contact.letter_number),
        place=convention.place(issuer), date=on, kind_title="GIẤY GIỚI THIỆU",
        subject="đảng viên về giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú", preamble=_preamble(on), body=body,
        recipients=[receiving, contact.workplace_cell.name, "Đảng viên có tên trên", "Lưu hồ sơ đảng viên"],
        signer_for=formula, signer_title=title, signer_name=contact.signer_name or "")


def comment_document(comment: ResidenceComment, address: str | None = None) -> OfficialDocument:
    """The residence cell's comment form. When the residence cell is outside the system, the
    header is the residence committee as typed and the cell the writer named."""
    contact = comment.contact
    member, cell = contact.member, comment.residence_cell
    on = comment.commented_on
    annual = comment.comment_occasion == CommentOccasion.ANNUAL
    subject = ("đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú"
               + (f" năm {comment.year}" if annual else f" ({comment.purpose})"))
    workplace = convention.committee_name(contact.introduced_by.name)
    if cell is not None:
        issuer = convention.issuer(cell, on)
        writer = issuer.name
        superior_line, issuer_line = convention.header_lines(issuer)
        place = convention.place(issuer)
        formula, title = convention.signing_for_title(issuer, comment.signer_title or "Bí thư")
        superior_name = issuer.superior.name if issuer.superior else ""
    else:
        writer = comment.writer_label
        superior_line, issuer_line = contact.receiving_label.upper(), comment.writer_label.upper()
        place = convention.place_of_chain([convention.Body(contact.receiving_label, "")])
        formula, title = "T/M CHI BỘ", (comment.signer_title or "Bí thư").upper()
        superior_name = ""
    body = [
        f"Kính gửi: {workplace}.",
        f"{writer} nhận xét đồng chí: {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}.",
        f"Đơn vị công tác: {contact.workplace_cell.name} ({contact.introduced_by.name}).",
        f"Nơi cư trú: {contact.residence_address if address is None else address}.",
        f"Được giới thiệu về giữ mối liên hệ với nơi cư trú theo giấy giới thiệu số {contact.letter_number} ngày "
        f"{vn_date(contact.letter_date)}.",
        "Nội dung nhận xét:",
        *[line.strip() for line in comment.text.splitlines() if line.strip()],
        f"Kết luận: {comment.get_comment_assessment_display()}.",
    ]
    table = None
    if annual:
        rows = list(ResidenceAttendance.objects.filter(contact=contact, meeting__held_on__year=comment.year)
                    .select_related("meeting").order_by("meeting__held_on"))
        if rows:
            table = [["Ngày sinh hoạt", "Nội dung", "Tham dự"]] + [
                [vn_date(r.meeting.held_on), r.meeting.content[:120], r.get_mark_display() + (f" ({r.reason})" if r.reason else "")]
                for r in rows]
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number="", place=place, date=on, kind_title="PHIẾU NHẬN XÉT",
        subject=subject, preamble=_preamble(on)[:1], body=body,
        recipients=[workplace, *([convention.committee_name(superior_name)] if superior_name else []), "Lưu chi bộ"],
        signer_for=formula, signer_title=title, signer_name=comment.signer_name or "", table=table)


def _safe(text: str) -> str:
    return text.replace("/", "-")


def introduction_response(user, contact: ResidenceContact):
    audit.record(actor=user, action="residence.letter_download", obj=contact,
                 note=f"Tải giấy giới thiệu về nơi cư trú số {contact.letter_number} (DOCX)")
    return docx_response(introduction_document(contact, shown_address(user, contact)),
                         f"Giấy giới thiệu về nơi cư trú {_safe(contact.letter_number)} - {contact.member.full_name}.docx")


def comment_response(user, comment: ResidenceComment):
    audit.record(actor=user, action="residence.comment_download", obj=comment,
                 note=f"Tải phiếu nhận xét năm {comment.year} của {comment.writer_label} (DOCX)")
    return docx_response(comment_document(comment, shown_address(user, comment.contact)),
                         f"Phiếu nhận xét nơi cư trú {comment.year} - {comment.contact.member.full_name}.docx")
