"""Rules screens: regimes, parameters (values in force, defaults, sources, history) and the holiday
calendar. Everyone signed in may read them (officers need to know the rule a deadline comes from);
only system administrators change them."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts.permissions import is_system_admin
from dangvu.core import params
from dangvu.core.dates import today, vn_date
from dangvu.core.forms import run_service
from dangvu.rules import selectors, services
from dangvu.rules.forms import CalendarDayForm, ParameterForm
from dangvu.rules.models import CalendarDay
from dangvu.rules.parameters import BY_KEY, params_on
from dangvu.rules.regimes import CHAINS, REGIMES, in_force, regime_on
from dangvu.rules.workdays import MAX_WORKING_DAYS, deadline


def _on(request) -> tuple[dt.date, list[str]]:
    errors: list[str] = []
    on = params.or_message(lambda: params.date(request.GET, "as_of", label="Ngày áp dụng", default=today()), errors, today())
    return on, errors


@login_required
def overview(request):
    on, errors = _on(request)
    check = None
    start_text, days_text = request.GET.get("start", ""), request.GET.get("working_days", "")
    if start_text and days_text:
        start, n = params.or_message(lambda: params.collect(
            lambda: params.date(request.GET, "start", label="Ngày bắt đầu"),
            lambda: params.integer(request.GET, "working_days", label="Số ngày làm việc", minimum=1,
                                   maximum=MAX_WORKING_DAYS)), errors, (None, None))
        if start and n:
            check = {"start": start, "n": n, "end": deadline(start, n)}
    return render(request, "rules/overview.html", {
        "on": on, "errors": errors, "regimes": REGIMES, "current": regime_on(on), "rows": selectors.rule_rows(on),
        "settings_rows": selectors.setting_rows(on), "confirmations": selectors.confirmation_rows(on),
        "chains": [(label, docs, in_force(key, on)) for key, (label, docs) in CHAINS.items()],
        "can_change": is_system_admin(request.user), "check": check, "start_text": start_text, "days_text": days_text,
    })


@login_required
def parameter_edit(request, key):
    definition = BY_KEY.get(key)
    if definition is None or not is_system_admin(request.user):
        raise Http404
    current = params_on(today())[key]
    form = ParameterForm(request.POST or None, initial={"value": current, "effective_from": vn_date(today())},
                         allow_province=definition.is_rule)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if run_service(form, lambda: services.set_parameter(by=request.user, key=key, value=d["value"],
                                                            effective_from=d["effective_from"], reason=d["reason"],
                                                            province=d.get("province"))):
            messages.success(request, _("Đã ghi giá trị mới của tham số “%(label)s”.") % {"label": definition.label})
            return redirect("rules:overview")
    return render(request, "rules/parameter_form.html", {"form": form, "definition": definition, "current": current})


@login_required
def calendar(request):
    errors: list[str] = []
    year = params.or_message(lambda: params.year(request.GET, "year", default=today().year), errors, today().year)
    for error in errors:
        messages.error(request, error)
    can_change = is_system_admin(request.user)
    form = CalendarDayForm(request.POST or None) if can_change else None
    if request.method == "POST":
        if not can_change:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            if run_service(form, lambda: services.add_calendar_day(by=request.user, **d)):
                messages.success(request, _("Đã thêm ngày %(date)s vào lịch.") % {"date": vn_date(d["date"])})
                return redirect(f"{request.path}?year={d['date'].year}")
    return render(request, "rules/calendar.html", {
        "year": year, "days": selectors.calendar_year(year), "form": form, "can_change": can_change,
        "years": range(year - 2, year + 3),
    })


@login_required
@require_POST
def calendar_remove(request, pk):
    if not is_system_admin(request.user):
        raise Http404
    day = get_object_or_404(CalendarDay, pk=pk)
    year = day.date.year
    services.remove_calendar_day(by=request.user, day=day, reason=request.POST.get("reason", ""))
    messages.success(request, _("Đã xóa ngày khỏi lịch."))
    return redirect(f"{reverse('rules:calendar')}?year={year}")
