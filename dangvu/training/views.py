"""Pages of training classes: the list, a class (learners, results), adding and editing a class, enrolling
learners, recording results, and the XLSX of a class's learners and of the certificates issued.

Every read starts from `TrainingClass.objects.visible_to(user)` (404 outside it); writes need
"training.manage" over the class's organization (403 when the class is visible but not managed) and go
through dangvu.training.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.core import params
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.training import exports, selectors, services
from dangvu.training.forms import ClassForm, EnrolForm, ResultsForm
from dangvu.training.kinds import ClassKind, Result
from dangvu.training.models import TrainingClass
from dangvu.training.querysets import MANAGE


def _class(request, pk) -> TrainingClass:
    return get_object_or_404(TrainingClass.objects.visible_to(request.user).select_related("organization"), pk=pk)


def _managed(request, c: TrainingClass) -> TrainingClass:
    if not (permissions.is_system_admin(request.user) or permissions.can(request.user, MANAGE, c.organization)):
        raise PermissionDenied(_("Chỉ cán bộ tổ chức của cấp ủy mở lớp ghi lớp này."))
    return c


@login_required
def class_list(request):
    rows = selectors.classes(request.user)
    kind = request.GET.get("kind", "")
    if kind in ClassKind.values:
        rows = rows.filter(kind=kind)
    year = params.year(request.GET, "year", minimum=2000)
    if year:
        rows = rows.filter(start_date__year=year)
    return render(request, "training/list.html", {
        "rows": rows[:300], "kinds": ClassKind.choices, "kind": kind, "year": year or "",
        "may_add": permissions.has_scope(request.user, MANAGE)})


@login_required
def class_detail(request, pk):
    c = _class(request, pk)
    may = permissions.is_system_admin(request.user) or permissions.can(request.user, MANAGE, c.organization)
    return render(request, "training/detail.html", {
        "c": c, "enrolments": selectors.enrolments(c), "may_manage": may, "kind_label": ClassKind(c.kind).label})


@login_required
@require_http_methods(["GET", "POST"])
def class_add(request):
    if not permissions.has_scope(request.user, MANAGE):
        raise PermissionDenied(_("Bạn không có quyền mở lớp bồi dưỡng."))
    form = ClassForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["organization"]
        c = run_service(form, lambda: services.create_class(by=request.user, organization=org, **form.fields_for_service()))
        if c is not None:
            messages.success(request, _("Đã ghi lớp “%(name)s”.") % {"name": c.name})
            return redirect("training:detail", c.pk)
    return form_page(request, form, title=_("Ghi lớp bồi dưỡng"), submit=_("Ghi lớp"), back=reverse("training:list"))


@login_required
@require_http_methods(["GET", "POST"])
def class_edit(request, pk):
    c = _managed(request, _class(request, pk))
    initial = {f: getattr(c, f) for f in services.CLASS_FIELDS} | {"version": c.version}
    form = ClassForm(request.POST or None, training_class=c, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.update_class(by=request.user, training_class=c,
                                                                 expected_version=form.cleaned_data["version"],
                                                                 **form.fields_for_service()))
        if result is not None:
            messages.success(request, _("Đã lưu lớp “%(name)s”.") % {"name": result.name})
            return redirect("training:detail", c.pk)
    return form_page(request, form, title=_("Sửa lớp: %(name)s") % {"name": c.name}, back=reverse("training:detail", args=[c.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request, pk):
    c = _managed(request, _class(request, pk))
    which, queryset = selectors.learners_for(c, request.user)
    label = _("Quần chúng ưu tú trong danh sách đề nghị kết nạp") if which == "candidates" else _("Đảng viên")
    form = EnrolForm(request.POST or None, queryset=queryset.order_by("name_key", "pk"), label=label)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["learners"])
        done = run_service(form, lambda: services.enrol(by=request.user, training_class=c, **{which: chosen}))
        if done is not None:
            messages.success(request, _("Đã ghi danh %(n)s học viên.") % {"n": len(done)})
            return redirect("training:detail", c.pk)
    return form_page(request, form, title=_("Ghi danh học viên: %(name)s") % {"name": c.name}, submit=_("Ghi danh"),
                     back=reverse("training:detail", args=[c.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def results(request, pk):
    c = _managed(request, _class(request, pk))
    pending = [e for e in selectors.enrolments(c) if e.certificate_date is None]
    form = ResultsForm(request.POST or None, enrolments=pending, initial={"issuer": c.organizer_name})
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.record_results(
            by=request.user, training_class=c, rows=form.service_rows(),
            certificate_date=form.cleaned_data["certificate_date"], issuer=form.cleaned_data["issuer"]))
        if done is not None:
            passed = sum(1 for e in done if e.result == Result.PASSED)
            messages.success(request, _("Đã ghi kết quả của %(n)s học viên (%(p)s đạt).") % {"n": len(done), "p": passed})
            return redirect("training:detail", c.pk)
    return render(request, "training/results.html", {"c": c, "form": form})


@login_required
def class_xlsx(request, pk):
    c = _class(request, pk)
    return exports.class_list(c, selectors.enrolments(c))


@login_required
def certificates_xlsx(request):
    rows = selectors.certificates(request.user)
    year = params.year(request.GET, "year", minimum=2000)
    if year:
        rows = rows.filter(certificate_date__year=year)
    return exports.certificate_list(rows[:20000], _("Danh sách giấy chứng nhận") + (f" năm {year}" if year else ""))
