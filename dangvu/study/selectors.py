"""Reads of resolution study that pages, the API, exports, the to-do list and the demo ask.

`expected(org, on)`: the members a study session of `org` on `on` expects, set-based from the register's state
intervals: in the party (probationary or full) on that date, their home organization (nơi sinh hoạt chính thức) in
the organizer's subtree as it stood on that date. One query, no loop over organizations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from dangvu.core.text import fold
from dangvu.members.kinds import IN_PARTY
from dangvu.members.models import MemberState
from dangvu.organizations.tree import subtree_ids_on
from dangvu.study import rules
from dangvu.study.models import StudyAttendance, StudyDocument, StudySession

STUDIED = Q(present=True) | Q(made_up_in__isnull=False)


def expected(org, on: dt.date):
    """(member_id, organization_id) of the members expected, as a queryset of state rows."""
    return (MemberState.objects.valid_on(on).filter(status__in=IN_PARTY, organization_id__in=subtree_ids_on(org, on))
            .values_list("member_id", "organization_id"))


def search_documents(q: str = "", queryset=None):
    """Documents whose number or title contains `q`, diacritics, case and spacing ignored."""
    qs = StudyDocument.objects.all() if queryset is None else queryset
    key = fold(q)
    return qs.filter(search_key__contains=key) if key else qs


@dataclass(frozen=True)
class Rate:
    label: str
    studied: int
    expected: int
    organization_id: int | None = None

    @property
    def absent(self) -> int:
        return self.expected - self.studied

    @property
    def fraction(self):
        return rules.rate(self.studied, self.expected)

    @property
    def text(self) -> str:
        return rules.rate_text(self.studied, self.expected)


def _counts(rows) -> dict:
    return rows.aggregate(expected=Count("id"), present=Count("id", filter=Q(present=True)),
                          made_up=Count("id", filter=Q(made_up_in__isnull=False)))


def session_rate(session: StudySession) -> Rate:
    """Members studied (present or made up) and the non-member cadres present, over those expected."""
    c = _counts(session.attendance.all())
    return Rate(str(session.organization), c["present"] + c["made_up"] + session.cadres_present,
                c["expected"] + session.cadres_expected, session.organization_id)


def session_counts(session: StudySession) -> dict:
    return _counts(session.attendance.all())


def rates_by_organization(rows) -> list[Rate]:
    """One GROUP BY over attendance rows: members (distinct) studied and expected per home organization."""
    grouped = (rows.values("organization_id", "organization__name", "organization__path").order_by("organization__path")
               .annotate(expected=Count("member_id", distinct=True),
                         studied=Count("member_id", distinct=True, filter=STUDIED)))
    return [Rate(g["organization__name"], g["studied"], g["expected"], g["organization_id"]) for g in grouped]


def subtree_rate(rows, label: str) -> Rate:
    c = rows.aggregate(expected=Count("member_id", distinct=True), studied=Count("member_id", distinct=True, filter=STUDIED))
    return Rate(label, c["studied"], c["expected"])


def attendance_of_document(user, document: StudyDocument):
    """The attendance rows of sessions (not make-ups) covering `document` that `user` may see."""
    return StudyAttendance.objects.visible_to(user).filter(session__documents=document, session__makeup_of__isnull=True)


def not_made_up(session: StudySession):
    return session.attendance.filter(present=False, made_up_in__isnull=True)
