"""Use cases of cell meetings: the only code that writes this app's tables.

Each one: permission first ("meetings.change" on the cell, today), then every rule (all violations
at once, rules.py, parameters of the meeting's date), then one transaction that writes the rows and
the audit entry on the meeting (`@audited`). Attendance and tasks are audited on their meeting.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import check_version, field_violations, lock_for_update
from dangvu.meetings import rules, selectors
from dangvu.meetings.kinds import CELL_KINDS, Mark, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, GroupMembership, Meeting, Task
from dangvu.meetings.querysets import CHANGE, VIEW
from dangvu.members.models import Member
from dangvu.organizations import committees
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on

TEXT_FIELDS = ("place", "topic", "agenda", "documents")
RESOLUTION_FIELDS = ("minutes", "results", "next_tasks", "assignment", "self_assessment")


def _user(by):
    return by if getattr(by, "pk", None) else None


def _clean(value) -> str:
    return (value or "").strip()


def may_change(user, cell: Organization) -> bool:
    return permissions.can(user, CHANGE, cell)


def _require(by, cell: Organization) -> None:
    if not may_change(by, cell):
        raise PermissionDeniedInScope(f"Bạn không có quyền ghi sinh hoạt của {cell.name}.")


def _locked(meeting: Meeting, expected_version: int | None) -> Meeting:
    return lock_for_update(meeting, expected_version, queryset=Meeting.objects.select_related("cell"))


def _open(by, meeting: Meeting, expected_version: int | None) -> Meeting:
    """The meeting locked, the permission checked, then the version compared (an outsider learns nothing)."""
    meeting = _locked(meeting, None)
    _require(by, meeting.cell)
    check_version(meeting, expected_version)
    return meeting


def _snapshot(meeting: Meeting) -> dict:
    """The audited values, times as "08:00" (audit.snapshot writes dates, not times, as text)."""
    values = audit.snapshot(meeting, Meeting.AUDIT_FIELDS)
    return {k: v.strftime("%H:%M") if isinstance(v, dt.time) else v for k, v in values.items()}


def _audit(by, action: str, meeting: Meeting, before: dict | None, note: str, data: dict | None = None) -> None:
    audit.record(actor=by, action=action, obj=meeting, before=before, after=_snapshot(meeting), data=data, note=note)


def _member_violations(cell: Organization, date: dt.date | None, **people) -> list[Violation]:
    """The chair and the minute-taker are members expected at the meeting."""
    if date is None or all(person is None for person in people.values()):
        return []  # nobody to check: no need to compute who the meeting expects
    ids = {e.member_id for e in selectors.expected(cell, date)}
    labels = {"chair": "Chủ trì", "minute_taker": "Thư ký"}
    return [Violation(f"meeting.{name}", f"{labels[name]}: {person.full_name} không sinh hoạt ở {cell.name} ngày "
                      f"{vn_date(date)}.", name) for name, person in people.items() if person is not None and person.pk not in ids]


def _group_violations(cell, group, date: dt.date, kind: str, meeting: Meeting | None) -> list[Violation]:
    """G6: a meeting by party group (the rule with the cell's groups, members and group months of the year)."""
    groups = selectors.party_groups(cell, date)
    members = sum(1 for e in selectors.expected(cell, date) if not e.hosted)
    return rules.check_group_meeting(kind=kind, group_in_cell=group.pk in groups, has_groups=bool(groups), members=members,
                                     months_used=selectors.group_months(cell, date.year, exclude=meeting),
                                     month=rules.month_start(date), params=params_on(date, cell))


def _schedule_violations(cell, values: dict, meeting: Meeting | None = None) -> list[Violation]:
    v = rules.check_schedule(date=values.get("date"), starts_at=values.get("starts_at"), ends_at=values.get("ends_at"),
                             kind=values.get("kind") or "", topic=values.get("topic") or "")
    if cell is None or cell.kind not in CELL_KINDS:
        v.append(Violation("meeting.cell", "Chi bộ: chỉ chi bộ mới ghi sinh hoạt chi bộ.", "cell"))
    elif values.get("date") is not None and cell.ended_on is not None and values["date"] > cell.ended_on:
        v.append(Violation("meeting.cell_ended", f"Ngày sinh hoạt: {cell.name} đã kết thúc hoạt động ngày "
                           f"{vn_date(cell.ended_on)}.", "date"))
    else:
        v += _member_violations(cell, values.get("date"), chair=values.get("chair"), minute_taker=values.get("minute_taker"))
        if values.get("party_group") is not None and values.get("date") is not None:
            v += _group_violations(cell, values["party_group"], values["date"], values.get("kind") or "", meeting)
    v += field_violations(Meeting, {k: values[k] for k in TEXT_FIELDS if k in values}, code_prefix="meeting")
    return v


def _save(meeting: Meeting) -> None:
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("meeting.duplicate", f"Ngày sinh hoạt: {meeting.cell.name} đã có buổi "
                                       f"{meeting.get_kind_display().lower()} ngày {vn_date(meeting.date)}.", "date")]) from exc


