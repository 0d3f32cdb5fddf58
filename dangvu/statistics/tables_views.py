"""Pages of the official tables (/thong-ke/bieu-mau/): pick an organization of the scope and a reference
year or date, read the tables, download them as XLSX, submit (lock) the period; the submitted periods
of the scope and, for each, its differences against the register now.

Every read starts from `Organization.objects.restrict(user, "members.view")` or
`SubmittedPeriod.objects.restrict(user)`: 404 outside the scope.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dangvu.accounts import permissions
from dangvu.core.dates import parse_date, today
from dangvu.core.figures import Window
from dangvu.core.forms import VNDateField, bootstrapify, run_service
from dangvu.core.views import form_page
from dangvu.jobs import runner
from dangvu.organizations.models import Organization
from dangvu.organizations.tree import is_active
from dangvu.statistics import engine, params, periods, services, tables, xlsx_tables
from dangvu.statistics.models import VIEW, SubmittedPeriod

ROUNDING_CHOICES = [("half_up", gettext_lazy("Làm tròn (half-up)")), ("truncate", gettext_lazy("Cắt bớt (không làm tròn)"))]


class TablesForm(forms.Form):
    """The picker of the tables page; its fields are the statistics query parameters (statistics.params:
    organization, year, on, rounding) and `table`, which params.parse reads."""

    organization = forms.IntegerField(label=gettext_lazy("Tổ chức đảng"), required=False, min_value=1)
    year = forms.IntegerField(label=gettext_lazy("Năm (số liệu đến 31/12)"), required=False, min_value=1930, max_value=2100)
    on = VNDateField(label=gettext_lazy("Hoặc: có đến ngày"), required=False)
    table = forms.ChoiceField(label=gettext_lazy("Biểu"), required=False)
    rounding = forms.ChoiceField(label=gettext_lazy("Tỷ lệ"), required=False, choices=ROUNDING_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [("", _("Tất cả các biểu"))] + [(t.code, f"{t.number}: {t.title}") for t in tables.TABLES]
        bootstrapify(self)
        self.fields["organization"].widget = forms.NumberInput(attrs={
            "class": "form-control", "min": 1, "placeholder": _("id tổ chức"), "data-placeholder": _("Gõ tên hoặc mã tổ chức"),
            "data-org-search": reverse("members:organization_search")})


def visible_organizations(user):
    return Organization.objects.restrict(user, VIEW)


def default_organization(user, on):
    """The highest organization of the user's scopes that existed on `on` (the thị xã for 2024, the
    wards formed from it for 2026), or the root of what they see."""
    scoped = permissions.scope_orgs(user, VIEW)
    if scoped:
        return min(scoped, key=lambda o: (not is_active(o, on), o.depth, o.path))
    return visible_organizations(user).order_by("depth", "path").first()


def _selection(request):
    """(form, organization, window, chosen tables, rounding) from the query, read by the one parser of the
    statistics parameters (statistics.params); the organization is looked up within the user's scope
    (404 outside it). Without a window: the last year that is over."""
    visible = visible_organizations(request.user)
    try:
        tentative = parse_date(request.GET.get("on")) or dt.date(int(request.GET.get("year") or tables.default_year()), 12, 31)
    except ValueError:
        tentative = dt.date(tables.default_year(), 12, 31)
    try:
        query = params.parse(request.GET, visible, default_organization=default_organization(request.user, tentative),
                             default_year=tables.default_year())
    except params.OrganizationNotFound as exc:
        raise Http404 from exc
    except params.WindowError as exc:
        for message in exc.errors.values():
            messages.error(request, message)
        query = params.parse({}, visible, default_organization=default_organization(request.user, tentative),
                             default_year=tables.default_year())
    organization, window, rounding = query.window.organization, query.window, query.rounding
    if organization is None:
        raise Http404
    chosen_code = request.GET.get("table", "")
    chosen = [tables.get(chosen_code)] if tables.get(chosen_code) else list(tables.TABLES)
    initial = {"organization": organization.pk, "rounding": rounding, "table": chosen_code if len(chosen) == 1 else ""}
    initial.update({"on": window.end} if query.form == "on" else {"year": window.end.year})
    form = TablesForm(initial=initial)
    form.fields["organization"].widget.attrs["data-label"] = organization.name
    return form, organization, window, chosen, rounding


def _query(organization, window, **extra) -> str:
    """The query string that asks for these tables again (statistics.params names)."""
    query = {"organization": organization.pk}
    if (window.start, window.end) == (dt.date(window.end.year, 1, 1), dt.date(window.end.year, 12, 31)):
        query["year"] = window.end.year
    else:
        query["on"] = window.end.isoformat()
    query.update({k: v for k, v in extra.items() if v})
    return urlencode(query)


@login_required
def index(request):
    form, organization, window, chosen, rounding = _selection(request)
    submitted = periods.submitted_for(window)
    filled = [periods.fill(t, window, rounding=rounding, period=submitted) for t in chosen]
    query = _query(organization, window, table=request.GET.get("table", ""), rounding=rounding if rounding != "half_up" else "")
    return render(request, "statistics/tables/index.html", {
        "form": form, "organization": organization, "organization_name": xlsx_tables.organization_name(filled[0]),
        "window": window, "filled": filled, "submitted": submitted, "query": query,
        "download_url": f"{reverse('statistics_tables:download')}?{query}",
        "submit_url": f"{reverse('statistics_tables:submit')}?{_query(organization, window)}",
        "can_submit": submitted is None and window.end < today() and services.may_submit(request.user, organization),
        "period_over": window.end < today(),
    })


@login_required
def download(request):
    """The tables as XLSX: at once, or, for a subtree of more than EXPORT_BACKGROUND_MEMBERS members, as a
    background job (dangvu.jobs) whose page shows its progress and then the download link."""
    _form, organization, window, chosen, rounding = _selection(request)
    size = engine.value(window, "members.total").value
    if size > settings.EXPORT_BACKGROUND_MEMBERS:
        job = runner.start(tables_xlsx, by=request.user, organization=organization, size=size, params={
            "start": window.start.isoformat(), "end": window.end.isoformat(), "tables": [t.code for t in chosen],
            "rounding": rounding})
        runner.dispatch(job)
        back = f"{reverse('statistics_tables:index')}?{request.GET.urlencode()}"
        return redirect(f"{reverse('jobs:detail', args=[job.pk])}?{urlencode({'next': back})}")
    name, content = _workbook(request.user, window, chosen, rounding)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(user, window, chosen, rounding, progress=None) -> tuple[str, bytes]:
    """(file name, XLSX) of the `chosen` tables of `window` (the submitted figures where the period is locked)."""
    submitted = periods.submitted_for(window)
    filled = []
    for done, table in enumerate(chosen, start=1):
        filled.append(periods.fill(table, window, rounding=rounding, period=submitted))
        if progress is not None:
            progress(done, len(chosen) + 1, _("Đã tính %(table)s") % {"table": table.number})
    if progress is not None:
        progress(len(chosen), len(chosen) + 1, _("Đang ghi tệp Excel"))
    organization = window.organization
    sig = xlsx_tables.signatures(organization, window.end, preparer_name=getattr(user, "full_name", "") or "")
    content = xlsx_tables.workbook(filled, sig, rounding=rounding)
    name = f"bieu-thong-ke-{organization.code}-{window.end:%d-%m-%Y}"
    if len(chosen) == 1:
        name += f"-{chosen[0].code}"
    return f"{name}.xlsx", content


@runner.job_kind(gettext_lazy("Xuất biểu thống kê (Excel)"))
def tables_xlsx(job):
    """The background export of the official tables (params: start, end, table codes, rounding)."""
    window = Window(job.organization, dt.date.fromisoformat(job.params["start"]), dt.date.fromisoformat(job.params["end"]))
    chosen = [tables.get(code) for code in job.params["tables"]]
    name, content = _workbook(job.requested_by, window, chosen, job.params["rounding"], progress=job.progress)
    job.attach(name, content, XLSX)


class SubmitForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


@login_required
@require_http_methods(["GET", "POST"])
def submit(request):
    _form, organization, window, _chosen, _rounding = _selection(request)
    if not services.may_submit(request.user, organization):
        raise PermissionDenied(_("Bạn chỉ có quyền xem số liệu thống kê của tổ chức này."))
    back = f"{reverse('statistics_tables:index')}?{_query(organization, window)}"
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period = run_service(form, lambda: services.submit_period(
            by=request.user, organization=organization, start=window.start, end=window.end, note=form.cleaned_data["note"]))
        if period is not None:
            messages.success(request, _("Đã nộp số liệu của %(org)s, kỳ %(period)s: số liệu của kỳ này được giữ nguyên.")
                             % {"org": period.organization_name, "period": period.period_text})
            return redirect("statistics_tables:period", pk=period.pk)
    return form_page(request, form, title=_("Nộp biểu thống kê"), back=back, submit=_("Nộp và khóa số liệu"),
                     lead=f"{organization.name} · {tables.TABLES[1].reference_text(window)}",
                     intro=_("Sau khi nộp, các biểu của kỳ này được đọc từ bản số liệu đã nộp; thay đổi sau đó của sổ "
                             "đảng viên được hiện thành chênh lệch, không làm thay đổi số đã nộp. Chỉ cấp trên mới mở "
                             "lại được kỳ đã nộp."))


@login_required
def period_list(request):
    qs = SubmittedPeriod.objects.restrict(request.user).select_related("organization").order_by("-end", "organization_name", "-id")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "statistics/tables/periods.html", {"page": page})


@login_required
def period_detail(request, pk):
    period = get_object_or_404(SubmittedPeriod.objects.restrict(request.user).select_related("organization"), pk=pk)
    report = periods.differences(period, request.user)
    window = tables.window_for(period.organization, start=period.start, end=period.end)
    return render(request, "statistics/tables/period.html", {
        "period": period, "report": report,
        "tables_url": f"{reverse('statistics_tables:index')}?{_query(period.organization, window)}",
        "can_reopen": period.is_open and services.may_reopen(request.user, period),
    })


class ReopenForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


@login_required
@require_http_methods(["GET", "POST"])
def reopen(request, pk):
    period = get_object_or_404(SubmittedPeriod.objects.restrict(request.user).select_related("organization"), pk=pk)
    if not services.may_reopen(request.user, period):
        raise PermissionDenied(_("Chỉ quản trị hệ thống hoặc cán bộ tổ chức của cấp trên mới được mở lại kỳ báo cáo đã nộp."))
    form = ReopenForm(request.POST or None, initial={"version": period.version})
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: services.reopen_period(by=request.user, period=period, reason=form.cleaned_data["reason"],
                                                                 expected_version=form.cleaned_data["version"]))
        if done is not None:
            messages.success(request, _("Đã mở lại kỳ báo cáo; số liệu đã nộp vẫn được lưu."))
            return redirect("statistics_tables:period", pk=period.pk)
    return form_page(request, form, title=_("Mở lại kỳ báo cáo đã nộp"), back=reverse("statistics_tables:period", args=[period.pk]),
                     submit=_("Mở lại"), danger=True, lead=str(period))
