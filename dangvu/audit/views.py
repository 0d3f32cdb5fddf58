from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from dangvu.audit.models import AuditEntry
from dangvu.audit.presenters import present_entries
from dangvu.core.dates import parse_date


@login_required
def audit_log(request):
    """The global audit log: system administrators only (others: their objects' history tabs)."""
    if not request.user.is_system_admin:
        raise Http404
    qs = AuditEntry.objects.all()
    filters = {k: request.GET.get(k, "").strip() for k in ("action", "actor", "object", "from", "to", "request_id")}
    errors = []
    if filters["action"]:
        qs = qs.filter(action=filters["action"])
    if filters["actor"]:
        qs = qs.filter(actor_label__icontains=filters["actor"])
    if filters["object"]:
        qs = qs.filter(object_label__icontains=filters["object"])
    if filters["request_id"]:
        qs = qs.filter(request_id=filters["request_id"])
    for key, lookup in (("from", "timestamp__date__gte"), ("to", "timestamp__date__lte")):
        try:
            value = parse_date(filters[key])
        except ValueError as exc:
            errors.append(str(exc))
            continue
        if value:
            qs = qs.filter(**{lookup: value})
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/log.html", {
        "page": page, "entries": present_entries(page.object_list), "filters": filters, "errors": errors,
        "actions": sorted(AuditEntry.ACTION_LABELS.items(), key=lambda kv: kv[1]), "query": query.urlencode(),
    })