# ---------------------------------------------------------------- planning

@audited
def schedule_meeting(*, by, cell: Organization, date: dt.date | None, kind: str = MeetingKind.REGULAR,
                     starts_at: dt.time | None = None, ends_at: dt.time | None = None, place: str = "", topic: str = "",
                     agenda: str = "", documents: str = "", materials_sent_on: dt.date | None = None,
                     superior_notified_on: dt.date | None = None,
                     chair: Member | None = None, minute_taker: Member | None = None,
                     party_group: Organization | None = None) -> Meeting:
    """Plan a meeting of the cell (date, time, place, chair, minute-taker, agenda, documents); with `party_group`, a
    regular meeting held by that group of the cell instead of the whole cell (G6)."""
    _require(by, cell)
    values = {"date": date, "kind": kind, "starts_at": starts_at, "ends_at": ends_at, "place": _clean(place),
              "topic": _clean(topic), "agenda": _clean(agenda), "documents": _clean(documents), "chair": chair,
              "minute_taker": minute_taker, "party_group": party_group}
    raise_if(_schedule_violations(cell, values))
    meeting = Meeting(cell=cell, materials_sent_on=materials_sent_on, superior_notified_on=superior_notified_on,
                      created_by=_user(by),
                      created_by_label=audit.actor_label(by), **values)
    _save(meeting)
    _audit(by, "meetings.schedule", meeting, None, f"Lên kế hoạch {meeting.get_kind_display().lower()} ngày {vn_date(date)}")
    return meeting


