"""Reads for the pages, the API and the to-do list: candidates with their next deadline, and the
probationary members of a user's scope with their probation dates. Always restricted to what the
user may see; parameters and the holiday calendar are read once per list, not once per row."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Q, Subquery

from dangvu.admissions import rules
from dangvu.admissions.kinds import Stage
from dangvu.admissions.models import Candidate, ProbationVote
from dangvu.admissions.querysets import VIEW
from dangvu.admissions.services import ADMISSION_EVENTS, Probation, probation_of
from dangvu.members import search
from dangvu.members.kinds import Status
from dangvu.members.models import Member, MembershipEvent
from dangvu.rules.parameters import ParamsBook  # noqa: F401  (re-exported: admissions.selectors.ParamsBook)
from dangvu.rules.workdays import WorkCalendar, calendar_for


@dataclass(frozen=True)
class Due:
    """The next deadline of a case: what is due, by when, and the rule it comes from."""

    label: str
    date: dt.date
    overdue: bool
    rule: str
    latest: dt.date | None = None  # with the extension (A13, P3)


def candidate_due(c: Candidate, on: dt.date, book: ParamsBook, cal: WorkCalendar) -> Due | None:
    stage = c.stage
    if stage in (Stage.CELL_APPROVED, Stage.COMMITTEE_APPROVED):
        p = book.on(c.cell_meeting_date)
        w = rules.window(c.cell_meeting_date, p["admission.decision_working_days"], p["admission.decision_extension_working_days"], cal)
        return Due("Hạn quyết định kết nạp", w.due, on > w.due, rules.SRC_DECISION_DEADLINE, w.latest)
    if stage == Stage.DECIDED:
        p = book.on(c.decision_date)
        from dangvu.rules.workdays import add_working_days

        due = add_working_days(c.decision_date, p["admission.ceremony_working_days"], cal)
        return Due("Hạn tổ chức lễ kết nạp", due, on > due, rules.SRC_CEREMONY)
    if stage in (Stage.CERTIFIED, Stage.APPLIED, Stage.STATEMENT, Stage.VERIFIED, Stage.INTRODUCED):
        last = rules.certificate_expires(c.awareness_certificate_date, book.on(c.awareness_certificate_date))
        papers = c.background_statement_date
        if papers is not None:
            # A19 (local practice, unconfirmed): the statement, the introductions and the comments of mass
            # organizations are treated as valid for a number of months.
            papers_last = rules.file_valid_until(papers, book.on(papers))
            if papers_last < last:
                return Due("Lý lịch, giấy giới thiệu còn giá trị đến", papers_last, on > papers_last, rules.SRC_FILE_VALIDITY)
        return Due("Giấy chứng nhận lớp nhận thức còn giá trị đến", last, on > last, rules.SRC_CERTIFICATE)
    return None


def _calendar_covering(dates: list[dt.date], working_days: int = 200) -> WorkCalendar:
    if not dates:
        return WorkCalendar()
    return calendar_for(min(dates), max(dates) + dt.timedelta(days=2 * working_days + 30))


def candidates_with_due(candidates: list[Candidate], on: dt.date) -> list[tuple[Candidate, Due | None]]:
    book = ParamsBook()
    starts = [d for c in candidates for d in (c.cell_meeting_date, c.decision_date) if d]
    cal = _calendar_covering(starts)
    return [(c, candidate_due(c, on, book, cal)) for c in candidates]


# ---------------------------------------------------------------- probation

def probationary_members(user):
    """Probationary members in the cells of the user's scope today (all for an administrator)."""
    start = (MembershipEvent.objects.filter(member=OuterRef("pk"), event_type__in=ADMISSION_EVENTS)
             .order_by().values("member").annotate(d=Max("effective_date")).values("d"))
    qs = (Member.objects.restrict(user, VIEW, now=True).filter(status=Status.PROBATIONARY)
          .annotate(probation_started=Subquery(start)))
    return qs.select_related("organization").order_by("name_key", "id")


@dataclass(frozen=True)
class ProbationRow:
    member: Member
    probation: Probation
    due: Due

    @property
    def overdue(self) -> bool:
        return self.due.overdue


def probation_due(p: Probation, on: dt.date) -> Due:
    if p.flagged:
        return Due("Báo cáo cấp ủy cấp trên (chi bộ biểu quyết 3 lần không đạt 2/3)", p.proposal_due, False, rules.SRC_MAX_VOTES)
    if p.passed_vote is not None and p.decision_window is not None:
        return Due("Hạn cấp ủy quyết định", p.decision_window.due, on > p.decision_window.due, rules.SRC_RECOGNITION_DEADLINE,
                   p.decision_window.latest)
    return Due("Hạn chi bộ xét, đề nghị", p.proposal_due, on > p.proposal_due, rules.SRC_PROPOSAL)


def probation_rows(members, on: dt.date) -> list[ProbationRow]:
    members = [m for m in members if m.probation_started is not None]
    book = ParamsBook()
    votes: dict[int, list[ProbationVote]] = {}
    for vote in ProbationVote.objects.filter(member__in=[m.pk for m in members]).order_by("meeting_date", "id"):
        votes.setdefault(vote.member_id, []).append(vote)
    dates = [m.probation_started for m in members] + [v.meeting_date for vs in votes.values() for v in vs]
    cal = _calendar_covering(dates, working_days=400)
    rows = []
    for m in members:
        p = probation_of(m, start=m.probation_started, votes=votes.get(m.pk, []), params_book=book, cal=cal)
        rows.append(ProbationRow(m, p, probation_due(p, on)))
    return rows


ENDING_SOON, OVERDUE = "ending_soon", "overdue"


def filter_rows(rows: list[ProbationRow], which: str, on: dt.date, horizon_days: int) -> list[ProbationRow]:
    if which == ENDING_SOON:
        last = on + dt.timedelta(days=horizon_days)
        return [r for r in rows if on <= r.probation.end <= last]
    if which == OVERDUE:
        return [r for r in rows if r.overdue]
    return rows


def candidate_search(qs, text: str, user=None, where: str = ""):
    """Candidates by name (case and diacritics ignored) or by their whole citizen ID: a candidate's
    number is masked for everyone (no reveal), so it is never matched by a fragment (members.search)."""
    from dangvu.core.text import fold

    name, numbers = search.split(text)
    needle = fold(name)
    if needle:
        qs = qs.filter(Q(search_text__contains=needle))
    if numbers:
        search.record_number_search(user, numbers, where=where, object_type=qs.model._meta.label_lower)
        for number in numbers:
            qs = qs.filter(search.numbers_q(user, number, fields=("citizen_id",), reveal_q=Q(pk__in=[])))
    return qs
