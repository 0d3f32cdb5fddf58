"""Use cases of inspection and supervision: the only code that writes this app's tables.

Each one: permission first ("inspection.change" on the conducting body, today), then every rule (all violations at
once, rules.py, parameters of the case's date), then one transaction that writes the rows and the audit entry on the
case, programme or denunciation (`@audited`). Steps, sessions and remedies are audited on their case.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.discipline import services as discipline
from dangvu.inspection import rules
from dangvu.inspection.kinds import BodyKind, CaseKind, CaseStatus, DenunciationStatus, Result
from dangvu.inspection.models import Case, Denunciation, Programme, ProgrammeItem, Remedy, Session, Step
from dangvu.inspection.querysets import CHANGE
from dangvu.members import selectors as member_selectors
from dangvu.members.models import Member
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import CommitteeMember, CommitteeTerm, Organization
from dangvu.rules.parameters import params_on


def _user(by):
    return by if getattr(by, "pk", None) else None


def _clean(value) -> str:
    return (value or "").strip()


def may_change(user, org: Organization) -> bool:
    return permissions.can(user, CHANGE, org)


def _require(by, org: Organization) -> None:
    if not may_change(by, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền kiểm tra, giám sát của {org.name}.")


def _open_case(by, case: Case, expected_version: int | None = None) -> Case:
    case = lock_for_update(case, None, queryset=Case.objects.select_related("body", "subject_member", "subject_organization"))
    _require(by, case.body)
    check_version(case, expected_version)
    return case


def _audit(by, action: str, obj, fields, before: dict | None, note: str, data: dict | None = None) -> None:
    audit.record(actor=by, action=action, obj=obj, before=before, after=audit.snapshot(obj, fields), data=data, note=note)


def _in_subtree(body: Organization, org: Organization) -> bool:
    return org.path.startswith(body.path)


# ---------------------------------------------------------------- programmes

@audited
def create_programme(*, by, organization: Organization, body_kind: str, year: int, title: str, adopted_on: dt.date,
                     topics: str = "", decision_number: str = "") -> Programme:
    """The yearly programme of a committee, inspection commission or cell."""
    _require(by, organization)
    v = []
    if body_kind not in BodyKind.values:
        v.append(Violation("programme.body_kind", "Cơ quan ban hành: chọn một cơ quan trong danh sách.", "body_kind"))
    if not 2000 <= (year or 0) <= 2100:
        v.append(Violation("programme.year", "Năm: không hợp lệ.", "year"))
    if not _clean(title):
        v.append(Violation("programme.title", "Tên chương trình: bắt buộc nhập.", "title"))
    v += field_violations(Programme, {"title": _clean(title), "decision_number": _clean(decision_number)},
                          code_prefix="programme")
    raise_if(v)
    programme = Programme(organization=organization, body_kind=body_kind, year=year, title=_clean(title),
                          topics=_clean(topics), decision_number=_clean(decision_number), adopted_on=adopted_on)
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("programme.duplicate", f"Năm: {organization.name} đã có chương trình kiểm tra, "
                                       f"giám sát năm {year} của cơ quan này.", "year")]) from exc
    _audit(by, "inspection.programme", programme, Programme.AUDIT_FIELDS, None, f"Chương trình kiểm tra, giám sát năm {year}")
    return programme


@audited
def add_programme_item(*, by, programme: Programme, kind: str, topic: str, planned_from: dt.date, planned_to: dt.date,
                       subject_organization: Organization | None = None, subject_member: Member | None = None) -> ProgrammeItem:
    programme = lock_for_update(programme, None, queryset=Programme.objects.select_related("organization"))
    _require(by, programme.organization)
    subject_organization = _subject_org(subject_member, subject_organization, planned_from)
    v = []
    if kind not in CaseKind.values:
        v.append(Violation("programme.kind", "Loại: chọn một loại trong danh sách.", "kind"))
    if subject_organization is None:
        v.append(Violation("programme.subject", "Đối tượng: chọn tổ chức đảng hoặc đảng viên.", "subject_organization"))
    elif not _in_subtree(programme.organization, subject_organization):
        v.append(Violation("programme.subject_outside", f"Đối tượng: không thuộc {programme.organization.name}.",
                           "subject_organization"))
    if not _clean(topic):
        v.append(Violation("programme.topic", "Nội dung: bắt buộc nhập.", "topic"))
    if planned_from and planned_to and planned_to < planned_from:
        v.append(Violation("programme.planned_to", "Thời gian dự kiến: ngày kết thúc không trước ngày bắt đầu.", "planned_to"))
    raise_if(v)
    item = ProgrammeItem.objects.create(programme=programme, kind=kind, subject_organization=subject_organization,
                                        subject_member=subject_member, topic=_clean(topic), planned_from=planned_from,
                                        planned_to=planned_to)
    programme.save()
    _audit(by, "inspection.programme_item", programme, Programme.AUDIT_FIELDS, None,
           f"Thêm vào chương trình: {item.get_kind_display().lower()} {item.subject_member or subject_organization.name} "
           f"— {item.topic}", {"item": item.pk})
    return item


# ---------------------------------------------------------------- opening a case

def _subject_org(member: Member | None, org: Organization | None, on: dt.date | None) -> Organization | None:
    """Where the subject stood: the member's cell on the date (their current one when the register has no state)."""
    if member is None:
        return org
    state = member_selectors.state_on(member, on) if on else None
    if state is not None:
        return Organization.objects.get(pk=state.organization_id)
    return member.organization


