"""Properties of replaying a member's dated events (rules.replay), pure and through the database.

Replaying a member's events always yields the same status, intervals and party age: whatever the
order the events are handed over in, the state on any day is the replay of the events up to that
day, the in-party intervals are ordered and do not overlap, and the party age is the time spent
inside them. Through the services, a random history entered with record_event (refused changes
write nothing) is stored exactly as rules.replay derives it from the stored events.

Each database example runs inside a transaction that is rolled back at the end: function-scoped
database fixtures are not reset between Hypothesis examples.
"""

import copy
import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import RuleViolation
from dangvu.members import rules
from dangvu.members import services as svc
from dangvu.members.kinds import ENDING_EVENTS, IN_PARTY, EventType, Sex
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.members.rules import EventFact
from tests.clock import TODAY
from tests.members.test_rules import cccd

D = dt.date
ORGS = [11, 12, 21, None]
PLACES = ["", "Chi bộ xã Quảng Phú, tỉnh Thanh Hóa"]
# Mostly small steps; sometimes the 36 months a re-admission needs; sometimes the same day.
steps = st.one_of(st.just(0), st.integers(1, 400), st.integers(1000, 1500))
event_types = st.sampled_from(list(EventType))


def valid_choices(state, on, orgs, place="Đảng bộ tỉnh Nghệ An"):
    """(event type, organization) pairs the rules would accept next, ordinary events first."""
    ordinary, ending = [], []
    for t in EventType:
        for org in orgs:
            if rules.apply(copy.deepcopy(state), EventFact(t, on, org, 10**12, place)) == []:
                (ending if t in ENDING_EVENTS else ordinary).append((t, org))
                break
    return ordinary, ending


@st.composite
def choose_event(draw, state, on, orgs):
    """Usually an event the rules accept (so histories get long: readmissions, exemptions…), sometimes any event."""
    ordinary, ending = valid_choices(state, on, orgs)
    roll = draw(st.integers(0, 9))
    if roll < 6 and ordinary:
        return draw(st.sampled_from(ordinary))
    if roll < 7 and ending:
        return draw(st.sampled_from(ending))
    return draw(event_types), draw(st.sampled_from(orgs))


@st.composite
def histories(draw, max_size=14):
    """Events with non-decreasing dates and distinct ids (in any order relative to the dates)."""
    n = draw(st.integers(0, max_size))
    on = draw(st.dates(D(1975, 1, 1), D(1995, 12, 31)))
    ids = draw(st.permutations(range(1, n + 1)))
    events, state = [], rules.Replay()
    for i in range(n):
        if i:
            on += dt.timedelta(days=draw(steps))
        t, org = draw(choose_event(state, on, ORGS))
        place = draw(st.sampled_from(PLACES))
        events.append(EventFact(t, on, org, ids[i], place))
        rules.apply(state, EventFact(t, on, org, 10**12, place))  # the state the next choice starts from (approximately)
    return events


def covering(intervals, day):
    found = [i for i in intervals if i.valid_from <= day and (i.valid_to is None or day < i.valid_to)]
    assert len(found) <= 1
    return found[0] if found else None


def first_admission(events):
    """The first admission that can take effect: the first ADMITTED with a cell or a place (earlier events all fail)."""
    for e in sorted(events, key=lambda e: (e.effective_date, e.id)):
        if e.event_type == EventType.ADMITTED and (e.organization_id is not None or e.external_place.strip()):
            return e.effective_date
    return None


def days_inside(intervals, on):
    return sum(max((min(i.valid_to or on, on) - i.valid_from).days, 0) for i in intervals)


def assert_interval_shape(r):
    for i in r.intervals:
        assert i.status in IN_PARTY
        assert i.valid_to is None or i.valid_from < i.valid_to
    for a, b in zip(r.intervals, r.intervals[1:], strict=False):
        assert a.valid_to is not None and a.valid_to <= b.valid_from  # in date order, no overlap
    assert (r.status in IN_PARTY) == bool(r.intervals and r.intervals[-1].valid_to is None)
    assert all(i.valid_to is not None for i in r.intervals[:-1])


@settings(max_examples=200)
@given(histories(), st.randoms(use_true_random=False))
def test_replay_is_deterministic_and_ignores_input_order(events, rnd):
    copy = list(events)
    r = rules.replay(events)
    assert events == copy  # the input list is not reordered in place
    assert rules.replay(list(events)) == r
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert rules.replay(shuffled) == r
    assert rules.replay(list(reversed(events))) == r


