"""Screens of resolution study: the sessions in scope with their rates, the document library (search ignoring
diacritics), a document (sessions, rates per organization, follow-up plans), a session (attendance of every member
expected on the day, make-ups for the absent, rates per organization, XLSX), follow-up plans.

Every read of sessions and plans starts from `visible_to(user)`: 404 outside; 403 when visible but not the user's
to record. The library is the same for everyone. Writes go through dangvu.study.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core.dates import today, vn_date
from dangvu.core.forms import run_service
from dangvu.core.http import content_disposition
from dangvu.core.views import form_page
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.study import exports, rules, selectors, services
from dangvu.study.forms import AttendanceForm, DocumentForm, MakeupForm, PlanForm, PlanStatusForm, SessionAddForm
from dangvu.study.kinds import SessionStatus
from dangvu.study.models import FollowUpPlan, StudyDocument, StudySession
from dangvu.study.querysets import CHANGE

LIMIT = 200


def _sessions(user):
    return (StudySession.objects.visible_to(user).filter(makeup_of__isnull=True).select_related("organization")
            .prefetch_related("documents")
            .annotate(n_expected=Count("attendance", distinct=True),
                      n_studied=Count("attendance", distinct=True,
                                      filter=Q(attendance__present=True) | Q(attendance__made_up_in__isnull=False))))


def _with_rates(sessions):
    for s in sessions:
        s.rate_text = rules.rate_text(s.n_studied + s.cadres_present, s.n_expected + s.cadres_expected) \
            if s.status == SessionStatus.HELD else ""
    return sessions


def _recording_orgs(user):
    return Organization.objects.restrict(user, CHANGE, now=True).filter(ended_on__isnull=True).order_by("path")


def _session(request, pk) -> StudySession:
    return get_object_or_404(StudySession.objects.visible_to(request.user).select_related("organization", "makeup_of"), pk=pk)


def _changeable(request, session: StudySession) -> StudySession:
    if not services.may_change(request.user, session.organization):
        raise PermissionDenied(_("Chỉ cấp ủy, cán bộ tổ chức của tổ chức đảng này ghi buổi học tập."))
    return session


@login_required
def index(request):
    sessions = _with_rates(list(_sessions(request.user).order_by("-date", "-id")[:LIMIT]))
    can_add = _recording_orgs(request.user).exists()
    return render(request, "study/index.html", {"sessions": sessions, "can_add": can_add})


@login_required
def documents(request):
    q = request.GET.get("q", "").strip()
    docs = list(selectors.search_documents(q)[:LIMIT])
    return render(request, "study/documents.html", {"documents": docs, "q": q,
                                                    "can_add": services.may_manage_library(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request):
    if not services.may_manage_library(request.user):
        raise PermissionDenied(_("Chỉ cán bộ tổ chức thêm văn bản vào thư viện học tập."))
    form = DocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        doc = run_service(form, lambda: services.add_document(by=request.user, **form.cleaned_data))
        if doc is not None:
            messages.success(request, _("Đã thêm %(doc)s vào thư viện.") % {"doc": doc})
            return redirect("study:document", doc.pk)
    return form_page(request, form, title=_("Thêm văn bản học tập, quán triệt"), back=reverse("study:documents"),
                     back_label=_("Thư viện văn bản"))


@login_required
def document(request, pk):
    doc = get_object_or_404(StudyDocument, pk=pk)
    rows = selectors.attendance_of_document(request.user, doc)
    sessions = _with_rates(list(_sessions(request.user).filter(documents=doc).order_by("-date", "-id")[:LIMIT]))
    plans = FollowUpPlan.objects.visible_to(request.user).filter(document=doc).select_related("organization")
    return render(request, "study/document.html", {
        "doc": doc, "sessions": sessions, "rates": selectors.rates_by_organization(rows),
        "total": selectors.subtree_rate(rows, _("Cộng")), "plans": plans})


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request):
    orgs = _recording_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("Bạn không có quyền ghi học tập, quán triệt."))
    initial = {"date": today(), "organization": orgs.first()}
    if request.GET.get("document"):
        initial["documents"] = StudyDocument.objects.filter(pk=request.GET["document"]).values_list("pk", flat=True)
    form = SessionAddForm(request.POST or None, organizations=orgs, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        session = run_service(form, lambda: services.schedule_session(
            by=request.user, organization=d["organization"], date=d["date"], documents=d["documents"], form=d["form"],
            place=d["place"], cadres_expected=d["cadres_expected"] or 0))
        if session is not None:
            messages.success(request, _("Đã ghi buổi học tập ngày %(date)s.") % {"date": vn_date(session.date)})
            return redirect("study:session", session.pk)
    return form_page(request, form, title=_("Buổi học tập, quán triệt mới"), back=reverse("study:index"),
                     back_label=_("Học tập, quán triệt"))


def _session_page(request, session, *, attendance_form=None, makeup_form=None):
    can_change = services.may_change(request.user, session.organization)
    rows = session.attendance.select_related("member", "organization", "made_up_in").order_by(
        "organization__path", "member__name_key", "id")
    held = session.status == SessionStatus.HELD
    made_up = held and session.attendance.filter(made_up_in__isnull=False).exists()
    if can_change and not session.makeup_of_id and not made_up and attendance_form is None and session.date <= today():
        expected = dict(selectors.expected(session.organization, session.date))
        absent = {a.member_id: a.reason for a in rows if not a.present}
        attendance_form = AttendanceForm(members=Member.objects.filter(pk__in=expected).order_by("name_key", "pk"),
                                         absent=absent, initial={"version": session.version,
                                                                 "cadres_present": session.cadres_present})
    missing = selectors.not_made_up(session).select_related("member").order_by("member__name_key")
    if can_change and held and not session.makeup_of_id and makeup_form is None and missing.exists():
        makeup_form = MakeupForm(members=Member.objects.filter(pk__in=missing.values("member_id")).order_by("name_key"),
                                 initial={"date": today()})
    return render(request, "study/session.html", {
        "session": session, "rows": rows, "held": held, "can_change": can_change, "attendance_form": attendance_form,
        "makeup_form": makeup_form, "rate": selectors.session_rate(session), "counts": selectors.session_counts(session),
        "rates": selectors.rates_by_organization(session.attendance.all()), "makeups": session.makeups.order_by("date"),
        "missing": missing})


@login_required
def session(request, pk):
    return _session_page(request, _session(request, pk))


@login_required
@require_POST
def attendance(request, pk):
    session_ = _changeable(request, _session(request, pk))
    expected = dict(selectors.expected(session_.organization, session_.date))
    form = AttendanceForm(request.POST, members=Member.objects.filter(pk__in=expected).order_by("name_key", "pk"))
    if form.is_valid():
        result = run_service(form, lambda: services.record_attendance(
            by=request.user, session=session_, absent=form.absent(), cadres_present=form.cleaned_data["cadres_present"] or 0,
            expected_version=form.cleaned_data["version"]))
        if result is not None:
            messages.success(request, _("Đã ghi danh sách tham dự."))
            return redirect("study:session", session_.pk)
    return _session_page(request, session_, attendance_form=form)


@login_required
@require_POST
def makeup(request, pk):
    session_ = _changeable(request, _session(request, pk))
    missing = selectors.not_made_up(session_)
    form = MakeupForm(request.POST, members=Member.objects.filter(pk__in=missing.values("member_id")))
    if form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_makeup(by=request.user, session=session_, date=d["date"],
                                                                  members=d["members"], form=d["form"], place=d["place"]))
        if result is not None:
            messages.success(request, _("Đã ghi buổi học bù ngày %(date)s.") % {"date": vn_date(result.date)})
            return redirect("study:session", session_.pk)
    return _session_page(request, session_, makeup_form=form)


@login_required
def attendance_xlsx(request, pk):
    session_ = _session(request, pk)
    response = HttpResponse(exports.attendance_xlsx(session_), content_type=exports.XLSX)
    response["Content-Disposition"] = content_disposition(exports.file_name(session_))
    return response


@login_required
def plans(request):
    rows = (FollowUpPlan.objects.visible_to(request.user).select_related("document", "organization")
            .order_by("status", "due_on", "id")[:LIMIT])
    changeable = set(FollowUpPlan.objects.changeable_by(request.user).values_list("pk", flat=True))
    return render(request, "study/plans.html", {"plans": rows, "changeable": changeable, "today": today(),
                                                "can_add": _recording_orgs(request.user).exists(),
                                                "status_form": PlanStatusForm()})


@login_required
@require_http_methods(["GET", "POST"])
def plan_add(request):
    orgs = _recording_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied(_("Bạn không có quyền ghi kế hoạch thực hiện nghị quyết."))
    form = PlanForm(request.POST or None, organizations=orgs, initial={"organization": orgs.first()})
    if request.method == "POST" and form.is_valid():
        plan = run_service(form, lambda: services.add_plan(by=request.user, **form.cleaned_data))
        if plan is not None:
            messages.success(request, _("Đã ghi %(plan)s.") % {"plan": plan})
            return redirect("study:plans")
    return form_page(request, form, title=_("Kế hoạch, chương trình hành động mới"), back=reverse("study:plans"),
                     back_label=_("Kế hoạch thực hiện"))


@login_required
@require_POST
def plan_status(request, pk):
    plan = get_object_or_404(FollowUpPlan.objects.visible_to(request.user).select_related("organization"), pk=pk)
    if not services.may_change(request.user, plan.organization):
        raise PermissionDenied(_("Chỉ tổ chức đảng chịu trách nhiệm cập nhật kế hoạch này."))
    form = PlanStatusForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        if run_service(form, lambda: services.set_plan_status(by=request.user, plan=plan, status=d["status"],
                                                             done_on=d["done_on"], expected_version=d["version"])):
            messages.success(request, _("Đã cập nhật tình trạng."))
            return redirect("study:plans")
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)
    return redirect("study:plans")
