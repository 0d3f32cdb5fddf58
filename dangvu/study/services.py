"""Use cases of resolution study: the only code that writes this app's tables.

Each one: permission first ("study.manage" for the library, "study.change" on the organization, today), then every
rule (all violations at once, rules.py), then one transaction (`@audited`) writing the rows and the audit entry.
Attendance rows are audited on their session.
"""

from __future__ import annotations

import datetime as dt

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.core.text import fold
from dangvu.organizations import tree
from dangvu.organizations.models import Organization
from dangvu.study import rules, selectors
from dangvu.study.kinds import PlanKind, PlanStatus, SessionForm, SessionStatus, StudyLevel
from dangvu.study.models import FollowUpPlan, StudyAttendance, StudyDocument, StudySession
from dangvu.study.querysets import CHANGE, MANAGE


def _clean(value) -> str:
    return (value or "").strip()


def _user(by):
    return by if getattr(by, "pk", None) else None


def may_change(user, org: Organization) -> bool:
    return permissions.can(user, CHANGE, org)


def may_manage_library(user) -> bool:
    return permissions.has_scope(user, MANAGE)


def _require(by, org: Organization) -> None:
    if not may_change(by, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi học tập, quán triệt của {org.name}.")


def _audit(by, action: str, obj, before: dict | None, note: str, data: dict | None = None) -> None:
    audit.record(actor=by, action=action, obj=obj, before=before, after=audit.snapshot(obj, obj.AUDIT_FIELDS), data=data,
                 note=note)


# ---------------------------------------------------------------- the library

@audited
def add_document(*, by, kind: str, number: str, issuer: str, issued_on: dt.date | None, title: str, short_name: str = "",
                 level: str = StudyLevel.ALL) -> StudyDocument:
    """Add a document to study to the library (officers)."""
    if not may_manage_library(by):
        raise PermissionDeniedInScope("Chỉ cán bộ tổ chức thêm văn bản vào thư viện học tập.")
    number = rules.normalize_number(number)
    values = {"kind": kind, "issuer": _clean(issuer), "title": _clean(title), "short_name": _clean(short_name), "level": level}
    v = rules.check_number(number, kind)
    if issued_on is None:
        v.append(Violation("study.issued_on", "Ngày ban hành: bắt buộc nhập.", "issued_on"))
    elif issued_on > today():
        v.append(Violation("study.issued_on", "Ngày ban hành: không sau ngày hôm nay.", "issued_on"))
    for name, label in (("issuer", "Cơ quan ban hành"), ("title", "Trích yếu")):
        if not values[name]:
            v.append(Violation(f"study.{name}", f"{label}: bắt buộc nhập.", name))
    if number and StudyDocument.objects.filter(number=number).exists():
        v.append(Violation("study.number_taken", f"Số, ký hiệu: {number} đã có trong thư viện.", "number"))
    v += field_violations(StudyDocument, values, code_prefix="study")
    raise_if(v)
    document = StudyDocument.objects.create(number=number, issued_on=issued_on,
                                            search_key=fold(f"{number} {values['title']} {values['short_name']}"), **values)
    _audit(by, "study.document", document, None, f"Thêm {document} vào thư viện học tập")
    return document


# ---------------------------------------------------------------- sessions

def _session_violations(org, date, documents, cadres_expected) -> list[Violation]:
    v: list[Violation] = []
    if date is None:
        v.append(Violation("study.date", "Ngày học tập: bắt buộc nhập.", "date"))
    elif not tree.is_active(org, date):
        v.append(Violation("study.org_inactive", f"Ngày học tập: {org.name} không hoạt động ngày {vn_date(date)}.", "date"))
    if not documents:
        v.append(Violation("study.documents", "Văn bản học tập: chọn ít nhất một văn bản.", "documents"))
    if (cadres_expected or 0) < 0:
        v.append(Violation("study.cadres", "Cán bộ không phải đảng viên phải dự: không âm.", "cadres_expected"))
    return v


@audited
def schedule_session(*, by, organization: Organization, date: dt.date | None, documents, form: str = SessionForm.IN_PERSON,
                     place: str = "", cadres_expected: int = 0) -> StudySession:
    """Plan a study session of `organization` for its subtree."""
    _require(by, organization)
    documents = list(documents)
    raise_if(_session_violations(organization, date, documents, cadres_expected)
             + field_violations(StudySession, {"form": form, "place": _clean(place)}, code_prefix="study"))
    session = StudySession.objects.create(organization=organization, date=date, form=form, place=_clean(place),
                                          cadres_expected=cadres_expected or 0, created_by=_user(by))
    session.documents.set(documents)
    _audit(by, "study.schedule", session, None, f"Lên kế hoạch học tập, quán triệt ngày {vn_date(date)}: "
           + ", ".join(d.number for d in documents), data={"documents": [d.number for d in documents]})
    return session


@audited
def record_attendance(*, by, session: StudySession, absent: dict[int, str], cadres_present: int = 0,
                      expected_version: int | None = None) -> StudySession:
    """The session took place: every member expected on its date is listed, present unless in `absent`
    (member id → reason). Recorded again, the list is replaced, until a make-up has been recorded."""
    session = lock_for_update(session, None, queryset=StudySession.objects.select_related("organization"))
    _require(by, session.organization)
    check_version(session, expected_version)
    expected = dict(selectors.expected(session.organization, session.date))
    absent = {int(k): _clean(r) for k, r in absent.items()}
    v = rules.check_not_future(session.date, today())
    v += rules.check_absent(set(expected), set(absent))
    if session.makeup_of_id:
        v.append(Violation("study.makeup_list", "Buổi học bù: danh sách do buổi học bù ghi, không ghi lại.", "absent"))
    if session.attendance.filter(made_up_in__isnull=False).exists():
        v.append(Violation("study.made_up", "Danh sách tham dự: đã ghi học bù cho người vắng, không ghi lại được.", "absent"))
    if not 0 <= (cadres_present or 0) <= session.cadres_expected:
        v.append(Violation("study.cadres", f"Cán bộ không phải đảng viên có mặt: từ 0 đến {session.cadres_expected}.",
                           "cadres_present"))
    v += [x for r in absent.values() for x in field_violations(StudyAttendance, {"reason": r}, code_prefix="study")]
    raise_if(v)
    before = audit.snapshot(session, StudySession.AUDIT_FIELDS)
    session.attendance.all().delete()
    StudyAttendance.objects.bulk_create([
        StudyAttendance(session=session, member_id=mid, organization_id=org_id, present=mid not in absent,
                        reason=absent.get(mid, "")) for mid, org_id in expected.items()])
    session.status = SessionStatus.HELD
    session.cadres_present = cadres_present or 0
    session.save()
    _audit(by, "study.attendance", session, before, f"Ghi danh sách tham dự học tập ngày {vn_date(session.date)}: "
           f"{len(expected) - len(absent)}/{len(expected)} đảng viên có mặt", data={"absent": sorted(absent)})
    return session


@audited
def record_makeup(*, by, session: StudySession, date: dt.date | None, members, form: str = SessionForm.IN_PERSON,
                  place: str = "") -> StudySession:
    """A make-up session for members absent from `session` (học bù): its own session, their rows point at it."""
    session = lock_for_update(session, None, queryset=StudySession.objects.select_related("organization"))
    _require(by, session.organization)
    chosen = {getattr(m, "pk", m) for m in members}
    absent = set(selectors.not_made_up(session).values_list("member_id", flat=True))
    v: list[Violation] = []
    if session.makeup_of_id or session.status != SessionStatus.HELD:
        v.append(Violation("study.makeup_absent", "Học bù: chỉ ghi cho buổi học tập đã ghi danh sách tham dự.", "members"))
    if date is None:
        v.append(Violation("study.date", "Ngày học bù: bắt buộc nhập.", "date"))
    else:
        v += rules.check_makeup(session_date=session.date, date=date, today=today(), absent=absent, chosen=chosen)
    raise_if(v)
    makeup = StudySession.objects.create(organization=session.organization, date=date, form=form, place=_clean(place),
                                         makeup_of=session, status=SessionStatus.HELD, created_by=_user(by))
    makeup.documents.set(session.documents.all())
    session.attendance.filter(member_id__in=chosen).update(made_up_in=makeup)
    session.save(update_fields=["updated_at"])
    _audit(by, "study.makeup", makeup, None, f"Học bù ngày {vn_date(date)} cho {len(chosen)} đảng viên vắng buổi học tập "
           f"ngày {vn_date(session.date)}", data={"session": session.pk, "members": sorted(chosen)})
    audit.record(actor=by, action="study.makeup", obj=session, note=f"{len(chosen)} đảng viên học bù ngày {vn_date(date)}",
                 data={"makeup": makeup.pk, "members": sorted(chosen)})
    return makeup


# ---------------------------------------------------------------- follow-up plans

@audited
def add_plan(*, by, document: StudyDocument, organization: Organization, title: str, due_on: dt.date | None,
             kind: str = PlanKind.PLAN, number: str = "") -> FollowUpPlan:
    _require(by, organization)
    values = {"title": _clean(title), "number": _clean(number), "kind": kind}
    v: list[Violation] = []
    if not values["title"]:
        v.append(Violation("study.plan_title", "Tên kế hoạch, chương trình: bắt buộc nhập.", "title"))
    if due_on is None:
        v.append(Violation("study.plan_due", "Hạn ban hành, hoàn thành: bắt buộc nhập.", "due_on"))
    elif due_on < document.issued_on:
        v.append(Violation("study.plan_due", f"Hạn ban hành, hoàn thành: không trước ngày ban hành {document.number} "
                           f"({vn_date(document.issued_on)}).", "due_on"))
    v += field_violations(FollowUpPlan, values, code_prefix="study")
    raise_if(v)
    plan = FollowUpPlan.objects.create(document=document, organization=organization, due_on=due_on, **values)
    _audit(by, "study.plan", plan, None, f"{plan.get_kind_display()} thực hiện {document.number} của {organization.name}, "
           f"hạn {vn_date(due_on)}")
    return plan


@audited
def set_plan_status(*, by, plan: FollowUpPlan, status: str, done_on: dt.date | None = None,
                    expected_version: int | None = None) -> FollowUpPlan:
    plan = lock_for_update(plan, None, queryset=FollowUpPlan.objects.select_related("organization"))
    _require(by, plan.organization)
    check_version(plan, expected_version)
    v: list[Violation] = []
    if status not in PlanStatus.values:
        v.append(Violation("study.plan_status", "Tình trạng: không hợp lệ.", "status"))
    if status == PlanStatus.DONE:
        if done_on is None:
            v.append(Violation("study.plan_done_on", "Ngày hoàn thành: bắt buộc nhập khi đã hoàn thành.", "done_on"))
        elif done_on > today():
            v.append(Violation("study.plan_done_on", "Ngày hoàn thành: không sau ngày hôm nay.", "done_on"))
    raise_if(v)
    before = audit.snapshot(plan, FollowUpPlan.AUDIT_FIELDS)
    plan.status = status
    plan.done_on = done_on if status == PlanStatus.DONE else None
    plan.save()
    _audit(by, "study.plan_status", plan, before, f"{plan}: {plan.get_status_display().lower()}")
    return plan
