"""The rules of discipline (domain-rules §9, K1–K12) as pure checks: each returns the violations found,
a Vietnamese message naming the field and the rule with its source, and writes nothing.

Every number comes from the parameters in force on the event's date (`params`, dangvu.rules.parameters:
discipline.*); no threshold of the Party's rules is written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dangvu.core.dates import add_months, vn_date
from dangvu.core.errors import Violation
from dangvu.discipline.kinds import NEVER_LAPSE, NO_LIMITATION, AppealBar, BodyKind, DeferralReason, Form, SubjectKind, ViolationKind

SOURCE_FORMS = "Điều lệ Đảng Điều 35; QĐ 69-QĐ/TW Điều 7; QĐ 296-QĐ/TW Điều 9"
SOURCE_CELL = "QĐ 296-QĐ/TW Điều 10.1"
SOURCE_ORGANIZATION = "QĐ 296-QĐ/TW Điều 11"
SOURCE_VOTE = "QĐ 69-QĐ/TW Điều 15"
SOURCE_EFFECT = "QĐ 296-QĐ/TW Điều 15.2"
SOURCE_LIMITATION = "QĐ 69-QĐ/TW Điều 4"
SOURCE_LAPSE = "QĐ 69-QĐ/TW Điều 2.5"
SOURCE_DEFERRAL = "QĐ 296-QĐ/TW Điều 8.7"
SOURCE_HEARING = "QĐ 296-QĐ/TW Điều 12"
SOURCE_APPEAL = "QĐ 296-QĐ/TW Điều 23, 25.1"
SOURCE_NOTIFICATION = "QĐ 296-QĐ/TW Điều 8.5"

MEMBER_FULL, MEMBER_PROBATIONARY = "full", "probationary"


def form_label(form: str) -> str:
    return str(Form(form).label).lower() if form in Form.values else form


# ---------------------------------------------------------------- K1: forms by subject

def allowed_forms(subject_kind: str, member_status: str = "", holds_post: bool = False) -> tuple[str, ...]:
    """K1: organizations: reprimand, warning, dissolution; full members: reprimand, warning, removal from post
    (only while holding a post), expulsion; probationary members: reprimand, warning."""
    if subject_kind == SubjectKind.ORGANIZATION:
        return (Form.REPRIMAND, Form.WARNING, Form.DISSOLUTION)
    if member_status == MEMBER_FULL:
        return (Form.REPRIMAND, Form.WARNING, *((Form.REMOVAL_FROM_POST,) if holds_post else ()), Form.EXPULSION)
    if member_status == MEMBER_PROBATIONARY:
        return (Form.REPRIMAND, Form.WARNING)
    return ()


def check_form(form: str, *, subject_kind: str, member_status: str = "", holds_post: bool = False, name: str = "",
               field: str = "decided_form") -> list[Violation]:
    if form not in Form.values:
        return [Violation("discipline.form", "Hình thức kỷ luật: chọn một hình thức trong danh sách.", field)]
    allowed = allowed_forms(subject_kind, member_status, holds_post)
    if form in allowed:
        return []
    if subject_kind == SubjectKind.MEMBER and not member_status:
        return [Violation("discipline.not_in_party", f"Đảng viên: {name} không còn sinh hoạt trong Đảng.", "member")]
    if form == Form.REMOVAL_FROM_POST and member_status == MEMBER_FULL:
        return [Violation("discipline.no_post", f"Hình thức kỷ luật: {name} không giữ chức vụ trong cấp ủy nào, không thể "
                          "cách chức.", field, SOURCE_FORMS)]
    who = {SubjectKind.ORGANIZATION: "tổ chức đảng", MEMBER_FULL: "đảng viên chính thức",
           MEMBER_PROBATIONARY: "đảng viên dự bị"}[SubjectKind.ORGANIZATION if subject_kind == SubjectKind.ORGANIZATION
                                                   else member_status]
    return [Violation("discipline.form_subject", f"Hình thức kỷ luật: {who} chỉ có thể bị "
                      f"{', '.join(form_label(f) for f in allowed)}; không áp dụng {form_label(form)}.", field, SOURCE_FORMS)]


# ---------------------------------------------------------------- K2, K3: who decides

@dataclass(frozen=True)
class BodyFacts:
    """Where the deciding organization stands relative to the subject."""

    kind: str  # BodyKind
    is_subject_cell: bool  # the deciding organization is the member's own cell
    is_above: bool  # the deciding organization is above the subject (member's cell / organization) in the tree
    is_direct_superior: bool  # for an organization: its parent


def check_body(body: BodyFacts, *, form: str, subject_kind: str, higher_level_task: bool) -> list[Violation]:
    if body.kind not in BodyKind.values:
        return [Violation("discipline.body", "Cơ quan quyết định: chọn một cơ quan trong danh sách.", "body_kind")]
    if body.kind == BodyKind.CELL_COMMITTEE:
        return [Violation("discipline.cell_committee", "Cơ quan quyết định: chi ủy không có thẩm quyền thi hành kỷ luật; "
                          "chi bộ (hội nghị đảng viên) hoặc cấp ủy cấp trên quyết định.", "body_kind", SOURCE_CELL)]
    if subject_kind == SubjectKind.ORGANIZATION:
        if body.kind == BodyKind.CELL:
            return [Violation("discipline.org_body", "Cơ quan quyết định: kỷ luật tổ chức đảng do cấp ủy hoặc ban thường vụ "
                              "cấp ủy cấp trên quyết định.", "body_kind", SOURCE_ORGANIZATION)]
        if form in (Form.REPRIMAND, Form.WARNING) and not body.is_direct_superior:
            return [Violation("discipline.org_superior", "Tổ chức đảng quyết định: khiển trách, cảnh cáo tổ chức đảng do cấp "
                              "ủy cấp trên trực tiếp (hoặc ban thường vụ) quyết định.", "deciding_organization",
                              SOURCE_ORGANIZATION)]
        if not body.is_above:
            return [Violation("discipline.org_above", "Tổ chức đảng quyết định: phải là cấp trên của tổ chức bị kỷ luật.",
                              "deciding_organization", SOURCE_ORGANIZATION)]
        return []
    if body.kind == BodyKind.CELL:
        v = []
        if not body.is_subject_cell:
            v.append(Violation("discipline.cell_own", "Tổ chức đảng quyết định: chi bộ chỉ kỷ luật đảng viên của chi bộ mình.",
                               "deciding_organization", SOURCE_CELL))
        if form not in (Form.REPRIMAND, Form.WARNING):
            v.append(Violation("discipline.cell_forms", f"Hình thức kỷ luật: chi bộ chỉ quyết định khiển trách, cảnh cáo; "
                               f"{form_label(form)} do chi bộ đề nghị, cấp có thẩm quyền quyết định.", "decided_form",
                               SOURCE_CELL))
        if higher_level_task:
            v.append(Violation("discipline.higher_task", "Cơ quan quyết định: vi phạm nhiệm vụ do cấp trên giao thì chi bộ "
                               "đề nghị, cấp có thẩm quyền quyết định.", "body_kind", SOURCE_CELL))
        return v
    if not body.is_above:
        return [Violation("discipline.body_above", "Tổ chức đảng quyết định: phải là cấp trên của chi bộ nơi đảng viên "
                          "sinh hoạt.", "deciding_organization", SOURCE_CELL)]
    return []


# ---------------------------------------------------------------- K4: votes

def more_than(votes_for: int, base: int, numerator: int, denominator: int) -> bool:
    """votes_for / base > numerator / denominator, exactly in integers."""
    return base > 0 and votes_for * denominator > numerator * base


def at_least(votes_for: int, base: int, numerator: int, denominator: int) -> bool:
    return base > 0 and votes_for * denominator >= numerator * base


def _counts(votes_for, base, *, votes_field, base_field, prefix) -> list[Violation]:
    if votes_for is None or base is None:
        return [Violation(f"{prefix}.vote_missing", "Biểu quyết: nhập số tán thành và tổng số thành viên có quyền biểu quyết.",
                          votes_field if votes_for is None else base_field)]
    if base < 1:
        return [Violation(f"{prefix}.vote_base", "Tổng số thành viên có quyền biểu quyết: phải lớn hơn 0.", base_field)]
    if votes_for > base:
        return [Violation(f"{prefix}.vote_count", f"Số tán thành ({votes_for}) không thể lớn hơn tổng số thành viên có quyền "
                          f"biểu quyết ({base}).", votes_field)]
    return []


def check_decision_vote(votes_for: int | None, base: int | None, params: Mapping) -> list[Violation]:
    """K4: more than half of all the members with voting rights (not only those present)."""
    v = _counts(votes_for, base, votes_field="votes_for", base_field="vote_base", prefix="discipline")
    if v:
        return v
    num, den = params["discipline.majority_numerator"], params["discipline.majority_denominator"]
    if not more_than(votes_for, base, num, den):
        return [Violation("discipline.vote_majority", f"Số tán thành: {votes_for}/{base}, chưa quá {num}/{den} tổng số thành "
                          "viên có quyền biểu quyết; quyết định kỷ luật không được thông qua.", "votes_for", SOURCE_VOTE)]
    return []


def check_proposal_vote(votes_for: int | None, base: int | None, params: Mapping) -> list[Violation]:
    """K4: expulsion needs at least 2/3 of the proposing body."""
    v = _counts(votes_for, base, votes_field="proposal_votes_for", base_field="proposal_vote_base",
                prefix="discipline.proposal")
    if v:
        return v
    num, den = params["discipline.expulsion_propose_numerator"], params["discipline.expulsion_propose_denominator"]
    if not at_least(votes_for, base, num, den):
        return [Violation("discipline.proposal_two_thirds", f"Số tán thành đề nghị khai trừ: {votes_for}/{base}, chưa đạt "
                          f"{num}/{den} tổng số thành viên của tổ chức đề nghị.", "proposal_votes_for", SOURCE_VOTE)]
    return []


# ---------------------------------------------------------------- K6: limitation

@dataclass(frozen=True)
class ViolationFact:
    kind: str
    committed_on: dt.date


def limitation_months(form: str, params: Mapping) -> int:
    """K6: 5 years for violations warranting reprimand, 10 years for warning or removal from post (and an
    organization's dissolution)."""
    if form == Form.REPRIMAND:
        return params["discipline.limitation_reprimand_months"]
    return params["discipline.limitation_warning_months"]


def limitation_expires(violations: Iterable[ViolationFact], form: str, params: Mapping) -> dt.date | None:
    """The first day the earliest violation can no longer be disciplined (None: no limitation). The period
    runs from the violation; a new violation committed before it ran out restarts it (K6)."""
    facts = sorted(violations, key=lambda f: f.committed_on)
    if not facts or form == Form.EXPULSION or any(f.kind in NO_LIMITATION for f in facts):
        return None
    months = limitation_months(form, params)
    start = facts[0].committed_on
    for fact in facts[1:]:
        if fact.committed_on < add_months(start, months):
            start = fact.committed_on
    return add_months(start, months)


def check_limitation(violations: list[ViolationFact], form: str, on: dt.date, params: Mapping) -> list[Violation]:
    expires = limitation_expires(violations, form, params)
    if expires is not None and on >= expires:
        months = limitation_months(form, params)
        first = min(f.committed_on for f in violations)
        return [Violation("discipline.limitation", f"Thời hiệu: vi phạm từ ngày {vn_date(first)} đã hết thời hiệu xử lý kỷ "
                          f"luật ({months} tháng đối với mức {form_label(form)}, hết ngày {vn_date(expires - dt.timedelta(days=1))}"
                          "); không xem xét kỷ luật.", "violations", SOURCE_LIMITATION)]
    return []


def check_violations(violations: list[ViolationFact], on: dt.date) -> list[Violation]:
    v = []
    if not violations:
        v.append(Violation("discipline.violations", "Hành vi vi phạm: nhập ít nhất một vi phạm với ngày vi phạm.", "violations"))
    for fact in violations:
        if fact.kind not in ViolationKind.values:
            v.append(Violation("discipline.violation_kind", "Loại vi phạm: chọn trong danh sách.", "violations"))
        if fact.committed_on > on:
            v.append(Violation("discipline.violation_future", f"Ngày vi phạm ({vn_date(fact.committed_on)}) không thể sau ngày "
                               f"xem xét ({vn_date(on)}).", "violations"))
    return v


# ---------------------------------------------------------------- K5, K7: effect and lapse

def lapse_date(form: str, announced_on: dt.date, params: Mapping) -> dt.date | None:
    """K7: 12 months after the announcement of the decision (or of the appeal decision); never for
    expulsion and dissolution."""
    if form in NEVER_LAPSE:
        return None
    return add_months(announced_on, params["discipline.lapse_months"])


def stops_lapse(announced_on: dt.date, lapses_on: dt.date | None, new_violation_on: dt.date) -> bool:
    """K7: a repeat or new violation committed while the penalty runs stops its automatic lapse."""
    return lapses_on is not None and announced_on <= new_violation_on < lapses_on


def check_announcement(decided_on: dt.date | None, announced_on: dt.date, today: dt.date) -> list[Violation]:
    v = []
    if decided_on is not None and announced_on < decided_on:
        v.append(Violation("discipline.announce_before", f"Ngày công bố: không thể trước ngày quyết định "
                           f"({vn_date(decided_on)}).", "announced_on", SOURCE_EFFECT))
    if announced_on > today:
        v.append(Violation("discipline.announce_future", "Ngày công bố: không thể sau ngày hôm nay.", "announced_on"))
    return v


# ---------------------------------------------------------------- K9, K10: deferral and hearing

def check_deferral(reason: str, until: dt.date | None, since: dt.date, params: Mapping,
                   child_born_on: dt.date | None = None) -> list[Violation]:
    v = []
    if reason not in DeferralReason.values:
        v.append(Violation("discipline.deferral_reason", "Lý do chưa xem xét: chọn trong danh sách.", "deferral_reason"))
    if reason == DeferralReason.NURSING and child_born_on is not None:
        until = until or add_months(child_born_on, params["discipline.nursing_months"])
        limit = add_months(child_born_on, params["discipline.nursing_months"])
        if until > limit:
            v.append(Violation("discipline.nursing_limit", f"Chưa xem xét đến ngày: con nhỏ đủ "
                               f"{params['discipline.nursing_months']} tháng ngày {vn_date(limit)}.", "deferred_until",
                               SOURCE_DEFERRAL))
    if until is None:
        v.append(Violation("discipline.deferred_until", "Chưa xem xét đến ngày: bắt buộc nhập.", "deferred_until"))
    elif until <= since:
        v.append(Violation("discipline.deferred_until_past", "Chưa xem xét đến ngày: phải sau ngày ghi tạm hoãn.",
                           "deferred_until"))
    return v


def nursing_end(child_born_on: dt.date, params: Mapping) -> dt.date:
    return add_months(child_born_on, params["discipline.nursing_months"])


def check_not_deferred(deferred_until: dt.date | None, on: dt.date, reason_label: str = "") -> list[Violation]:
    """K9: nothing is considered before the end of the deferral."""
    if deferred_until is not None and on < deferred_until:
        why = f" ({reason_label.lower()})" if reason_label else ""
        return [Violation("discipline.deferred", f"Ngày quyết định: đảng viên thuộc trường hợp chưa xem xét kỷ luật{why} đến "
                          f"ngày {vn_date(deferred_until)}.", "decided_on", SOURCE_DEFERRAL)]
    return []


def check_hearing(heard_on: dt.date | None, invitations_declined: int, on: dt.date, params: Mapping) -> list[Violation]:
    """K10: the member was heard before the decision, or invited repeatedly without coming."""
    needed = params["discipline.hearing_invitations"]
    if heard_on is not None:
        if heard_on > on:
            return [Violation("discipline.heard_after", f"Ngày nghe trình bày ({vn_date(heard_on)}) phải trước ngày quyết "
                              f"định ({vn_date(on)}).", "heard_on", SOURCE_HEARING)]
        return []
    if invitations_declined >= needed:
        return []
    return [Violation("discipline.not_heard", f"Nghe trình bày: phải nghe đảng viên trình bày ý kiến trước khi quyết định, "
                      f"hoặc đã mời {needed} lần mà không đến, không có lý do chính đáng (đã ghi {invitations_declined} lần).",
                      "heard_on", SOURCE_HEARING)]


# ---------------------------------------------------------------- K11: appeals

def appeal_deadline(decision_received_on: dt.date, params: Mapping) -> dt.date:
    """The last day an appeal may be lodged (30 days from receiving the decision)."""
    return decision_received_on + dt.timedelta(days=params["discipline.appeal_days"])


@dataclass(frozen=True)
class AppealFacts:
    decision_received_on: dt.date
    received_on: dt.date
    has_written_decision: bool
    declared: frozenset[str] = frozenset()  # bars stated by the officer (highest level, sentenced, on behalf, …)


def appeal_bars(facts: AppealFacts, params: Mapping) -> list[Violation]:
    """K11: every ground on which the appeal is not handled, each with its message."""
    found: list[Violation] = []
    deadline = appeal_deadline(facts.decision_received_on, params)
    if facts.received_on > deadline:
        found.append(Violation(f"appeal.{AppealBar.LATE}", f"Ngày nhận đơn: quá thời hạn khiếu nại "
                               f"({params['discipline.appeal_days']} ngày kể từ ngày nhận quyết định "
                               f"{vn_date(facts.decision_received_on)}, hạn cuối {vn_date(deadline)}); không giải quyết.",
                               "received_on", SOURCE_APPEAL))
    if not facts.has_written_decision:
        found.append(Violation(f"appeal.{AppealBar.NO_WRITTEN_DECISION}", "Khiếu nại khi chưa có quyết định kỷ luật bằng "
                               "văn bản: không giải quyết.", "proceeding", SOURCE_APPEAL))
    for bar in AppealBar.values:
        if bar in facts.declared and bar not in (AppealBar.LATE, AppealBar.NO_WRITTEN_DECISION):
            found.append(Violation(f"appeal.{bar}", f"{AppealBar(bar).label}: không giải quyết khiếu nại.", "bars",
                                   SOURCE_APPEAL))
    return found


def check_appeal_dates(facts: AppealFacts, decided_on: dt.date | None, today: dt.date) -> list[Violation]:
    v = []
    if decided_on is not None and facts.decision_received_on < decided_on:
        v.append(Violation("appeal.received_before_decision", f"Ngày nhận quyết định kỷ luật: không thể trước ngày quyết "
                           f"định ({vn_date(decided_on)}).", "decision_received_on"))
    if facts.received_on < facts.decision_received_on:
        v.append(Violation("appeal.before_decision_received", "Ngày nhận đơn: không thể trước ngày nhận quyết định kỷ luật.",
                           "received_on"))
    if facts.received_on > today:
        v.append(Violation("appeal.future", "Ngày nhận đơn: không thể sau ngày hôm nay.", "received_on"))
    return v


# ---------------------------------------------------------------- K12: notifications

def notification_deadline(decision_date: dt.date, params: Mapping) -> dt.date:
    return decision_date + dt.timedelta(days=params["discipline.notification_days"])


def notification_late(decision_date: dt.date, received_on: dt.date, params: Mapping) -> bool:
    """K12: the body must inform the party organization within 5 days."""
    return received_on > notification_deadline(decision_date, params)
