"""The introduction letter (giấy giới thiệu sinh hoạt đảng) as a DOCX party document.

`letter_document` builds the content (pure apart from reading the letter and its relations);
dangvu.documents lays it out by HD 36-HD/VPTW. The party card number is printed only for those
who may reveal it (otherwise masked, as everywhere); each download is audited.
"""

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core import masking
from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.documents.http import docx_response
from dangvu.members.kinds import Status
from dangvu.transfers.kinds import TEMPORARY_KINDS, TransferKind
from dangvu.transfers.models import TransferLetter

KIND_SUBJECT = {
    TransferKind.OFFICIAL: "sinh hoạt đảng chính thức",
    TransferKind.INTERNAL: "sinh hoạt đảng nội bộ",
    TransferKind.TEMPORARY: "sinh hoạt đảng tạm thời",
    TransferKind.ABROAD: "sinh hoạt đảng tạm thời ở nước ngoài",
    TransferKind.OUTSIDE: "sinh hoạt đảng chính thức",
}


def letter_issuer(letter: TransferLetter) -> convention.Issuer:
    """The issuer of the letter: the Organization Commission of a province or district committee
    (when the letter is signed by its head or deputy head, or the title is not recorded), else the
    committee itself."""
    org = letter.issued_by
    role = convention.role_from_title(letter.signer_title, default="")
    commission = org.kind in convention.COMMISSION_KINDS and role in (
        "", convention.Role.COMMISSION_HEAD, convention.Role.COMMISSION_DEPUTY)
    return convention.issuer(org, letter.issue_date,
                             commission=convention.ORGANIZATION_COMMISSION if commission else "")


def letter_document(letter: TransferLetter, *, show_card: bool) -> OfficialDocument:
    member = letter.member
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
    destination = convention.committee_name(letter.destination_label)
    body.append(f"Được giới thiệu chuyển {KIND_SUBJECT[TransferKind(letter.kind)]} đến: {letter.destination_label}.")
    if letter.kind in TEMPORARY_KINDS and letter.period_start and letter.period_end:
        body.append(f"Thời gian sinh hoạt tạm thời: từ ngày {vn_date(letter.period_start)} đến ngày {vn_date(letter.period_end)}.")
    body.append(f"Đề nghị {destination} tiếp nhận và tổ chức cho đồng chí sinh hoạt đảng theo quy định.")
    if letter.presentation_deadline:
        unit = "ngày làm việc" if letter.deadline_in_working_days else "ngày"
        body.append(f"Đảng viên phải xuất trình giấy giới thiệu này trong 30 {unit} kể từ ngày cấp, tức chậm nhất ngày "
                    f"{vn_date(letter.presentation_deadline)}.")
    preamble = []
    if letter.basis:
        preamble.append(f"Căn cứ {letter.basis}" + (f", ngày {vn_date(letter.basis_date)}" if letter.basis_date else "") + ";")
    issuer = letter_issuer(letter)
    default = (convention.Role.COMMISSION_HEAD if issuer.acting == convention.Acting.COMMISSION
               else convention.Role.SECRETARY)
    formula, title = convention.signing_for_title(issuer, letter.signer_title or "", default)
    superior_line, issuer_line = convention.header_lines(issuer)
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number=convention.number(issuer, "GGT", letter.number),
        place=convention.place(issuer), date=letter.issue_date, kind_title="GIẤY GIỚI THIỆU",
        subject=KIND_SUBJECT[TransferKind(letter.kind)], preamble=preamble,
        body=[convention.addressee(letter.destination_label) + ".", *body],
        recipients=[destination, "Đảng viên có tên trên", "Lưu hồ sơ đảng viên"],
        signer_for=formula, signer_title=title, signer_name=letter.signer_name or "",
    )


def file_name(letter: TransferLetter) -> str:
    return f"Giấy giới thiệu sinh hoạt đảng {letter.number.replace('/', '-')} - {letter.member.full_name}.docx"


def letter_response(user, letter: TransferLetter):
    show_card = permissions.may_reveal(user, letter.member)
    audit.record(actor=user, action="transfers.letter_download", obj=letter,
                 note=f"Tải giấy giới thiệu số {letter.number} (DOCX)" + ("" if show_card else "; số thẻ đảng viên được che"))
    return docx_response(letter_document(letter, show_card=show_card), file_name(letter))
