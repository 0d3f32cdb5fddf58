"""Use cases of admission and probation: the only code that changes candidates and probation votes.

Each one: permission first, then every rule of the step (all violations at once), then one
transaction that writes the step, re-derives the stage and writes the audit entry. The ceremony
also enters the new member in the register through `members.services.register_member`; the
recognition and the striking off are membership events written by `members.services.record_event`.
When anything refuses, nothing is written (the transaction rolls back).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max

from dangvu.accounts import permissions
from dangvu.admissions import rules
from dangvu.admissions.kinds import (
    CELL_STEPS,
    STEP_DATE_FIELD,
    IntroducingOrganization,
    Stage,
    Step,
    VoteProposal,
    WithdrawalKind,
)
from dangvu.admissions.models import Candidate, ProbationVote
from dangvu.admissions.querysets import DECIDE, PROPOSE
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import lock_for_update
from dangvu.members import rules as member_rules
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType, RemovalGround, Sex, Status
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.members.rules import check_citizen_id
from dangvu.members.selectors import vote_base
from dangvu.organizations.committees import committee_size_on
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import grassroots_today, placement_on
from dangvu.rules.parameters import params_on
from dangvu.rules.regimes import regime_on
from dangvu.rules.workdays import calendar_for

ADMISSION_EVENTS = (EventType.ADMITTED, EventType.READMITTED)


def step_action(step: str) -> str:
    return PROPOSE if step in CELL_STEPS else DECIDE


def _require(by, action: str, org: Organization, message: str) -> None:
    if permissions.is_system_admin(by):
        return  # the system (demo, commands)
    if not permissions.can(by, action, org):
        raise PermissionDeniedInScope(message)


def _user(by):
    return by if getattr(by, "pk", None) else None


def _lock(candidate: Candidate, expected_version: int | None) -> Candidate:
    return lock_for_update(candidate, expected_version, queryset=Candidate.objects.select_related("organization"))


# ---------------------------------------------------------------- identity

def _normalize(fields: dict) -> dict:
    out = dict(fields)
    for key, value in out.items():
        if isinstance(value, str):
            out[key] = " ".join(value.split()) if key in ("full_name", "other_names") else value.strip()
    if "citizen_id" in out:
        out["citizen_id"] = out["citizen_id"] or None
    return out


def check_identity(r: dict, *, exclude_pk=None) -> list[Violation]:
    v: list[Violation] = []
    dob = r.get("date_of_birth")
    if not (r.get("full_name") or "").strip():
        v.append(Violation("candidate.name", "Họ và tên: không được để trống.", "full_name"))
    if r.get("sex") not in Sex.values:
        v.append(Violation("candidate.sex", "Giới tính: chọn Nam hoặc Nữ.", "sex"))
    if dob is None:
        v.append(Violation("candidate.dob", "Ngày sinh: bắt buộc nhập.", "date_of_birth"))
    elif dob > today():
        v.append(Violation("candidate.dob_future", "Ngày sinh: không thể sau ngày hôm nay.", "date_of_birth"))
    else:
        v += rules.check_birth_date(dob)
    v += check_citizen_id(r.get("citizen_id"), r.get("sex"), dob)
    youth = r.get("youth_union_date")
    if youth and dob and youth <= dob:
        v.append(Violation("candidate.youth_union", "Ngày vào Đoàn phải sau ngày sinh.", "youth_union_date"))
    if youth and youth > today():
        v.append(Violation("candidate.youth_union_future", "Ngày vào Đoàn: không thể sau ngày hôm nay.", "youth_union_date"))
    cid = r.get("citizen_id")
    if cid:
        if Member.objects.filter(citizen_id=cid).exists():
            v.append(Violation("candidate.citizen_id_member", f"Số CCCD {cid} đã có trong sổ đảng viên: người này đã là (hoặc "
                               "từng là) đảng viên; người đã ra khỏi Đảng thì xét kết nạp lại.", "citizen_id"))
        elif Candidate.objects.filter(citizen_id=cid, withdrawn_on__isnull=True, member__isnull=True).exclude(pk=exclude_pk).exists():
            v.append(Violation("candidate.citizen_id_taken", f"Số CCCD {cid} đã có trong danh sách người vào Đảng đang xem xét.",
                               "citizen_id"))
    return v


def check_cell(org: Organization | None, on: dt.date) -> list[Violation]:
    if org is None:
        return [Violation("candidate.organization", "Chi bộ đề nghị: bắt buộc chọn.", "organization")]
    return member_services.check_destination(org, on, "organization")


@audited
def create_candidate(*, by, organization: Organization, **fields) -> Candidate:
    """Put a person on the cell's list of candidates for admission (quần chúng ưu tú)."""
    _require(by, PROPOSE, organization, f"Bạn không có quyền đề nghị kết nạp đảng viên ở “{organization.name}”.")
    fields = _normalize(fields)
    unknown = set(fields) - set(Candidate.IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"unknown candidate fields: {sorted(unknown)}")
    raise_if(check_cell(organization, today()) + check_identity(fields))
    candidate = Candidate(organization=organization, created_by=_user(by), **fields)
    candidate.stage = candidate.current_stage
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError as exc:  # the same person added twice at once (candidate_open_once)
        raise_if(check_identity(fields))
        raise RuleViolation([Violation("candidate.duplicate", "Hồ sơ người vào Đảng trùng với một hồ sơ đang xem xét.",
                                       None)]) from exc
    audit.record(actor=by, action="admissions.create", obj=candidate, after=audit.snapshot(candidate, Candidate.AUDIT_FIELDS),
                 note=f"Đưa vào danh sách người vào Đảng của {organization.name}")
    return candidate


