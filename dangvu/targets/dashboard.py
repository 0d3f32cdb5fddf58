"""The targets panel of the dashboard (dangvu.statistics.dashboard.PANEL_PROVIDERS): the status of the
organization's own targets whose period overlaps the year, and the headline "13/15 chỉ tiêu đạt và vượt"."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse

from dangvu.targets.evaluation import evaluate, headline, overlapping
from dangvu.targets.kinds import TargetStatus
from dangvu.targets.models import Target

# The chart colours of the statuses (Bootstrap's success, primary, warning, danger, secondary).
COLORS = {"met": "#198754", "on_track": "#0d6efd", "at_risk": "#ffc107", "missed": "#dc3545", "no_data": "#adb5bd"}


def list_url(organization, year: int, status: str = "") -> str:
    params = {"organization": organization.pk, "year": year}
    if status:
        params["status"] = status
    return reverse("targets:list") + "?" + urlencode(params)


def evaluation_day(year: int, today: dt.date) -> dt.date:
    """The day a year's targets are judged on: today during the year, the day after it once it is over
    (a closed year's plan is met or missed)."""
    return min(today, dt.date(year, 12, 31) + dt.timedelta(days=1))


def dashboard_panel(user, organization, year: int, on: dt.date) -> dict:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    targets = overlapping(Target.objects.restrict(user).filter(organization=organization), start, end).select_related("organization")
    evaluations = list(evaluate(targets, evaluation_day(year, on)).values())
    counts = {s: sum(e.status == s for e in evaluations) for s in TargetStatus.values}
    return {
        "code": "targets",
        "title": "Chỉ tiêu nghị quyết, kế hoạch",
        "headline": headline(evaluations),
        "total": len(evaluations),
        "met": counts[TargetStatus.MET],
        "url": list_url(organization, year),
        "statuses": [{"status": s, "label": str(TargetStatus(s).label), "value": counts[s],
                      "display": str(counts[s]), "color": COLORS[s], "url": list_url(organization, year, s)}
                     for s in TargetStatus.values],
    }
