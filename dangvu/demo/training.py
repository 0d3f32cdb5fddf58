"""Demo training classes (called by seed_demo): the certificates the demo candidates and new members hold come from
classes, never typed.

- Awareness classes (lớp bồi dưỡng nhận thức về Đảng) twice a year in each ward of thị xã Sơn Hà (March and
  September); each demo candidate passes the latest round before their application (`certify_candidate`, called by
  the demo admissions for the certificate step), and this year's candidates not yet certified are enrolled in a
  class running now, their results not recorded yet (the officer records them in the demo).
- New-member classes (lớp đảng viên mới) twice a year (April and October) in each commune or ward: the members
  admitted over the last two years pass the first round a month after their ceremony, except one who was absent;
  members whose round is still ahead stay in the to-do.
- Political theory: a few members of phường Sơn Hà passed an intermediate course last year (their theory history
  gets the dated certificate), and a few are enrolled in this year's course.

Written through dangvu.training.services (by=SYSTEM). Dates are relative to today.
"""

import datetime as dt
import random

from dangvu.accounts.system import SYSTEM
from dangvu.core.dates import add_months, today

AWARENESS_ROUNDS = ((3, 2, 6), (9, 7, 11))  # (month, first day, last day): certificates on the last day
NEW_MEMBER_ROUNDS = ((4, 13, 17), (10, 12, 16))
CENTRE = "Trung tâm Chính trị thị xã Sơn Hà"
SCHOOL = "Trường Chính trị tỉnh Thanh Hóa"


def _commune(org, on: dt.date):
    """The commune or ward an organization lay in on `on` (the tree of that day: a class of April 2025 is held by
    the commune of before the reform of 1/7/2025), else the tree's root."""
    from dangvu.organizations.kinds import Kind
    from dangvu.organizations.models import Organization
    from dangvu.organizations.tree import chain_on

    chain = chain_on(org, on)
    communes = [f.id for f in chain if f.kind == Kind.COMMUNE_COMMITTEE]
    return Organization.objects.get(pk=communes[-1] if communes else (chain[0].id if chain else org.path.split("/")[1]))


def _class(organization, kind: str, start: dt.date, end: dt.date, name: str, organizer_kind: str, organizer_name: str):
    """The round's class of the organization (one per organization, kind and opening day)."""
    from dangvu.training import services
    from dangvu.training.models import TrainingClass

    found = TrainingClass.objects.filter(organization=organization, kind=kind, start_date=start).first()
    return found or services.create_class(by=SYSTEM, organization=organization, kind=kind, name=name,
                                          organizer_kind=organizer_kind, organizer_name=organizer_name,
                                          start_date=start, end_date=end, venue=f"Hội trường {organization.name}")


def _round(rounds, before: dt.date, *, after: bool = False) -> tuple[dt.date, dt.date, int]:
    """The latest round ending on or before `before` (or, `after`, the first starting on or after it)."""
    years = range(before.year - 1, before.year + 2)
    spans = sorted((dt.date(y, m, a), dt.date(y, m, b), i + 1) for y in years for i, (m, a, b) in enumerate(rounds))
    if after:
        return next(s for s in spans if s[0] >= before)
    return [s for s in spans if s[1] <= before][-1]


def _awareness_class(cell, start: dt.date, end: dt.date, number: int):
    ward = _commune(cell, today())  # a candidate's cell has no dated history: the commune of today
    return _class(ward, "awareness", start, end, f"Lớp bồi dưỡng nhận thức về Đảng đợt {number}/{start.year} – {ward.name}",
                  "political_centre", CENTRE)


def certify_candidate(candidate, before: dt.date, rng: random.Random):
    """The demo candidate passes the latest awareness round ending by `before`: the class's result fills the step."""
    from dangvu.training import services

    start, end, number = _round(AWARENESS_ROUNDS, before)
    klass = _awareness_class(candidate.organization, start, end, number)
    (enrolment,) = services.enrol(by=SYSTEM, training_class=klass, candidates=[candidate])
    services.record_result(by=SYSTEM, enrolment=enrolment, result="passed", certificate_date=end,
                           certificate_number=f"{rng.randint(10, 400)}/GCN-TTCT")
    candidate.refresh_from_db()
    return candidate


