"""Pages of targets (`/chi-tieu/`): the table of an organization's targets for a year or a term with
their actual and status, a target with its breakdown and entered results, and the forms (officers)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dangvu.core import params
from dangvu.core.dates import today
from dangvu.core.forms import run_service
from dangvu.core.views import form_page
from dangvu.organizations.models import CommitteeTerm, Organization
from dangvu.statistics.dashboard import picker, resolve_page
from dangvu.targets import services
from dangvu.targets.dashboard import evaluation_day, list_url
from dangvu.targets.evaluation import evaluate, headline, overlapping, threshold_display
from dangvu.targets.forms import ActualForm, BreakdownForm, EditTargetForm, NewTargetForm
from dangvu.targets.kinds import Measure, PlanKind, TargetStatus
from dangvu.targets.models import Target, TargetActual
from dangvu.targets.querysets import CHANGE

RELATED = ("organization", "parent__organization", "term")


def _target(request, pk) -> Target:
    return get_object_or_404(Target.objects.restrict(request.user).select_related(*RELATED), pk=pk)


def _changeable(request, pk) -> Target:
    target = _target(request, pk)
    if not services.may_change(request.user, target.organization):
        raise PermissionDenied(_("Chỉ cán bộ tổ chức của cấp ủy đặt chỉ tiêu được sửa chỉ tiêu và ghi kết quả."))
    return target


def _rows(targets, on):
    evaluations = evaluate(targets, on)
    return [(t, evaluations[t.pk], threshold_display(t)) for t in targets]


@login_required
def target_list(request):
    org, year, tops, errors = resolve_page(request)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    targets = list(overlapping(Target.objects.restrict(request.user).filter(organization=org), start, end)
                   .select_related(*RELATED).order_by("plan_kind", "period_start", "source", "id"))
    on = evaluation_day(year, today())
    rows = _rows(targets, on)
    all_evaluations = [e for _t, e, _th in rows]
    status = request.GET.get("status", "")
    if status in TargetStatus.values:
        rows = [r for r in rows if r[1].status == status]
    # Grouped by document (a resolution, a yearly plan).
    groups: dict[tuple, list] = {}
    for row in rows:
        t = row[0]
        groups.setdefault((t.get_plan_kind_display(), t.source, t.period_start, t.period_end), []).append(row)
    return render(request, "targets/list.html", {
        "organization": org, "year": year, "errors": errors, "groups": list(groups.items()), "on": on,
        "headline": headline(all_evaluations), "total": len(all_evaluations), "status": status,
        "statuses": [(s, TargetStatus(s).label, sum(e.status == s for e in all_evaluations), list_url(org, year, s))
                     for s in TargetStatus.values],
        "year_choices": list(range(today().year + 5, today().year - 10, -1)), **picker(request.user, tops, org),
        "can_add": services.may_change(request.user, org),
    })


@login_required
def target_detail(request, pk):
    target = _target(request, pk)
    on = min(today(), target.period_end + dt.timedelta(days=1))
    children = list(target.children.restrict(request.user).select_related(*RELATED).order_by("organization__name_key"))
    evaluations = evaluate([target, *children], on)
    actuals = target.actuals.order_by("-recorded_on", "-id")
    return render(request, "targets/detail.html", {
        "target": target, "evaluation": evaluations[target.pk], "threshold": threshold_display(target), "on": on,
        "children": [(c, evaluations[c.pk], threshold_display(c)) for c in children], "actuals": actuals,
        "can_change": services.may_change(request.user, target.organization),
        "back": list_url(target.organization, on.year),
    })


def _organization_for_add(request) -> Organization:
    pk = params.object_id(request.GET, "organization", label="Tổ chức")
    if pk is None:
        raise Http404
    org = get_object_or_404(Organization.objects.restrict(request.user), pk=pk)
    if not services.may_change(request.user, org):
        raise PermissionDenied(_("Chỉ cán bộ tổ chức của cấp ủy được đặt chỉ tiêu."))
    return org


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request):
    org = _organization_for_add(request)
    terms = CommitteeTerm.objects.filter(organization=org).order_by("-start_date")
    form = NewTargetForm(request.POST or None, terms=terms, initial={"plan_kind": PlanKind.CONGRESS, "comparison": "gte",
                                                                      "measure": Measure.FIGURE})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.create_target(
            by=request.user, organization=org, plan_kind=d["plan_kind"], source=d["source"], term=d["term"],
            period_start=d["period_start"], period_end=d["period_end"], number=d["number"], text=d["text"],
            comparison=d["comparison"], threshold=d["threshold"], threshold_high=d["threshold_high"], measure=d["measure"],
            figure_code=d["figure_code"], as_percent=d["as_percent"]))
        if result is not None:
            messages.success(request, _("Đã đặt chỉ tiêu."))
            return redirect("targets:detail", pk=result.pk)
    return form_page(request, form, title=_("Đặt chỉ tiêu: %(org)s") % {"org": org.name},
                     back=list_url(org, today().year), submit=_("Lưu chỉ tiêu"))


@login_required
@require_http_methods(["GET", "POST"])
def target_breakdown(request, pk):
    parent = _changeable(request, pk)
    below = (Organization.objects.restrict(request.user, CHANGE).filter(path__startswith=parent.organization.path,
                                                                        ended_on__isnull=True)
             .exclude(pk=parent.organization_id).order_by("path"))
    form = BreakdownForm(request.POST or None, organizations=below, initial={
        "number": parent.number, "comparison": parent.comparison, "measure": parent.measure,
        "figure_code": parent.figure_code, "as_percent": parent.as_percent})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.create_target(
            by=request.user, organization=d["organization"], parent=parent, number=d["number"], text=d["text"],
            comparison=d["comparison"], threshold=d["threshold"], threshold_high=d["threshold_high"], measure=d["measure"],
            figure_code=d["figure_code"], as_percent=d["as_percent"]))
        if result is not None:
            messages.success(request, _("Đã phân bổ chỉ tiêu cho %(org)s.") % {"org": result.organization.name})
            return redirect("targets:detail", pk=parent.pk)
    return form_page(request, form, title=_("Phân bổ chỉ tiêu cho tổ chức trực thuộc"), lead=str(parent),
                     back=reverse("targets:detail", args=[parent.pk]), submit=_("Phân bổ"))


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request, pk):
    target = _changeable(request, pk)
    breakdown = target.parent_id is not None
    fields = ["number", "text", "comparison", "threshold", "threshold_high", "measure", "figure_code", "as_percent"]
    if not breakdown:
        fields += ["source", "period_start", "period_end"]
    form = EditTargetForm(request.POST or None, breakdown=breakdown,
                          initial={**{f: getattr(target, f) for f in fields}, "version": target.version})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.change_target(
            by=request.user, target=target, expected_version=d["version"], **{f: d[f] for f in fields}))
        if result is not None:
            messages.success(request, _("Đã sửa chỉ tiêu."))
            return redirect("targets:detail", pk=target.pk)
    return form_page(request, form, title=_("Sửa chỉ tiêu"), lead=str(target), back=reverse("targets:detail", args=[target.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def target_actual(request, pk):
    target = _changeable(request, pk)
    form = ActualForm(request.POST or None, request.FILES or None, initial={"recorded_on": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        result = run_service(form, lambda: services.record_actual(
            by=request.user, target=target, value=d["value"], recorded_on=d["recorded_on"], evidence=d["evidence"],
            evidence_file=d["evidence_file"]))
        if result is not None:
            messages.success(request, _("Đã ghi kết quả thực hiện."))
            return redirect("targets:detail", pk=target.pk)
    return form_page(request, form, title=_("Ghi kết quả thực hiện chỉ tiêu"), lead=str(target),
                     back=reverse("targets:detail", args=[target.pk]), submit=_("Ghi kết quả"),
                     multipart=True)


@login_required
def evidence_file(request, pk):
    """The evidence file of an entry, for those who see its target."""
    entry = get_object_or_404(TargetActual.objects.restrict(request.user), pk=pk)
    if not entry.evidence_file:
        raise Http404
    return FileResponse(entry.evidence_file.open("rb"), as_attachment=True,
                        filename=entry.evidence_file.name.rsplit("/", 1)[-1])
