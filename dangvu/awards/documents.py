"""The badge proposal list (danh sách đề nghị tặng Huy hiệu Đảng) as an official document.

Built from the due list of a presentation date and laid out by dangvu.documents (HD 36-HD/VPTW).
The number is left blank before the dash ("Số      -DS/ĐU"): it is given when the list is signed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dangvu.awards import rules
from dangvu.core.dates import vn_date
from dangvu.documents.docx import OfficialDocument
from dangvu.organizations.committees import committee_on
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import CommitteePosition, Organization
from dangvu.rules.regimes import Chain, in_force

# Signing authority and the abbreviation in the number, by kind of the issuing organization.
SIGNER_FOR = {
    Kind.PROVINCIAL_COMMITTEE: "T/M BAN THƯỜNG VỤ", Kind.DISTRICT_COMMITTEE: "T/M BAN THƯỜNG VỤ",
    Kind.BLOC_COMMITTEE: "T/M BAN THƯỜNG VỤ", Kind.COMMUNE_COMMITTEE: "T/M BAN THƯỜNG VỤ",
    Kind.GRASSROOTS_COMMITTEE: "T/M ĐẢNG ỦY", Kind.PARTIAL_COMMITTEE: "T/M ĐẢNG ỦY BỘ PHẬN",
    Kind.GRASSROOTS_CELL: "T/M CHI BỘ", Kind.CELL: "T/M CHI BỘ",
}
NUMBER_SUFFIX = {
    Kind.PROVINCIAL_COMMITTEE: "TU", Kind.DISTRICT_COMMITTEE: "HU", Kind.BLOC_COMMITTEE: "ĐU",
    Kind.COMMUNE_COMMITTEE: "ĐU", Kind.GRASSROOTS_COMMITTEE: "ĐU", Kind.PARTIAL_COMMITTEE: "ĐU",
    Kind.GRASSROOTS_CELL: "CB", Kind.CELL: "CB",
}
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Tuổi Đảng (năm)", "Huy hiệu (năm)", "Chi bộ", "Ghi chú"]
_NAME_PREFIXES = ("Đảng bộ tỉnh ", "Đảng bộ thành phố ", "Đảng bộ huyện ", "Đảng bộ quận ", "Đảng bộ thị xã ",
                  "Đảng bộ xã ", "Đảng bộ phường ", "Đảng bộ thị trấn ", "Đảng bộ ", "Chi bộ thôn ", "Chi bộ ")


def _guidance(on: dt.date) -> str:
    """"Căn cứ <the guidance in force on the document's date> (… Huy hiệu Đảng);"."""
    doc = in_force(Chain.GUIDANCE, on)
    point = "điểm 18 về Huy hiệu Đảng" if doc and doc.code in ("hd01_2016", "hd01_2021") else "phần Huy hiệu Đảng"
    return f"Căn cứ {doc.citation} ({point});" if doc else "Căn cứ hướng dẫn thi hành Điều lệ Đảng về Huy hiệu Đảng;"


def place_of(org: Organization) -> str:
    """The place name printed before the date: the organization's name without its kind."""
    for node in (org, org.parent):
        if node is None:
            continue
        for prefix in _NAME_PREFIXES:
            if node.name.startswith(prefix) and node.kind not in (Kind.CELL, Kind.GRASSROOTS_CELL):
                return node.name[len(prefix):]
    return ""


def secretary_name(org: Organization, on: dt.date) -> str:
    seats = [s for s in committee_on(org, on) if s.position == CommitteePosition.SECRETARY]
    return seats[0].full_name if seats else ""


def table_rows(rows) -> list[list[str]]:
    table = [list(HEADER)]
    for index, row in enumerate(rows, start=1):
        member = row.member
        notes = []
        if row.posthumous:
            notes.append(f"Truy tặng (từ trần {vn_date(row.died_on)})")
        if member.is_exempted:
            notes.append("Miễn sinh hoạt")
        if row.overdue:
            notes.append(f"Đủ tuổi Đảng từ {vn_date(row.reached_on)}")
        table.append([str(index), member.full_name, vn_date(member.date_of_birth), vn_date(member.first_admission_date),
                      str(row.party_age), str(row.milestone), member.organization.name if member.organization else "",
                      "; ".join(notes)])
    return table


def proposal_document(rows, *, organization: Organization, presentation_on: dt.date, issued_on: dt.date) -> OfficialDocument:
    counts = Counter(r.milestone for r in rows)
    by_milestone = ", ".join(f"{counts[m]} đồng chí {m} năm" for m in rules.MILESTONES if counts[m])
    superior = organization.parent.name if organization.parent_id else ""
    return OfficialDocument(
        issuer_superior=superior,
        issuer=organization.name,
        number=f"Số      -DS/{NUMBER_SUFFIX.get(organization.kind, 'ĐU')}",
        place=place_of(organization),
        date=issued_on,
        kind_title="DANH SÁCH",
        subject=f"đảng viên đề nghị tặng Huy hiệu Đảng đợt {vn_date(presentation_on)}",
        preamble=[
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
            _guidance(issued_on),
        ],
        body=[f"{organization.name} đề nghị xét tặng Huy hiệu Đảng đợt {vn_date(presentation_on)} cho "
              f"{len(rows)} đồng chí" + (f" ({by_milestone})" if by_milestone else "") + ", có tên dưới đây:"],
        recipients=[f"Ban Tổ chức {superior}".strip() if superior else "Cấp ủy cấp trên", "Lưu văn phòng"],
        signer_for=SIGNER_FOR.get(organization.kind, "T/M CẤP ỦY"),
        signer_title="BÍ THƯ",
        signer_name=secretary_name(organization, issued_on),
        table=table_rows(rows),
    )