def cell_facts(cell: Organization, on: dt.date) -> rules.CellFacts:
    """K14 facts of a cell on `on`: members in the party, a committee (chi ủy) in term, its party groups."""
    has_committee = CommitteeTerm.objects.filter(organization=cell, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)).exists()
    groups = Organization.objects.filter(path__startswith=cell.path, depth=cell.depth + 1, kind=Kind.PARTY_GROUP,
                                         ended_on__isnull=True).count()
    return rules.CellFacts(members=member_selectors.in_party_under_on(cell, on), has_committee=has_committee,
                           party_groups=groups)


def subject_facts(member: Member, body: Organization, on: dt.date, *, higher_managed: bool) -> rules.SubjectFacts:
    """K13/K14 facts of the subject member: in the conducting cell on `on`; a seat on a committee above it."""
    state = member_selectors.state_on(member, on)
    in_cell = (state.organization_id if state else member.organization_id) == body.pk
    leading = CommitteeMember.objects.filter(member=member, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)).exclude(term__organization=body).exists()
    return rules.SubjectFacts(in_body_cell=in_cell, leading_post=leading, higher_managed=higher_managed)


def opening_violations(*, body: Organization, body_kind: str, kind: str, subject_member: Member | None,
                       subject_organization: Organization | None, matter: str, decision_date: dt.date | None,
                       due_on: dt.date | None, higher_managed: bool = False, dispersed: bool = False) -> list[Violation]:
    v = rules.check_dates(decision_date=decision_date, due_on=due_on)
    if subject_organization is None:
        v.append(Violation("case.subject", "Đối tượng: chọn tổ chức đảng hoặc đảng viên được kiểm tra, giám sát.",
                           "subject_organization"))
    elif not _in_subtree(body, subject_organization):
        v.append(Violation("case.subject_outside", f"Đối tượng: không thuộc phạm vi của {body.name}.", "subject_organization"))
    if decision_date is None or v:
        return v
    is_cell = body_kind == BodyKind.CELL
    if is_cell and body.kind not in (Kind.CELL, Kind.GRASSROOTS_CELL):
        v.append(Violation("case.body_cell", "Chủ thể tiến hành: tổ chức đảng tiến hành không phải là chi bộ.", "body_kind"))
        return v
    return v + rules.check_opening(
        kind=kind, body_kind=body_kind, date=decision_date, member_subject=subject_member is not None, matter=matter,
        cell=cell_facts(body, decision_date) if is_cell else None,
        subject=subject_facts(subject_member, body, decision_date, higher_managed=higher_managed)
        if is_cell and subject_member is not None else None,
        dispersed=dispersed, params=params_on(decision_date, body))


