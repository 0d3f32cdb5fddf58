"""Screens of the member register. Every read starts from `Member.objects.visible_to(user)`: 404
outside it; 403 when the member is visible but the user's role may not make the change.
Sensitive fields are masked everywhere except on one's own record and through an audited reveal.
"""

import datetime as dt
import os
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangvu.accounts import permissions
from dangvu.audit.presenters import present_entries
from dangvu.audit.services import entries_for
from dangvu.core import params, removal_evidence
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.core.forms import run_service
from dangvu.core.http import content_disposition
from dangvu.core.numbers import file_size, format_number
from dangvu.core.pagination import BoundedPaginator
from dangvu.core.text import fold
from dangvu.core.views import form_page
from dangvu.jobs import runner
from dangvu.members import exports, register_export, rules, services
from dangvu.members import hooks as member_hooks
from dangvu.members.filters import MemberFilterSet
from dangvu.members.forms import (
    FIELDSETS,
    CreateForm,
    DocumentForm,
    EditForm,
    EventForm,
    PhotoForm,
    RecordForm,
    RemoveDocumentForm,
    changeable_cells,
    field_label,
)
from dangvu.members.kinds import ENDING_EVENTS, IN_PARTY, RemovalGround, Status
from dangvu.members.models import Member, MemberDocument, MembershipEvent, MemberState
from dangvu.members.querysets import LIST
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem

PAGE_SIZE = 50
LIST_RELATED = ("organization__parent", "ethnicity", "theory_level")
RECORD_RELATED = ("organization", "ethnicity", "religion", "general_education", "professional", "academic_degree",
                  "academic_title", "theory_level", "occupation", "user")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- scope helpers

def _visible_member(request, pk) -> Member:
    return get_object_or_404(Member.objects.visible_to(request.user).select_related(*RECORD_RELATED), pk=pk)


def _changeable_member(request, pk) -> Member:
    member = _visible_member(request, pk)
    if not Member.objects.changeable_by(request.user).filter(pk=member.pk).exists():
        raise PermissionDenied(_("Bạn chỉ có quyền xem hồ sơ đảng viên này."))
    return member


def member_url(member: Member, tab: str = "") -> str:
    url = reverse("members:detail", args=[member.pk])
    return f"{url}?tab={tab}" if tab else url


# ---------------------------------------------------------------- list and export

def _filtered(request, *, for_page: bool = False):
    """The register narrowed by the query string; in the party today unless a status is asked for."""
    # The list's own filters first, then the scope, in the form that suits a list (or a search):
    # MemberQuerySet.restrict(form=…).
    base = Member.objects.select_related(*LIST_RELATED).order_by("name_key", "id")
    data = request.GET.copy()
    data.pop("page", None)
    if "status" not in data:
        data["status"] = "in_party"
    filterset = MemberFilterSet(data, queryset=base, request=request)
    if for_page:
        _style_filter_form(filterset)
    if filterset.is_valid():
        qs, on, form = filterset.qs, filterset.form.cleaned_data.get("as_of"), filterset.scope_form
    else:
        qs, on, form = base.filter(status__in=IN_PARTY), None, LIST
    if for_page and getattr(filterset, "organization", None) is not None:
        filterset.form.fields["organization"].widget.attrs["data-label"] = _organization_label(filterset.organization)
    return filterset, qs.restrict(request.user, form=form), on


def _organization_label(org: Organization) -> str:
    return f"{org.name} ({_('đã kết thúc')})" if org.ended_on else org.name


def _style_filter_form(filterset) -> None:
    fields = filterset.form.fields
    fields["organization"].label = _("Thuộc tổ chức")
    # An id box that org_filter.js turns into search-as-you-type (organization_search); without
    # JavaScript the id is typed in (an organization's id is in its address, /to-chuc/<id>/).
    fields["organization"].widget = django_forms.NumberInput(attrs={
        "min": 1, "placeholder": _("id tổ chức"), "data-placeholder": _("Gõ tên hoặc mã tổ chức"),
        "data-org-search": reverse("members:organization_search"),
    })
    for name, field in fields.items():
        css = "form-select form-select-sm" if isinstance(field.widget, django_forms.Select) else "form-control form-control-sm"
        field.widget.attrs["class"] = f"{css} datepicker" if name == "as_of" else css
    fields["as_of"].widget.attrs["autocomplete"] = "off"
    # The reference-list selects (each filter is named after its list) in one query rather than one each.
    ref_fields = {name: f for name, f in fields.items() if isinstance(f, django_forms.ModelChoiceField)}
    items: dict[str, list[tuple[str, str]]] = {name: [] for name in ref_fields}
    for item in ReferenceItem.objects.filter(list_code__in=list(ref_fields), active=True):
        items[item.list_code].append((str(item.pk), item.name))
    for name, f in ref_fields.items():
        f.widget.choices = [("", _("Tất cả")), *items[name]]


