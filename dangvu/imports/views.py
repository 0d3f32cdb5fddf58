"""Pages of the import (/nhap-du-lieu/): upload, preview, apply, the list of imports, templates, export.

Every read goes through ImportRun.objects.restrict / Organization.objects.changeable_by: a run or an
organization outside the user's scope answers 404. Only those who keep the register (officers,
administrators) reach these pages; a cell secretary, a viewer or a member get 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core.dates import ImpossibleDate, NotADate, parse_date
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.http import content_disposition
from dangvu.imports import jobs, reading, services, workbooks
from dangvu.imports.forms import UploadForm
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRow, ImportRun, RowStatus, RunStatus
from dangvu.jobs import runner
from dangvu.organizations.models import Organization

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_PAGE = 100
# the rows of a run, a kind a tab, in this order: what stops the apply first, then what the apply would change
ROW_TABS = [(RowStatus.REJECTED, "rejected"), (RowStatus.CHANGED, "changed"), (RowStatus.NEW, "new")]


def _require_keeper(user) -> None:
    """The pages are for those who keep a register: an organization they may change the members of."""
    if not Organization.objects.changeable_by(user, "members.change").exists():
        raise PermissionDenied(_("Chỉ cán bộ tổ chức được nhập, xuất dữ liệu hàng loạt."))


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(filename)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    _require_keeper(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > reading.max_bytes():
            form.add_error("file", _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": reading.max_bytes() // 1024 // 1024})
        elif upload.size > background_bytes():
            job = jobs.check_and_apply_file if form.cleaned_data["at_once"] else jobs.check_file
            return _in_background(request, job, form.cleaned_data["organization"], reverse("imports:index"),
                                  params={"kind": form.cleaned_data["kind"], "file_name": upload.name}, size=upload.size,
                                  input_file=(upload.name, upload.read()))
        else:
            kind, org = form.cleaned_data["kind"], form.cleaned_data["organization"]
            check = services.check_and_apply if form.cleaned_data["at_once"] else services.preview
            try:
                run = check(by=request.user, kind=kind, organization=org, file_name=upload.name, content=upload.read(),
                            mapping=services.saved_mapping(kind, org) or None)
            except PermissionDeniedInScope as exc:
                raise PermissionDenied(str(exc)) from exc
            if run.status == RunStatus.APPLIED:
                messages.success(request, _applied_message(run))
            return redirect("imports:detail", pk=run.pk)
    runs = list(ImportRun.objects.restrict(request.user).select_related("organization").defer("content", "report")[:50])
    for run in runs:
        run.kind_label = KINDS[run.kind].label if run.kind in KINDS else run.kind
    return render(request, "imports/index.html", {"form": form, "runs": runs, "kinds": KINDS.values(),
                                                  "title": _("Nhập và xuất dữ liệu")})


def background_bytes() -> int:
    """Files larger than this are checked and applied as background jobs (setting IMPORT_BACKGROUND_BYTES)."""
    return getattr(settings, "IMPORT_BACKGROUND_BYTES", 512 * 1024)


def _in_background(request, kind, organization, back, **start):
    if not services.may_import(request.user, start.get("params", {}).get("kind", "members"), organization):
        raise PermissionDenied(_("Bạn không có quyền nhập dữ liệu vào “%(org)s”.") % {"org": organization.name})
    try:
        job = runner.start(kind, by=request.user, organization=organization, **start)
    except runner.JobAlreadyRunning as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    runner.dispatch(job)
    return redirect(f"{reverse('jobs:detail', args=[job.pk])}?{urlencode({'next': back})}")


def _run(request, pk) -> ImportRun:
    """The run, without its file: read (one more query) only by the pages that use it (the errors file, a new mapping)."""
    return get_object_or_404(ImportRun.objects.restrict(request.user).select_related("organization").defer("content"), pk=pk)


@login_required
def detail(request, pk):
    """The run: its counts, the column mapping, and its rows of one kind (refused, changed, new: `?rows=`) a page at
    a time (`?page=`), read from their own table: a register's import has 100.000 rows, a page shows a hundred."""
    run = _run(request, pk)
    tabs = [(status, key, run.counts.get(key, 0)) for status, key in ROW_TABS]
    shown = request.GET.get("rows")
    if shown not in RowStatus.values:
        shown = next((key for _status, key, count in tabs if count), RowStatus.REJECTED.value)
    page = Paginator(ImportRow.objects.filter(run=run, status=shown).order_by("row"), ROWS_PER_PAGE).get_page(
        request.GET.get("page"))
    kind = KINDS[run.kind]
    mapping = run.report.get("mapping") or {}
    headers = [(i, h, mapping.get(h) or next((c.key for c in kind.columns if reading.header_key(c.header) ==
                                              reading.header_key(h)), ""))
               for i, h in enumerate(run.report.get("headers", []))]
    return render(request, "imports/detail.html", {
        "run": run, "kind": kind, "headers": headers, "mapping": mapping, "tabs": tabs, "shown": shown, "page": page,
        "query": urlencode({"rows": shown}), "can_apply": run.status == RunStatus.PREVIEWED,
        "title": _("Nhập dữ liệu: %(file)s") % {"file": run.file_name}})


