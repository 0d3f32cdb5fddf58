"""DOCX of the annual review, laid out by dangvu.documents (HD 36-HD/VPTW: header, number, place, signing
and citations from dangvu.documents.convention):

- the member's self-assessment (bản tự kiểm điểm) on the form of their category under HD 43-HD/BTCTW
  (C9): 2A for a member holding a post (chức vụ), 2B for a member working without one, 2C for a member
  not working in the political system (retired, no workplace recorded). This mapping of the record to
  the three forms is ours (UNCONFIRMED against HD 43's annex); under QĐ 366 the two scores (C2) are
  printed with their maxima;
- the cell's minutes of the review meeting (biên bản chi bộ họp xét): the members, their self-grades,
  the cell's scores, votes and proposals, the residence cells' comments (C13);
- the committee's grading decision (quyết định công nhận kết quả xếp loại đảng viên): one per decision
  number, the members it grades in a table.

The builders read the objects and return an OfficialDocument; nothing is written.
"""

from __future__ import annotations

import datetime as dt

from dangvu.core.dates import vn_date
from dangvu.core.numbers import format_number
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument
from dangvu.evaluations import rules
from dangvu.evaluations.models import Campaign, MemberReview
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on
from dangvu.rules.parameters import text as param_text


def form_code(member) -> str:
    """The self-assessment form of the member's category (HD 43, C9; mapping UNCONFIRMED, see above)."""
    if (member.position or "").strip():
        return "2A"
    if (member.workplace or "").strip() and not member.is_retired:
        return "2B"
    return "2C"


def _score(value) -> str:
    if value is None:
        return ""
    return format_number(value, 1) if value != value.to_integral() else format_number(value)


def _citations(campaign: Campaign, on: dt.date) -> list[str]:
    lines = [convention.CHARTER, convention.cite("review", campaign.reference_date),
             convention.cite("review_guidance", campaign.reference_date)]
    return [line for line in lines if line]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def self_assessment_document(review: MemberReview) -> OfficialDocument:
    campaign, member = review.campaign, review.member
    on = review.self_assessed_on or campaign.self_assessment_due or campaign.reference_date
    issuer = convention.issuer(review.cell, on)
    superior_line, issuer_line = convention.header_lines(issuer)
    code = form_code(member)
    body = [f"Họ và tên: {member.full_name}. Ngày sinh: {vn_date(member.date_of_birth)}.",
            f"Chức vụ: {member.position or 'không'}. Đơn vị công tác: {member.workplace or 'không'}.",
            f"Chi bộ: {review.cell.name}.",
            "I. Ưu điểm, kết quả đạt được; hạn chế, khuyết điểm và nguyên nhân; phương hướng khắc phục:",
            *(_paragraphs(review.self_text) or ["(chưa viết)"])]
    table = None
    if campaign.regime.scored:
        params = params_on(campaign.reference_date)
        table = [["Nội dung", "Điểm tối đa", "Tự chấm"],
                 ["Tiêu chí chung", param_text(params, "evaluations.criteria_max_score"), _score(review.self_criteria_score)],
                 ["Kết quả thực hiện nhiệm vụ", param_text(params, "evaluations.results_max_score"),
                  _score(review.self_results_score)],
                 ["Tổng cộng", "100", _score(review.self_score)]]
        body.append("II. Tự chấm điểm theo thang 100 điểm (bảng dưới).")
    body.append(f"{'III' if table else 'II'}. Tự nhận mức xếp loại chất lượng: "
                f"{rules.label(review.self_grade) or '……………………'}.")
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number="", place=convention.place(issuer), date=on,
        kind_title="BẢN TỰ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG",
        subject=f"đảng viên năm {campaign.year} (Mẫu {code}, {campaign.regime.short})",
        preamble=_citations(campaign, on), body=body, recipients=[review.cell.name, "Lưu hồ sơ đảng viên"],
        signer_for="", signer_title="NGƯỜI TỰ KIỂM ĐIỂM", signer_name=member.full_name, table=table)


