"""The statistics page (/thong-ke/: the figure set of an organization, by section) and the drill-down
page (/thong-ke/chi-tieu/<code>/: the members or organizations behind one figure)."""

from __future__ import annotations

from collections import OrderedDict
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from dangvu.core.dates import vn_date
from dangvu.core.figures import registry
from dangvu.core.numbers import format_number
from dangvu.core.pagination import BoundedPaginator
from dangvu.members.exports import rows_for
from dangvu.organizations.kinds import Kind
from dangvu.statistics import engine
from dangvu.statistics.params import OrganizationNotFound, WindowError, parse
from dangvu.statistics.selectors import organizations_for, top_organization

PAGE_SIZE = 50
PICKER_LIMIT = 300


def _query(request):
    """(query, errors) from the request's parameters; 404 outside the user's scope."""
    orgs = organizations_for(request.user)
    try:
        return parse(request.GET, orgs, default_organization=top_organization(request.user)), {}
    except OrganizationNotFound as exc:
        raise Http404("Không có tổ chức đảng này trong phạm vi của bạn.") from exc
    except WindowError as exc:
        return None, exc.errors


def _picker(user, chosen):
    orgs = list(organizations_for(user).exclude(kind__in=[Kind.CELL, Kind.PARTY_GROUP])
                .order_by("path")[:PICKER_LIMIT])
    if chosen is not None and chosen not in orgs:
        orgs.insert(0, chosen)
    return orgs


@login_required
@require_GET
def statistics_page(request):
    query, errors = _query(request)
    sections: OrderedDict[str, list] = OrderedDict()
    if query is not None:
        reg = registry()
        for value in engine.compute(query.window, rounding=query.rounding):
            figure = reg[value.code]
            link = f"{reverse('statistics:drill', args=[value.code])}?{urlencode(query.params())}"
            sections.setdefault(figure.section or "Khác", []).append({"v": value, "figure": figure, "link": link})
    chosen = query.window.organization if query else top_organization(request.user)
    get = request.GET
    return render(request, "statistics/page.html", {
        "query": query, "errors": errors, "sections": sections, "organizations": _picker(request.user, chosen),
        "chosen": chosen, "form": {k: get.get(k, "") for k in ("on", "year", "from", "to", "rounding")},
        "xlsx_note": "manage.py statistics --format xlsx",
    })


@login_required
@require_GET
def drill_page(request, code: str):
    if code not in registry():
        raise Http404("Không có chỉ tiêu thống kê này.")
    query, errors = _query(request)
    figure = registry()[code]
    context = {"figure": figure, "errors": errors, "query": query, "code": code}
    if query is not None:
        rows = engine.drill(code, query.window, request.user)
        subject = engine.subject_model(figure)._meta.label
        if subject == "members.Member":
            rows = rows.select_related("organization", "ethnicity", "theory_level").order_by("name_key", "pk")
        else:
            rows = rows.order_by(*(["path"] if subject == "organizations.Organization" else ["name_key", "pk"]))
        paginator = BoundedPaginator(rows, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        params = query.params()
        value = engine.value(query.window, code, rounding=query.rounding)
        context.update({
            "subject": subject, "page": page, "value": value, "count_text": format_number(paginator.shown_count),
            "count": paginator.count, "count_exact": paginator.exact,
            "member_rows": rows_for(page.object_list, query.window.end) if subject == "members.Member" else None,
            "query_string": urlencode(params), "on_text": vn_date(query.window.end),
            "back": f"{reverse('statistics:page')}?{urlencode(params)}",
            "paginated": paginator.num_pages > 1,
        })
    return render(request, "statistics/drill.html", context)
