"""Use cases of discipline: the only code that writes this app's tables.

Each one: permission first ("discipline.decide" on the subject's place in the tree), then every rule
(rules.py, parameters of the event's date), then one transaction that writes and audits (`@audited`,
the entry on the proceeding). Consequences go through the other capabilities, never by hand: an
announced expulsion ends the membership through the member register's lifecycle service
(members.services.record_event, with its ground); subscribers of hooks.PenaltyDecided (evaluations)
hear of every penalty that takes effect, changes or is cancelled.

Stable entry points (the inspection app calls them): open_proceeding, defer, record_hearing,
record_proposal, decide, announce, drop, receive_appeal, decide_appeal, record_notification; and
record_past_decision (a decision taken before the application, the imports app's `discipline` kind).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.discipline import hooks, rules, selectors
from dangvu.discipline.kinds import (
    AppealBar,
    AppealOutcome,
    BodyKind,
    DeferralReason,
    Form,
    NoticeBodyKind,
    Status,
    SubjectKind,
    ViolationKind,
)
from dangvu.discipline.models import Appeal, Notification, Proceeding
from dangvu.discipline.models import Violation as ViolationRow
from dangvu.discipline.querysets import CELL, DECIDE
from dangvu.members import services as member_services
from dangvu.members.kinds import GROUNDS_FOR, EventType
from dangvu.members.kinds import Status as MemberStatus
from dangvu.members.models import Member
from dangvu.members.selectors import state_on, vote_base
from dangvu.organizations.committees import committee_size_on
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import CELL_KINDS, chain_on, committee_name, path_ids
from dangvu.rules.parameters import params_on


@dataclass(frozen=True)
class ViolationInput:
    kind: str
    committed_on: dt.date
    description: str


def _user(by):
    return by if getattr(by, "pk", None) else None


def may_decide(user, org: Organization) -> bool:
    return permissions.can(user, DECIDE, org)


def _require(by, org: Organization) -> None:
    if not may_decide(by, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền xử lý kỷ luật trong {org.name}.")


# K2: the cell itself reprimands or warns its own members, except for tasks assigned by a higher level; its
# secretary records those proceedings (open, hear, defer, decide, announce, drop). Everything else (proposals to
# a higher body, other forms, organizations, appeals, notifications) stays with the officers (DECIDE).
CELL_FORMS = (Form.REPRIMAND, Form.WARNING)
CELL_ONLY = ("Bí thư chi bộ chỉ ghi việc kỷ luật khiển trách, cảnh cáo đảng viên của chi bộ mình do chi bộ quyết định "
             "(trừ vi phạm nhiệm vụ do cấp trên giao — QĐ 296-QĐ/TW Điều 10.1, K2); việc này do cán bộ kiểm tra, cán bộ tổ "
             "chức cấp trên ghi.")


def _cell_case(user, place: Organization, *, member_subject: bool, form: str, higher_level_task: bool) -> bool:
    return (member_subject and place.kind in CELL_KINDS and permissions.can(user, CELL, place) and form in CELL_FORMS
            and not higher_level_task)


def may_record_in_cell(user, p: Proceeding) -> bool:
    """The cell's secretary may record this proceeding's steps: a member of their cell, a reprimand or a warning
    proposed (or decided), not a task of a higher level (K2)."""
    return _cell_case(user, p.organization, member_subject=p.subject_kind == SubjectKind.MEMBER,
                      form=p.form_in_force or p.proposed_form, higher_level_task=p.higher_level_task)


def may_act(user, p: Proceeding) -> bool:
    """May `user` record the steps a cell may take on `p` (officers everything, the secretary the cell's cases)."""
    return may_decide(user, p.organization) or may_record_in_cell(user, p)


def _deny(by, org: Organization) -> None:
    if permissions.can(by, CELL, org):
        raise PermissionDeniedInScope(CELL_ONLY)
    raise PermissionDeniedInScope(f"Bạn không có quyền xử lý kỷ luật trong {org.name}.")


def _open(by, proceeding: Proceeding, expected_version: int | None, *, cell: bool = False) -> Proceeding:
    """Locked, permission checked, then the version compared (an outsider learns nothing). `cell`: a step the
    cell's secretary may record on the cell's own cases (K2)."""
    fresh = lock_for_update(proceeding, None, queryset=Proceeding.objects.select_related(
        "member", "subject_organization", "organization", "deciding_organization"))
    if not (may_act(by, fresh) if cell else may_decide(by, fresh.organization)):
        _deny(by, fresh.organization)
    check_version(fresh, expected_version)
    return fresh


def _audit(by, action: str, proceeding: Proceeding, before: dict | None, note: str, data: dict | None = None) -> None:
    audit.record(actor=by, action=action, obj=proceeding, before=before,
                 after=audit.snapshot(proceeding, Proceeding.AUDIT_FIELDS), data=data, note=note)


def _facts(violations) -> list[rules.ViolationFact]:
    return [rules.ViolationFact(v.kind, v.committed_on) for v in violations]


def _limitation_facts(proceeding: Proceeding) -> list[rules.ViolationFact]:
    """This proceeding's violations, and (for a member) the later ones of other proceedings that restart the period."""
    own = _facts(proceeding.violations.all())
    if proceeding.member_id is None or not own:
        return own
    first = min(f.committed_on for f in own)
    return own + [f for f in selectors.other_violations(proceeding.member, proceeding.pk) if f.committed_on > first]


def _member_status(member: Member, on: dt.date) -> str:
    state = state_on(member, on)
    if state is None:
        return ""
    return {MemberStatus.FULL: rules.MEMBER_FULL, MemberStatus.PROBATIONARY: rules.MEMBER_PROBATIONARY}.get(state.status, "")


# ---------------------------------------------------------------- opening

@audited
def open_proceeding(*, by, opened_on: dt.date, summary: str, proposed_form: str, violations: list[ViolationInput],
                    member: Member | None = None, subject_organization: Organization | None = None,
                    case_reference: str = "", higher_level_task: bool = False) -> Proceeding:
    """Start considering discipline of a member (in their cell) or of an organization. The limitation period (K6)
    is checked here, when the case proposes discipline; a violation committed while an earlier penalty of the
    member runs stops that penalty's automatic lapse (K7)."""
    if (member is None) == (subject_organization is None):
        raise ValueError("open_proceeding: exactly one of member, subject_organization")
    if member is not None:
        if member.organization is None:
            raise_if([Violation("discipline.not_in_party", f"Đảng viên: {member.full_name} không còn sinh hoạt trong Đảng.",
                                "member")])
        place = member.organization
    else:
        place = subject_organization
    if not may_decide(by, place) and not _cell_case(by, place, member_subject=member is not None, form=proposed_form,
                                                     higher_level_task=higher_level_task):
        _deny(by, place)
    params = params_on(opened_on, place)
    facts = [rules.ViolationFact(v.kind, v.committed_on) for v in violations]
    v = rules.check_violations(facts, opened_on)
    if not (summary or "").strip():
        v.append(Violation("discipline.summary", "Nội dung vi phạm: bắt buộc nhập.", "summary"))
    if opened_on > today():
        v.append(Violation("discipline.opened_future", "Ngày bắt đầu xem xét: không thể sau ngày hôm nay.", "opened_on"))
    if member is not None and _member_status(member, opened_on) == "":
        v.append(Violation("discipline.not_in_party", f"Đảng viên: ngày {vn_date(opened_on)} {member.full_name} không sinh "
                           "hoạt trong Đảng.", "member"))
    kind = SubjectKind.MEMBER if member is not None else SubjectKind.ORGANIZATION
    if proposed_form not in Form.values:
        v.append(Violation("discipline.proposed_form", "Hình thức đề nghị: chọn trong danh sách.", "proposed_form"))
    elif kind == SubjectKind.ORGANIZATION:
        v += rules.check_form(proposed_form, subject_kind=kind, field="proposed_form")
    if not v and facts:
        others = [f for f in selectors.other_violations(member) if f.committed_on > min(x.committed_on for x in facts)] \
            if member is not None else []
        v += rules.check_limitation(facts + others, proposed_form, opened_on, params)
    v += field_violations(Proceeding, {"case_reference": case_reference.strip()}, code_prefix="discipline")
    raise_if(v)
    proceeding = Proceeding.objects.create(
        subject_kind=kind, member=member, subject_organization=subject_organization, organization=place,
        opened_on=opened_on, summary=summary.strip(), case_reference=case_reference.strip(),
        higher_level_task=higher_level_task, proposed_form=proposed_form, created_by=_user(by),
        created_by_label=audit.actor_label(by))
    ViolationRow.objects.bulk_create([ViolationRow(proceeding=proceeding, kind=x.kind, committed_on=x.committed_on,
                                                   description=x.description.strip()) for x in violations])
    _audit(by, "discipline.open", proceeding, None, f"Mở vụ việc xem xét kỷ luật {proceeding.subject_name}",
           {"violations": [{"kind": x.kind, "committed_on": vn_date(x.committed_on), "description": x.description}
                           for x in violations]})
    if member is not None:
        _stop_lapses(by, member, min(f.committed_on for f in facts), proceeding)
    return proceeding


def _stop_lapses(by, member: Member, committed_on: dt.date, new: Proceeding) -> None:
    """K7: a new violation committed while an earlier penalty runs: that penalty no longer lapses on its own."""
    for earlier in selectors.running_penalties(member, committed_on).exclude(pk=new.pk):
        earlier = lock_for_update(earlier, None)
        if not rules.stops_lapse(earlier.announced_on, earlier.lapses_on, committed_on):
            continue
        before = audit.snapshot(earlier, Proceeding.AUDIT_FIELDS)
        earlier.lapse_stopped_on = committed_on
        earlier.lapses_on = None
        earlier.save()
        _audit(by, "discipline.lapse_stopped", earlier, before, f"Vi phạm mới ngày {vn_date(committed_on)}: kỷ luật không tự "
               "động hết hiệu lực", {"new_proceeding": new.pk})


# ---------------------------------------------------------------- K9, K10, proposal

@audited
def defer(*, by, proceeding: Proceeding, reason: str, until: dt.date | None, on: dt.date | None = None,
          child_born_on: dt.date | None = None, expected_version: int | None = None) -> Proceeding:
    """K9: the member is pregnant, nursing a child under 12 months or seriously ill in hospital: not considered
    until `until` (for nursing, the child's first birthday at most)."""
    p = _open(by, proceeding, expected_version, cell=True)
    on = on or today()
    params = params_on(on, p.organization)
    if reason == DeferralReason.NURSING and child_born_on is not None and until is None:
        until = rules.nursing_end(child_born_on, params)
    v = rules.check_deferral(reason, until, on, params, child_born_on)
    if p.subject_kind != SubjectKind.MEMBER:
        v.append(Violation("discipline.deferral_org", "Tạm hoãn: chỉ áp dụng với đảng viên.", "deferral_reason"))
    if p.status not in (Status.OPEN, Status.DEFERRED):
        v.append(Violation("discipline.deferral_decided", "Tạm hoãn: vụ việc đã có quyết định.", "status"))
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    p.deferral_reason, p.deferred_until, p.status = reason, until, Status.DEFERRED
    p.save()
    _audit(by, "discipline.defer", p, before, f"Chưa xem xét kỷ luật đến ngày {vn_date(until)}: "
           f"{DeferralReason(reason).label}")
    return p


@audited
def record_hearing(*, by, proceeding: Proceeding, heard_on: dt.date | None = None, invitations_declined: int | None = None,
                   expected_version: int | None = None) -> Proceeding:
    """K10: the member was heard on `heard_on`, or invited `invitations_declined` times without coming."""
    p = _open(by, proceeding, expected_version, cell=True)
    v = []
    if heard_on is None and invitations_declined is None:
        v.append(Violation("discipline.hearing_missing", "Nghe trình bày: nhập ngày nghe hoặc số lần mời không đến.", "heard_on"))
    if heard_on is not None and (heard_on > today() or heard_on < p.opened_on):
        v.append(Violation("discipline.heard_on", f"Ngày nghe trình bày: từ ngày bắt đầu xem xét ({vn_date(p.opened_on)}) "
                           "đến hôm nay.", "heard_on"))
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    if heard_on is not None:
        p.heard_on = heard_on
    if invitations_declined is not None:
        p.invitations_declined = invitations_declined
    p.save()
    _audit(by, "discipline.hearing", p, before, "Ghi việc nghe trình bày ý kiến")
    return p


def _body_vote_violations(org: Organization, body_kind: str, on: dt.date, base: int | None, field: str) -> list[Violation]:
    """K4: the base is every member with voting rights, from the register: a cell's full members on the date
    (members.selectors.vote_base), a committee's seats on the date."""
    if base is None:
        return []
    if body_kind == BodyKind.CELL and org.kind in CELL_KINDS:
        vb = vote_base(org, on)
        if not vb.allows(base):
            return [Violation("discipline.vote_base_register", f"Tổng số thành viên có quyền biểu quyết ({base}) không khớp "
                              f"sổ đảng viên. {vb.describe()}", field, rules.SOURCE_VOTE)]
    elif body_kind == BodyKind.COMMITTEE:
        size = committee_size_on(org, on)
        if size is not None and size != base:
            return [Violation("discipline.vote_base_committee", f"Tổng số thành viên có quyền biểu quyết ({base}) không khớp "
                              f"số cấp ủy viên của {committee_name(org)} ngày {vn_date(on)} ({size}).", field,
                              rules.SOURCE_VOTE)]
    return []


@audited
def record_proposal(*, by, proceeding: Proceeding, proposal_body: Organization, proposal_on: dt.date, votes_for: int,
                    vote_base: int, expected_version: int | None = None) -> Proceeding:
    """The proposing body's vote (for expulsion it must reach 2/3 of all its members, K4)."""
    p = _open(by, proceeding, expected_version)
    params = params_on(proposal_on, p.organization)
    body_kind = BodyKind.CELL if proposal_body.kind in CELL_KINDS else BodyKind.COMMITTEE
    v = []
    if proposal_on > today() or proposal_on < p.opened_on:
        v.append(Violation("discipline.proposal_on", f"Ngày biểu quyết đề nghị: từ ngày bắt đầu xem xét "
                           f"({vn_date(p.opened_on)}) đến hôm nay.", "proposal_on"))
    v += rules.check_not_deferred(p.deferred_until, proposal_on, p.get_deferral_reason_display())
    v += rules.check_proposal_vote(votes_for, vote_base, params) if p.proposed_form == Form.EXPULSION else \
        rules.check_decision_vote(votes_for, vote_base, params)
    v += _body_vote_violations(proposal_body, body_kind, proposal_on, vote_base, "proposal_vote_base")
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    p.proposal_body, p.proposal_on, p.proposal_votes_for, p.proposal_vote_base = proposal_body, proposal_on, votes_for, vote_base
    p.save()
    _audit(by, "discipline.propose", p, before, f"{proposal_body.name} biểu quyết đề nghị {rules.form_label(p.proposed_form)}: "
           f"{votes_for}/{vote_base}")
    return p


# ---------------------------------------------------------------- decision and announcement

def _body_facts(p: Proceeding, body_kind: str, deciding: Organization) -> rules.BodyFacts:
    return _body_facts_at(p.member.organization if p.member_id else p.subject_organization, body_kind, deciding)


def _body_facts_at(subject_place: Organization, body_kind: str, deciding: Organization) -> rules.BodyFacts:
    """Where `deciding` stands relative to the subject's place (the member's cell, or the organization itself)."""
    subject_path = subject_place.path
    is_above = subject_path.startswith(deciding.path) and subject_place.pk != deciding.pk
    ids = path_ids(subject_path)
    return rules.BodyFacts(kind=body_kind, is_subject_cell=deciding.pk == subject_place.pk, is_above=is_above,
                           is_direct_superior=len(ids) >= 2 and ids[-2] == deciding.pk)


@audited
def decide(*, by, proceeding: Proceeding, form: str, body_kind: str, deciding_organization: Organization, decided_on: dt.date,
           votes_for: int | None, vote_base: int | None, decision_number: str = "", post: str = "",
           expulsion_ground: str = "", announced_on: dt.date | None = None,
           expected_version: int | None = None) -> Proceeding:
    """The competent body decides (K1 form by subject, K2/K3 body, K4 vote against the register's base, K6
    limitation on the decision's date, K9 not while deferred, K10 heard). With `announced_on` the decision is
    announced at once (K5)."""
    p = _open(by, proceeding, expected_version, cell=True)
    if not may_decide(by, p.organization) and (form not in CELL_FORMS or body_kind != BodyKind.CELL
                                               or deciding_organization.pk != p.organization_id):
        raise PermissionDeniedInScope(CELL_ONLY)  # the secretary records only the cell's own decision (K2)
    if not may_decide(by, deciding_organization) and not permissions.can(by, "view", deciding_organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi quyết định của {deciding_organization.name}.")
    params = params_on(decided_on, p.organization)
    v: list[Violation] = []
    if p.status not in (Status.OPEN, Status.DEFERRED):
        v.append(Violation("discipline.already_decided", "Vụ việc đã có quyết định: không quyết định lại (khiếu nại để "
                           "thay đổi).", "status"))
    if decided_on > today() or decided_on < p.opened_on:
        v.append(Violation("discipline.decided_on", f"Ngày quyết định: từ ngày bắt đầu xem xét ({vn_date(p.opened_on)}) đến "
                           "hôm nay.", "decided_on"))
    status, seats = "", []
    if p.member_id:
        status = _member_status(p.member, decided_on)
        seats = selectors.holds_post(p.member, decided_on)
    v += rules.check_form(form, subject_kind=p.subject_kind, member_status=status, holds_post=bool(seats),
                          name=p.subject_name)
    if form == Form.REMOVAL_FROM_POST and seats and not post.strip():
        post = "; ".join(f"{s.get_position_display()} {committee_name(s.term.organization)}" for s in seats)
    if form in Form.values:
        v += rules.check_body(_body_facts(p, body_kind, deciding_organization), form=form, subject_kind=p.subject_kind,
                              higher_level_task=p.higher_level_task)
        v += rules.check_limitation(_limitation_facts(p), form, decided_on, params)
    v += rules.check_not_deferred(p.deferred_until, decided_on, p.get_deferral_reason_display())
    if p.subject_kind == SubjectKind.MEMBER:
        v += rules.check_hearing(p.heard_on, p.invitations_declined, decided_on, params)
    v += rules.check_decision_vote(votes_for, vote_base, params)
    v += _body_vote_violations(deciding_organization, body_kind, decided_on, vote_base, "vote_base")
    if form == Form.EXPULSION:
        if p.proposal_votes_for is None:
            v.append(Violation("discipline.expulsion_proposal", "Khai trừ: chưa ghi biểu quyết đề nghị khai trừ của tổ chức "
                               "đề nghị (ít nhất 2/3).", "proposal_votes_for", rules.SOURCE_VOTE))
        else:
            v += rules.check_proposal_vote(p.proposal_votes_for, p.proposal_vote_base, params_on(p.proposal_on, p.organization))
        if expulsion_ground not in GROUNDS_FOR[EventType.EXPELLED]:
            v.append(Violation("discipline.expulsion_ground", "Căn cứ khai trừ: bắt buộc chọn trong danh sách.",
                               "expulsion_ground"))
    elif expulsion_ground:
        expulsion_ground = ""
    v += field_violations(Proceeding, {"decision_number": decision_number.strip(), "post": post.strip()},
                          code_prefix="discipline")
    if announced_on is not None:
        v += rules.check_announcement(decided_on, announced_on, today())
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    p.decided_form, p.body_kind, p.deciding_organization, p.decided_on = form, body_kind, deciding_organization, decided_on
    p.votes_for, p.vote_base, p.decision_number, p.post = votes_for, vote_base, decision_number.strip(), post.strip()
    p.expulsion_ground, p.status, p.form_in_force = expulsion_ground, Status.DECIDED, form
    p.save()
    _audit(by, "discipline.decide", p, before, f"Quyết định {rules.form_label(form)} {p.subject_name} ngày {vn_date(decided_on)}")
    if announced_on is not None:
        _announce(by, p, announced_on)
    return p


@audited
def announce(*, by, proceeding: Proceeding, announced_on: dt.date, expected_version: int | None = None) -> Proceeding:
    """K5: the decision takes effect when announced; K7: its lapse date follows. An expulsion ends the membership
    through the register's lifecycle (members.services.record_event, with the decision's ground)."""
    p = _open(by, proceeding, expected_version, cell=True)
    v = []
    if p.status != Status.DECIDED:
        v.append(Violation("discipline.announce_status", "Công bố: vụ việc chưa có quyết định kỷ luật hoặc đã công bố.",
                           "status"))
    v += rules.check_announcement(p.decided_on, announced_on, today())
    raise_if(v)
    _announce(by, p, announced_on)
    return p


def _deciding_label(p: Proceeding) -> str:
    org = p.deciding_organization
    if org is None:
        return ""
    if p.body_kind == BodyKind.STANDING_COMMITTEE:
        return f"Ban Thường vụ {committee_name(org)}"
    if p.body_kind == BodyKind.INSPECTION_COMMISSION:
        return f"Ủy ban Kiểm tra {committee_name(org)}"
    return committee_name(org)


def _announce(by, p: Proceeding, announced_on: dt.date, *, removal_recorded: bool = False) -> None:
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    params = params_on(announced_on, p.organization)
    p.announced_on, p.status = announced_on, Status.ANNOUNCED
    p.lapses_on = rules.lapse_date(p.form_in_force, announced_on, params)
    p.save()
    _audit(by, "discipline.announce", p, before, f"Công bố quyết định {rules.form_label(p.form_in_force)} "
           f"{p.subject_name} ngày {vn_date(announced_on)}")
    if p.form_in_force == Form.EXPULSION and p.member_id and not removal_recorded:
        member_services.record_event(
            by=by, member=p.member, event_type=EventType.EXPELLED, effective_date=announced_on, authorized=True,
            decision=member_services.Decision(number=p.decision_number, date=p.decided_on, body=_deciding_label(p),
                                              reason=p.summary[:500], ground=p.expulsion_ground))
    _fire(by, p, hooks.ANNOUNCED, "", announced_on)


# ---------------------------------------------------------------- a decision taken before the application

def _body_facts_on(place: Organization, body_kind: str, deciding: Organization, on: dt.date) -> rules.BodyFacts | None:
    """`_body_facts_at` with the tree as it stood on `on` (None: `place` did not exist then)."""
    ids = [f.id for f in chain_on(place, on)]
    if not ids:
        return None
    return rules.BodyFacts(kind=body_kind, is_subject_cell=deciding.pk == place.pk, is_above=deciding.pk in ids[:-1],
                           is_direct_superior=len(ids) >= 2 and ids[-2] == deciding.pk)


def _expulsion_violations(member: Member, *, decided_on: dt.date, announced_on: dt.date | None, decision_number: str,
                          removal) -> list[Violation]:
    """One removal per expulsion: the register's "expelled" event after the decision must be the one on the
    announcement day (then the decision takes it as its removal) or none (then the announcement records it)."""
    others = [e for e in selectors.expulsions_recorded(member, decided_on) if removal is None or e.pk != removal.pk]
    if others:
        e = others[0]
        return [Violation("discipline.expulsion_recorded", f"Ngày công bố: sổ đảng viên đã ghi {member.full_name} bị khai "
                          f"trừ ngày {vn_date(e.effective_date)}; quyết định khai trừ có hiệu lực từ ngày công bố, ghi ngày "
                          "công bố là ngày đó (không ghi hai lần ra khỏi Đảng).", "announced_on")]
    if removal is not None and removal.decision_number and decision_number and \
            removal.decision_number.strip() != decision_number.strip():
        return [Violation("discipline.expulsion_number", f"Số quyết định: sổ đảng viên ghi khai trừ ngày "
                          f"{vn_date(removal.effective_date)} theo quyết định {removal.decision_number}, không phải "
                          f"{decision_number}.", "decision_number")]
    return []


@audited
def record_past_decision(*, by, form: str, summary: str, body_kind: str, deciding_organization: Organization | None,
                         decided_on: dt.date, decision_number: str, announced_on: dt.date | None = None,
                         member: Member | None = None, subject_organization: Organization | None = None,
                         committed_on: dt.date | None = None, post: str = "", expulsion_ground: str = "") -> Proceeding:
    """A decision taken outside the application (an old year's register, a paper file): the proceeding is
    created decided — and announced when `announced_on` is given — in one step, with the same consequences as
    `decide`/`announce` (the lapse date, K7; an expulsion's removal from the register; hooks.PenaltyDecided).

    What was decided is recorded as decided: the steps before it (hearing, proposal, votes) and the limitation
    period are not asked, since the competent body judged them then. Refused is only what cannot have been:
    a date after today or an announcement before the decision; a member not in the party on the decision day (the
    cell they were in then is where the proceeding sits), an organization that did not exist then; a form not
    in the list or not allowed for the subject (K1: probationary members, removal from post without a post held
    or named); a body that may not decide that form (K2/K3, the tree as it stood on the decision day).

    Expulsion (one removal, never two): the member's "expelled" event in the register on the announcement day,
    when the membership events import already brought it, is the decision's removal (its decision number must
    match when it has one); otherwise the announcement records it through the register (members.services), as
    `announce` does. An "expelled" event on any other day after the decision refuses the row."""
    if (member is None) == (subject_organization is None):
        raise ValueError("record_past_decision: exactly one of member, subject_organization")
    v: list[Violation] = []
    decision_number, summary, post = decision_number.strip(), (summary or "").strip(), post.strip()
    if decided_on > today():
        v.append(Violation("discipline.decided_on", "Ngày quyết định: không thể sau ngày hôm nay.", "decided_on"))
    if announced_on is not None:
        v += rules.check_announcement(decided_on, announced_on, today())
    if not summary:
        v.append(Violation("discipline.summary", "Nội dung vi phạm: bắt buộc nhập.", "summary"))
    if not decision_number:
        v.append(Violation("discipline.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    if committed_on is not None and committed_on > decided_on:
        v.append(Violation("discipline.violation_future", f"Ngày vi phạm ({vn_date(committed_on)}) không thể sau ngày quyết "
                           f"định ({vn_date(decided_on)}).", "committed_on"))
    if deciding_organization is None:
        v.append(Violation("discipline.deciding_organization", "Tổ chức đảng quyết định: bắt buộc nhập.",
                           "deciding_organization"))
    raise_if(v)
    removal, status, seats = None, "", []
    if member is not None:
        if form == Form.EXPULSION and announced_on is not None:
            removal = next((e for e in selectors.expulsions_recorded(member, decided_on)
                            if e.effective_date == announced_on), None)
        # the day the member's standing is read: the decision's, or the day before a removal recorded on it
        day = decided_on - dt.timedelta(days=1) if removal is not None and removal.effective_date == decided_on else decided_on
        state = state_on(member, day)
        if state is None:
            raise_if([Violation("discipline.not_in_party", f"Đảng viên: ngày {vn_date(decided_on)} {member.full_name} không "
                                "sinh hoạt trong Đảng.", "member")])
        place = state.organization
        status = _member_status(member, day)
        seats = selectors.holds_post(member, decided_on)
    else:
        place = subject_organization
    if not may_decide(by, place):
        _deny(by, place)
    kind = SubjectKind.MEMBER if member is not None else SubjectKind.ORGANIZATION
    name = member.full_name if member is not None else subject_organization.name
    v += rules.check_form(form, subject_kind=kind, member_status=status, holds_post=bool(seats or post), name=name,
                          field="decided_form")
    if form == Form.REMOVAL_FROM_POST and seats and not post:
        post = "; ".join(f"{s.get_position_display()} {committee_name(s.term.organization)}" for s in seats)
    if form in Form.values:
        facts = _body_facts_on(place, body_kind, deciding_organization, decided_on)
        if facts is None:
            v.append(Violation("discipline.org_inactive", f"Tổ chức đảng: ngày {vn_date(decided_on)} {place.name} chưa thành "
                               "lập hoặc đã giải thể.", "subject_organization"))
        else:
            v += rules.check_body(facts, form=form, subject_kind=kind, higher_level_task=False)
    if form == Form.EXPULSION and member is not None:
        if expulsion_ground == "" and removal is not None:
            expulsion_ground = removal.ground
        if expulsion_ground not in GROUNDS_FOR[EventType.EXPELLED]:
            v.append(Violation("discipline.expulsion_ground", "Căn cứ khai trừ: bắt buộc chọn trong danh sách.",
                               "expulsion_ground"))
        v += _expulsion_violations(member, decided_on=decided_on, announced_on=announced_on,
                                   decision_number=decision_number, removal=removal)
    elif expulsion_ground:
        expulsion_ground = ""
    same = Proceeding.objects.filter(member=member, subject_organization=subject_organization, decided_on=decided_on,
                                     decision_number=decision_number)
    if same.exists():
        v.append(Violation("discipline.past_recorded", f"Số quyết định: quyết định {decision_number} ngày {vn_date(decided_on)} "
                           f"về {name} đã được ghi.", "decision_number"))
    v += field_violations(Proceeding, {"decision_number": decision_number, "post": post}, code_prefix="discipline")
    raise_if(v)
    p = Proceeding.objects.create(
        subject_kind=kind, member=member, subject_organization=subject_organization, organization=place,
        opened_on=decided_on, summary=summary, proposed_form=form, decided_form=form, form_in_force=form,
        body_kind=body_kind, deciding_organization=deciding_organization, decided_on=decided_on,
        decision_number=decision_number, post=post, expulsion_ground=expulsion_ground, status=Status.DECIDED,
        created_by=_user(by), created_by_label=audit.actor_label(by))
    if committed_on is not None:
        ViolationRow.objects.create(proceeding=p, kind=ViolationKind.ORDINARY, committed_on=committed_on, description=summary)
    _audit(by, "discipline.record_past", p, None, f"Ghi quyết định {rules.form_label(form)} {name} số {decision_number} "
           f"ngày {vn_date(decided_on)} (ban hành trước khi dùng phần mềm)")
    if member is not None and committed_on is not None:
        _stop_lapses(by, member, committed_on, p)
    if announced_on is not None:
        _announce(by, p, announced_on, removal_recorded=removal is not None)
    return p


def _fire(by, p: Proceeding, event: str, previous: str, effective_on: dt.date) -> None:
    years = tuple(sorted({v.committed_on.year for v in p.violations.all()}))
    hooks.fire(hooks.PenaltyDecided(event, p.pk, p.member_id, p.subject_organization_id,
                                    p.form_in_force if event != hooks.CANCELLED else "", previous, p.decided_on, effective_on,
                                    years), by=by)


@audited
def drop(*, by, proceeding: Proceeding, on: dt.date, reason: str, expected_version: int | None = None) -> Proceeding:
    """The body concludes without discipline (or the limitation ran out): the proceeding ends."""
    p = _open(by, proceeding, expected_version, cell=True)
    v = []
    if p.status not in (Status.OPEN, Status.DEFERRED):
        v.append(Violation("discipline.drop_status", "Vụ việc đã có quyết định kỷ luật.", "status"))
    if not reason.strip():
        v.append(Violation("discipline.drop_reason", "Lý do: bắt buộc nhập.", "reason"))
    if on > today() or on < p.opened_on:
        v.append(Violation("discipline.drop_on", "Ngày kết luận: từ ngày bắt đầu xem xét đến hôm nay.", "on"))
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    p.status, p.ended_on = Status.DROPPED, on
    p.save()
    _audit(by, "discipline.drop", p, before, f"Kết luận không kỷ luật: {reason.strip()}")
    return p


# ---------------------------------------------------------------- K11: appeals

@audited
def receive_appeal(*, by, proceeding: Proceeding, appellant: str, decision_received_on: dt.date, received_on: dt.date,
                   content: str = "", declared_bars=(), handling_body: str = "") -> Appeal:
    """Record an appeal as received, with every ground on which it is not handled (K11: late, before a written
    decision, and those the officer states). A handled appeal suspends the automatic lapse until its decision."""
    p = _open(by, proceeding, None)
    params = params_on(received_on, p.organization)
    unknown = set(declared_bars) - set(AppealBar.values)
    if unknown:
        raise ValueError(f"receive_appeal: unknown bars {sorted(unknown)}")
    facts = rules.AppealFacts(decision_received_on, received_on, has_written_decision=p.decided_on is not None
                              and p.status in (Status.DECIDED, Status.ANNOUNCED), declared=frozenset(declared_bars))
    v = rules.check_appeal_dates(facts, p.decided_on, today())
    if not appellant.strip():
        v.append(Violation("appeal.appellant", "Người khiếu nại: bắt buộc nhập.", "appellant"))
    v += field_violations(Appeal, {"appellant": appellant.strip(), "handling_body": handling_body.strip()},
                          code_prefix="appeal")
    raise_if(v)
    bars = [x.code.split(".", 1)[1] for x in rules.appeal_bars(facts, params)]
    appeal = Appeal.objects.create(proceeding=p, appellant=appellant.strip(), decision_received_on=decision_received_on,
                                   received_on=received_on, content=content.strip(), bars=bars,
                                   handling_body=handling_body.strip())
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    if not bars and p.lapses_on is not None:
        p.lapses_on = None  # K7: no automatic lapse while an appeal is being handled; its decision sets the date
        p.save()
    note = f"Nhận đơn khiếu nại của {appeal.appellant} ngày {vn_date(received_on)}"
    if bars:
        note += ": không giải quyết (" + "; ".join(appeal.bar_labels) + ")"
    _audit(by, "discipline.appeal", p, before, note, {"appeal": appeal.pk, "bars": bars})
    return appeal


@audited
def decide_appeal(*, by, appeal: Appeal, outcome: str, decided_on: dt.date, announced_on: dt.date, decision_number: str = "",
                  new_form: str = "", expected_version: int | None = None) -> Appeal:
    """The appeal decision: uphold (the penalty lapses 12 months after its announcement), change the form (the
    new form applies from the announcement and lapses likewise), or cancel (the penalty ends on the
    announcement). Cancelling an announced expulsion, or changing it to a lighter form, returns the member to
    the party through the register's lifecycle (members.services.annul_expulsion: the "expelled" event annulled
    by this decision, the history replayed as if never expelled); raising a penalty to expulsion stays refused."""
    appeal = lock_for_update(appeal, None)
    p = _open(by, appeal.proceeding, None)
    check_version(appeal, expected_version)
    params = params_on(announced_on, p.organization)
    v: list[Violation] = []
    if appeal.bars:
        v.append(Violation("appeal.not_handled", "Khiếu nại này không được giải quyết: " + "; ".join(appeal.bar_labels) + ".",
                           "outcome", rules.SOURCE_APPEAL))
    if appeal.outcome:
        v.append(Violation("appeal.decided", "Khiếu nại đã được giải quyết.", "outcome"))
    if outcome not in AppealOutcome.values:
        v.append(Violation("appeal.outcome", "Kết quả giải quyết: chọn trong danh sách.", "outcome"))
    if decided_on < appeal.received_on or decided_on > today():
        v.append(Violation("appeal.decided_on", f"Ngày quyết định giải quyết: từ ngày nhận đơn ({vn_date(appeal.received_on)}) "
                           "đến hôm nay.", "decided_on"))
    v += rules.check_announcement(decided_on, announced_on, today())
    if outcome == AppealOutcome.CHANGE:
        if new_form == p.form_in_force:
            v.append(Violation("appeal.same_form", "Hình thức kỷ luật mới: trùng hình thức đang áp dụng (chọn “giữ nguyên”).",
                               "new_form"))
        else:
            status = _member_status(p.member, decided_on) if p.member_id else ""
            if p.member_id and p.member.status == MemberStatus.EXPELLED:
                status = rules.MEMBER_FULL
            v += rules.check_form(new_form, subject_kind=p.subject_kind, member_status=status,
                                  holds_post=bool(p.member_id and (p.post or selectors.holds_post(p.member, decided_on))),
                                  name=p.subject_name, field="new_form")
        if new_form == Form.EXPULSION:
            v.append(Violation("appeal.expulsion_change", "Hình thức kỷ luật mới: nâng lên khai trừ phải qua quyết định kỷ "
                               "luật mới và thủ tục của sổ đảng viên.", "new_form"))
    elif new_form:
        new_form = ""
    raise_if(v)
    before = audit.snapshot(p, Proceeding.AUDIT_FIELDS)
    appeal.outcome, appeal.decided_on, appeal.announced_on = outcome, decided_on, announced_on
    appeal.decision_number, appeal.new_form = decision_number.strip(), new_form
    appeal.save()
    previous = p.form_in_force
    if outcome == AppealOutcome.CANCEL:
        p.status, p.ended_on, p.lapses_on = Status.CANCELLED, announced_on, None
    else:
        if outcome == AppealOutcome.CHANGE:
            p.form_in_force = new_form
        if p.lapse_stopped_on is None:
            p.lapses_on = rules.lapse_date(p.form_in_force, announced_on, params)  # K7: from the appeal decision
    p.save()
    _audit(by, "discipline.appeal_decide", p, before, f"Giải quyết khiếu nại: {AppealOutcome(outcome).label}",
           {"appeal": appeal.pk, "outcome": outcome, "new_form": new_form, "decision_number": appeal.decision_number})
    if (previous == Form.EXPULSION and outcome in (AppealOutcome.CANCEL, AppealOutcome.CHANGE) and p.member_id
            and p.announced_on is not None):
        # The expulsion no longer stands: the register takes the member back as if never expelled (its lifecycle
        # service marks the "expelled" event annulled by this decision and replays the history); a lighter form
        # takes effect from the appeal decision's announcement (K7 above).
        member_services.annul_expulsion(
            by=by, member=p.member, on=announced_on, authorized=True,
            decision=member_services.Decision(number=appeal.decision_number, date=decided_on, body=appeal.handling_body,
                                              reason=f"Giải quyết khiếu nại: {AppealOutcome(outcome).label}"))
    if outcome == AppealOutcome.CHANGE:
        _fire(by, p, hooks.CHANGED, previous, announced_on)
    elif outcome == AppealOutcome.CANCEL:
        _fire(by, p, hooks.CANCELLED, previous, announced_on)
    return appeal


# ---------------------------------------------------------------- K12: notifications

@audited
def record_notification(*, by, member: Member, body_kind: str, body_name: str, measure: str, decision_date: dt.date,
                        received_on: dt.date, decision_number: str = "", note: str = "",
                        proceeding: Proceeding | None = None) -> Notification:
    """A state body, the Fatherland Front or a mass organization informs of its measure against a member
    (K12: within 5 days of its decision; a later notice is recorded and marked late)."""
    if member.organization is None:
        raise_if([Violation("notification.member", f"Đảng viên: {member.full_name} không còn sinh hoạt trong Đảng.",
                            "member")])
    _require(by, member.organization)
    params = params_on(received_on, member.organization)
    v = []
    if body_kind not in NoticeBodyKind.values:
        v.append(Violation("notification.body_kind", "Loại cơ quan: chọn trong danh sách.", "body_kind"))
    if not body_name.strip():
        v.append(Violation("notification.body_name", "Cơ quan, tổ chức thông báo: bắt buộc nhập.", "body_name"))
    if not measure.strip():
        v.append(Violation("notification.measure", "Hình thức xử lý: bắt buộc nhập.", "measure"))
    if received_on < decision_date:
        v.append(Violation("notification.received_before", "Ngày nhận thông báo: không thể trước ngày quyết định.",
                           "received_on"))
    if received_on > today():
        v.append(Violation("notification.future", "Ngày nhận thông báo: không thể sau ngày hôm nay.", "received_on"))
    if proceeding is not None and proceeding.member_id != member.pk:
        v.append(Violation("notification.proceeding", "Vụ việc kỷ luật liên quan: không phải của đảng viên này.", "proceeding"))
    v += field_violations(Notification, {"body_name": body_name.strip(), "measure": measure.strip(),
                                         "decision_number": decision_number.strip()}, code_prefix="notification")
    raise_if(v)
    n = Notification.objects.create(member=member, organization=member.organization, body_kind=body_kind,
                                    body_name=body_name.strip(), measure=measure.strip(),
                                    decision_number=decision_number.strip(), decision_date=decision_date,
                                    received_on=received_on, late=rules.notification_late(decision_date, received_on, params),
                                    note=note.strip(), proceeding=proceeding, recorded_by=_user(by))
    audit.record(actor=by, action="discipline.notification", obj=n, after=audit.snapshot(n, Notification.AUDIT_FIELDS),
                 note=f"{n.body_name} thông báo {n.measure} đối với {member.full_name}")
    return n


__all__ = ["ViolationInput", "announce", "decide", "decide_appeal", "defer", "drop", "may_decide", "open_proceeding",
           "may_act", "may_record_in_cell", "receive_appeal", "record_hearing", "record_notification", "record_past_decision",
           "record_proposal"]