@audited
def update_meeting(*, by, meeting: Meeting, expected_version: int | None = None, **changes) -> Meeting:
    """Change what was planned (date, time, place, people, agenda, documents, the day they were sent), until the
    minutes are complete."""
    meeting = _open(by, meeting, expected_version)
    if meeting.status == MeetingStatus.COMPLETE:
        raise_if([Violation("meeting.complete", "Buổi sinh hoạt đã hoàn thành biên bản: không sửa được.", "status")])
    allowed = {"date", "kind", "starts_at", "ends_at", "place", "topic", "agenda", "documents", "materials_sent_on", "chair",
               "minute_taker", "party_group", "superior_notified_on"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"update_meeting: unknown fields {sorted(unknown)}")
    if meeting.status != MeetingStatus.PLANNED and "date" in changes and changes["date"] != meeting.date:
        raise_if([Violation("meeting.date_held", "Ngày sinh hoạt: buổi sinh hoạt đã họp, đã điểm danh: không đổi ngày.",
                            "date")])
    if (meeting.status != MeetingStatus.PLANNED and "party_group" in changes
            and getattr(changes["party_group"], "pk", None) != meeting.party_group_id):
        raise_if([Violation("meeting.group_held", "Tổ đảng: buổi sinh hoạt đã họp, đã điểm danh: không đổi tổ đảng.",
                            "party_group")])
    before = _snapshot(meeting)
    for name, value in changes.items():
        setattr(meeting, name, _clean(value) if name in TEXT_FIELDS else value)
    values = {n: getattr(meeting, n) for n in ("date", "kind", "starts_at", "ends_at", "chair", "minute_taker", "party_group",
                                               *TEXT_FIELDS)}
    v = _schedule_violations(meeting.cell, values, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        v += [x for x in rules.check_duration(kind=meeting.kind, minutes=meeting.duration_minutes, date=meeting.date,
                                              params=params_on(meeting.date)) if x.code == "meeting.duration"]
    raise_if(v)
    if meeting.status != MeetingStatus.PLANNED:
        meeting.short = bool(rules.check_duration(kind=meeting.kind, minutes=meeting.duration_minutes, date=meeting.date,
                                                  params=params_on(meeting.date)))
    _save(meeting)
    _audit(by, "meetings.update", meeting, before, f"Sửa buổi sinh hoạt ngày {vn_date(meeting.date)}")
    return meeting


def _plan_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


@audited
def plan_year(*, by, cell: Organization, year: int, day: int, starts_at: dt.time | None = None, place: str = "",
              thematic_topics: list[str] | tuple[str, ...] = ()) -> list[Meeting]:
    """The year's plan: the twelve monthly regular meetings on `day` of each month (the last day of a shorter
    month), and a thematic topic per quarter, held with the regular meeting of the quarter's last month
    (combined, G2's longer minimum). Months that already have a regular meeting keep it."""
    _require(by, cell)
    v: list[Violation] = []
    if not 1 <= (day or 0) <= 31:
        v.append(Violation("plan.day", "Ngày họp hằng tháng: từ 1 đến 31.", "day"))
    if not 1900 <= (year or 0) <= 2100:
        v.append(Violation("plan.year", "Năm: không hợp lệ.", "year"))
    topics = [_clean(t) for t in thematic_topics][:4]
    raise_if(v)
    existing = {(d.month, k) for d, k in Meeting.objects.filter(cell=cell, date__year=year).values_list("date", "kind")}
    created = []
    for month in range(1, 13):
        if (month, MeetingKind.REGULAR) in existing or (month, MeetingKind.COMBINED) in existing:
            continue
        quarter_end = month % 3 == 0
        topic = topics[month // 3 - 1] if quarter_end and len(topics) >= month // 3 else ""
        kind = MeetingKind.COMBINED if topic else MeetingKind.REGULAR
        values = {"date": _plan_date(year, month, day), "kind": kind, "starts_at": starts_at, "ends_at": None,
                  "place": _clean(place), "topic": topic, "agenda": "", "documents": "", "party_group": None}
        raise_if(_schedule_violations(cell, values))
        meeting = Meeting(cell=cell, created_by=_user(by), created_by_label=audit.actor_label(by), **values)
        _save(meeting)
        _audit(by, "meetings.schedule", meeting, None, f"Kế hoạch sinh hoạt năm {year}: {meeting.get_kind_display().lower()} "
                                                        f"ngày {vn_date(meeting.date)}")
        created.append(meeting)
    return created


# ---------------------------------------------------------------- held: attendance

@audited
def record_held(*, by, meeting: Meeting, attendance: list[tuple], starts_at: dt.time | None = None,
                ends_at: dt.time | None = None, expected_version: int | None = None) -> Meeting:
    """The meeting took place: its times and the attendance of every member expected on its date
    (`attendance`: items (member or member id, mark, reason)). Recorded again, the attendance is replaced
    until the minutes are complete."""
    meeting = _open(by, meeting, expected_version)
    if meeting.status == MeetingStatus.COMPLETE:
        raise_if([Violation("meeting.complete", "Buổi sinh hoạt đã hoàn thành biên bản: không sửa điểm danh được.",
                            "status")])
    starts_at = starts_at if starts_at is not None else meeting.starts_at
    ends_at = ends_at if ends_at is not None else meeting.ends_at
    params = params_on(meeting.date)
    marks = [(getattr(m, "pk", m), mark or "", _clean(reason)) for m, mark, reason in attendance]
    expected, exact = selectors.expected_at(meeting)
    checked = marks  # the marks checked against `expected`
    v: list[Violation] = []
    if not exact:  # G6 without recorded group members: the group's are those marked at its meeting, one group a month
        marked = {mid for mid, _, _ in marks}
        v += rules.check_group_attendance(marks, selectors.marked_in_other_groups(meeting),
                                          {e.member_id: e.full_name for e in expected})
        expected = [e for e in expected if e.member_id in marked]
    elif meeting.party_group_id:  # G6 with the groups' members recorded: exactly the group's members on that date
        in_group = {e.member_id for e in expected}
        others = {e.member_id: e.full_name for e in selectors.expected(meeting.cell_id, meeting.date)}
        v += [Violation("attendance.not_in_group", f"Điểm danh: {others[mid]} không thuộc {meeting.party_group.name} ngày "
                        f"{vn_date(meeting.date)} (danh sách tổ đảng của chi bộ).", "attendance", f"G6 — {rules.SOURCE_GROUP}")
              for mid, _, _ in marks if mid in others and mid not in in_group]
        checked = [x for x in marks if x[0] not in others or x[0] in in_group]
    v += rules.check_held(date=meeting.date, today=today())
    v += rules.check_schedule(date=meeting.date, starts_at=starts_at, ends_at=ends_at, kind=meeting.kind, topic=meeting.topic)
    minutes = None
    if starts_at is not None and ends_at is not None and ends_at > starts_at:
        minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    v += [x for x in rules.check_duration(kind=meeting.kind, minutes=minutes, date=meeting.date, params=params)
          if x.code == "meeting.duration"]
    v += rules.check_attendance(expected, checked, date=meeting.date)
    v += [Violation(x.code, x.message, "attendance") for _, _, r in marks
          for x in field_violations(Attendance, {"reason": r}, code_prefix="attendance")]
    raise_if(v)
    before = _snapshot(meeting)
    hosted = {e.member_id for e in expected if e.hosted}
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create([Attendance(meeting=meeting, member_id=mid, mark=mark,
                                               reason=reason if mark != Mark.PRESENT else "", hosted=mid in hosted)
                                    for mid, mark, reason in marks])
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.HELD
    present = {mid for mid, mark, _ in marks if mark == Mark.PRESENT}
    meeting.vote_base = rules.vote_base(expected, present)
    meeting.short = bool(rules.check_duration(kind=meeting.kind, minutes=minutes, date=meeting.date, params=params))
    meeting.save()
    counts = {m: sum(1 for _, mark, _ in marks if mark == m) for m in Mark.values}
    _audit(by, "meetings.held", meeting, before,
           f"Ghi buổi sinh hoạt ngày {vn_date(meeting.date)}: {counts['present']} có mặt, {counts['excused']} vắng có lý do, "
           f"{counts['unexcused']} vắng không lý do",
           data={"attendance": {str(mid): mark for mid, mark, _ in marks}})
    return meeting


def short_of(meeting: Meeting) -> list[Violation]:
    """What the rules note about a meeting without refusing it: shorter than G2's minimum, documents late (G3)."""
    params = params_on(meeting.date)
    notes = []
    if meeting.duration_minutes is not None:
        notes += rules.check_duration(kind=meeting.kind, minutes=meeting.duration_minutes, date=meeting.date, params=params)
    notes += rules.check_notice(date=meeting.date, materials_sent_on=meeting.materials_sent_on, params=params)
    follower = committees.follower_on(meeting.cell_id, meeting.date)
    notes += rules.check_superior_notice(date=meeting.date, notified_on=meeting.superior_notified_on,
                                         follower=follower.seat.full_name if follower else "", params=params)
    return notes


# ---------------------------------------------------------------- minutes and resolution

@audited
def record_minutes(*, by, meeting: Meeting, minutes: str = "", results: str = "", next_tasks: str = "",
                   assignment: str = "", self_assessment: str = "", votes_for: int | None = None,
                   votes_against: int | None = None, votes_abstain: int | None = None, complete: bool = False,
                   expected_version: int | None = None) -> Meeting:
    """The minutes and the monthly resolution in its four parts (G4) with its vote; `complete` closes the meeting
    (held, minutes written, the four parts for a regular meeting)."""
    meeting = _open(by, meeting, expected_version)
    v: list[Violation] = []
    if meeting.status == MeetingStatus.COMPLETE:
        v.append(Violation("meeting.complete", "Buổi sinh hoạt đã hoàn thành biên bản: không sửa được.", "status"))
    if meeting.status == MeetingStatus.PLANNED:
        v.append(Violation("meeting.not_held", "Biên bản: ghi điểm danh (buổi sinh hoạt đã họp) trước khi ghi biên bản, "
                           "nghị quyết.", "minutes"))
    texts = {"minutes": _clean(minutes), "results": _clean(results), "next_tasks": _clean(next_tasks),
             "assignment": _clean(assignment), "self_assessment": _clean(self_assessment)}
    v += field_violations(Meeting, texts, code_prefix="meeting")
    base = meeting.vote_base or 0
    v += rules.check_votes(votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain, base=base)
    if complete and not v:
        v += rules.check_complete(status=meeting.status, kind=meeting.kind, minutes=texts["minutes"], parts=texts,
                                  date=meeting.date)
    raise_if(v)
    before = _snapshot(meeting)
    for name, value in texts.items():
        setattr(meeting, name, value)
    meeting.votes_for, meeting.votes_against, meeting.votes_abstain = votes_for, votes_against, votes_abstain
    if complete:
        meeting.status = MeetingStatus.COMPLETE
    meeting.save()
    _audit(by, "meetings.minutes", meeting, before, ("Hoàn thành" if complete else "Ghi") +
           f" biên bản, nghị quyết buổi sinh hoạt ngày {vn_date(meeting.date)}")
    return meeting


# ---------------------------------------------------------------- tasks of the resolution

@audited
def add_task(*, by, meeting: Meeting, description: str, due_on: dt.date | None, owner: Member | None = None,
             owner_label: str = "") -> Task:
    meeting = _open(by, meeting, None)
    description, owner_label = _clean(description), _clean(owner_label)
    v: list[Violation] = []
    if meeting.status == MeetingStatus.PLANNED:
        v.append(Violation("task.not_held", "Nhiệm vụ: chỉ giao nhiệm vụ theo nghị quyết của buổi sinh hoạt đã họp.",
                           "description"))
    if not description:
        v.append(Violation("task.description", "Nhiệm vụ: bắt buộc nhập.", "description"))
    if due_on is None:
        v.append(Violation("task.due_on", "Hạn hoàn thành: bắt buộc nhập.", "due_on"))
    elif due_on < meeting.date:
        v.append(Violation("task.due_before", f"Hạn hoàn thành: không trước ngày sinh hoạt {vn_date(meeting.date)}.",
                           "due_on"))
    if owner is None and not owner_label:
        v.append(Violation("task.owner", "Người thực hiện: chọn một đảng viên hoặc ghi tên.", "owner"))
    if owner is not None:
        v += [Violation("task.owner_cell", x.message.replace("Chủ trì", "Người thực hiện"), "owner")
              for x in _member_violations(meeting.cell, meeting.date, chair=owner)]
    v += field_violations(Task, {"description": description, "owner_label": owner_label}, code_prefix="task")
    raise_if(v)
    task = Task.objects.create(meeting=meeting, description=description, owner=owner, owner_label=owner_label, due_on=due_on)
    meeting.save(update_fields=["updated_at"])
    _audit(by, "meetings.task", meeting, None, f"Giao nhiệm vụ “{description[:80]}” cho {task.owner_name}, hạn "
                                              f"{vn_date(due_on)}", data={"task": task.pk})
    return task


@audited
def complete_task(*, by, task: Task, done_on: dt.date | None, result: str = "") -> Task:
    meeting = _open(by, task.meeting, None)
    task = Task.objects.select_for_update().get(pk=task.pk)
    v: list[Violation] = []
    if done_on is None:
        v.append(Violation("task.done_on", "Ngày hoàn thành: bắt buộc nhập.", "done_on"))
    elif done_on > today():
        v.append(Violation("task.done_future", "Ngày hoàn thành: không sau ngày hôm nay.", "done_on"))
    if task.done_on is not None:
        v.append(Violation("task.done", f"Nhiệm vụ đã được ghi hoàn thành ngày {vn_date(task.done_on)}.", "done_on"))
    raise_if(v)
    task.done_on, task.result = done_on, _clean(result)
    task.save()
    meeting.save(update_fields=["updated_at"])
    _audit(by, "meetings.task_done", meeting, None, f"Hoàn thành nhiệm vụ “{task.description[:80]}”",
           data={"task": task.pk})
    return task


# ---------------------------------------------------------------- quality self-assessment (G7)

def quality_sheet(meeting: Meeting) -> list[tuple[str, str, int]]:
    """The scoring sheet of the province above the meeting's cell, in force on the meeting's date (G7)."""
    return rules.quality_sheet(params_on(meeting.date, meeting.cell))


@audited
def assess_quality(*, by, meeting: Meeting, scores: dict[str, int | None], expected_version: int | None = None) -> Meeting:
    """The cell's self-assessment of a meeting held, on the province's scoring sheet in force on its date: every
    criterion scored, the total and the grade kept on the meeting (scored again, replaced)."""
    meeting = _open(by, meeting, expected_version)
    params = params_on(meeting.date, meeting.cell)
    v: list[Violation] = []
    if meeting.status == MeetingStatus.PLANNED:
        v.append(Violation("quality.not_held", "Chấm điểm chất lượng: buổi sinh hoạt chưa được ghi là đã họp.", "status"))
    found, total, grade = rules.score_quality(scores, params)
    raise_if(v + found)
    before = _snapshot(meeting)
    meeting.quality_scores = {key: scores[key] for key, _, _ in rules.quality_sheet(params)}
    meeting.quality_score, meeting.quality_grade = total, grade
    meeting.save()
    _audit(by, "meetings.quality", meeting, before, f"Chấm điểm chất lượng buổi sinh hoạt ngày {vn_date(meeting.date)}: "
                                                    f"{total} điểm, {meeting.get_quality_grade_display().lower()}")
    return meeting


# ---------------------------------------------------------------- documents as files

def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_document(*, file, kind: str, title: str) -> list[Violation]:
    """A meeting's document: a file of an allowed type, no larger than the setting, of a known kind."""
    from django.conf import settings

    from dangvu.core.numbers import format_number
    from dangvu.meetings.models import DocumentKind

    v: list[Violation] = []
    if kind not in DocumentKind.values:
        v.append(Violation("meeting.document_kind", "Loại tài liệu: chọn nội dung, chương trình; dự thảo nghị quyết hoặc "
                           "tài liệu khác.", "kind"))
    if len(title or "") > 255:
        v.append(Violation("meeting.document_title", "Tên tài liệu: tối đa 255 ký tự.", "title"))
    if file is None:
        v.append(Violation("meeting.document_file", "Tệp: bắt buộc chọn tệp tài liệu.", "file"))
        return v
    allowed = settings.MEETING_DOCUMENT_EXTENSIONS
    if _extension(file.name) not in allowed:
        v.append(Violation("meeting.document_type", "Tệp: chỉ nhận tệp " + ", ".join(f".{x}" for x in allowed)
                           + f" (tệp “{file.name}” không thuộc các loại này).", "file"))
    limit = settings.MEETING_DOCUMENT_MAX_BYTES
    if file.size > limit:
        v.append(Violation("meeting.document_size", f"Tệp: dung lượng {format_number(round(file.size / 1048576, 1))} MB "
                           f"vượt mức tối đa {format_number(round(limit / 1048576, 1))} MB.", "file"))
    elif file.size == 0:
        v.append(Violation("meeting.document_empty", "Tệp: tệp rỗng.", "file"))
    return v


@audited
def add_document(*, by, meeting: Meeting, file, kind: str = "other", title: str = ""):
    """Upload a document of the meeting (agenda, draft resolution, other paper) by whoever records the cell's
    meetings; audited on the meeting."""
    from dangvu.meetings.models import MeetingDocument

    meeting = _open(by, meeting, None)
    title = " ".join((title or "").split()) or (getattr(file, "name", "") or "")[:255]
    raise_if(check_document(file=file, kind=kind, title=title))
    doc = MeetingDocument(meeting=meeting, kind=kind, title=title, size=file.size, uploaded_by=_user(by),
                          uploaded_by_label=audit.actor_label(by))
    doc.file.save(file.name, file, save=False)
    doc.save()
    audit.record(actor=by, action="meetings.document_add", obj=meeting, note=f"Tải lên tài liệu “{doc.title}”",
                 data={"document": doc.pk, "kind": kind, "file": doc.file.name, "size": doc.size})
    return doc


@audited
def remove_document(*, by, document) -> None:
    """Remove a document of a meeting not yet complete (the file is deleted too); audited on the meeting."""
    meeting = _open(by, document.meeting, None)
    if meeting.status == MeetingStatus.COMPLETE:
        raise_if([Violation("meeting.complete", "Buổi sinh hoạt đã hoàn thành biên bản: không xóa tài liệu.", "file")])
    name, title = document.file.name, document.title
    document.delete()
    document.file.storage.delete(name)
    audit.record(actor=by, action="meetings.document_remove", obj=meeting, note=f"Xóa tài liệu “{title}”",
                 data={"file": name})


def documents_readable_by(user):
    """The documents `user` may read: those of the meetings they see (the register's scope), and, for a member, those of
    the upcoming meetings of their cell or of the cell hosting them (selectors.upcoming_for)."""
    from dangvu.meetings.models import MeetingDocument

    seen = Q(meeting__in=Meeting.objects.restrict(user, VIEW))
    member = Member.objects.visible_to(user).filter(user=user).first() if getattr(user, "is_authenticated", False) else None
    if member is not None:
        seen |= Q(meeting__in=[m.pk for m in selectors.upcoming_for(member, today(), limit=50)])
    return MeetingDocument.objects.filter(seen).select_related("meeting", "meeting__cell")


@audited
def record_download(by, document) -> None:
    audit.record(actor=by, action="meetings.document_download", obj=document.meeting,
                 note=f"Tải xuống tài liệu “{document.title}”", data={"document": document.pk})


# ---------------------------------------------------------------- party groups' members (G6)

def _membership_snapshot(row: GroupMembership) -> dict:
    return audit.snapshot(row, GroupMembership.AUDIT_FIELDS)


@audited
def assign_groups(*, by, cell: Organization, on: dt.date, assignments: list[tuple]) -> int:
    """From `on`, each member of `assignments` (items (member or id, party group or id or None)) belongs to that party
    group of `cell` (None: to no group), dated: the group they were in ends the day before. All at once, in one
    transaction, each change audited on its row; returns the number of members whose group changed."""
    _require(by, cell)
    groups = selectors.party_groups(cell, on)
    expected = {e.member_id: e.full_name for e in selectors.expected(cell, on)}
    wanted = [(getattr(m, "pk", m), getattr(g, "pk", g)) for m, g in assignments]
    current: dict[int, GroupMembership] = {}
    for row in GroupMembership.objects.filter(cell=cell, member_id__in=[m for m, _ in wanted]).order_by("joined_on", "id"):
        current[row.member_id] = row  # the latest row of each member
    names = dict(Member.objects.filter(pk__in=[m for m, _ in wanted]).values_list("pk", "full_name"))
    v: list[Violation] = []
    if on > today():
        v.append(Violation("group.future", f"Ngày vào tổ: {vn_date(on)} sau ngày hôm nay; ghi khi đảng viên đã vào tổ.",
                           "on"))
    seen: set[int] = set()
    for member_id, group_id in wanted:
        name = names.get(member_id, f"đảng viên mã {member_id}")
        if member_id in seen:
            v.append(Violation("group.twice", f"Tổ đảng: {name} được ghi hai lần.", "assignments"))
        seen.add(member_id)
        if group_id is not None and group_id not in groups:
            v.append(Violation("group.not_in_cell", f"Tổ đảng: chọn một tổ đảng của {cell.name} (có vào ngày {vn_date(on)}) "
                               f"cho {name}.", "assignments"))
        if group_id is not None and member_id not in expected:
            v.append(Violation("group.member_not_in_cell", f"Tổ đảng: {name} không sinh hoạt ở {cell.name} ngày {vn_date(on)} "
                               "theo sổ đảng viên.", "assignments"))
        row = current.get(member_id)
        if row is not None and (row.joined_on > on or (row.left_on is not None and row.left_on >= on)):
            last = row.left_on or row.joined_on
            v.append(Violation("group.before_last", f"Tổ đảng: {name} đã có ghi tổ đảng đến ngày {vn_date(last)}; ghi thay "
                               f"đổi từ sau ngày đó.", "on"))
    raise_if(v)
    changed = 0
    with transaction.atomic():
        for member_id, group_id in wanted:
            row = current.get(member_id)
            open_row = row if row is not None and row.left_on is None else None
            if (open_row.group_id if open_row else None) == group_id:
                continue  # no change
            changed += 1
            if open_row is not None:
                before = _membership_snapshot(open_row)
                if open_row.joined_on == on:  # corrected on the day it was recorded from
                    if group_id is None:
                        audit.record(actor=by, action="meetings.group_member", obj=open_row, before=before, after=None,
                                     note=f"{names.get(member_id)} không thuộc tổ đảng nào từ ngày {vn_date(on)}")
                        open_row.delete()
                        continue
                    open_row.group_id = group_id
                    open_row.save(update_fields=["group"])
                    audit.record(actor=by, action="meetings.group_member", obj=open_row, before=before,
                                 after=_membership_snapshot(open_row),
                                 note=f"{names.get(member_id)} vào {groups[group_id]} từ ngày {vn_date(on)}")
                    continue
                open_row.left_on = on - dt.timedelta(days=1)
                open_row.save(update_fields=["left_on"])
                audit.record(actor=by, action="meetings.group_member", obj=open_row, before=before,
                             after=_membership_snapshot(open_row),
                             note=f"{names.get(member_id)} rời tổ đảng ngày {vn_date(open_row.left_on)}")
            if group_id is not None:
                new = GroupMembership.objects.create(cell=cell, group_id=group_id, member_id=member_id, joined_on=on)
                audit.record(actor=by, action="meetings.group_member", obj=new, before=None, after=_membership_snapshot(new),
                             note=f"{names.get(member_id)} vào {groups[group_id]} từ ngày {vn_date(on)}")
    return changed
