"""The discipline decision (quyết định thi hành kỷ luật) as an official document, laid out by dangvu.documents
(HD 36-HD/VPTW): header, number, place and date, citations of the Charter, the regulation on inspection,
supervision and discipline and the regulation on discipline in force on the decision's date, the articles,
the signature. The issuing body is the deciding body (a cell, a committee, its standing committee, or its
inspection commission: the convention's issuer "ủy ban kiểm tra", its own number series "-QĐ/UBKT…", signed for
the commission by its chair)."""

from __future__ import annotations

from dangvu.core.dates import vn_date
from dangvu.discipline import rules
from dangvu.discipline.kinds import BodyKind
from dangvu.discipline.models import Proceeding
from dangvu.documents import convention
from dangvu.documents.docx import OfficialDocument

_ACTING = {BodyKind.CELL: convention.Acting.CELL, BodyKind.COMMITTEE: convention.Acting.COMMITTEE,
           BodyKind.STANDING_COMMITTEE: convention.Acting.STANDING}


def decision_document(p: Proceeding) -> OfficialDocument:
    on = p.decided_on
    if p.body_kind == BodyKind.INSPECTION_COMMISSION:
        issuer = convention.issuer(p.deciding_organization, on, commission=convention.INSPECTION_COMMISSION)
        role, name = convention.Role.INSPECTION_CHAIR, ""  # the chair's name is written by hand
    else:
        issuer = convention.issuer(p.deciding_organization, on, acting=_ACTING.get(p.body_kind))
        role, name = convention.signer_from_committee(p.deciding_organization, on)
    form = rules.form_label(p.decided_form)
    who = f"đồng chí {p.member.full_name}" if p.member_id else p.subject_organization.name
    place = f", đảng viên {p.member.organization.name}" if p.member_id and p.member.organization_id else ""
    votes = f"{p.votes_for}/{p.vote_base}" if p.votes_for is not None else "…"
    body = [
        f"Điều 1. Thi hành kỷ luật bằng hình thức {form.upper()} đối với {who}{place}"
        + (f" (cách chức: {p.post})" if p.post else "") + ".",
        f"Lý do: {p.summary}",
        *[f"– Vi phạm ngày {vn_date(v.committed_on)}: {v.description}" for v in p.violations.all()],
        f"Kết quả biểu quyết: {votes} thành viên có quyền biểu quyết tán thành.",
        "Điều 2. Quyết định có hiệu lực kể từ ngày công bố"
        + (f" ({vn_date(p.announced_on)})" if p.announced_on else "") + ".",
        "Điều 3. Tổ chức đảng có liên quan và " + (f"đồng chí {p.member.full_name}" if p.member_id else "tổ chức đảng bị kỷ luật")
        + " chịu trách nhiệm thi hành Quyết định này.",
    ]
    preamble = [line for line in (convention.CHARTER, convention.cite("inspection", on), convention.cite("discipline", on))
                if line]
    preamble.append(f"Xét đề nghị {('của ' + p.proposal_body.name) if p.proposal_body_id else 'của tổ chức đảng có thẩm quyền'}"
                    " và kết quả biểu quyết,")
    superior = issuer.superior.name if issuer.superior else ""
    return convention.document(
        issuer, role=role, signer_name=name, doc_type="QĐ", number_recorded=p.decision_number, date=on,
        kind_title="QUYẾT ĐỊNH", subject=f"thi hành kỷ luật {who}", preamble=preamble, body=body,
        recipients=[convention.committee_name(superior) if superior else "Cấp ủy cấp trên", "Như Điều 3", "Lưu hồ sơ kỷ luật"])