@audited
def update_candidate(*, by, candidate: Candidate, expected_version: int | None, **changes) -> Candidate:
    """Correct the identity of a candidate still under consideration."""
    c = _lock(candidate, expected_version)
    _require(by, PROPOSE, c.organization, f"Bạn không có quyền sửa hồ sơ của {c.full_name}.")
    changes = _normalize(changes)
    unknown = set(changes) - set(Candidate.IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not c.is_open:
        raise_if([Violation("candidate.closed", "Hồ sơ đã kết thúc (đã kết nạp hoặc dừng xem xét): không sửa ở đây.", None)])
    merged = {f: getattr(c, f) for f in Candidate.IDENTITY_FIELDS} | changes
    v = check_identity(merged, exclude_pk=c.pk)
    if c.awareness_certificate_date and merged["date_of_birth"] and merged["date_of_birth"] != c.date_of_birth:
        v += rules.check_certificate_date(c.awareness_certificate_date, merged["date_of_birth"],
                                          params_on(c.awareness_certificate_date, c.organization), field="date_of_birth")
    if c.cell_meeting_date and merged["date_of_birth"] != c.date_of_birth:
        v += rules.check_age(merged["date_of_birth"], c.cell_meeting_date, params_on(c.cell_meeting_date, c.organization),
                             exception_decision=c.age_exception_decision, exception_reason=c.age_exception_reason)
    raise_if(v)
    before = audit.snapshot(c, Candidate.AUDIT_FIELDS)
    for key, value in changes.items():
        setattr(c, key, value)
    if not audit.diff(before, audit.snapshot(c, Candidate.AUDIT_FIELDS)):
        return c
    c.save()
    audit.record(actor=by, action="admissions.update", obj=c, before=before, after=audit.snapshot(c, Candidate.AUDIT_FIELDS))
    return c


# ---------------------------------------------------------------- steps

def _record(by, candidate: Candidate, step: str, on: dt.date, values: dict, extra, expected_version: int | None,
            after_write=None) -> Candidate:
    """Check and write one step: permission, version, order, the step's own rules, then the write."""
    c = _lock(candidate, expected_version)
    label = Step(step).label
    _require(by, step_action(step), c.organization, f"Bạn không có quyền ghi bước “{label}” cho {c.full_name}.")
    v = rules.check_step_order(step, on, c.step_dates(), needs_committee_vote=c.needs_committee_vote,
                               withdrawn=c.withdrawn_on is not None, today=today())
    if not v:
        v = extra(c)
    raise_if(v)
    before = audit.snapshot(c, Candidate.AUDIT_FIELDS)
    for key, value in values.items():
        setattr(c, key, value)
    setattr(c, STEP_DATE_FIELD[step], on)
    if callable(values.get("deciding_body")):
        c.deciding_body = values["deciding_body"](c)
    if after_write is not None:
        after_write(c)
    c.stage = c.current_stage
    c.save()
    audit.record(actor=by, action=f"admissions.{step}", obj=c, before=before, after=audit.snapshot(c, Candidate.AUDIT_FIELDS),
                 note=f"{label}: {vn_date(on)}")
    return c


def _none(c):
    return []


@audited
def record_certificate(*, by, candidate: Candidate, certificate_date: dt.date, certificate_number: str = "",
                       issuer: str = "", awareness_class: str = "", expected_version: int | None = None) -> Candidate:
    """A3: the awareness-class certificate (valid 60 months, checked at the cell's meeting).

    The training app records it when a class it keeps issues the certificate (`awareness_class` names
    the class); typed by hand (no class) only for a certificate issued before the class was kept here."""
    values = {"awareness_certificate_number": certificate_number.strip(), "awareness_certificate_issuer": issuer.strip(),
              "awareness_class": awareness_class.strip()}
    if candidate.awareness_certificate_date is not None and awareness_class:
        return _renew_certificate(by, candidate, certificate_date, values, expected_version)
    return _record(by, candidate, Step.CERTIFICATE, certificate_date, values,
                   lambda c: rules.check_certificate_date(certificate_date, c.date_of_birth,
                                                          params_on(certificate_date, c.organization)),
                   expected_version)


def _renew_certificate(by, candidate: Candidate, certificate_date: dt.date, values: dict,
                       expected_version: int | None) -> Candidate:
    """A3: a candidate whose certificate expired (or is about to) retakes the class before the cell's vote;
    the new certificate replaces the old one on the step (the audit keeps the old one)."""
    c = _lock(candidate, expected_version)
    label = Step(Step.CERTIFICATE).label
    _require(by, step_action(Step.CERTIFICATE), c.organization, f"Bạn không có quyền ghi bước “{label}” cho {c.full_name}.")
    v = []
    if c.withdrawn_on is not None:
        v.append(Violation("admission.withdrawn", "Người này đã dừng xem xét kết nạp: không ghi thêm bước nào.", None))
    elif c.cell_meeting_date is not None:
        v.append(Violation("admission.certificate_after_vote", f"{label}: chi bộ đã xét ngày {vn_date(c.cell_meeting_date)}; "
                           "giấy chứng nhận đã dùng cho lần xét đó, không thay.", "awareness_certificate_date"))
    elif certificate_date <= c.awareness_certificate_date:
        v.append(Violation("admission.certificate_not_newer", f"{label}: đã có giấy chứng nhận ngày "
                           f"{vn_date(c.awareness_certificate_date)}; chỉ ghi giấy chứng nhận mới hơn (học lại lớp).",
                           "awareness_certificate_date"))
    elif certificate_date > today():
        v.append(Violation("admission.future", f"{label}: ngày {vn_date(certificate_date)} sau ngày hôm nay.",
                           "awareness_certificate_date"))
    raise_if(v)
    before = audit.snapshot(c, Candidate.AUDIT_FIELDS)
    for key, value in values.items():
        setattr(c, key, value)
    c.awareness_certificate_date = certificate_date
    c.stage = c.current_stage
    c.save()
    audit.record(actor=by, action="admissions.certificate", obj=c, before=before, after=audit.snapshot(c, Candidate.AUDIT_FIELDS),
                 note=f"{label} (học lại): {vn_date(certificate_date)}")
    return c


@audited
def record_application(*, by, candidate: Candidate, application_date: dt.date, expected_version: int | None = None) -> Candidate:
    return _record(by, candidate, Step.APPLICATION, application_date, {}, _none, expected_version)


@audited
def record_background_statement(*, by, candidate: Candidate, statement_date: dt.date,
                                 expected_version: int | None = None) -> Candidate:
    """A4: the background statement comes after the application (the order check refuses an earlier date)."""
    return _record(by, candidate, Step.BACKGROUND, statement_date, {}, _none, expected_version)


@audited
def record_verification(*, by, candidate: Candidate, completed_date: dt.date, note: str = "",
                        expected_version: int | None = None) -> Candidate:
    """A5–A7: verification finished; only then may the committees comment and certify."""
    return _record(by, candidate, Step.VERIFICATION, completed_date, {"verification_note": note.strip()}, _none,
                   expected_version)


def introducer_facts(candidate: Candidate, on: dt.date, entries: list[tuple[str, str, str, Member | None, dt.date | None]]
                     ) -> list[rules.IntroducerFacts]:
    """What the rules need of each introducer: full member on `on`, in the candidate's grassroots organization."""
    grassroots = grassroots_today(candidate.organization)
    facts = []
    for label, field, since_field, member, since in entries:
        if member is None:
            facts.append(rules.IntroducerFacts(label, field, since_field, "", False, False, since))
            continue
        state = MemberState.objects.valid_on(on).filter(member=member).select_related("organization").first()
        is_full = state is not None and state.status == Status.FULL
        same = (state is not None and state.organization is not None and grassroots is not None
                and state.organization.path.startswith(grassroots.path))
        facts.append(rules.IntroducerFacts(label, field, since_field, member.full_name, is_full, same, since))
    return facts


@audited
def record_introducers(*, by, candidate: Candidate, introduction_date: dt.date, introducer_1: Member | None,
                       introducer_1_since: dt.date | None, introducer_2: Member | None = None,
                       introducer_2_since: dt.date | None = None, introducing_organization: str = "",
                       introducing_organization_name: str = "", expected_version: int | None = None) -> Candidate:
    """A8, A9: two full members of the same grassroots organization who have worked, studied or
    lived with the applicant for 12 months; or the Youth Union (trade union) executive plus one."""
    if introducing_organization not in IntroducingOrganization.values:
        raise_if([Violation("admission.introducing_org", f"Hình thức giới thiệu “{introducing_organization}” không có.",
                            "introducing_organization")])

    def extra(c):
        facts = introducer_facts(c, introduction_date, [
            ("Người giới thiệu thứ nhất", "introducer_1", "introducer_1_since", introducer_1, introducer_1_since),
            ("Người giới thiệu thứ hai", "introducer_2", "introducer_2_since", introducer_2, introducer_2_since),
        ])
        if introducer_1 is None and introducer_2 is not None:
            facts = [facts[1], facts[0]]
        grassroots = grassroots_today(c.organization)
        params = params_on(introduction_date, c.organization)
        without = next((o.name for o in (c.organization, grassroots) if o is not None and not o.has_youth_union), "")
        return rules.check_youth_union(c.date_of_birth, c.youth_union_date, introduction_date, params,
                                       organization_variant=introducing_organization,
                                       no_youth_union_in=without) + rules.check_introducers(
            facts, introduction_date, params,
                                       organization_variant=introducing_organization,
                                       organization_name=introducing_organization_name,
                                       grassroots_name=grassroots.name if grassroots else c.organization.name)

    return _record(by, candidate, Step.INTRODUCERS, introduction_date, {
        "introducer_1": introducer_1, "introducer_1_since": introducer_1_since if introducer_1 else None,
        "introducer_2": introducer_2, "introducer_2_since": introducer_2_since if introducer_2 else None,
        "introducing_organization": introducing_organization,
        "introducing_organization_name": introducing_organization_name.strip() if introducing_organization else "",
    }, extra, expected_version)


@audited
def record_cell_vote(*, by, candidate: Candidate, meeting_date: dt.date, full_members: int, votes_for: int,
                     resolution_number: str = "", age_exception_decision: str = "", age_exception_reason: str = "",
                     expected_version: int | None = None) -> Candidate:
    """A1 (age on the meeting date), A3 (certificate still valid), O1 (at least 3 full members in the
    cell), O14 (the base is the register's), A10 (at least 2/3 of the base)."""

    def extra(c):
        params = params_on(meeting_date, c.organization)
        return (rules.check_age(c.date_of_birth, meeting_date, params, exception_decision=age_exception_decision,
                                exception_reason=age_exception_reason)
                + rules.check_education(c.general_education.rank if c.general_education else None,
                                        c.general_education.name if c.general_education else "", params,
                                        _education_names())
                + rules.check_certificate(c.awareness_certificate_date, meeting_date, params)
                + register_vote_violations(c.organization_id, meeting_date, full_members, date_field="cell_meeting_date",
                                           what="nghị quyết đề nghị kết nạp", prefix="admission")
                + rules.check_vote(votes_for, full_members, base_field="full_members", votes_field="votes_for",
                                   base_label="Số đảng viên chính thức của chi bộ", what="nghị quyết đề nghị kết nạp",
                                   source=rules.SRC_CELL_VOTE))

    over_age = rules.age_months(candidate.date_of_birth, meeting_date) > params_on(meeting_date, candidate.organization)[
        "admission.max_age_months"]
    return _record(by, candidate, Step.CELL_VOTE, meeting_date, {
        "cell_full_members": full_members, "cell_votes_for": votes_for, "cell_resolution_number": resolution_number.strip(),
        "age_exception_decision": age_exception_decision.strip() if over_age else "",
        "age_exception_reason": age_exception_reason.strip() if over_age else "",
    }, extra, expected_version)


def _education_names() -> dict[int, str]:
    from dangvu.references.models import ReferenceItem

    return dict(ReferenceItem.objects.filter(list_code="general_education").values_list("rank", "name"))


@audited
def record_committee_vote(*, by, candidate: Candidate, meeting_date: dt.date, committee_members: int, votes_for: int,
                          expected_version: int | None = None) -> Candidate:
    """A11: at least 2/3 of the grassroots committee's members; when the committee's seats on the
    meeting date are recorded, the typed number of members is theirs (O11: members on temporary
    transfer elsewhere stay on the committee)."""

    def extra(c):
        grassroots = placement_on(c.organization, meeting_date).grassroots
        size = committee_size_on(grassroots.id, meeting_date) if grassroots else None
        if size is not None and committee_members != size:
            return [Violation("admission.committee_members_register", f"Số cấp ủy viên: nhập {committee_members}, nhưng ngày "
                              f"{vn_date(meeting_date)} {grassroots.name} có {size} cấp ủy viên theo danh sách cấp ủy; số "
                              f"cấp ủy viên phải là {size}.", "committee_members", rules.SRC_COMMITTEE_VOTE)]
        return rules.check_vote(votes_for, committee_members, base_field="committee_members", votes_field="votes_for",
                                base_label="Số cấp ủy viên", what="đảng ủy cơ sở", source=rules.SRC_COMMITTEE_VOTE)

    return _record(by, candidate, Step.COMMITTEE_VOTE, meeting_date,
                   {"committee_members": committee_members, "committee_votes_for": votes_for}, extra, expected_version)


def default_deciding_body(org: Organization, on: dt.date, delegated: bool = False) -> rules.DecidingBody:
    """A12 on `on`: the body that decides admissions and recognitions for members of `org`."""
    place = placement_on(org, on)
    if place.organization is None:
        raise_if([Violation("admission.organization_not_on_date", f"Ngày {vn_date(on)}: {org.name} chưa thành lập hoặc "
                            "đã kết thúc vào ngày đó; không xác định được cấp ủy quyết định.", "decision_date")])
    grassroots = place.grassroots or place.organization
    return rules.deciding_body(regime_on(on).admission_deciding_level, grassroots_name=grassroots.name,
                               grassroots_is_committee=place.grassroots_is_committee,
                               superior_name=place.superior.name if place.superior else grassroots.name,
                               superior_parent_name=place.superior_parent.name if place.superior_parent else "",
                               delegated=delegated, grassroots_id=grassroots.id,
                               superior_id=place.superior.id if place.superior else grassroots.id,
                               superior_is_province=bool(place.superior and place.superior.kind == Kind.PROVINCIAL_COMMITTEE))


def decision_window(cell_meeting: dt.date, within=None) -> rules.Window:
    """A13 for a cell's resolution of `cell_meeting`; `within`, the cell (its province's own values apply)."""
    params = params_on(cell_meeting, within)
    days, ext = params["admission.decision_working_days"], params["admission.decision_extension_working_days"]
    return rules.window(cell_meeting, days, ext, calendar_for(cell_meeting, cell_meeting + dt.timedelta(days=2 * (days + ext) + 30)))


def ceremony_due(decision: dt.date, within=None) -> dt.date:
    from dangvu.rules.workdays import deadline

    return deadline(decision, params_on(decision, within)["admission.ceremony_working_days"])


@audited
def record_decision(*, by, candidate: Candidate, decision_number: str, decision_date: dt.date, deciding_body: str = "",
                    delegated: bool = False, extension_reason: str = "", expected_version: int | None = None) -> Candidate:
    """A12, A13: the admission decision, within 60 working days of the cell's resolution (30 more
    in special cases, with the reason). The deciding body defaults to the one of the regime in force."""

    def extra(c):
        v = []
        if not decision_number.strip():
            v.append(Violation("admission.decision_number", "Số quyết định kết nạp: bắt buộc nhập.", "decision_number"))
        params = params_on(c.cell_meeting_date, c.organization)
        v += rules.check_in_window(decision_date, decision_window(c.cell_meeting_date, c.organization), reason=extension_reason,
                                   field="decision_date", reason_field="decision_extension_reason", what="Quyết định kết nạp",
                                   start_label=f"nghị quyết của chi bộ ({vn_date(c.cell_meeting_date)})",
                                   days=params["admission.decision_working_days"],
                                   extension=params["admission.decision_extension_working_days"],
                                   source=rules.SRC_DECISION_DEADLINE)
        return v

    def body(c):
        return deciding_body.strip() or default_deciding_body(c.organization, decision_date, delegated).text

    return _record(by, candidate, Step.DECISION, decision_date, {
        "decision_number": decision_number.strip(), "deciding_body": body, "decision_delegated": delegated,
        "decision_extension_reason": extension_reason.strip(),
    }, extra, expected_version)


def _introducer_text(member: Member | None) -> str:
    return member.full_name if member else ""


@audited
def record_ceremony(*, by, candidate: Candidate, ceremony_date: dt.date, delay_consent: str = "",
                    decision_received_date: dt.date | None = None, expected_version: int | None = None) -> Candidate:
    """A14: the ceremony, within 30 working days of the decision. The candidate becomes a
    probationary member: entered in the register (members.services.register_member) and linked."""

    def extra(c):
        start = decision_received_date or c.decision_date
        params = params_on(start, c.organization)
        cal = calendar_for(start, start + dt.timedelta(days=2 * params["admission.ceremony_working_days"] + 30))
        return rules.check_ceremony(ceremony_date, c.decision_date, params, cal, delay_consent=delay_consent,
                                    received=decision_received_date)

    def admit(c):
        if c.introducing_organization:
            first, second = c.introducing_organization_name, _introducer_text(c.introducer_1 or c.introducer_2)
        else:
            first, second = _introducer_text(c.introducer_1), _introducer_text(c.introducer_2)
        record = {f: getattr(c, f) for f in Candidate.IDENTITY_FIELDS}
        member = member_services.register_member(
            by=by, organization=c.organization, admission_age_checked=True, **record,
            admission_decision_date=c.decision_date, ceremony_date=ceremony_date, admitted_in=c.organization.name,
            admission_age_exception=c.age_exception_decision[:120],
            introducer_1=first[:255], introducer_2=second[:255])
        c.member = member

    return _record(by, candidate, Step.CEREMONY, ceremony_date, {"ceremony_delay_consent": delay_consent.strip(),
                                                                 "decision_received_date": decision_received_date}, extra,
                   expected_version, after_write=admit)


# The inputs of each step, by the names the pages and the API use (the candidate's field names,
# which the violations name too) → the service's keyword arguments.
STEP_INPUTS: dict[str, dict[str, str]] = {
    Step.CERTIFICATE: {"awareness_certificate_date": "certificate_date", "awareness_certificate_number": "certificate_number"},
    Step.APPLICATION: {"application_date": "application_date"},
    Step.BACKGROUND: {"background_statement_date": "statement_date"},
    Step.VERIFICATION: {"verification_completed_date": "completed_date", "verification_note": "note"},
    Step.INTRODUCERS: {"introduction_date": "introduction_date", "introducing_organization": "introducing_organization",
                       "introducing_organization_name": "introducing_organization_name", "introducer_1": "introducer_1",
                       "introducer_1_since": "introducer_1_since", "introducer_2": "introducer_2",
                       "introducer_2_since": "introducer_2_since"},
    Step.CELL_VOTE: {"cell_meeting_date": "meeting_date", "full_members": "full_members", "votes_for": "votes_for",
                     "cell_resolution_number": "resolution_number", "age_exception_decision": "age_exception_decision",
                     "age_exception_reason": "age_exception_reason"},
    Step.COMMITTEE_VOTE: {"committee_meeting_date": "meeting_date", "committee_members": "committee_members",
                          "votes_for": "votes_for"},
    Step.DECISION: {"decision_number": "decision_number", "decision_date": "decision_date", "deciding_body": "deciding_body",
                    "decision_delegated": "delegated", "decision_extension_reason": "extension_reason"},
    Step.CEREMONY: {"ceremony_date": "ceremony_date", "decision_received_date": "decision_received_date",
                    "ceremony_delay_consent": "delay_consent"},
}


def record_step(*, by, candidate: Candidate, step: str, data: dict, expected_version: int | None = None) -> Candidate:
    """Record `step` from inputs named as in STEP_INPUTS (one door for the pages and the API)."""
    names = STEP_INPUTS[step]
    kwargs = {names[k]: v for k, v in data.items() if k in names and v is not None}
    return STEP_SERVICES[step](by=by, candidate=candidate, expected_version=expected_version, **kwargs)


STEP_SERVICES = {
    Step.CERTIFICATE: record_certificate, Step.APPLICATION: record_application, Step.BACKGROUND: record_background_statement,
    Step.VERIFICATION: record_verification, Step.INTRODUCERS: record_introducers, Step.CELL_VOTE: record_cell_vote,
    Step.COMMITTEE_VOTE: record_committee_vote, Step.DECISION: record_decision, Step.CEREMONY: record_ceremony,
}


@audited
def withdraw(*, by, candidate: Candidate, on: dt.date, kind: str, reason: str, expected_version: int | None = None) -> Candidate:
    """Stop considering a candidate (withdrawn from the list, or not admitted), with the reason.
    The cell's secretary may do it until the grassroots committee has voted; then the officers."""
    c = _lock(candidate, expected_version)
    committee_stage = c.committee_meeting_date is not None or c.decision_date is not None
    _require(by, DECIDE if committee_stage else PROPOSE, c.organization,
             f"Bạn không có quyền dừng xem xét kết nạp {c.full_name}.")
    v: list[Violation] = []
    if c.member_id is not None or c.ceremony_date is not None:
        v.append(Violation("candidate.admitted", f"{c.full_name} đã được kết nạp: đảng viên dự bị bị xóa tên qua danh sách "
                           "đảng viên dự bị.", None))
    elif c.withdrawn_on is not None:
        v.append(Violation("candidate.withdrawn", f"Đã dừng xem xét từ ngày {vn_date(c.withdrawn_on)}.", None))
    if kind not in WithdrawalKind.values:
        v.append(Violation("candidate.withdrawal_kind", "Hình thức: chọn rút khỏi danh sách hoặc không kết nạp.", "withdrawal_kind"))
    if not reason.strip():
        v.append(Violation("candidate.withdrawal_reason", "Lý do: bắt buộc nhập.", "withdrawal_reason"))
    if on > today():
        v.append(Violation("candidate.withdrawal_future", "Ngày: không thể sau ngày hôm nay.", "withdrawn_on"))
    last = max((d for d in c.step_dates().values() if d), default=None)
    if last and on < last:
        v.append(Violation("candidate.withdrawal_before_step", f"Ngày: {vn_date(on)} trước bước đã ghi gần nhất ({vn_date(last)}).",
                           "withdrawn_on"))
    raise_if(v)
    before = audit.snapshot(c, Candidate.AUDIT_FIELDS)
    c.withdrawn_on, c.withdrawal_kind, c.withdrawal_reason = on, kind, reason.strip()
    c.stage = c.current_stage
    c.save()
    audit.record(actor=by, action="admissions.withdraw", obj=c, before=before, after=audit.snapshot(c, Candidate.AUDIT_FIELDS),
                 note=f"{WithdrawalKind(kind).label}: {reason.strip()}")
    return c


# ---------------------------------------------------------------- probation

@dataclass(frozen=True)
class Probation:
    """A probationary member's probation: dates, votes and what may happen next."""

    start: dt.date
    end: dt.date
    proposal_due: dt.date
    votes: tuple
    failed: int
    passed_vote: ProbationVote | None
    flagged: bool  # P5: three votes without 2/3, for the superior committee
    decision_window: rules.Window | None


def probation_start(member: Member) -> dt.date | None:
    """The ceremony that began the present probation (admission or re-admission)."""
    return member.events.filter(event_type__in=ADMISSION_EVENTS).aggregate(d=Max("effective_date"))["d"]


def probation_of(member: Member, *, start: dt.date | None = None, votes=None, params_book=None, cal=None) -> Probation | None:
    start = start or probation_start(member)
    if start is None:
        return None
    params = params_book.on(start) if params_book else params_on(start)
    end = rules.probation_end(start, params)
    own_cal = None
    if cal is None:  # one probation: read the stretch of calendar each deadline needs
        def own_cal(start_day, n):
            return calendar_for(start_day, start_day + dt.timedelta(days=2 * n + 30))
        cal = own_cal(end, params["probation.proposal_working_days"])
    due = rules.proposal_deadline(end, params, cal)
    if votes is None:
        votes = list(ProbationVote.objects.filter(member=member, probation_start=start).order_by("meeting_date", "id"))
    else:
        votes = [vote for vote in votes if vote.probation_start == start]
    failed = sum(1 for vote in votes if not vote.passed)
    passed = next((vote for vote in reversed(votes) if vote.passed), None)
    window = None
    if passed is not None:
        p = params_book.on(passed.meeting_date) if params_book else params_on(passed.meeting_date)
        days, ext = p["probation.decision_working_days"], p["probation.decision_extension_working_days"]
        window = rules.window(passed.meeting_date, days, ext, cal if own_cal is None else own_cal(passed.meeting_date, days + ext))
    return Probation(start, end, due, tuple(votes), failed, passed, failed >= params["probation.max_votes"], window)


def _lock_member(member: Member, expected_version: int | None = None) -> Member:
    return lock_for_update(member, expected_version, queryset=Member.objects.select_related("organization"))


def _require_probationary(member: Member) -> list[Violation]:
    if member.status != Status.PROBATIONARY:
        label = Status(member.status).label.lower() if member.status in Status.values else "chưa có trạng thái"
        return [Violation("probation.not_probationary", f"{member.full_name} không phải đảng viên dự bị (hiện {label}).", None)]
    return []


def vote_base_on(org_id: int, on: dt.date) -> int:
    """The vote base a form pre-fills: the cell's full members on `on`, less those away or exempted (O14)."""
    return vote_base(org_id, on).minimum


def committee_members_on(org: Organization, on: dt.date) -> int | None:
    """The grassroots committee's members on `on` from its recorded seats (None when none are recorded)."""
    grassroots = placement_on(org, on).grassroots
    return committee_size_on(grassroots.id, on) if grassroots else None


def register_vote_violations(org_id: int, meeting: dt.date, typed: int, *, date_field: str, what: str, prefix: str
                             ) -> list[Violation]:
    """O1 and O14 for a cell's vote on `meeting`: enough full members, and the typed base is the register's."""
    base = vote_base(org_id, meeting)
    small = member_rules.check_cell_min_full_members(base.full_count, meeting, params_on(meeting), field=date_field,
                                                     what=what, prefix=prefix)
    return small or member_rules.check_typed_vote_base(typed, base.minimum, base.maximum, meeting, field="full_members",
                                                       label="Số đảng viên chính thức của chi bộ", prefix=prefix)


def _vote_recorded(m: Member, meeting_date: dt.date, proposal: str) -> Violation:
    return Violation("probation.vote_recorded", f"Ngày chi bộ xét: biểu quyết {VoteProposal(proposal).label.lower()} của chi bộ "
                     f"ngày {vn_date(meeting_date)} về {m.full_name} đã được ghi; mỗi lần họp chỉ ghi một lần biểu quyết.",
                     "meeting_date", rules.SRC_RECOGNITION_VOTE)


@audited
def record_probation_vote(*, by, member: Member, meeting_date: dt.date, proposal: str, full_members: int, votes_for: int,
                          resolution_number: str = "") -> ProbationVote:
    """P1, P2, P5, P8, O1 (= P7), O14: the cell's vote on recognizing (or striking off) a probationary member.
    A vote below 2/3 is recorded too; after three of them the cell votes no more (P5)."""
    m = _lock_member(member)
    if m.organization is None:
        raise PermissionDeniedInScope(f"{m.full_name} không sinh hoạt ở chi bộ nào.")
    _require(by, PROPOSE, m.organization, f"Bạn không có quyền ghi biểu quyết của chi bộ về {m.full_name}.")
    v = _require_probationary(m)
    if proposal not in VoteProposal.values:
        v.append(Violation("probation.proposal", "Nội dung biểu quyết: chọn công nhận chính thức hoặc xóa tên.", "proposal"))
    raise_if(v)
    p = probation_of(m)
    if ProbationVote.objects.filter(member=m, probation_start=p.start, meeting_date=meeting_date, proposal=proposal).exists():
        raise RuleViolation([_vote_recorded(m, meeting_date, proposal)])  # a repeat is not another vote (P5)
    state = MemberState.objects.valid_on(meeting_date).filter(member=m).first()
    cell_id = state.organization_id if state and state.organization_id else m.organization_id
    what = "nghị quyết đề nghị công nhận chính thức" if proposal == VoteProposal.RECOGNIZE else "nghị quyết đề nghị xóa tên"
    raise_if(rules.check_probation_vote(
        meeting=meeting_date, proposal=proposal, start=p.start, end=p.end, today=today(), full_members=full_members,
        votes_for=votes_for, failed_votes=p.failed, pending=p.passed_vote is not None, params=params_on(meeting_date))
        + register_vote_violations(cell_id, meeting_date, full_members, date_field="meeting_date", what=what,
                                   prefix="probation"))
    try:
        with transaction.atomic():
            vote = ProbationVote.objects.create(
                member=m, probation_start=p.start, organization_id=cell_id, meeting_date=meeting_date, proposal=proposal,
                full_members=full_members, votes_for=votes_for, passed=rules.reaches_two_thirds(votes_for, full_members),
                resolution_number=resolution_number.strip(), recorded_by=_user(by), recorded_by_label=audit.actor_label(by))
    except IntegrityError as exc:  # the same vote sent twice at once (pvote_once)
        raise RuleViolation([_vote_recorded(m, meeting_date, proposal)]) from exc
    outcome = "đạt 2/3" if vote.passed else "không đạt 2/3"
    audit.record(actor=by, action="admissions.probation_vote", obj=m, data=audit.snapshot(vote, ProbationVote.AUDIT_FIELDS),
                 note=f"Chi bộ xét ngày {vn_date(meeting_date)}: {VoteProposal(proposal).label.lower()}, "
                      f"{votes_for}/{full_members} tán thành ({outcome})")
    return vote


def _decision_violations(p: Probation, proposal: str, decision_number: str, decision_date: dt.date, extension_reason: str
                         ) -> list[Violation]:
    v: list[Violation] = []
    if not decision_number.strip():
        v.append(Violation("probation.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    if decision_date > today():
        v.append(Violation("probation.decision_future", "Ngày quyết định: không thể sau ngày hôm nay.", "decision_date"))
    vote = p.passed_vote if p.passed_vote is not None and p.passed_vote.proposal == proposal else None
    what = "công nhận chính thức" if proposal == VoteProposal.RECOGNIZE else "xóa tên"
    if vote is None and not p.flagged:
        v.append(Violation("probation.no_resolution", f"Chưa có nghị quyết của chi bộ đề nghị {what} (đạt ít nhất 2/3 đảng "
                           "viên chính thức); chỉ khi chi bộ đã biểu quyết 3 lần không đạt, cấp ủy có thẩm quyền mới quyết định "
                           "mà không cần nghị quyết đó.", None, rules.SRC_RECOGNITION_VOTE))
    elif vote is not None:
        if decision_date < vote.meeting_date:
            v.append(Violation("probation.decision_before_vote", f"Ngày quyết định {vn_date(decision_date)} trước ngày chi bộ xét "
                               f"({vn_date(vote.meeting_date)}).", "decision_date"))
        else:
            params = params_on(vote.meeting_date)
            v += rules.check_in_window(decision_date, p.decision_window, reason=extension_reason, field="decision_date",
                                       reason_field="extension_reason", what="Quyết định",
                                       start_label=f"nghị quyết của chi bộ ({vn_date(vote.meeting_date)})",
                                       days=params["probation.decision_working_days"],
                                       extension=params["probation.decision_extension_working_days"],
                                       source=rules.SRC_RECOGNITION_DEADLINE)
    return v


@audited
def recognize(*, by, member: Member, decision_number: str, decision_date: dt.date, deciding_body: str = "",
              delegated: bool = False, extension_reason: str = "", expected_version: int | None = None) -> MembershipEvent:
    """P3, P4: the competent committee recognizes a probationary member as a full member. The
    recognition takes effect at the end of the 12 months of probation, even when decided late."""
    m = _lock_member(member, expected_version)
    if m.organization is None:
        raise PermissionDeniedInScope(f"{m.full_name} không sinh hoạt ở chi bộ nào.")
    _require(by, DECIDE, m.organization, f"Bạn không có quyền quyết định công nhận chính thức cho {m.full_name}.")
    raise_if(_require_probationary(m))
    p = probation_of(m)
    v = _decision_violations(p, VoteProposal.RECOGNIZE, decision_number, decision_date, extension_reason)
    if decision_date < p.end:
        v.append(Violation("probation.decision_before_end", f"Ngày quyết định {vn_date(decision_date)}: chưa hết thời gian dự bị "
                           f"(đến {vn_date(p.end)}).", "decision_date", rules.SRC_PROBATION))
    raise_if(v)
    body = deciding_body.strip() or default_deciding_body(m.organization, decision_date, delegated).text
    reason = f"Gia hạn: {extension_reason.strip()}" if extension_reason.strip() else ""
    return member_services.record_event(
        by=by, member=m, event_type=EventType.RECOGNIZED, effective_date=p.end,
        decision=member_services.Decision(decision_number.strip(), decision_date, body, reason))


@audited
def strike_off(*, by, member: Member, decision_number: str, decision_date: dt.date, reason: str, deciding_body: str = "",
               delegated: bool = False, extension_reason: str = "", expected_version: int | None = None) -> MembershipEvent:
    """P8: strike a probationary member off, on the cell's resolution (≥ 2/3) or, after three votes
    without 2/3, on the competent committee's own decision (P5)."""
    m = _lock_member(member, expected_version)
    if m.organization is None:
        raise PermissionDeniedInScope(f"{m.full_name} không sinh hoạt ở chi bộ nào.")
    _require(by, DECIDE, m.organization, f"Bạn không có quyền quyết định xóa tên {m.full_name}.")
    raise_if(_require_probationary(m))
    p = probation_of(m)
    v = _decision_violations(p, VoteProposal.STRIKE_OFF, decision_number, decision_date, extension_reason)
    if not reason.strip():
        v.append(Violation("probation.strike_off_reason", "Lý do xóa tên: bắt buộc nhập.", "reason", rules.SRC_STRIKE_OFF))
    raise_if(v)
    body = deciding_body.strip() or default_deciding_body(m.organization, decision_date, delegated).text
    return member_services.record_event(
        by=by, member=m, event_type=EventType.STRUCK_OFF, effective_date=decision_date,
        decision=member_services.Decision(decision_number.strip(), decision_date, body, reason.strip(),
                                          ground=RemovalGround.PROBATION_FAILED))


__all__ = [
    "create_candidate", "update_candidate", "record_certificate", "record_application", "record_background_statement",
    "record_verification", "record_introducers", "record_cell_vote", "record_committee_vote", "record_decision",
    "record_ceremony", "withdraw", "record_probation_vote", "recognize", "strike_off", "RuleViolation", "Stage",
]