@settings(max_examples=200)
@given(histories())
def test_intervals_are_ordered_disjoint_and_match_the_state(events):
    r = rules.replay(events)
    event("in party" if r.status in IN_PARTY else f"status {r.status or 'none'}")
    event(f"{len(r.intervals)} intervals")
    if r.readmissions:
        event("readmitted")
    assert_interval_shape(r)
    assert r.readmissions <= 1
    for v in r.violations:
        assert v.code and v.field and v.message


@settings(max_examples=200)
@given(histories())
def test_the_state_on_any_day_is_the_replay_of_the_events_up_to_that_day(events):
    """Intervals cover exactly the in-party periods; events of one day collapse to the day's last state."""
    r = rules.replay(events)
    days = {e.effective_date for e in events} | {e.effective_date - dt.timedelta(days=1) for e in events}
    if events:
        days.add(max(e.effective_date for e in events) + dt.timedelta(days=1000))
    for day in sorted(days):
        upto = rules.replay([e for e in events if e.effective_date <= day])
        interval = covering(r.intervals, day)
        assert (interval is not None) == (upto.status in IN_PARTY), day
        if interval is not None:
            assert (interval.status, interval.organization_id, interval.temporary_organization_id, interval.is_exempted,
                    interval.is_suspended) == (upto.status, upto.organization_id, upto.temporary_organization_id, upto.is_exempted,
                                               upto.is_suspended), day


@settings(max_examples=200)
@given(histories(), st.integers(0, 20_000))
def test_party_age_is_the_time_spent_inside(events, later):
    r = rules.replay(events)
    assert r.days_outside >= 0
    if r.readmissions == 0:
        assert r.days_outside == 0
    first = first_admission(events)
    if first is None:
        assert r.status == "" and r.intervals == []
        return
    last = max(e.effective_date for e in events)
    on = last + dt.timedelta(days=later)
    age = rules.party_age_days(first, r.days_outside, on, r.ended_on)
    assert 0 <= age <= (on - first).days
    assert age == days_inside(r.intervals, on)
    assert rules.party_age_years(first, r.days_outside, on, r.ended_on) == rules.party_age_years(first, r.days_outside, on, r.ended_on)
    assert rules.party_age_years(first, r.days_outside, on, r.ended_on) <= age // 365


# ---------------------------------------------------------------- through the database

# Mostly forward from the last accepted event; now and then back-dated, which must be refused without a trace.
DB_STEPS = st.one_of(st.just(0), st.integers(1, 300), st.integers(1, 300), st.integers(-400, -1))


class _Rollback(Exception):
    pass


def _db_state(member):
    member.refresh_from_db()
    states = [(s.valid_from, s.valid_to, s.status, s.organization_id, s.temporary_organization_id, s.is_exempted, s.is_suspended)
              for s in MemberState.objects.filter(member=member).order_by("valid_from")]
    return (member.status, member.organization_id, member.is_exempted, member.is_suspended, member.days_outside,
            member.first_admission_date, states)


