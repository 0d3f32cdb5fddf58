"""The badge proposal list (danh sách đề nghị tặng Huy hiệu Đảng) as an official document.

Built from the due list of a presentation date and laid out by dangvu.documents (HD 36-HD/VPTW).
The number is left blank before the dash ("Số      -DS/ĐU"): it is given when the list is signed.
Header, number, place, signing and citations follow dangvu.documents.convention.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from dangvu.awards import rules
from dangvu.core.dates import vn_date
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.organizations.models import Organization

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Tuổi đảng (năm)", "Huy hiệu (năm)", "Chi bộ", "Ghi chú"]


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
            notes.append(f"Đủ tuổi đảng từ {vn_date(row.reached_on)}")
        table.append([str(index), member.full_name, vn_date(member.date_of_birth), vn_date(member.first_admission_date),
                      str(row.party_age), str(row.milestone), member.organization.name if member.organization else "",
                      "; ".join(notes)])
    return table


# The proposal's order, stated in its text: the highest badge first (90 years, 85…), within a badge by cell
# (the tree's order) and by name (the Vietnamese order).
ORDER_NOTE = "xếp theo mức Huy hiệu từ cao xuống thấp, trong mỗi mức theo chi bộ và theo tên"


def proposal_order(row) -> tuple:
    member = row.member
    return (-row.milestone, member.organization.path if member.organization_id else "", member.name_key, member.pk)


def proposal_document(rows, *, organization: Organization, presentation_on: dt.date, issued_on: dt.date) -> OfficialDocument:
    rows = sorted(rows, key=proposal_order)
    counts = Counter(r.milestone for r in rows)
    by_milestone = ", ".join(f"{counts[m]} đồng chí {m} năm" for m in rules.MILESTONES if counts[m])
    issuer = convention.issuer(organization, issued_on)
    superior = issuer.superior.name if issuer.superior else ""
    role, name = convention.signer_from_committee(organization, issued_on)
    return convention.document(
        issuer, role=role, signer_name=name, doc_type="DS", kind_title="DANH SÁCH",
        subject=f"đảng viên đề nghị tặng Huy hiệu Đảng đợt {vn_date(presentation_on)}",
        preamble=convention.charter_citations(issued_on, guidance=True, guidance_about="về Huy hiệu Đảng"),
        body=[f"{issuer.name} đề nghị xét tặng Huy hiệu Đảng đợt {vn_date(presentation_on)} cho "
              f"{len(rows)} đồng chí" + (f" ({by_milestone})" if by_milestone else "") + f", có tên dưới đây ({ORDER_NOTE}):"],
        recipients=[f"Ban Tổ chức {convention.committee_name(superior)}" if superior else "Cấp ủy cấp trên",
                    "Lưu văn phòng"],
        table=table_rows(rows),
    )
