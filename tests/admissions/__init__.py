"""Helpers for the admission tests: candidates and a cell's full members, written through the services."""

import datetime as dt
from types import SimpleNamespace

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services
from dangvu.admissions.kinds import Step
from tests.members import cccd, register

D = dt.date

# A pipeline that fits before "today" (24/11/2026 when written, any later day works): the
# decision (15/4/2026) falls under QĐ 294, before QĐ 208 (26/7/2026).
TIMELINE = SimpleNamespace(
    certificate=D(2026, 1, 5), application=D(2026, 1, 12), background=D(2026, 1, 19), verification=D(2026, 3, 2),
    introducers=D(2026, 3, 9), cell_vote=D(2026, 3, 20), committee_vote=D(2026, 4, 1), decision=D(2026, 4, 15),
    ceremony=D(2026, 5, 5),
)


def candidate(organization, name="Nguyễn Văn Tiến", *, sex="male", born=D(1998, 6, 15), by=SYSTEM, **fields):
    from dangvu.references.models import ReferenceItem

    fields.setdefault("citizen_id", cccd(sex, born))
    # A2 (education) and A9 (a Youth Union member at youth age): a candidate who meets both by default.
    fields.setdefault("general_education", ReferenceItem.objects.get(list_code="general_education", code="thpt"))
    fields.setdefault("youth_union_date", D(born.year + 16, 3, 26))
    return services.create_candidate(by=by, organization=organization, full_name=name, sex=sex, date_of_birth=born, **fields)


def full_members(cell, names=("Lê Văn Hùng", "Phạm Thị Lan", "Trần Văn Nam"), admitted=D(2012, 6, 1)):
    """Full members of `cell` (the introducers and the cell's base for votes)."""
    return [register(name, cell, sex="female" if " Thị " in name else "male", admitted=admitted) for name in names]


def step_data(step: str, t=TIMELINE, introducers=(), **overrides) -> dict:
    data = {
        Step.CERTIFICATE: {"awareness_certificate_date": t.certificate, "awareness_certificate_number": "12/GCN"},
        Step.APPLICATION: {"application_date": t.application},
        Step.BACKGROUND: {"background_statement_date": t.background},
        Step.VERIFICATION: {"verification_completed_date": t.verification, "verification_note": "Đủ điều kiện"},
        Step.INTRODUCERS: {"introduction_date": t.introducers, "introducer_1": introducers[0] if introducers else None,
                           "introducer_1_since": t.introducers.replace(year=t.introducers.year - 2),
                           "introducer_2": introducers[1] if len(introducers) > 1 else None,
                           "introducer_2_since": t.introducers.replace(year=t.introducers.year - 3)},
        Step.CELL_VOTE: {"cell_meeting_date": t.cell_vote, "full_members": 3, "votes_for": 3, "cell_resolution_number": "05-NQ/CB"},
        Step.COMMITTEE_VOTE: {"committee_meeting_date": t.committee_vote, "committee_members": 9, "votes_for": 8},
        Step.DECISION: {"decision_number": "125-QĐ/HU", "decision_date": t.decision},
        Step.CEREMONY: {"ceremony_date": t.ceremony},
    }[step]
    return data | overrides


def advance(c, until: str, *, by=SYSTEM, introducers=(), t=TIMELINE, inclusive=True, **overrides):
    """Record the steps of `c` from the next one up to `until` with valid data."""
    from dangvu.admissions.kinds import STEP_ORDER

    steps = list(STEP_ORDER)
    stop = steps.index(until) + (1 if inclusive else 0)
    c.refresh_from_db()
    for step in steps[:stop]:
        if c.step_dates().get(step) is not None or (step == Step.COMMITTEE_VOTE and not c.needs_committee_vote):
            continue
        extra = overrides if step == until else {}
        data = step_data(step, t, introducers, **extra)
        if step == Step.INTRODUCERS and "introducing_organization" not in extra:
            data |= youth_union_introduction(c, data["introduction_date"])
        c = services.record_step(by=by, candidate=c, step=step, data=data)
    return c


def youth_union_introduction(c, on: dt.date) -> dict:
    """A9: an applicant of youth age in a unit with a Youth Union organization is introduced by the
    Youth Union's grassroots executive and one full member (the first introducer)."""
    from dangvu.admissions import rules
    from dangvu.organizations.tree import grassroots_today
    from dangvu.rules.parameters import params_on

    units = (c.organization, grassroots_today(c.organization))
    if not rules.is_youth_age(c.date_of_birth, on, params_on(on)) or any(u is not None and not u.has_youth_union for u in units):
        return {}
    return {"introducing_organization": "youth_union", "introducing_organization_name": "Ban Chấp hành Đoàn cơ sở",
            "introducer_2": None, "introducer_2_since": None}