def _stored_facts(member):
    return [EventFact(e.event_type, e.effective_date, e.organization_id, e.pk, e.external_place)
            for e in MembershipEvent.objects.filter(member=member)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_stored_state_is_the_replay_of_the_stored_events(cast, data):
    t = cast.tree
    orgs = [t.cell_a1, t.cell_a2, t.cell_b1, t.grassroots_a, None]
    try:
        with transaction.atomic():
            _run_history(cast, orgs, data)
            raise _Rollback
    except _Rollback:
        pass
    assert not Member.objects.exists() and not MembershipEvent.objects.exists()


def _run_history(cast, orgs, data):
    sex = data.draw(st.sampled_from([Sex.MALE, Sex.FEMALE]))
    decision = data.draw(st.dates(D(2010, 1, 1), D(2016, 12, 31)))
    dob = decision - dt.timedelta(days=data.draw(st.integers(19 * 366, 55 * 365)))
    ceremony = decision + dt.timedelta(days=data.draw(st.integers(0, 40)))
    recognition = rules.add_months(ceremony, 12) if data.draw(st.booleans()) else None
    elsewhere = data.draw(st.integers(0, 3)) == 0
    joined_on = ceremony + dt.timedelta(days=data.draw(st.integers(1, 900))) if elsewhere else None
    member = svc.register_member(
        by=cast.admin, organization=data.draw(st.sampled_from(orgs[:3])), joined_on=joined_on, full_name="Trần Văn Bình", sex=sex,
        date_of_birth=dob, citizen_id=cccd("001", sex, dob, 42), admission_decision_date=decision, ceremony_date=ceremony,
        recognition_date=recognition, admitted_in="Chi bộ Trường Đại học Vinh" if elsewhere else "",
    )
    last = max(member.events.values_list("effective_date", flat=True))
    accepted = 0
    for _ in range(data.draw(st.integers(1, 12))):
        member.refresh_from_db()
        state = rules.replay(_stored_facts(member))
        # After leaving, often wait the 36 months a re-admission needs; now and then back-date (refused without a trace).
        step = data.draw(st.one_of(DB_STEPS, st.integers(1090, 1200)) if state.status not in IN_PARTY else DB_STEPS)
        on = max(last + dt.timedelta(days=step), D(2010, 1, 1))
        by_pk = {o.pk if o else None: o for o in orgs}
        event_type, org_pk = data.draw(choose_event(state, on, [o.pk for o in orgs[:3]] + [None]))
        org = by_pk[org_pk]
        place = data.draw(st.sampled_from(["Đảng bộ tỉnh Nghệ An", "Đảng bộ tỉnh Nghệ An", ""]))
        if data.draw(st.integers(0, 9)) == 0:
            org = data.draw(st.sampled_from(orgs))  # now and then a grassroots committee: not a place for members
        before = (MembershipEvent.objects.filter(member=member).count(), AuditEntry.objects.count(), _db_state(member),
                  member.version)
        facts = _stored_facts(member)
        fact = EventFact(event_type, on, org.pk if org else None, 10**12, place)
        if event_type == EventType.RECOGNIZED and facts and on < max(f.effective_date for f in facts):
            # P4: a late recognition goes into the history at its date when the whole history still replays.
            pure_refusal = rules.replay([*facts, fact]).violations
        else:
            pure_refusal = rules.apply(rules.replay(facts), fact)
        try:
            svc.record_event(by=cast.admin, member=member, event_type=event_type, effective_date=on, organization=org,
                             external_place=place)
        except RuleViolation as exc:
            assert exc.violations
            event("refused: " + ",".join(sorted({v.code for v in exc.violations})))
            after = (MembershipEvent.objects.filter(member=member).count(), AuditEntry.objects.count(), _db_state(member),
                     Member.objects.get(pk=member.pk).version)
            assert after == before, "a refused event left a trace"
            continue
        accepted += 1
        last = max(last, on)
        assert pure_refusal == [], "the service accepted what the rules refuse"
        member.refresh_from_db()
        assert member.version == before[3] + 1
        assert MembershipEvent.objects.filter(member=member).count() == before[0] + 1
    event(f"{accepted} events accepted")
    _assert_stored_matches_replay(member)


def _assert_stored_matches_replay(member):
    facts = _stored_facts(member)
    r = rules.replay(facts)
    assert r.violations == [], "the stored history does not replay cleanly"
    assert rules.replay(list(reversed(facts))) == r
    status, organization_id, is_exempted, is_suspended, days_outside, first, states = _db_state(member)
    assert (status, organization_id, is_exempted, is_suspended, days_outside) == (
        r.status, r.organization_id, r.is_exempted, r.is_suspended, r.days_outside)
    assert states == [(i.valid_from, i.valid_to, i.status, i.organization_id, i.temporary_organization_id, i.is_exempted,
                       i.is_suspended) for i in r.intervals]
    assert first == member.admission_decision_date
    # Rebuilding again changes nothing, and so the party age read from the row is stable.
    age = rules.party_age_years(first, days_outside, TODAY, r.ended_on)
    svc.rebuild_state(member)
    member.save()
    assert _db_state(member) == (status, organization_id, is_exempted, is_suspended, days_outside, first, states)
    assert rules.party_age_years(member.first_admission_date, member.days_outside, TODAY, r.ended_on) == age
    assert 0 <= rules.party_age_days(first, days_outside, TODAY, r.ended_on) <= (TODAY - first).days
