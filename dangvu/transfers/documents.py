"""The introduction letter (giấy giới thiệu sinh hoạt đảng) as a DOCX party document.

`letter_document` builds the content (pure apart from reading the letter and its relations);
dangvu.documents lays it out by HD 36-HD/VPTW. The party card number is printed only for those
who may reveal it (otherwise masked, as everywhere); each download is audited.
"""

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core.dates import vn_date
from dangvu.documents.docx import OfficialDocument
from dangvu.documents.http import docx_response
from dangvu.members import masking
from dangvu.members.kinds import Status
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization
from dangvu.transfers.kinds import TEMPORARY_KINDS, TransferKind
from dangvu.transfers.models import TransferLetter

KIND_SUBJECT = {
    TransferKind.OFFICIAL: "sinh hoạt đảng chính thức",
    TransferKind.INTERNAL: "sinh hoạt đảng nội bộ",
    TransferKind.TEMPORARY: "sinh hoạt đảng tạm thời",
    TransferKind.ABROAD: "sinh hoạt đảng tạm thời ở nước ngoài",
    TransferKind.OUTSIDE: "sinh hoạt đảng chính thức",
}
PREFIXES = ("Đảng bộ ", "Chi bộ ", "Đảng ủy ", "Huyện ủy ", "Tỉnh ủy ")


def _place(org: Organization) -> str:
    if org.address:
        return org.address
    name = org.name
    for prefix in PREFIXES:
        name = name.removeprefix(prefix)
    for prefix in ("tỉnh ", "huyện ", "thị xã ", "thành phố ", "xã ", "phường ", "thị trấn ", "quận "):
        name = name.removeprefix(prefix)
    return name


def _signing_authority(org: Organization) -> str:
    if org.kind == Kind.GRASSROOTS_CELL or org.kind == Kind.CELL:
        return "T/M CHI ỦY"
    if org.kind in GRASSROOTS_KINDS or org.kind == Kind.PARTIAL_COMMITTEE:
        return "T/M ĐẢNG ỦY"
    return "T/M BAN THƯỜNG VỤ"


def letter_document(letter: TransferLetter, *, show_card: bool) -> OfficialDocument:
    member, issuer = letter.member, letter.issued_by
    superior = Organization.objects.filter(pk=issuer.parent_id).first()
    status = {Status.FULL: "chính thức", Status.PROBATIONARY: "dự bị"}.get(member.status, "")
    card = member.party_card_number or ""
    card = card if show_card else masking.mask("party_card_number", card)
    body = [
        f"Giới thiệu đồng chí: {member.full_name}, sinh ngày {vn_date(member.date_of_birth)}.",
        f"Là đảng viên{(' ' + status) if status else ''}"
        + (f"; vào Đảng ngày {vn_date(member.admission_decision_date)}" if member.admission_decision_date else "")
        + (f"; chính thức ngày {vn_date(member.recognition_date)}" if member.recognition_date else "") + ".",
    ]
    if card:
        body.append(f"Số thẻ đảng viên: {card}.")
    body.append(f"Hiện sinh hoạt tại: {letter.from_organization.name}.")
    body.append(f"Được giới thiệu chuyển {KIND_SUBJECT[TransferKind(letter.kind)]} đến: {letter.destination_label}.")
    if letter.kind in TEMPORARY_KINDS and letter.period_start and letter.period_end:
        body.append(f"Thời gian sinh hoạt tạm thời: từ ngày {vn_date(letter.period_start)} đến ngày {vn_date(letter.period_end)}.")
    body.append(f"Đề nghị {letter.destination_label} tiếp nhận và tổ chức cho đồng chí sinh hoạt đảng theo quy định.")
    if letter.presentation_deadline:
        unit = "ngày làm việc" if letter.deadline_in_working_days else "ngày"
        body.append(f"Đảng viên phải xuất trình giấy giới thiệu này trong 30 {unit} kể từ ngày cấp, tức chậm nhất ngày "
                    f"{vn_date(letter.presentation_deadline)}.")
    preamble = []
    if letter.basis:
        preamble.append(f"Căn cứ {letter.basis}" + (f" ngày {vn_date(letter.basis_date)}" if letter.basis_date else "") + ";")
    return OfficialDocument(
        issuer_superior=superior.name if superior else "", issuer=issuer.name, number=letter.number, place=_place(issuer),
        date=letter.issue_date, kind_title="GIẤY GIỚI THIỆU", subject=KIND_SUBJECT[TransferKind(letter.kind)],
        preamble=preamble, body=body, recipients=[letter.destination_label, "Đảng viên có tên trên", "Lưu hồ sơ đảng viên"],
        signer_for=_signing_authority(issuer), signer_title=(letter.signer_title or "").upper(),
        signer_name=letter.signer_name or "",
    )


def file_name(letter: TransferLetter) -> str:
    return f"Giấy giới thiệu sinh hoạt đảng {letter.number.replace('/', '-')} - {letter.member.full_name}.docx"


def letter_response(user, letter: TransferLetter):
    show_card = permissions.may_reveal(user, letter.member)
    audit.record(actor=user, action="transfers.letter_download", obj=letter,
                 note=f"Tải giấy giới thiệu số {letter.number} (DOCX)" + ("" if show_card else "; số thẻ đảng viên được che"))
    return docx_response(letter_document(letter, show_card=show_card), file_name(letter))
