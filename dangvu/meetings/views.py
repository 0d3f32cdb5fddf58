"""Screens of cell meetings: the cells' list, a cell's year (plan and compliance), a meeting (attendance of
the whole cell on one screen, minutes and resolution, tasks).

Every read starts from `Meeting.objects.visible_to(user)` or `Organization.objects.visible_to(user)`: 404
outside them; 403 when the meeting is visible but the user may not record it. Writes go through
dangvu.meetings.services (run_service puts refusals on the form's fields).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import params
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.documents.http import docx_response
from dangvu.meetings import documents, rules, selectors, services
from dangvu.meetings.forms import (
    AttendanceForm,
    DocumentForm,
    GroupsForm,
    MeetingForm,
    MinutesForm,
    PlanForm,
    QualityForm,
    TaskDoneForm,
    TaskForm,
)
from dangvu.meetings.kinds import CELL_KINDS, MeetingStatus
from dangvu.meetings.models import Meeting, MeetingDocument, Task
from dangvu.meetings.querysets import VIEW
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.rules.parameters import params_on


def _year(request) -> int:
    return params.year(request.GET, "year", default=today().year, minimum=2000) or today().year


def _cell(request, org_pk) -> Organization:
    return get_object_or_404(Organization.objects.restrict(request.user, VIEW).filter(kind__in=CELL_KINDS), pk=org_pk)


def _meeting(request, pk) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("cell", "chair", "minute_taker"), pk=pk)


def _changeable(request, meeting: Meeting) -> Meeting:
    if not services.may_change(request.user, meeting.cell):
        raise PermissionDenied(_("Chỉ bí thư chi bộ và cán bộ tổ chức cấp trên ghi buổi sinh hoạt này."))
    return meeting


def _groups(cell, on):
    return Organization.objects.filter(pk__in=list(selectors.party_groups(cell, on))).order_by("name_key")


def _people(cell, on):
    return Member.objects.filter(pk__in=[e.member_id for e in selectors.expected(cell, on)]).order_by("name_key")


@login_required
def index(request):
    year = _year(request)
    cells = list(Organization.objects.restrict(request.user, VIEW).filter(kind__in=CELL_KINDS, ended_on__isnull=True)
                 .order_by("path")[:300])
    params = params_on(today())
    found = selectors.compliance_of(cells, year, today(), params)
    rows = [(cell, found[cell.pk]) for cell in cells]
    period_end = next((c.period_end for _, c in rows), None)
    return render(request, "meetings/index.html", {
        "rows": rows, "year": year, "period_end": period_end, "per_quarter": params["meetings.thematic_per_quarter"],
        "source_regular": rules.SOURCE_REGULAR, "source_thematic": rules.guidance(today())})


@login_required
@require_http_methods(["GET", "POST"])
def cell(request, org_pk):
    cell_ = _cell(request, org_pk)
    year = _year(request)
    can_change = services.may_change(request.user, cell_)
    form = PlanForm(request.POST or None, initial={"year": year, "day": 5})
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied(_("Chỉ bí thư chi bộ và cán bộ tổ chức cấp trên lập kế hoạch sinh hoạt."))
        if form.is_valid():
            d = form.cleaned_data
            created = run_service(form, lambda: services.plan_year(
                by=request.user, cell=cell_, year=d["year"], day=d["day"], starts_at=d["starts_at"], place=d["place"],
                thematic_topics=form.topics()))
            if created is not None:
                messages.success(request, _("Đã lập kế hoạch: %(n)s buổi sinh hoạt mới.") % {"n": len(created)})
                return redirect(f"{reverse('meetings:cell', args=[cell_.pk])}?year={d['year']}")
    meetings = list(Meeting.objects.visible_to(request.user).filter(cell=cell_, date__year=year).select_related("chair"))
    compliance = selectors.compliance(cell_, year, today(), params_on(today()))
    return render(request, "meetings/cell.html", {"cell": cell_, "year": year, "meetings": meetings, "form": form,
                                                  "can_change": can_change, "compliance": compliance,
                                                  "has_groups": bool(selectors.party_groups(cell_, today()))})


@login_required
@require_http_methods(["GET", "POST"])
def add(request, org_pk):
    cell_ = _cell(request, org_pk)
    if not services.may_change(request.user, cell_):
        raise PermissionDenied(_("Chỉ bí thư chi bộ và cán bộ tổ chức cấp trên ghi buổi sinh hoạt."))
    form = MeetingForm(request.POST or None, people=_people(cell_, today()), groups=_groups(cell_, today()),
                       initial={"date": today()})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.schedule_meeting(by=request.user, cell=cell_, **form.values()))
        if result is not None:
            messages.success(request, _("Đã lên kế hoạch buổi sinh hoạt ngày %(date)s.") % {"date": vn_date(result.date)})
            return redirect(selectors.meeting_url(result))
    return form_page(request, form, title=_("Buổi sinh hoạt mới: %(name)s") % {"name": cell_.name},
                     back=reverse("meetings:cell", args=[cell_.pk]), back_label=cell_.name)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    meeting = _changeable(request, _meeting(request, pk))
    initial = {f: getattr(meeting, f) for f in ("date", "kind", "topic", "starts_at", "ends_at", "place", "chair",
                                                 "minute_taker", "agenda", "documents", "materials_sent_on", "version",
                                                 "superior_notified_on",
                                                 "party_group")}
    form = MeetingForm(request.POST or None, people=_people(meeting.cell, meeting.date),
                       groups=_groups(meeting.cell, meeting.date), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        result = run_service(form, lambda: services.update_meeting(
            by=request.user, meeting=meeting, expected_version=form.cleaned_data["version"], **values))
        if result is not None:
            messages.success(request, _("Đã lưu buổi sinh hoạt."))
            return redirect(selectors.meeting_url(result))
    return form_page(request, form, title=_("Sửa buổi sinh hoạt ngày %(date)s") % {"date": vn_date(meeting.date)},
                     back=selectors.meeting_url(meeting), back_label=str(meeting))


def _marks(meeting):
    return {a.member_id: (a.mark, a.reason) for a in meeting.attendance.all()}


def _detail_context(request, meeting, **forms):
    can_change = services.may_change(request.user, meeting.cell) and meeting.status != MeetingStatus.COMPLETE
    expected, exact = selectors.expected_at(meeting)
    context = {
        "meeting": meeting, "can_change": can_change, "notes": services.short_of(meeting),
        "attendance": list(meeting.attendance.select_related("member").order_by("hosted", "member__name_key")),
        "counts": selectors.counts_by_mark(meeting), "tasks": list(meeting.tasks.select_related("owner")),
        "review_tasks": selectors.tasks_to_review(meeting),
        "files": list(meeting.files.order_by("kind", "id")),
        "is_future": meeting.date > today(), "group_exact": exact,
        "may_manage_tasks": services.may_change(request.user, meeting.cell) and meeting.status != MeetingStatus.PLANNED,
    }
    if can_change:
        context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
            expected=expected, marks=_marks(meeting), group=not exact,
            initial={"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "version": meeting.version})
        context["minutes_form"] = forms.get("minutes_form") or MinutesForm(initial={
            **{f: getattr(meeting, f) for f in ("minutes", "results", "next_tasks", "assignment", "self_assessment",
                                                 "votes_for", "votes_against", "votes_abstain")}, "version": meeting.version})
    sheet = services.quality_sheet(meeting)
    context["quality_rows"] = [(label, meeting.quality_scores.get(key), most) for key, label, most in sheet]
    if context["may_manage_tasks"]:
        context["quality_form"] = forms.get("quality_form") or QualityForm(sheet=sheet, initial={
            **{f"quality_{k}": v for k, v in meeting.quality_scores.items()}, "version": meeting.version})
        context["task_form"] = forms.get("task_form") or TaskForm(people=_people(meeting.cell, meeting.date))
    return context


@login_required
def detail(request, pk):
    meeting = _meeting(request, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@login_required
@require_POST
def attendance(request, pk):
    meeting = _changeable(request, _meeting(request, pk))
    expected, exact = selectors.expected_at(meeting)
    form = AttendanceForm(request.POST, expected=expected, group=not exact)
    if form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_held(
            by=request.user, meeting=meeting, starts_at=d["starts_at"], ends_at=d["ends_at"],
            attendance=form.attendance(), expected_version=d["version"]))
        if result is not None:
            messages.success(request, _("Đã ghi điểm danh buổi sinh hoạt ngày %(date)s.") % {"date": vn_date(result.date)})
            return redirect(selectors.meeting_url(result))
    return render(request, "meetings/detail.html", _detail_context(request, meeting, attendance_form=form), status=400)


@login_required
@require_POST
def minutes(request, pk):
    meeting = _changeable(request, _meeting(request, pk))
    form = MinutesForm(request.POST)
    if form.is_valid():
        result = run_service(form, lambda: services.record_minutes(
            by=request.user, meeting=meeting, expected_version=form.cleaned_data["version"], **form.values()))
        if result is not None:
            messages.success(request, _("Đã lưu biên bản, nghị quyết."))
            return redirect(selectors.meeting_url(result))
    return render(request, "meetings/detail.html", _detail_context(request, meeting, minutes_form=form), status=400)


@login_required
@require_POST
def quality(request, pk):
    meeting = _changeable(request, _meeting(request, pk))
    form = QualityForm(request.POST, sheet=services.quality_sheet(meeting))
    if form.is_valid():
        result = run_service(form, lambda: services.assess_quality(by=request.user, meeting=meeting, scores=form.scores(),
                                                                   expected_version=form.cleaned_data["version"]))
        if result is not None:
            messages.success(request, _("Đã chấm điểm chất lượng buổi sinh hoạt: %(n)s điểm.") % {"n": result.quality_score})
            return redirect(selectors.meeting_url(result) + "#quality")
    return render(request, "meetings/detail.html", _detail_context(request, meeting, quality_form=form), status=400)


@login_required
@require_POST
def task_add(request, pk):
    meeting = _changeable(request, _meeting(request, pk))
    form = TaskForm(request.POST, people=_people(meeting.cell, meeting.date))
    if form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.add_task(by=request.user, meeting=meeting, description=d["description"],
                                                             owner=d["owner"], owner_label=d["owner_label"], due_on=d["due_on"]))
        if result is not None:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect(selectors.meeting_url(meeting) + "#tasks")
    return render(request, "meetings/detail.html", _detail_context(request, meeting, task_form=form), status=400)


@login_required
@require_http_methods(["GET", "POST"])
def task_done(request, pk):
    task = get_object_or_404(Task.objects.visible_to(request.user).select_related("meeting", "meeting__cell"), pk=pk)
    _changeable(request, task.meeting)
    form = TaskDoneForm(request.POST or None, initial={"done_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.complete_task(by=request.user, task=task, done_on=d["done_on"],
                                                                  result=d["result"]))
        if result is not None:
            messages.success(request, _("Đã ghi hoàn thành nhiệm vụ."))
            return redirect(selectors.meeting_url(task.meeting) + "#tasks")
    return form_page(request, form, title=_("Hoàn thành nhiệm vụ"), lead=task.description,
                     back=selectors.meeting_url(task.meeting), back_label=str(task.meeting))



@login_required
def minutes_docx(request, pk):
    meeting = _meeting(request, pk)
    return docx_response(documents.minutes_document(meeting), f"bien-ban-sinh-hoat-{meeting.date:%Y-%m-%d}")


@login_required
def resolution_docx(request, pk):
    meeting = _meeting(request, pk)
    return docx_response(documents.resolution_document(meeting), f"nghi-quyet-chi-bo-{meeting.date:%Y-%m}")


# ---------------------------------------------------------------- documents as files

@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    meeting = _meeting(request, pk)
    if not services.may_change(request.user, meeting.cell):
        raise PermissionDenied(_("Bạn không có quyền ghi sinh hoạt của chi bộ này."))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        doc = run_service(form, lambda: services.add_document(by=request.user, meeting=meeting, file=d["file"],
                                                              kind=d["kind"], title=d["title"]))
        if doc is not None:
            messages.success(request, _("Đã tải lên tài liệu %(title)s.") % {"title": doc.title})
            return redirect(selectors.meeting_url(meeting) + "#documents")
    return form_page(request, form, title=_("Tải lên tài liệu: buổi sinh hoạt ngày %(date)s") % {"date": vn_date(meeting.date)},
                     back=selectors.meeting_url(meeting), back_label=str(meeting), multipart=True)


@login_required
@require_http_methods(["GET"])
def document(request, document_pk):
    """The file, to whoever may read it (services.documents_readable_by): 404 otherwise; every download audited."""
    doc = get_object_or_404(services.documents_readable_by(request.user), pk=document_pk)
    services.record_download(request.user, doc)
    return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.filename)


@login_required
@require_POST
def document_remove(request, document_pk):
    doc = get_object_or_404(MeetingDocument.objects.filter(meeting__in=Meeting.objects.restrict(request.user, VIEW)),
                            pk=document_pk)
    meeting = doc.meeting
    try:
        services.remove_document(by=request.user, document=doc)
        messages.success(request, _("Đã xóa tài liệu."))
    except (RuleViolation, PermissionDeniedInScope) as exc:
        messages.error(request, str(exc))
    return redirect(selectors.meeting_url(meeting) + "#documents")


@login_required
@require_http_methods(["GET", "POST"])
def groups(request, org_pk):
    """The members of the cell's party groups (G6) on a date, and the change of group from a date for every member of
    the cell at once (the cell's secretary, officers above)."""
    cell_ = _cell(request, org_pk)
    can_change = services.may_change(request.user, cell_)
    if request.method == "POST" and not can_change:
        raise PermissionDenied(_("Chỉ bí thư chi bộ và cán bộ tổ chức cấp trên ghi đảng viên của tổ đảng."))
    probe = GroupsForm(request.POST if request.method == "POST" else request.GET or None, initial={"on": today()})
    on = probe.cleaned_data["on"] if probe.is_bound and probe.is_valid() else today()
    names = selectors.party_groups(cell_, on)
    current = selectors.groups_of_members(cell_, on)
    expected = selectors.expected(cell_, on)
    form = GroupsForm(request.POST or None, expected=expected, groups=names, current=current, initial={"on": on})
    if request.method == "POST" and form.is_valid():
        changed = run_service(form, lambda: services.assign_groups(by=request.user, cell=cell_, on=form.cleaned_data["on"],
                                                                   assignments=form.assignments()))
        if changed is not None:
            messages.success(request, _("Đã ghi tổ đảng từ ngày %(date)s: %(n)s đảng viên thay đổi.")
                             % {"date": vn_date(on), "n": changed})
            return redirect(f"{reverse('meetings:groups', args=[cell_.pk])}?on={vn_date(on)}")
    counts = {name: sum(1 for g in current.values() if g == pk) for pk, name in names.items()}
    # A member in no group once the cell records its groups (newly arrived, newly admitted): a warning, never a refusal.
    warnings = rules.check_ungrouped(expected, current, on=on) if names else []
    ungrouped = {e.member_id for e in rules.ungrouped(expected, current)} if names else set()
    return render(request, "meetings/groups.html", {"cell": cell_, "form": form, "on": on, "groups": names,
                                                    "current": current, "counts": counts, "can_change": can_change,
                                                    "warnings": warnings, "ungrouped": ungrouped},
                  status=400 if form.is_bound and form.errors else 200)