@audited
def open_case(*, by, body: Organization, body_kind: str, kind: str, topic: str, decision_number: str,
              decision_date: dt.date | None, due_on: dt.date | None, team: str, subject_member: Member | None = None,
              subject_organization: Organization | None = None, matter: str = "", programme: Programme | None = None,
              higher_managed: bool = False, dispersed: bool = False, steps: list[tuple[str, dt.date]] | tuple = (),
              denunciation: Denunciation | None = None) -> Case:
    """The decision to open an inspection or supervision (number, date, body), its team and timeline (K13, K14)."""
    _require(by, body)
    subject_organization = _subject_org(subject_member, subject_organization, decision_date)
    v = opening_violations(body=body, body_kind=body_kind, kind=kind, subject_member=subject_member,
                           subject_organization=subject_organization, matter=matter, decision_date=decision_date,
                           due_on=due_on, higher_managed=higher_managed, dispersed=dispersed)
    for name, label in (("topic", "Nội dung"), ("decision_number", "Số quyết định"), ("team", "Đoàn (tổ) kiểm tra, giám sát")):
        if not _clean(locals()[name]):
            v.append(Violation(f"case.{name}", f"{label}: bắt buộc nhập.", name))
    if programme is not None and programme.organization_id != body.pk:
        v.append(Violation("case.programme", "Chương trình: không phải chương trình của tổ chức tiến hành.", "programme"))
    v += field_violations(Case, {"topic": _clean(topic), "decision_number": _clean(decision_number)}, code_prefix="case")
    raise_if(v)
    case = Case.objects.create(
        kind=kind, body=body, body_kind=body_kind, programme=programme, subject_organization=subject_organization,
        subject_member=subject_member, matter=matter, topic=_clean(topic), decision_number=_clean(decision_number),
        decision_date=decision_date, due_on=due_on, team=_clean(team), higher_managed=higher_managed, dispersed=dispersed,
        created_by=_user(by))
    for title, step_due in steps:
        Step.objects.create(case=case, title=_clean(title), due_on=step_due)
    note = f"Quyết định {case.decision_number} ngày {vn_date(decision_date)}: {case.get_kind_display().lower()} {case.subject_label}"
    _audit(by, "inspection.open", case, Case.AUDIT_FIELDS, None, note, {"steps": len(steps)})
    if denunciation is not None:
        _link_denunciation(by, denunciation, case)
    return case


# ---------------------------------------------------------------- the timeline, sessions, conclusion

def _refuse_if_concluded(case: Case) -> None:
    if case.status == CaseStatus.CONCLUDED:
        raise_if([Violation("case.concluded", "Cuộc kiểm tra, giám sát đã kết luận: không ghi thêm.", "status")])


@audited
def add_step(*, by, case: Case, title: str, due_on: dt.date | None) -> Step:
    case = _open_case(by, case)
    _refuse_if_concluded(case)
    v = []
    if not _clean(title):
        v.append(Violation("step.title", "Bước: bắt buộc nhập.", "title"))
    if due_on is None:
        v.append(Violation("step.due_on", "Hạn: bắt buộc nhập.", "due_on"))
    elif due_on < case.decision_date:
        v.append(Violation("step.due_before", "Hạn: không trước ngày quyết định.", "due_on"))
    raise_if(v)
    step = Step.objects.create(case=case, title=_clean(title), due_on=due_on)
    case.save()
    _audit(by, "inspection.step", case, Case.AUDIT_FIELDS, None, f"Bước “{step.title}”, hạn {vn_date(due_on)}", {"step": step.pk})
    return step


@audited
def complete_step(*, by, step: Step, done_on: dt.date | None) -> Step:
    case = _open_case(by, step.case)
    step = Step.objects.select_for_update().get(pk=step.pk)
    if done_on is None or done_on < case.decision_date:
        raise_if([Violation("step.done_on", "Ngày hoàn thành: bắt buộc nhập, không trước ngày quyết định.", "done_on")])
    step.done_on = done_on
    step.save(update_fields=["done_on"])
    case.save()
    _audit(by, "inspection.step", case, Case.AUDIT_FIELDS, None, f"Hoàn thành bước “{step.title}” ngày {vn_date(done_on)}",
           {"step": step.pk})
    return step


