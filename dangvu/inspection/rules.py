"""The rules of inspection and supervision (domain-rules §9: K13, K14, K15, K18) as pure checks: each returns the
violations found (a Vietnamese message naming the field and the rule, with its source) and writes nothing.

The regulation cited is the one of the dated chain "inspection" in force on the case's date (QĐ 22 → QĐ 262 →
QĐ 296-QĐ/TW); the threshold of K14 and the target of K18 are parameters read by that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from dangvu.core.errors import Violation
from dangvu.inspection.kinds import CELL_MATTERS, BodyKind, CaseKind, Matter
from dangvu.rules.regimes import Chain, in_force

SOURCE_K14 = "HD 08-HD/TW (10/6/2025) điểm II.3.2"


def regulation(on: dt.date) -> str:
    """The regulation on inspection, supervision and discipline in force on `on` ("QĐ 296-QĐ/TW (30/5/2025)")."""
    doc = in_force(Chain.INSPECTION, on)
    return doc.short_dated if doc else "Điều lệ Đảng"


@dataclass(frozen=True)
class CellFacts:
    """What K14 reads of the conducting cell on the case's date."""

    members: int
    has_committee: bool
    party_groups: int


@dataclass(frozen=True)
class SubjectFacts:
    """What K14 reads of the subject member: a seat on a committee above the cell (a leading post), or managed by a
    higher committee (declared)."""

    in_body_cell: bool
    leading_post: bool
    higher_managed: bool


def check_opening(*, kind: str, body_kind: str, date: dt.date, member_subject: bool, matter: str,
                  cell: CellFacts | None, subject: SubjectFacts | None, dispersed: bool, params: Mapping) -> list[Violation]:
    """Who may open which kind of case on whom (K13, K14)."""
    v: list[Violation] = []
    source = regulation(date)
    if kind not in CaseKind.values:
        return [Violation("case.kind", "Loại kiểm tra, giám sát: chọn một loại trong danh sách.", "kind")]
    if body_kind not in BodyKind.values:
        return [Violation("case.body_kind", "Chủ thể tiến hành: chọn một chủ thể trong danh sách.", "body_kind")]
    if body_kind == BodyKind.BOARD and kind == CaseKind.SIGNS_OF_VIOLATION and member_subject:
        v.append(Violation("case.board_signs", "Loại kiểm tra: ban đảng, cơ quan tham mưu, giúp việc của cấp ủy không "
                           "kiểm tra đảng viên khi có dấu hiệu vi phạm.", "kind", f"K13 — {source}"))
    if body_kind != BodyKind.CELL:
        return v
    if not member_subject:
        v.append(Violation("case.cell_subject", "Đối tượng: chi bộ kiểm tra, giám sát đảng viên của chi bộ.",
                           "subject_member", f"K13 — {source}"))
        return v
    if subject is not None and not subject.in_body_cell:
        v.append(Violation("case.cell_member", "Đối tượng: đảng viên không sinh hoạt ở chi bộ tiến hành vào ngày quyết "
                           "định.", "subject_member", f"K13 — {source}"))
    if kind in (CaseKind.DISCIPLINE_TASKS, CaseKind.FINANCE):
        v.append(Violation("case.cell_kind", "Loại kiểm tra: chi bộ kiểm tra đảng viên về thực hiện nhiệm vụ đảng viên, "
                           "nghị quyết của chi bộ, nhiệm vụ được giao, quy định nêu gương và những điều đảng viên không "
                           "được làm.", "kind", f"K13 — {source}"))
    elif kind == CaseKind.SIGNS_OF_VIOLATION and matter not in CELL_MATTERS:
        v.append(Violation("case.cell_matter", f"Nội dung kiểm tra đảng viên: chọn một nội dung chi bộ được kiểm tra "
                           f"({', '.join(str(Matter(m).label) for m in sorted(CELL_MATTERS))}).", "matter",
                           f"K13 — {source}"))
    if kind == CaseKind.THEMATIC_SUPERVISION and cell is not None:
        least = params["inspection.thematic_cell_min_members"]
        if not (cell.has_committee or cell.members > least or dispersed or cell.party_groups >= 2):
            v.append(Violation("case.cell_thematic", f"Loại giám sát: giám sát chuyên đề dành cho chi bộ có chi ủy, hoặc "
                               f"có trên {least} đảng viên, hoặc có đảng viên phân tán, nhiều tổ đảng (chi bộ có "
                               f"{cell.members} đảng viên, không có chi ủy); chi bộ chủ yếu giám sát thường xuyên.",
                               "kind", f"K14 — {SOURCE_K14}"))
    if kind in (CaseKind.REGULAR_SUPERVISION, CaseKind.THEMATIC_SUPERVISION) and subject is not None \
            and (subject.leading_post or subject.higher_managed):
        v.append(Violation("case.cell_leader", "Đối tượng: chi bộ không giám sát đảng viên giữ chức vụ lãnh đạo, quản lý "
                           "hoặc thuộc diện cấp ủy cấp trên quản lý.", "subject_member", f"K14 — {SOURCE_K14}"))
    return v


def check_dates(*, decision_date: dt.date | None, due_on: dt.date | None) -> list[Violation]:
    v: list[Violation] = []
    if decision_date is None:
        v.append(Violation("case.decision_date", "Ngày quyết định: bắt buộc nhập.", "decision_date"))
    if due_on is None:
        v.append(Violation("case.due_on", "Thời hạn kết thúc: bắt buộc nhập.", "due_on"))
    elif decision_date is not None and due_on < decision_date:
        v.append(Violation("case.due_before", "Thời hạn kết thúc: không trước ngày quyết định.", "due_on"))
    return v


@dataclass(frozen=True)
class Admissibility:
    handled: bool
    reasons: tuple[str, ...]


def admissibility(*, signed: bool, named: bool, specific: bool, with_evidence: bool, forged: bool) -> Admissibility:
    """K15: a denunciation is handled when it is signed (with the denouncer's name), specific and comes with
    evidence; anonymous or forged ones are not handled (if specific, they may prompt an inspection)."""
    reasons = []
    if forged:
        reasons.append("mạo danh")
    if not (signed and named):
        reasons.append("nặc danh (không ký tên, không ghi rõ họ tên)")
    if not specific:
        reasons.append("nội dung không cụ thể")
    if not with_evidence:
        reasons.append("không có tài liệu, chứng cứ")
    return Admissibility(not reasons, tuple(reasons))


def coverage_shortfall(*, covered: int, total: int, target_percent) -> int:
    """K18: how many more members must be inspected or supervised thematically to reach the target (0 when reached)."""
    needed = Fraction(target_percent) * total / 100
    whole = -(-needed.numerator // needed.denominator)
    return max(whole - covered, 0)
