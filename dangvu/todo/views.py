"""The to-do page ("Việc cần làm"): grouped by kind, most urgent first, with filters; an officer marks an
item as handled elsewhere (with a reason) or brings it back."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dangvu.core import todo
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.core.forms import run_service
from dangvu.core.http import local_next
from dangvu.core.views import form_page
from dangvu.organizations.models import Organization
from dangvu.todo import selectors, services
from dangvu.todo.forms import HandleForm, TodoFilterForm
from dangvu.todo.models import HandledItem


def filters(user, data):
    """The filters of page and API from the query: (form, as_of, organization, kind, horizon, handled)."""
    form = TodoFilterForm(data)
    form.is_valid()
    d = form.cleaned_data
    org = None
    if d.get("organization"):
        org = Organization.objects.restrict(user, "view").filter(pk=d["organization"]).first()
        if org is None:
            form.add_error("organization", _("Tổ chức: không có trong phạm vi của bạn."))
    return form, d.get("as_of") or today(), org, d.get("kind") or "", d.get("horizon") or "", bool(d.get("handled"))


@login_required
def todo_page(request):
    form, on, org, kind, horizon, handled = filters(request.user, request.GET)
    work = selectors.worklist(request.user, on, organization=org, kind=kind, horizon=horizon, include_handled=handled)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    page = None
    if kind:
        rows = work.groups[0].rows if work.groups else []
        page = Paginator(rows, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "todo/index.html", {
        "form": form, "on": on, "work": work, "kind": kind, "page": page, "query": urlencode(query),
        "query_without_kind": urlencode({k: v for k, v in query.items() if k != "kind"}),
        "selected_org": org, "horizons": selectors.HORIZONS, "horizon": horizon, "handled": handled,
        "here": request.get_full_path(), "as_of_text": request.GET.get("as_of") or vn_date(on),
    })


@login_required
@require_http_methods(["GET", "POST"])
def handle(request):
    key = request.POST.get("key") or request.GET.get("key") or ""
    _form, on, *_rest = filters(request.user, request.POST or request.GET)
    item = next((i for i in todo.collect(request.user, on, include_handled=True) if i.key == key), None)
    if item is None:
        raise Http404(_("Việc này không có trong danh sách việc cần làm của bạn."))
    back = local_next(request) or reverse("todo")
    form = HandleForm(request.POST or None, initial={"key": key, "as_of": vn_date(on), "next": back})
    if request.method == "POST" and form.is_valid():
        mark = run_service(form, lambda: services.mark_handled(by=request.user, key=key, reason=form.cleaned_data["reason"],
                                                                on=on))
        if mark is not None:
            messages.success(request, _("Đã đánh dấu “%(title)s” là đã xử lý ở nơi khác.") % {"title": mark.title[:120]})
            return redirect(back)
    return form_page(request, form, title=_("Đánh dấu việc đã xử lý ở nơi khác"), lead=item.title, back=back,
                     back_label=_("Việc cần làm"), submit=_("Đánh dấu đã xử lý"),
                     intro=_("Việc sẽ rời khỏi danh sách việc cần làm của mọi người (tính đến ngày %(on)s). Có thể đưa trở "
                             "lại bất cứ lúc nào; mọi thao tác đều được ghi nhật ký.") % {"on": vn_date(on)},
                     )


@login_required
@require_POST
def reopen(request, pk):
    mark = get_object_or_404(HandledItem.objects.restrict(request.user, "view"), pk=pk)
    version = request.POST.get("version", "")
    try:
        services.reopen(by=request.user, mark=mark, expected_version=int(version) if version.isdigit() else None)
    except (RuleViolation, ConcurrentEditError) as exc:
        messages.error(request, str(exc))
    except PermissionDeniedInScope as exc:
        raise PermissionDenied(str(exc)) from exc
    else:
        messages.success(request, _("Đã đưa “%(title)s” trở lại danh sách việc cần làm.") % {"title": mark.title[:120]})
    return redirect(local_next(request) or reverse("todo"))