def minutes_document(campaign: Campaign, cell: Organization, reviews: list[MemberReview]) -> OfficialDocument:
    proposed = [r for r in reviews if r.proposed_on]
    on = max((r.proposed_on for r in proposed), default=campaign.cell_due or campaign.reference_date)
    issuer = convention.issuer(cell, on)
    superior_line, issuer_line = convention.header_lines(issuer)
    role, signer = convention.signer_from_committee(cell, on)
    formula, title = convention.signing(issuer, role)
    counts = {g: sum(1 for r in reviews if r.proposed_grade == g) for g in rules.ORDER}
    graded = sum(counts.values())
    excluded = [r for r in reviews if r.exclusion]
    body = [f"Ngày {vn_date(on)}, {cell.name} họp kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {campaign.year} "
            f"theo {campaign.regime.title}.",
            f"Chi bộ nhận xét, biểu quyết và đề xuất xếp loại {graded} đảng viên: "
            + "; ".join(f"{rules.label(g).lower()}: {counts[g]}" for g in rules.ORDER) + "."]
    if excluded:
        body.append("Không xếp loại (miễn công tác và sinh hoạt đảng, đình chỉ sinh hoạt — C12): "
                    + ", ".join(r.member.full_name for r in excluded) + ".")
    for r in proposed:
        if r.residence_comment:
            body.append(f"Nhận xét của chi bộ nơi cư trú về đồng chí {r.member.full_name}: {r.residence_comment}")
    body.append("Biên bản lập xong, thông qua tại cuộc họp; gửi cấp ủy cấp trên xem xét, quyết định.")
    table = [["STT", "Họ và tên", "Tự xếp loại", "Điểm", "Biểu quyết (tán thành/dự)", "Chi bộ đề xuất", "Nhận xét"]]
    for i, r in enumerate(proposed, start=1):
        votes = f"{r.votes_for}/{r.votes_present}" if r.votes_present is not None and r.votes_for is not None else ""
        table.append([str(i), r.member.full_name, rules.label(r.self_grade), _score(r.score), votes,
                      rules.label(r.proposed_grade), r.cell_comment])
    return OfficialDocument(
        issuer_superior=superior_line, issuer=issuer_line, number="", place=convention.place(issuer), date=on,
        kind_title="BIÊN BẢN", subject=f"họp chi bộ kiểm điểm, đánh giá, xếp loại chất lượng đảng viên năm {campaign.year}",
        preamble=[], body=body, recipients=[convention.committee_name(cell.parent.name) if cell.parent else "Cấp ủy cấp trên",
                                           "Lưu chi bộ"],
        signer_for=formula, signer_title=title, signer_name=signer, table=table)


def decision_document(campaign: Campaign, organization: Organization, reviews: list[MemberReview]) -> OfficialDocument:
    """The decision grading the members of `reviews` (decided by `organization`'s committee, one number)."""
    first = reviews[0] if reviews else None
    on = first.decided_on if first else campaign.decision_due or campaign.reference_date
    issuer = convention.issuer(organization, on)
    role, signer = convention.signer_from_committee(organization, on)
    counts = {g: sum(1 for r in reviews if r.grade == g) for g in rules.ORDER}
    table = [["STT", "Họ và tên", "Chi bộ", "Điểm", "Xếp loại"]]
    for i, r in enumerate(reviews, start=1):
        table.append([str(i), r.member.full_name, r.cell.name, _score(r.score), rules.label(r.grade)])
    body = [f"Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng năm {campaign.year} đối với {len(reviews)} đảng viên "
            "(danh sách kèm theo): " + "; ".join(f"{rules.label(g).lower()}: {counts[g]}" for g in rules.ORDER) + ".",
            "Điều 2. Các chi bộ thông báo kết quả đến đảng viên, lưu hồ sơ đảng viên; kết quả là căn cứ khen thưởng, "
            "bố trí, sử dụng cán bộ.",
            "Điều 3. Các chi bộ trực thuộc và các đồng chí có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]
    return convention.document(
        issuer, role=role, signer_name=signer, doc_type="QĐ", number_recorded=first.decision_number if first else "",
        date=on, kind_title="QUYẾT ĐỊNH",
        subject=f"công nhận kết quả đánh giá, xếp loại chất lượng đảng viên năm {campaign.year}",
        preamble=_citations(campaign, on) + ["Xét đề nghị của các chi bộ trực thuộc,"], body=body,
        recipients=["Như Điều 3", "Lưu văn phòng"], table=table)