@login_required
def member_list(request):
    filterset, qs, on = _filtered(request, for_page=True)
    paginator = BoundedPaginator(qs, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    pages = (f"{format_number(page.number)}/{format_number(paginator.num_pages)}" if paginator.exact
             else format_number(page.number))
    return render(request, "members/list.html", {
        "filter": filterset, "page": page, "rows": exports.rows_for(page.object_list, on), "on": on,
        "on_text": vn_date(on),
        # Up to COUNT_BOUND the count is exact; beyond it the page says "hơn 10.000 đảng viên".
        "count_exact": paginator.exact, "count_text": format_number(paginator.shown_count), "page_text": pages,
        "page_links": paginator.page_links(page), "paginated": paginator.num_pages > 1 or not paginator.exact,
        "query": query.urlencode(), "export_url": f"{reverse('members:export')}?{query.urlencode()}",
        "organization_chosen": getattr(filterset, "organization", None),
        "can_create": changeable_cells(request.user).exists(),
        "can_reveal": permissions.has_scope(request.user, "members.reveal"),
        "filters_in_use": sum(1 for k, v in query.items() if v and k in filterset.form.fields),
    })


ORGANIZATION_SEARCH_LIMIT = 20


@login_required
@require_GET
def organization_search(request):
    """Organizations the user may see whose name, short name or code contains `q` (case, diacritics and
    tone placement ignored), or whose id is `q`: the member list's "Thuộc tổ chức" box asks here as the
    user types. JSON: {"results": [{"id", "label", "context"}], "empty": message}; at most 20,
    organizations in use first, then by level and name."""
    needle = fold(request.GET.get("q", ""))[:100]
    visible = Organization.objects.visible_to(request.user)
    results = []
    if needle:
        match = Q(search_text__contains=needle)
        pk = params.whole_number(needle)
        if pk is not None and 1 <= pk <= params.MAX_ID:  # an id ("²" is a digit to str.isdigit, not an id)
            match |= Q(pk=pk)
        orgs = (visible.filter(match).select_related("parent")
                .order_by(F("ended_on").asc(nulls_first=True), "depth", "name_key", "pk")[:ORGANIZATION_SEARCH_LIMIT])
        results = [{"id": o.pk, "label": _organization_label(o),
                    "context": " · ".join(filter(None, [o.code, o.parent.name if o.parent_id else ""]))} for o in orgs]
    return JsonResponse({"results": results, "empty": _("Không có tổ chức nào phù hợp.")})


@login_required
def member_export(request):
    """The register as XLSX: at once, or, over EXPORT_BACKGROUND_MEMBERS members, as a background job
    (dangvu.jobs) whose page shows its progress and then the download link."""
    filterset, qs, on = _filtered(request)
    if filterset.errors:
        messages.error(request, _("Điều kiện lọc chưa hợp lệ: chưa xuất được tệp."))
        return redirect(f"{reverse('members:list')}?{request.GET.urlencode()}")
    count = qs.count()
    if count > settings.EXPORT_BACKGROUND_MEMBERS:
        job = runner.start(register_xlsx, by=request.user, organization=_job_organization(request.user, filterset),
                           params={"query": request.GET.urlencode(), "path": request.path}, size=count)
        runner.dispatch(job)
        back = f"{reverse('members:list')}?{request.GET.urlencode()}"
        return redirect(f"{reverse('jobs:detail', args=[job.pk])}?{urlencode({'next': back})}")
    data = _register_file(request, filterset, qs, on)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(exports.file_name(on or today()))
    return response


REGISTER_CHUNK = 500  # rows made between two progress reports of a background export


def _register_file(request, filterset, qs, on, progress=None) -> bytes:
    """The register file of the filtered members (cut at MAX_EXPORT_ROWS); revealed numbers audited."""
    limit = exports.MAX_EXPORT_ROWS
    members = list(qs.select_related(*register_export.RELATED)[: limit + 1])
    note = ""
    if len(members) > limit:
        note = exports.truncation_note(qs.count(), limit)
        members = members[:limit]
    reveal = request.GET.get("reveal") == "1"
    rows, revealed = [], []
    for start in range(0, len(members), REGISTER_CHUNK):
        chunk_rows, chunk_revealed = register_export.register_rows(members[start:start + REGISTER_CHUNK], on,
                                                                   user=request.user, reveal=reveal)
        for number, row in enumerate(chunk_rows, start=start + 1):
            row[0] = number  # STT runs on across the chunks
        rows += chunk_rows
        revealed += chunk_revealed
        if progress is not None:
            progress(len(rows), len(members) + 1, _("Đã lập %(done)s/%(total)s dòng")
                     % {"done": format_number(len(rows)), "total": format_number(len(members))})
    register_export.audit_reveals(request.user, revealed)
    if progress is not None:
        progress(len(members), len(members) + 1, _("Đang ghi tệp Excel"))
    return register_export.build_register(rows, _title_block(request, filterset, on or today()), note=note)


@dataclass(frozen=True)
class _JobRequest:
    """What the filters and the title block read of a request, for an export made by a background job."""

    user: object
    GET: QueryDict
    path: str


@runner.job_kind(gettext_lazy("Xuất danh sách đảng viên (Excel)"))
def register_xlsx(job):
    """The background export of the register: the same filters, scope and reveal rules as at once, read
    for the user who asked, when it runs."""
    request = _JobRequest(user=job.requested_by, GET=QueryDict(job.params["query"]), path=job.params["path"])
    filterset, qs, on = _filtered(request)
    if filterset.errors:
        raise runner.JobError(_("Điều kiện lọc chưa hợp lệ: chưa xuất được tệp."))
    data = _register_file(request, filterset, qs, on, progress=job.progress)
    job.attach(exports.file_name(on or today()), data, XLSX)


def _job_organization(user, filterset) -> Organization:
    """The organization a background export belongs to (its scope): the one filtered on, else the user's
    highest organization for the register, else (an administrator without a scope) the first root."""
    chosen = getattr(filterset, "organization", None)
    if chosen is not None:
        return chosen
    own = sorted(permissions.scope_orgs(user, "members.view"), key=lambda o: (o.depth, o.pk))
    return own[0] if own else Organization.objects.filter(depth=1).order_by("pk").first()


def _title_block(request, filterset, on) -> register_export.TitleBlock:
    """What the exported file says of itself: the organization, the date, the filters in words, who and when."""
    org = getattr(filterset, "organization", None)
    if org is not None:
        organization = org.name
    else:
        own = [o.name for o in permissions.scope_orgs(request.user, "members.view")]
        organization = "Phạm vi: " + ", ".join(own) if own else "Toàn bộ hệ thống"
    filters = []
    data = filterset.form.cleaned_data if filterset.is_valid() else {}
    for name, value in data.items():
        if name in ("organization", "as_of") or value in (None, "", [], ()):
            continue
        field = filterset.form.fields[name]
        shown = dict(field.choices).get(value, value) if hasattr(field, "choices") and not hasattr(value, "pk") else value
        filters.append(f"{field.label}: {shown}")
    user = request.user
    return register_export.TitleBlock(organization=organization, on=on, filters=filters,
                                      exported_by=f"{user.full_name} ({user.username})" if user.full_name else user.username,
                                      exported_at=timezone.now())


# ---------------------------------------------------------------- detail

def _display(member: Member, name: str) -> str:
    f = Member._meta.get_field(name)
    value = getattr(member, name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, dt.date):
        return vn_date(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if name == "photo":
        return _("Có ảnh") if value else ""
    return str(value)


def _record_groups(member: Member, *, unmasked: bool) -> list[tuple[str, list[dict]]]:
    groups = []
    for title, names in FIELDSETS:
        rows = []
        for name in names:
            rows.append(_record_row(member, name, unmasked))
            if name == "party_card_number":
                rows.append(_record_row(member, "photo", unmasked))
        groups.append((title, rows))
    return groups


def _record_row(member: Member, name: str, unmasked: bool) -> dict:
    value = _display(member, name)
    # The photo stays hidden even on one's own record: showing it is an audited reveal (members:photo).
    masked = bool(value) and name in Member.SENSITIVE_FIELDS and (not unmasked or name == "photo")
    if masked:
        value = _("Ảnh đã ẩn") if name == "photo" else exports.mask(name, value)
    return {"name": name, "label": field_label(name), "value": value, "masked": masked}


def _ended_on(member: Member, events) -> dt.date | None:
    if member.status in IN_PARTY:
        return None
    endings = [e.effective_date for e in events if e.event_type in ENDING_EVENTS]
    return endings[-1] if endings else None


def _masked_entries(entries):
    """Audit entries for display (in memory only: the stored entries are untouched).

    Sensitive values are masked by present_entries (audit.masking: the history is no unlogged reveal);
    yes/no reads "Có"/"Không"; a reveal names its field in its note. Actions are named by
    AuditEntry.action_label.
    """
    entries = list(entries)
    yes_no = {True: _("Có"), False: _("Không")}
    for e in entries:
        changes = {k: ([yes_no.get(v, v) if isinstance(v, bool) else v for v in pair] if isinstance(pair, list) else pair)
                   for k, pair in e.changes.items()}
        if e.action == "members.reveal" or e.action.startswith("members.document_"):
            changes.pop("_data", None)  # the note says it in words
        e.changes = changes
    return entries



@login_required
def member_detail(request, pk):
    member = _visible_member(request, pk)
    user = request.user
    tab = request.GET.get("tab", "record")
    own = member.user_id is not None and member.user_id == user.pk
    can_audit = permissions.may_view_audit(user, member.organization)
    events = list(member.events.select_related("organization", "from_organization").order_by("effective_date", "id"))
    on = today()
    state = MemberState.objects.valid_on(on).filter(member=member).select_related("temporary_organization").first()
    ended_on = _ended_on(member, events)
    context = {
        "member": member, "tab": tab, "own": own, "can_audit": can_audit,
        "can_reveal": permissions.may_reveal(user, member) and not own,
        "can_change": Member.objects.changeable_by(user).filter(pk=member.pk).exists(),
        "status_notes": member_hooks.status_notes(member, on),
        "state": state, "ended_on": ended_on, "in_party": member.status in IN_PARTY,
        "party_age": rules.party_age_years(member.first_admission_date, member.days_outside, on, ended_on)
        if member.first_admission_date else None,
    }
    if tab == "record":
        context["groups"] = _record_groups(member, unmasked=own)
        context["can_reveal_photo"] = permissions.may_reveal(user, member)
        if context["can_change"]:
            context["photo_form"] = PhotoForm(initial={"version": member.version})
    elif tab == "documents":
        context.update(_documents_context(user, member, can_change=context["can_change"]))
    elif tab == "events":  # the history as recorded: an annulled event shows, marked, where it was
        context["events"] = list(MembershipEvent.with_annulled.filter(member=member)
                                 .select_related("organization", "from_organization").order_by("-effective_date", "-id"))
    elif tab == "audit":
        if not can_audit:
            raise Http404
        context["entries"] = present_entries(_masked_entries(entries_for(member).order_by("-timestamp", "-id")[:200]))
    else:
        raise Http404
    return render(request, "members/detail.html", context)


@login_required
@require_POST
def member_reveal(request, pk, field):
    member = _visible_member(request, pk)
    if field not in Member.SENSITIVE_FIELDS:
        raise Http404
    try:
        value = services.reveal(by=request.user, member=member, field=field)
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    if field == "photo":
        value = _granted_photo_url(request.user, member) if value else ""
    return render(request, "members/_revealed.html", {"field": field, "value": value, "label": field_label(field)})


# ---------------------------------------------------------------- writes

def _about(member) -> dict:
    """The form page's back link for a member (core.views.form_page); the event form's template reads `member`."""
    return {"back": reverse("members:detail", args=[member.pk]), "back_label": member.full_name, "member": member}


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request):
    form = CreateForm(request.POST or None, user=request.user)
    if not form.fields["organization"].queryset.exists():
        raise PermissionDenied(_("Bạn không quản lý chi bộ nào để thêm đảng viên."))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        member = run_service(form, lambda: services.register_member(by=request.user, organization=d["organization"],
                                                             joined_on=d["joined_on"], **form.record()))
        if member is not None:
            messages.success(request, _("Đã thêm %(name)s vào sổ đảng viên.") % {"name": member.full_name})
            return redirect(member_url(member))
    return form_page(request, form, title=_("Thêm đảng viên"), submit=_("Thêm vào sổ"), back=reverse("members:list"),
                     back_label=_("Danh sách đảng viên"),
                     intro=_("Ghi theo phiếu đảng viên (mẫu 2-HSĐV). Trạng thái và chi bộ được tính từ ngày kết nạp, "
                             "ngày công nhận chính thức và ngày đến sinh hoạt."))


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = _changeable_member(request, pk)
    form = EditForm(request.POST or None, member=member, initial=RecordForm.initial_for(member))
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        result = run_service(form, lambda: services.update_member(by=request.user, member=member, expected_version=version,
                                                           **form.record()))
        if result is not None:
            messages.success(request, _("Đã lưu hồ sơ của %(name)s.") % {"name": result.full_name})
            return redirect(member_url(result))
    return form_page(request, form, title=_("Sửa hồ sơ: %(name)s") % {"name": member.full_name}, **_about(member),
                     intro=_("Dùng để đính chính hồ sơ. Trạng thái và chi bộ thay đổi qua “Ghi sự kiện”, để giữ quá trình."))


@login_required
@require_http_methods(["GET", "POST"])
def member_event(request, pk):
    member = _changeable_member(request, pk)
    form = EventForm(request.POST or None, user=request.user, initial={"version": member.version, "effective_date": today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        event = run_service(form, lambda: services.record_event(
            by=request.user, member=member, event_type=d["event_type"], effective_date=d["effective_date"],
            organization=d["organization"], external_place=d["external_place"], decision=form.decision(),
            expected_version=d["version"]))
        if event is not None:
            messages.success(request, _("Đã ghi sự kiện “%(event)s”.") % {"event": event.get_event_type_display()})
            return redirect(member_url(member, "events"))
    # The computed striking-off grounds (unexcused absence, unpaid dues) as the apps that keep them prove them
    # (core.removal_evidence): shown beside the ground, for the one chosen when one is.
    chosen = form.data.get("ground") or None
    found = [(RemovalGround(e.ground).label if e.ground in RemovalGround.values else e.ground, e)
             for e in removal_evidence.evidence([member.pk], today(), ground=chosen)]
    return form_page(request, form, title=_("Ghi sự kiện: %(name)s") % {"name": member.full_name}, **_about(member),
                     submit=_("Ghi sự kiện"), template="members/event_form.html", evidence=found,
                     intro=_("Trạng thái hiện nay: %(status)s.") % {
                          "status": Status(member.status).label if member.status in Status.values else "—"})


# ---------------------------------------------------------------- member file: documents and photo
#
# Member files are confidential (domain-rules M10). Nothing of them is under a public /media/ URL:
# files are streamed by the views below, to those who may reveal the member's masked data, and
# every download is audited. Outside the user's scope: 404; visible but not allowed: 403.

PHOTO_GRANT_SALT = "members.photo"
PHOTO_GRANT_SECONDS = 120


def _sees_removed(user, member: Member, *, can_change: bool | None = None) -> bool:
    """Removed documents stay listed (greyed, with the reason) for the officers who keep the file
    and the inspectors: those who may change the member or reveal their data (not the member)."""
    if can_change is None:
        can_change = Member.objects.changeable_by(user).filter(pk=member.pk).exists()
    own = member.user_id is not None and member.user_id == user.pk
    return can_change or (permissions.may_reveal(user, member) and not own)


def _documents_context(user, member: Member, *, can_change: bool) -> dict:
    show_removed = _sees_removed(user, member, can_change=can_change)
    documents = list(member.documents.order_by("-uploaded_at", "-id") if show_removed
                     else member.documents.filter(removed_at__isnull=True).order_by("-uploaded_at", "-id"))
    for d in documents:
        d.size_text = file_size(d.size)
    return {
        "documents": documents, "show_removed": show_removed, "can_download": permissions.may_reveal(user, member),
        "document_form": DocumentForm() if can_change else None,
    }


def _stream(file, *, content_type: str, filename: str, attachment: bool) -> FileResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, attachment=attachment)
    response["Cache-Control"] = "private, no-store"  # confidential: no copy in shared or browser caches
    return response


def _download_name(document: MemberDocument) -> str:
    """The name the user uploaded, with the extension of what the file really is."""
    kind = next(k for k in services.DOCUMENT_KINDS if k.content_type == document.content_type)
    stem, ext = os.path.splitext(document.original_name)
    return document.original_name if ext.lower() in kind.extensions else f"{stem or 'tai-lieu'}{kind.extension}"


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    member = _changeable_member(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        document = run_service(form, lambda: services.add_document(
            by=request.user, member=member, doc_type=d["doc_type"], title=d["title"], file=d["file"],
            document_number=d["document_number"], document_date=d["document_date"]))
        if document is not None:
            messages.success(request, _("Đã thêm tài liệu “%(title)s” vào hồ sơ.") % {"title": document.title})
            return redirect(member_url(member, "documents"))
    return render(request, "members/upload_form.html", {
        "form": form, "member": member, "title": _("Thêm tài liệu: %(name)s") % {"name": member.full_name},
        "submit": _("Tải lên"), "multipart": True, "back": member_url(member, "documents"),
        "intro": _("Hồ sơ đảng viên là tài liệu mật. Tệp PDF, JPEG hoặc PNG, tối đa 10 MB; "
                   "tài liệu đã thêm không bị xóa, chỉ có thể gỡ bỏ kèm lý do."),
    })


@login_required
@require_http_methods(["GET", "POST"])
def document_remove(request, pk, document_pk):
    member = _changeable_member(request, pk)
    document = get_object_or_404(MemberDocument, pk=document_pk, member=member)
    form = RemoveDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        removed = run_service(form, lambda: services.remove_document(by=request.user, document=document, reason=reason))
        if removed is not None:
            messages.success(request, _("Đã gỡ bỏ tài liệu “%(title)s”; tài liệu vẫn được lưu.") % {"title": removed.title})
            return redirect(member_url(member, "documents"))
    return render(request, "members/upload_form.html", {
        "form": form, "member": member, "title": _("Gỡ bỏ tài liệu: %(title)s") % {"title": document.title},
        "submit": _("Gỡ bỏ"), "multipart": False, "back": member_url(member, "documents"),
        "intro": _("Tài liệu gỡ bỏ không bị xóa: vẫn được lưu và hiện mờ trong danh sách cho cán bộ quản lý hồ sơ."),
    })


@login_required
def document_download(request, pk, document_pk):
    member = _visible_member(request, pk)
    document = get_object_or_404(MemberDocument, pk=document_pk, member=member)
    document.member = member
    if document.is_removed and not _sees_removed(request.user, member):
        raise Http404
    try:
        services.open_document(by=request.user, document=document)
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    return _stream(document.file, content_type=document.content_type, filename=_download_name(document), attachment=True)


@login_required
@require_http_methods(["GET", "POST"])
def photo_upload(request, pk):
    member = _changeable_member(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None, initial={"version": member.version})
    if request.method == "POST" and form.is_valid():
        result = run_service(form, lambda: services.set_photo(by=request.user, member=member, file=form.cleaned_data["photo"],
                                                       expected_version=form.cleaned_data["version"]))
        if result is not None:
            messages.success(request, _("Đã cập nhật ảnh 3×4 của %(name)s.") % {"name": result.full_name})
            return redirect(member_url(result))
    return render(request, "members/upload_form.html", {
        "form": form, "member": member, "title": _("Ảnh 3×4: %(name)s") % {"name": member.full_name},
        "submit": _("Tải ảnh lên"), "multipart": True, "back": member_url(member),
        "intro": _("Ảnh JPEG hoặc PNG, tối đa 2 MB. Ảnh cũ vẫn được lưu trong hồ sơ."),
    })


def _granted_photo_url(user, member: Member) -> str:
    """The photo's address right after an audited reveal: loading it within the next two minutes
    (same user, same photo) is that reveal, not a second one."""
    grant = signing.dumps([member.pk, user.pk, member.photo.name], salt=PHOTO_GRANT_SALT)
    return f"{reverse('members:photo', args=[member.pk])}?{urlencode({'grant': grant})}"


def _has_grant(request, member: Member) -> bool:
    token = request.GET.get("grant")
    if not token:
        return False
    try:
        return signing.loads(token, salt=PHOTO_GRANT_SALT, max_age=PHOTO_GRANT_SECONDS) == [
            member.pk, request.user.pk, member.photo.name]
    except signing.BadSignature:
        return False


@login_required
def member_photo(request, pk):
    """The 3×4 photo, inline: the same rule as a reveal (and audited as one)."""
    member = _visible_member(request, pk)
    if not member.photo:
        raise Http404
    if not (_has_grant(request, member) and permissions.may_reveal(request.user, member)):
        # Not the load that follows an audited reveal on the page: it is a reveal of its own.
        try:
            services.reveal(by=request.user, member=member, field="photo")
        except PermissionDeniedInScope as exc:
            raise PermissionDenied(str(exc)) from exc
    try:
        kind = services.photo_kind(member)
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    if kind is None:
        raise Http404
    return _stream(member.photo, content_type=kind.content_type, filename=f"anh-{member.pk}{kind.extension}", attachment=False)