@audited
def record_session(*, by, case: Case, held_on: dt.date | None, participants: str, content: str) -> Session:
    """A working session of the team with the subject (K16: the subject does not record it)."""
    case = _open_case(by, case)
    _refuse_if_concluded(case)
    v = []
    if held_on is None or held_on < case.decision_date:
        v.append(Violation("session.held_on", "Ngày làm việc: bắt buộc nhập, không trước ngày quyết định.", "held_on"))
    if not _clean(participants):
        v.append(Violation("session.participants", "Thành phần: bắt buộc nhập.", "participants"))
    if not _clean(content):
        v.append(Violation("session.content", "Nội dung làm việc: bắt buộc nhập.", "content"))
    raise_if(v)
    session = Session.objects.create(case=case, held_on=held_on, participants=_clean(participants), content=_clean(content))
    case.save()
    _audit(by, "inspection.session", case, Case.AUDIT_FIELDS, None, f"Buổi làm việc ngày {vn_date(held_on)}",
           {"session": session.pk})
    return session


@audited
def conclude_case(*, by, case: Case, concluded_on: dt.date | None, conclusion: str, result: str, findings: str = "",
                  recommendations: str = "", expected_version: int | None = None) -> Case:
    """The conclusion (findings, conclusion, result, recommendations): the case is closed to new sessions."""
    case = _open_case(by, case, expected_version)
    _refuse_if_concluded(case)
    v = []
    if concluded_on is None or concluded_on < case.decision_date:
        v.append(Violation("case.concluded_on", "Ngày kết luận: bắt buộc nhập, không trước ngày quyết định.", "concluded_on"))
    if not _clean(conclusion):
        v.append(Violation("case.conclusion", "Kết luận: bắt buộc nhập.", "conclusion"))
    if result not in Result.values:
        v.append(Violation("case.result", "Kết quả: chọn một kết quả trong danh sách.", "result"))
    raise_if(v)
    before = audit.snapshot(case, Case.AUDIT_FIELDS)
    case.findings, case.conclusion, case.recommendations = _clean(findings), _clean(conclusion), _clean(recommendations)
    case.result, case.concluded_on, case.status = result, concluded_on, CaseStatus.CONCLUDED
    case.save()
    _audit(by, "inspection.conclude", case, Case.AUDIT_FIELDS, before, f"Kết luận ngày {vn_date(concluded_on)}: "
           f"{case.get_result_display().lower()}")
    return case


@audited
def notify_subject(*, by, case: Case, notified_on: dt.date | None) -> Case:
    """The conclusion is notified to the subject: a subject member sees the case (decision, conclusion) from then on."""
    case = _open_case(by, case)
    if case.status != CaseStatus.CONCLUDED:
        raise_if([Violation("case.not_concluded", "Thông báo kết luận: cuộc kiểm tra, giám sát chưa kết luận.", "notified_on")])
    if notified_on is None or notified_on < case.concluded_on:
        raise_if([Violation("case.notified_on", "Ngày thông báo: bắt buộc nhập, không trước ngày kết luận.", "notified_on")])
    before = audit.snapshot(case, Case.AUDIT_FIELDS)
    case.notified_on = notified_on
    case.notified_user = case.subject_member.user if case.subject_member_id else None
    case.save()
    _audit(by, "inspection.notify", case, Case.AUDIT_FIELDS, before, f"Thông báo kết luận ngày {vn_date(notified_on)}")
    return case


@audited
def add_remedy(*, by, case: Case, description: str, due_on: dt.date | None) -> Remedy:
    case = _open_case(by, case)
    v = []
    if not _clean(description):
        v.append(Violation("remedy.description", "Yêu cầu khắc phục: bắt buộc nhập.", "description"))
    if due_on is None or due_on < case.decision_date:
        v.append(Violation("remedy.due_on", "Hạn khắc phục: bắt buộc nhập, không trước ngày quyết định.", "due_on"))
    raise_if(v)
    remedy = Remedy.objects.create(case=case, description=_clean(description), due_on=due_on)
    case.save()
    _audit(by, "inspection.remedy", case, Case.AUDIT_FIELDS, None, f"Yêu cầu khắc phục, hạn {vn_date(due_on)}: "
           f"{remedy.description[:100]}", {"remedy": remedy.pk})
    return remedy


