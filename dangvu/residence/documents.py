"""DOCX documents of residence contact, laid out by dangvu.documents (HD 36-HD/VPTW):

- the introduction letter (giấy giới thiệu đảng viên về giữ mối liên hệ với tổ chức đảng và nhân
  dân nơi cư trú), issued by the workplace grassroots committee;
- the residence cell's comment form (phiếu nhận xét), returned to the workplace.

The builders are pure apart from reading the objects' relations. Neither document prints the
member's masked fields (citizen ID, card number, addresses of the record): only the residence
address written on the contact, which both sides know. Each download is audited.
"""

from dangvu.audit import services as audit
from dangvu.core.dates import vn_date
from dangvu.documents.docx import OfficialDocument
from dangvu.documents.http import docx_response
from dangvu.members.kinds import Status
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization
from dangvu.residence import rules
from dangvu.residence.kinds import CommentOccasion, MeetingExemption
from dangvu.residence.models import ResidenceAttendance, ResidenceComment, ResidenceContact
from dangvu.residence.selectors import year_params

PREFIXES = ("Đảng bộ ", "Chi bộ ", "Đảng ủy ")
PLACE_PREFIXES = ("tỉnh ", "huyện ", "thị xã ", "thành phố ", "xã ", "phường ", "thị trấn ", "quận ", "đặc khu ")


def _place(org: Organization | None) -> str:
    if org is None:
        return ""
    if org.address:
        return org.address.split(",")[0].strip()
    name = org.name
    for prefix in PREFIXES:
        name = name.removeprefix(prefix)
    for prefix in PLACE_PREFIXES:
        name = name.removeprefix(prefix)
    return name


def _signing_authority(org: Organization) -> str:
    if org.kind in (Kind.CELL, Kind.GRASSROOTS_CELL):
        return "T/M CHI ỦY"
    if org.kind in GRASSROOTS_KINDS or org.kind in (Kind.PARTIAL_COMMITTEE, Kind.COMMUNE_COMMITTEE):
        return "T/M ĐẢNG ỦY"
    return "T/M BAN THƯỜNG VỤ"


def _parent(org: Organization | None) -> Organization | None:
    return Organization.objects.filter(pk=org.parent_id).first() if org is not None and org.parent_id else None


def _status_words(member) -> str:
    return {Status.FULL: "đảng viên chính thức", Status.PROBATIONARY: "đảng viên dự bị"}.get(member.status, "đảng viên")


def introduction_document(contact: ResidenceContact) -> OfficialDocument:
    member, issuer = contact.member, contact.introduced_by
    superior = _parent(issuer)
    on = contact.letter_date
    preamble = [f"Căn cứ {rules.regulation_on(on)} về trách nhiệm của đảng viên đang công tác thường xuyên giữ mối liên hệ "
                "với tổ chức đảng và nhân dân nơi cư trú;" if on >= rules.QD213_DATE else
                f"Căn cứ {rules.regulation_on(on)} về đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp "
                "thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú;"]
    if rules.guidance_on(on):
        preamble.append(f"Căn cứ {rules.guidance_on(on)},")
    work = ", ".join(x for x in (member.position, member.workplace) if x)
    body = [
        f"Kính gửi: {contact.receiving_label}.",
        f"{issuer.name} giới thiệu đồng chí: {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}.",
        f"Là {_status_words(member)}, hiện sinh hoạt tại {contact.workplace_cell.name}"
        + (f"; chức vụ, đơn vị công tác: {work}" if work else "") + ".",
        f"Nơi cư trú: {contact.residence_address}.",
        f"Về giữ mối liên hệ với chi ủy, chi bộ và nhân dân nơi cư trú theo {rules.regulation_on(on)}.",
    ]
    if contact.meeting_exemption:
        basis = " (Hướng dẫn số 33-HD/BTCTW điểm 1.1)" if rules.guidance_on(on) else ""
        body.append(f"Đồng chí thuộc diện {MeetingExemption(contact.meeting_exemption).label.lower()}{basis}: không tham gia "
                    "sinh hoạt định kỳ và không nhận xét định kỳ hằng năm ở nơi cư trú; đề nghị nơi cư trú nhận xét khi cơ "
                    "quan, đơn vị có yêu cầu.")
    else:
        due = rules.comment_due(on.year, year_params(on.year))
        body.append(f"Đề nghị {contact.receiving_label} tiếp nhận, phân công đồng chí về chi bộ nơi cư trú, tạo điều kiện để "
                    f"đồng chí thực hiện trách nhiệm của đảng viên ở nơi cư trú, và gửi nhận xét hằng năm về {issuer.name} "
                    f"trước ngày {due:%d/%m} hằng năm, trước khi kiểm điểm, đánh giá, xếp loại đảng viên cuối năm.")
    return OfficialDocument(
        issuer_superior=superior.name if superior else "", issuer=issuer.name, number=contact.letter_number,
        place=_place(issuer), date=on, kind_title="GIẤY GIỚI THIỆU",
        subject="đảng viên về giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú", preamble=preamble, body=body,
        recipients=[contact.receiving_label, contact.workplace_cell.name, "Đảng viên có tên trên", "Lưu hồ sơ đảng viên"],
        signer_for=_signing_authority(issuer), signer_title=(contact.signer_title or "").upper(),
        signer_name=contact.signer_name or "")


def comment_document(comment: ResidenceComment) -> OfficialDocument:
    contact = comment.contact
    member, cell = contact.member, comment.residence_cell
    superior = _parent(cell) if cell is not None else None
    annual = comment.comment_occasion == CommentOccasion.ANNUAL
    subject = ("đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú"
               + (f" năm {comment.year}" if annual else f" ({comment.purpose})"))
    body = [
        f"Kính gửi: {contact.introduced_by.name}.",
        f"Chi ủy {comment.writer_label} nhận xét đồng chí: {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}.",
        f"Đơn vị công tác: {contact.workplace_cell.name} ({contact.introduced_by.name}).",
        f"Nơi cư trú: {contact.residence_address}.",
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
    issuer_name = cell.name if cell is not None else comment.writer_label
    return OfficialDocument(
        issuer_superior=superior.name if superior else (contact.receiving_label if cell is None else ""), issuer=issuer_name,
        number="", place=_place(superior) or _place(cell), date=comment.commented_on, kind_title="PHIẾU NHẬN XÉT",
        subject=subject, preamble=[f"Căn cứ {rules.regulation_on(comment.commented_on)};"], body=body,
        recipients=[contact.introduced_by.name, *([superior.name] if superior else []), "Lưu chi bộ"],
        signer_for="T/M CHI ỦY", signer_title=(comment.signer_title or "Bí thư").upper(), signer_name=comment.signer_name or "",
        table=table)


def _safe(text: str) -> str:
    return text.replace("/", "-")


def introduction_response(user, contact: ResidenceContact):
    audit.record(actor=user, action="residence.letter_download", obj=contact,
                 note=f"Tải giấy giới thiệu về nơi cư trú số {contact.letter_number} (DOCX)")
    return docx_response(introduction_document(contact),
                         f"Giấy giới thiệu về nơi cư trú {_safe(contact.letter_number)} - {contact.member.full_name}.docx")


def comment_response(user, comment: ResidenceComment):
    audit.record(actor=user, action="residence.comment_download", obj=comment,
                 note=f"Tải phiếu nhận xét năm {comment.year} của {comment.writer_label} (DOCX)")
    return docx_response(comment_document(comment),
                         f"Phiếu nhận xét nơi cư trú {comment.year} - {comment.contact.member.full_name}.docx")