def seed_training(rng: random.Random, log=None) -> dict:
    from dangvu.admissions.models import Candidate
    from dangvu.members.kinds import IN_PARTY, Status
    from dangvu.members.models import Member
    from dangvu.training import services

    on = today()
    counts = {"awareness_pending": 0, "new_members": 0, "theory": 0}
    # This year's candidates without a certificate: in a class running now.
    waiting = list(Candidate.objects.filter(awareness_certificate_date__isnull=True, withdrawn_on__isnull=True)
                   .select_related("organization").order_by("name_key", "pk"))
    for c in waiting:
        klass = _awareness_class(c.organization, on - dt.timedelta(days=2), on + dt.timedelta(days=2), 3)
        services.enrol(by=SYSTEM, training_class=klass, candidates=[c])
        counts["awareness_pending"] += 1
    # New members of the last two years, by the commune of their cell when the class opened.
    from dangvu.members.selectors import state_on

    recent = list(Member.objects.filter(status__in=IN_PARTY, ceremony_date__gte=add_months(on, -24), ceremony_date__lte=on)
                  .select_related("organization").order_by("ceremony_date", "name_key", "pk"))
    rounds: dict = {}
    for m in recent:
        start, end, number = _round(NEW_MEMBER_ROUNDS, m.ceremony_date + dt.timedelta(days=30), after=True)
        then = state_on(m, start)
        if end <= on and then is not None and then.organization is not None:
            rounds.setdefault((_commune(then.organization, start), start, end, number), []).append(m)
    for i, ((commune, start, end, number), learners) in enumerate(rounds.items()):
        klass = _class(commune, "new_member", start, end, f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới đợt "
                       f"{number}/{start.year} – {commune.name}", "committee", f"Ban Tuyên giáo {commune.name}")
        rows = services.enrol(by=SYSTEM, training_class=klass, members=learners)
        # One learner of every third class was absent (the to-do lists them).
        results = [(e, "absent" if i % 3 == 1 and k == 0 else "passed", f"{rng.randint(1, 900)}/GCN-ĐVM")
                   for k, e in enumerate(rows)]
        services.record_results(by=SYSTEM, training_class=klass, certificate_date=end, rows=results)
        counts["new_members"] += sum(1 for _e, result, _n in results if result == "passed")
    # Political theory: intermediate course last year (certificates), and this year's course (enrolled).
    from dangvu.demo.organizations import A_WARD_CODES
    from dangvu.members.models import MemberState
    from dangvu.organizations.models import Organization
    from dangvu.organizations.tree import subtree_ids_on

    ward = Organization.objects.filter(code__in=A_WARD_CODES).order_by("code").first()
    if ward is not None:
        people = list(Member.objects.filter(status=Status.FULL, organization__path__startswith=ward.path,
                                            date_of_birth__gte=dt.date(on.year - 50, 1, 1))
                      .filter(theory_level__isnull=True).order_by("name_key", "pk")[:40])
        rng.shuffle(people)
        # Last year's course took members of the ward when it closed (the ward was formed on 1/7/2025).
        closed = dt.date(on.year - 1, 9, 25)
        there = set(MemberState.objects.valid_on(closed).filter(status__in=IN_PARTY, member__in=people,
                                                                organization_id__in=subtree_ids_on(ward, closed))
                    .values_list("member_id", flat=True))
        past = sorted([m for m in people if m.pk in there][:6], key=lambda m: m.pk)
        current = sorted([m for m in people if m not in past][:5], key=lambda m: m.pk)
        if past:
            klass = _class(ward, "theory_intermediate", dt.date(on.year - 2, 9, 9), closed,
                           f"Trung cấp lý luận chính trị hệ không tập trung khóa {on.year - 2}–{on.year - 1}", "school", SCHOOL)
            rows = services.enrol(by=SYSTEM, training_class=klass, members=past)
            services.record_results(by=SYSTEM, training_class=klass, certificate_date=dt.date(on.year - 1, 10, 9),
                                    issuer=SCHOOL, rows=[(e, "failed" if k == len(rows) - 1 else "passed",
                                                          f"TC-{rng.randint(1000, 9999)}") for k, e in enumerate(rows)])
            counts["theory"] = len(rows) - 1
        if current:
            start = dt.date(on.year, 3, 2)
            klass = _class(ward, "theory_intermediate", start, add_months(start, 12),
                           f"Trung cấp lý luận chính trị hệ không tập trung khóa {on.year}–{on.year + 1}", "school", SCHOOL)
            services.enrol(by=SYSTEM, training_class=klass, members=current)
    if log:
        log(f"Lớp bồi dưỡng mẫu: {counts['awareness_pending']} quần chúng đang học lớp nhận thức về Đảng, "
            f"{counts['new_members']} đảng viên mới đã học lớp đảng viên mới, {counts['theory']} đồng chí có bằng trung cấp "
            "lý luận chính trị.")
    return counts