@audited
def complete_remedy(*, by, remedy: Remedy, done_on: dt.date | None, result: str) -> Remedy:
    case = _open_case(by, remedy.case)
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    v = []
    if done_on is None or done_on < case.decision_date:
        v.append(Violation("remedy.done_on", "Ngày hoàn thành: bắt buộc nhập, không trước ngày quyết định.", "done_on"))
    if not _clean(result):
        v.append(Violation("remedy.result", "Kết quả khắc phục: bắt buộc nhập.", "result"))
    raise_if(v)
    remedy.done_on, remedy.result = done_on, _clean(result)
    remedy.save(update_fields=["done_on", "result"])
    case.save()
    _audit(by, "inspection.remedy_done", case, Case.AUDIT_FIELDS, None, f"Hoàn thành khắc phục ngày {vn_date(done_on)}: "
           f"{remedy.description[:100]}", {"remedy": remedy.pk})
    return remedy


@audited
def propose_discipline(*, by, case: Case, opened_on: dt.date, summary: str, proposed_form: str,
                       violations: list[discipline.ViolationInput], higher_level_task: bool = False):
    """A conclusion "vi phạm đến mức phải xem xét kỷ luật" opens the discipline proceeding of its subject through the
    discipline services (their rules: forms by subject K1, limitation periods K6…); the case links to it."""
    case = _open_case(by, case)
    v = []
    if case.status != CaseStatus.CONCLUDED or case.result != Result.DISCIPLINE:
        v.append(Violation("case.not_discipline", "Đề nghị kỷ luật: chỉ khi kết luận vi phạm đến mức phải xem xét, xử lý "
                           "kỷ luật.", "result"))
    if case.proceeding_id is not None:
        v.append(Violation("case.proceeding_exists", "Đề nghị kỷ luật: cuộc kiểm tra này đã có vụ việc xem xét kỷ luật.",
                           "proceeding"))
    raise_if(v)
    proceeding = discipline.open_proceeding(
        by=by, opened_on=opened_on, summary=summary, proposed_form=proposed_form, violations=violations,
        member=case.subject_member, subject_organization=None if case.subject_member_id else case.subject_organization,
        case_reference=f"Kết luận {case.get_kind_display().lower()} (quyết định {case.decision_number})"[:200],
        higher_level_task=higher_level_task)
    before = audit.snapshot(case, Case.AUDIT_FIELDS)
    case.proceeding = proceeding
    case.save()
    _audit(by, "inspection.propose_discipline", case, Case.AUDIT_FIELDS, before,
           f"Đề nghị xem xét kỷ luật ({proceeding.get_proposed_form_display().lower()})", {"proceeding": proceeding.pk})
    return proceeding


# ---------------------------------------------------------------- denunciations (K15)

@audited
def receive_denunciation(*, by, body: Organization, received_on: dt.date | None, content: str,
                         subject_member: Member | None = None, subject_organization: Organization | None = None,
                         denouncer_name: str = "", denouncer_contact: str = "", signed: bool = False,
                         specific: bool = False, with_evidence: bool = False, forged: bool = False,
                         handlers=()) -> Denunciation:
    """Record a denunciation: handled when signed, specific and with evidence; anonymous or forged ones are not
    handled (K15). The denouncer's identity is kept for the handlers only (by default the officer recording it)."""
    _require(by, body)
    subject_organization = _subject_org(subject_member, subject_organization, received_on)
    v = []
    if received_on is None:
        v.append(Violation("denunciation.received_on", "Ngày nhận: bắt buộc nhập.", "received_on"))
    if not _clean(content):
        v.append(Violation("denunciation.content", "Nội dung tố cáo: bắt buộc nhập.", "content"))
    if subject_organization is None:
        v.append(Violation("denunciation.subject", "Đối tượng bị tố cáo: chọn tổ chức đảng hoặc đảng viên.",
                           "subject_organization"))
    elif not _in_subtree(body, subject_organization):
        v.append(Violation("denunciation.subject_outside", f"Đối tượng bị tố cáo: không thuộc phạm vi của {body.name}.",
                           "subject_organization"))
    v += field_violations(Denunciation, {"denouncer_name": _clean(denouncer_name),
                                         "denouncer_contact": _clean(denouncer_contact)}, code_prefix="denunciation")
    raise_if(v)
    verdict = rules.admissibility(signed=signed, named=bool(_clean(denouncer_name)), specific=specific,
                                  with_evidence=with_evidence, forged=forged)
    denunciation = Denunciation.objects.create(
        body=body, received_on=received_on, denouncer_name=_clean(denouncer_name),
        denouncer_contact=_clean(denouncer_contact), signed=signed, specific=specific, with_evidence=with_evidence,
        forged=forged, subject_member=subject_member, subject_organization=subject_organization, content=_clean(content),
        status=DenunciationStatus.TO_HANDLE if verdict.handled else DenunciationStatus.NOT_HANDLED)
    people = [u for u in handlers if getattr(u, "pk", None)] or ([by] if _user(by) else [])
    denunciation.handlers.set(people)
    note = "Tiếp nhận đơn tố cáo: " + ("phải giải quyết" if verdict.handled else
                                       f"không giải quyết ({'; '.join(verdict.reasons)}) — K15, {rules.regulation(received_on)}")
    _audit(by, "inspection.denunciation", denunciation, Denunciation.AUDIT_FIELDS, None, note,
           {"handlers": [u.pk for u in people]})
    return denunciation