@login_required
@require_POST
def remap(request, pk):
    """The column-mapping step: each header of the file given a column of the template; checked again."""
    run = _run(request, pk)
    keys = {c.key for c in KINDS[run.kind].columns}
    mapping = {h: request.POST.get(f"map-{i}") for i, h in enumerate(run.report.get("headers", []))
               if request.POST.get(f"map-{i}") in keys}
    try:
        new = services.preview(by=request.user, kind=run.kind, organization=run.organization, file_name=run.file_name,
                               content=bytes(run.content), mapping=mapping)
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    return redirect("imports:detail", pk=new.pk)


@login_required
@require_POST
def apply(request, pk):
    run = _run(request, pk)
    if run.size > background_bytes():
        return _in_background(request, jobs.apply_file, run.organization, reverse("imports:detail", args=[run.pk]),
                              params={"import_run": run.pk, "kind": run.kind}, size=run.counts.get("new", 0))
    try:
        run = services.apply(by=request.user, run=run)
    except PermissionDeniedInScope as exc:
        messages.error(request, str(exc))
        return redirect("imports:detail", pk=run.pk)
    if run.status == RunStatus.APPLIED:
        messages.success(request, _applied_message(run))
    else:
        messages.error(request, _("Không nhập gì: dữ liệu đã thay đổi từ lúc kiểm tra và có dòng bị từ chối."))
    return redirect("imports:detail", pk=run.pk)


def _applied_message(run) -> str:
    return _("Đã nhập: %(new)s mới, %(changed)s thay đổi, %(unchanged)s không đổi.") % run.counts


@login_required
def errors_file(request, pk):
    run = _run(request, pk)
    content, ext = workbooks.with_errors(run)
    stem = run.file_name.rsplit(".", 1)[0]
    response = HttpResponse(content, content_type=XLSX if ext == "xlsx" else "text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(f"{stem}-loi.{ext}")
    return response


@login_required
def template(request, kind):
    _require_keeper(request.user)
    return _xlsx(workbooks.template(_kind(kind)), f"mau-nhap-{kind}.xlsx")


@login_required
def export(request, kind):
    _require_keeper(request.user)
    k = _kind(kind)
    try:
        org_id = int(request.GET.get("organization", ""))
    except ValueError:
        raise Http404 from None
    org = get_object_or_404(Organization.objects.changeable_by(request.user, "members.change"), pk=org_id)
    try:
        on = parse_date(request.GET.get("on"))
    except (NotADate, ImpossibleDate) as exc:
        messages.error(request, str(exc))
        return redirect("imports:index")
    return _xlsx(workbooks.export(k, org, on), f"{kind}-{org.code}.xlsx")
