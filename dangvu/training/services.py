"""Use cases of training classes: the only code that changes classes and learners.

Each one: permission first ("training.manage" over the organization that opened the class), then every
rule (all violations at once), then one transaction that writes and audits. A passed learner's
certificate feeds the other records through their own services, in the same transaction, never by hand:
- awareness class → the candidate's admission step (admissions.services.record_certificate, A3);
- theory class → a dated row of the member's political theory history (members.services.record_theory_level, TR2).
If either refuses (e.g. the candidate's file is closed), nothing is written.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from dangvu.accounts import permissions
from dangvu.admissions import services as admission_services
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import lock_for_update
from dangvu.members import services as member_services
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import MemberState
from dangvu.organizations import tree
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem
from dangvu.training import rules
from dangvu.training.kinds import ClassKind, Result
from dangvu.training.models import Enrolment, TrainingClass
from dangvu.training.querysets import MANAGE

CLASS_FIELDS = ("kind", "name", "organizer_kind", "organizer_name", "start_date", "end_date", "venue")


def _require(by, org: Organization, message: str) -> None:
    if permissions.is_system_admin(by):
        return
    if not permissions.can(by, MANAGE, org):
        raise PermissionDeniedInScope(message)


def _user(by):
    return by if getattr(by, "pk", None) else None


def _clean(fields: dict) -> dict:
    return {k: (" ".join(v.split()) if isinstance(v, str) else v) for k, v in fields.items()}


@audited
def create_class(*, by, organization: Organization, **fields) -> TrainingClass:
    """Record a class opened for the organization's subtree."""
    _require(by, organization, f"Bạn không có quyền mở lớp bồi dưỡng cho “{organization.name}”.")
    unknown = set(fields) - set(CLASS_FIELDS)
    if unknown:
        raise ValueError(f"unknown class fields: {sorted(unknown)}")
    fields = _clean(fields)
    raise_if(rules.check_class(fields, today()))
    training_class = TrainingClass.objects.create(organization=organization, created_by=_user(by), **fields)
    audit.record(actor=by, action="training.create", obj=training_class,
                 after=audit.snapshot(training_class, TrainingClass.AUDIT_FIELDS),
                 note=f"{ClassKind(training_class.kind).label}: {training_class.name}")
    return training_class