def may_reveal_denouncer(user, denunciation: Denunciation) -> bool:
    """Only the handlers of the denunciation (or of the case it prompted) see who denounced (K15)."""
    if not getattr(user, "pk", None):
        return False
    return denunciation.handlers.filter(pk=user.pk).exists()


@audited
def reveal_denouncer(*, by, denunciation: Denunciation) -> tuple[str, str]:
    """The denouncer's name and contact, for a handler; every read is audited."""
    if not may_reveal_denouncer(by, denunciation):
        raise PermissionDeniedInScope("Chỉ người giải quyết đơn được xem danh tính người tố cáo.")
    audit.record(actor=by, action="inspection.denouncer_read", obj=denunciation,
                 note="Xem danh tính người tố cáo (bảo vệ người tố cáo)")
    return denunciation.denouncer_name, denunciation.denouncer_contact


def _link_denunciation(by, denunciation: Denunciation, case: Case) -> None:
    denunciation = lock_for_update(denunciation, None)
    if denunciation.body_id != case.body_id and not _in_subtree(case.body, denunciation.body):
        raise_if([Violation("denunciation.case", "Cuộc kiểm tra: không cùng tổ chức nhận đơn.", "case")])
    before = audit.snapshot(denunciation, Denunciation.AUDIT_FIELDS)
    denunciation.case = case
    denunciation.save()
    _audit(by, "inspection.denunciation_settle", denunciation, Denunciation.AUDIT_FIELDS, before,
           f"Đơn tố cáo dẫn đến {case.get_kind_display().lower()} (quyết định {case.decision_number})")


@audited
def settle_denunciation(*, by, denunciation: Denunciation, outcome: str, expected_version: int | None = None) -> Denunciation:
    """The result of handling a denunciation that had to be handled."""
    denunciation = lock_for_update(denunciation, None, queryset=Denunciation.objects.select_related("body"))
    _require(by, denunciation.body)
    check_version(denunciation, expected_version)
    v = []
    if denunciation.status != DenunciationStatus.TO_HANDLE:
        v.append(Violation("denunciation.not_to_handle", "Kết quả giải quyết: đơn này không thuộc diện giải quyết hoặc "
                           "đã giải quyết.", "outcome", f"K15 — {rules.regulation(denunciation.received_on)}"))
    if not _clean(outcome):
        v.append(Violation("denunciation.outcome", "Kết quả giải quyết: bắt buộc nhập.", "outcome"))
    raise_if(v)
    before = audit.snapshot(denunciation, Denunciation.AUDIT_FIELDS)
    denunciation.outcome, denunciation.status = _clean(outcome), DenunciationStatus.SETTLED
    denunciation.save()
    _audit(by, "inspection.denunciation_settle", denunciation, Denunciation.AUDIT_FIELDS, before, "Giải quyết đơn tố cáo")
    return denunciation
