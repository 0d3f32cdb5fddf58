"""What the annual review reads from the discipline register (dangvu.discipline, one layer below), and
how it answers its "penalty decided" hook.

- C6: a penalty announced in the review year is a disqualifying condition computed from the register
  (`conditions_for`); the conditions entered by hand (Disqualification, for years before the register)
  are kept and read as before; an entered row that names the same proceeding is not counted twice.
- K8: a penalty in force on a commendation's date refuses it (`penalties_in_force`): the register's,
  and for years before it the entered conditions within the months a penalty stays in force.
- C11: when a penalty is announced (or increased on appeal), each year of its violations whose result
  is decided above "not completed" is re-graded "not completed" (`on_penalty_decided`), its related
  commendations cancelled, all as events. The direct superior's officer re-grades when it is the one
  who announced; otherwise the system records it on the decision's behalf (the audit names it). The
  subscriber is services.on_penalty_decided (plugged in by EvaluationsConfig.ready).
"""

from __future__ import annotations

import datetime as dt

from dangvu.core.dates import add_months, vn_date
from dangvu.discipline import selectors as discipline
from dangvu.discipline.kinds import Form
from dangvu.evaluations import rules
from dangvu.evaluations.models import Disqualification, MemberReview
from dangvu.rules.parameters import params_on


def _words(p) -> str:
    number = f" số {p.decision_number}" if p.decision_number else ""
    return f"Kỷ luật {Form(p.form).label.lower()} (quyết định{number}, công bố {vn_date(p.announced_on)})"


def conditions_for(reviews) -> dict[int, list[rules.Disqualification]]:
    """review id → its disqualifying conditions (C6): entered ones, and the register's penalties announced
    in the review's year. One query per year for the register."""
    out: dict[int, list[rules.Disqualification]] = {}
    by_year: dict[int, list[MemberReview]] = {}
    reviews = list(reviews)
    # An entered condition that reads a discipline decision an appeal later cancelled no longer applies (the row
    # stays as entered; the cancellation, dated on the proceeding, is its withdrawal).
    cancelled = discipline.cancelled_ids({d.discipline_id for r in reviews for d in r.disqualifications.all()})
    for review in reviews:
        out[review.pk] = [d.as_rule() for d in review.disqualifications.all() if d.discipline_id not in cancelled]
        by_year.setdefault(review.campaign.year, []).append(review)
    for year, rows in by_year.items():
        found = discipline.penalties_in_year_for([r.member_id for r in rows], year)
        for review in rows:
            linked = {d.discipline_id for d in out[review.pk] if d.discipline_id}
            out[review.pk] += [rules.Disqualification(_words(p), p.proceeding_id) for p in found.get(review.member_id, [])
                               if p.proceeding_id not in linked]
    return out


def penalties_in_force(member, on: dt.date) -> list[str]:
    """K8: the penalty in force on `on` from the register, and the entered conditions (years before the
    register) within the months a penalty stays in force."""
    out = []
    p = discipline.penalty_in_force(member, on)
    if p is not None:
        out.append(_words(p))
    months = params_on(on)["evaluations.penalty_in_force_months"]
    rows = Disqualification.objects.filter(review__member=member, occurred_on__lte=on, discipline_id__isnull=True)
    out += [f"{d.description}, ngày {vn_date(d.occurred_on)}" for d in rows.order_by("occurred_on")
            if add_months(d.occurred_on, months) > on]
    return out


def organization_penalty(org, on: dt.date) -> list[str]:
    p = discipline.organization_penalty_in_force(org, on)
    return [_words(p)] if p is not None else []