@audited
def update_class(*, by, training_class: TrainingClass, expected_version: int | None, **changes) -> TrainingClass:
    c = lock_for_update(training_class, expected_version, queryset=TrainingClass.objects.select_related("organization"))
    _require(by, c.organization, f"Bạn không có quyền sửa lớp “{c.name}”.")
    unknown = set(changes) - set(CLASS_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changes = _clean(changes)
    merged = {f: getattr(c, f) for f in CLASS_FIELDS} | changes
    v = rules.check_class(merged, today())
    if "kind" in changes and changes["kind"] != c.kind and c.enrolments.exists():
        v.append(Violation("training.kind_locked", "Loại lớp: lớp đã có học viên, không đổi loại lớp.", "kind"))
    raise_if(v)
    before = audit.snapshot(c, TrainingClass.AUDIT_FIELDS)
    for key, value in changes.items():
        setattr(c, key, value)
    if not audit.diff(before, audit.snapshot(c, TrainingClass.AUDIT_FIELDS)):
        return c
    c.save()
    audit.record(actor=by, action="training.update", obj=c, before=before, after=audit.snapshot(c, TrainingClass.AUDIT_FIELDS))
    return c


def _class_span(c: TrainingClass) -> str:
    return vn_date(c.start_date) + (f"–{vn_date(c.end_date)}" if c.end_date and c.end_date != c.start_date else "")


def _class_days(c: TrainingClass) -> list[dt.date]:
    """The days a learner's place is read on: the opening and the closing day (days after today read as today)."""
    return sorted({min(c.start_date, today()), min(c.end_date or c.start_date, today())})


def _members_in_class_subtree(c: TrainingClass, member_ids: list[int]) -> dict[int, int]:
    """{member id: the cell they belonged to} for the members who were in the party in a cell of the class's
    subtree on the class's opening day or its closing day, as the register's dated states and the tree stood on
    that day: a class of 2018 takes the members of its district in 2018, those who have left or moved since
    included; a member who arrived during the class is taken on its closing day."""
    found: dict[int, int] = {}
    for day in _class_days(c):
        states = (MemberState.objects.valid_on(day).filter(member_id__in=member_ids, status__in=IN_PARTY,
                                                             organization_id__in=tree.subtree_ids_on(c.organization, day))
                  .values_list("member_id", "organization_id"))
        for member_id, org_id in states:
            found.setdefault(member_id, org_id)
    return found


@audited
def enrol(*, by, training_class: TrainingClass, candidates=(), members=()) -> list[Enrolment]:
    """Enrol candidates (from the admission pipeline) or members (from the register) of the class's subtree."""
    c = lock_for_update(training_class, None, queryset=TrainingClass.objects.select_related("organization"))
    _require(by, c.organization, f"Bạn không có quyền ghi danh học viên lớp “{c.name}”.")
    v: list[Violation] = []
    rows: list[Enrolment] = []
    taken_candidates = set(c.enrolments.filter(candidate__isnull=False).values_list("candidate_id", flat=True))
    taken_members = set(c.enrolments.filter(member__isnull=False).values_list("member_id", flat=True))
    for cand in candidates:  # a candidate's proposing cell has no dated history: today's tree
        v += rules.check_learner(c.kind, is_candidate=True, name=cand.full_name)
        if not cand.is_open:
            v.append(Violation("training.candidate_closed", f"{cand.full_name}: hồ sơ kết nạp đã kết thúc.", "candidates"))
        elif cand.organization is None or not cand.organization.path.startswith(c.organization.path):
            v.append(Violation("training.candidate_outside", f"{cand.full_name}: chi bộ đề nghị không thuộc "
                               f"“{c.organization.name}”.", "candidates"))
        if cand.pk in taken_candidates:
            v.append(Violation("training.enrolled", f"{cand.full_name}: đã có trong danh sách học viên của lớp.", "candidates"))
        rows.append(Enrolment(training_class=c, candidate=cand, full_name=cand.full_name, organization=cand.organization,
                              enrolled_by=_user(by)))
    where = _members_in_class_subtree(c, [m.pk for m in members])
    for m in members:
        v += rules.check_learner(c.kind, is_candidate=False, name=m.full_name)
        if m.pk not in where:
            v.append(Violation("training.member_outside", f"{m.full_name}: không là đảng viên sinh hoạt trong "
                               f"“{c.organization.name}” trong thời gian lớp học ({_class_span(c)}).", "members"))
        if m.pk in taken_members:
            v.append(Violation("training.enrolled", f"{m.full_name}: đã có trong danh sách học viên của lớp.", "members"))
        rows.append(Enrolment(training_class=c, member=m, full_name=m.full_name, organization_id=where.get(m.pk),
                              enrolled_by=_user(by)))
    if not rows:
        v.append(Violation("training.no_learner", "Chọn ít nhất một học viên.", "candidates" if c.is_awareness else "members"))
    raise_if(v)
    try:
        with transaction.atomic():
            created = Enrolment.objects.bulk_create(rows)
    except IntegrityError as exc:  # enrolled twice at once
        raise RuleViolation([Violation("training.enrolled", "Học viên đã có trong danh sách của lớp.", None)]) from exc
    audit.record(actor=by, action="training.enrol", obj=c, data={"learners": [r.full_name for r in rows]},
                 note=f"Ghi danh {len(rows)} học viên: " + ", ".join(r.full_name for r in rows))
    return created


def certificate_source(training_class: TrainingClass) -> str:
    """How the records name the class that issued a certificate."""
    return (f"{training_class.name} ({training_class.organizer_name}, {vn_date(training_class.start_date)}–"
            f"{vn_date(training_class.end_date)})")[:255]


@audited
def record_result(*, by, enrolment: Enrolment, result: str, attended: bool | None = None, certificate_number: str = "",
                  certificate_date: dt.date | None = None, issuer: str = "") -> Enrolment:
    """A learner's attendance, result and certificate. A certificate is final: it has fed the records."""
    e = Enrolment.objects.select_for_update(of=("self",)).select_related(
        "training_class__organization", "candidate__organization", "member__organization", "member__theory_level").get(pk=enrolment.pk)
    c = e.training_class
    _require(by, c.organization, f"Bạn không có quyền ghi kết quả lớp “{c.name}”.")
    issuer = " ".join(issuer.split()) or c.organizer_name
    v = []
    if e.certificate_date is not None:
        v.append(Violation("training.certificate_final", f"{e.full_name}: đã cấp giấy chứng nhận ngày "
                           f"{vn_date(e.certificate_date)} và đã ghi vào hồ sơ; không sửa.", "certificate_date"))
    else:
        v += rules.check_result(result, attended=attended, certificate_date=certificate_date, class_start=c.start_date,
                                today=today(), name=e.full_name)
    raise_if(v)
    before = audit.snapshot(e, Enrolment.AUDIT_FIELDS)
    e.result = result
    e.attended = attended if attended is not None else (True if result == Result.PASSED else e.attended)
    if result == Result.PASSED and certificate_date is not None:
        e.certificate_number, e.certificate_date, e.certificate_issuer = certificate_number.strip(), certificate_date, issuer
    e.save()
    audit.record(actor=by, action="training.result", obj=e, before=before, after=audit.snapshot(e, Enrolment.AUDIT_FIELDS),
                 note=f"{c.name}: {e.full_name}: {Result(result).label}")
    if e.certificate_date is not None:
        _feed_records(by, e)
    return e


def _feed_records(by, e: Enrolment) -> None:
    c = e.training_class
    if e.candidate_id is not None:
        admission_services.record_certificate(by=by, candidate=e.candidate, certificate_date=e.certificate_date,
                                              certificate_number=e.certificate_number, issuer=e.certificate_issuer,
                                              awareness_class=certificate_source(c))
        return
    code = rules.theory_level_code(c.kind)
    if code is not None:
        level = ReferenceItem.objects.get(list_code="theory_level", code=code)
        member_services.record_theory_level(by=by, member=e.member, level=level, obtained_on=e.certificate_date,
                                            certificate_number=e.certificate_number, issuer=e.certificate_issuer,
                                            source=certificate_source(c), issuer_checked=True)


@audited
def record_results(*, by, training_class: TrainingClass, rows, certificate_date: dt.date | None = None,
                   issuer: str = "") -> list[Enrolment]:
    """The results of several learners at once (the class's closing): `rows` are (enrolment, result,
    certificate number); passed learners get the certificate of `certificate_date`. All or nothing."""
    v: list[Violation] = []
    done = []
    for enrolment, result, number in rows:
        if enrolment.training_class_id != training_class.pk:
            raise ValueError("enrolment of another class")
        try:
            done.append(record_result(by=by, enrolment=enrolment, result=result, certificate_number=number,
                                      certificate_date=certificate_date if result == Result.PASSED else None, issuer=issuer))
        except RuleViolation as exc:
            v += exc.violations
    raise_if(v)
    return done
