"""Use cases of the member register (dangvu/members/services.py) with the named cast.

Entering a member (admitted here, or admitted elsewhere and transferred in), uniqueness of CCCD
and card number, where a member may be placed, concurrent edits, who may change what, the audit
trail, revealing masked fields, and the register as of a date.
"""

import datetime as dt
import itertools

import pytest

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.members import rules
from dangvu.members import services as svc
from dangvu.members.kinds import EventType, RemovalGround, Sex, Status
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind
from tests.clock import TODAY
from tests.members.test_rules import cccd

D = dt.date
_serial = itertools.count(1)


# A15: a re-admission is decided by the higher committee (number and body recorded).
READMISSION = svc.Decision(number="15-QĐ/TU", date=D(2014, 12, 20), body="Ban Thường vụ Tỉnh ủy Thử Nghiệm")


def fields(**changes) -> dict:
    """A consistent record (CCCD matches sex and year of birth; unique serial per call)."""
    sex = changes.get("sex", Sex.FEMALE)
    dob = changes.get("date_of_birth", D(1980, 5, 17))
    base = dict(
        full_name="Nguyễn Thị Hoà", sex=sex, date_of_birth=dob, citizen_id=cccd("038", sex, dob, next(_serial)),
        admission_decision_date=D(2012, 3, 2), ceremony_date=D(2012, 3, 20), recognition_date=D(2013, 3, 20),
        youth_union_date=D(1995, 3, 26),
    )
    base.update(changes)
    return base


def register(by, org, joined_on=None, **changes) -> Member:
    return svc.register_member(by=by, organization=org, joined_on=joined_on, **fields(**changes))


def event_rows(member):
    return list(member.events.order_by("effective_date", "id").values_list("event_type", "effective_date", "organization_id",
                                                                            "external_place"))


def state_rows(member):
    return list(MemberState.objects.filter(member=member).order_by("valid_from").values_list(
        "valid_from", "valid_to", "status", "organization_id"))


def codes_of(exc_info) -> set[str]:
    return {v.code for v in exc_info.value.violations}


def fields_of(exc_info) -> set[str]:
    return {v.field for v in exc_info.value.violations}


def counts():
    return Member.objects.count(), MembershipEvent.objects.count(), MemberState.objects.count(), AuditEntry.objects.count()


# ---------------------------------------------------------------- register_member


def test_register_a_member_admitted_here(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    assert m.status == Status.FULL and m.organization == t.cell_a1
    assert event_rows(m) == [(EventType.ADMITTED, D(2012, 3, 20), t.cell_a1.pk, ""),
                             (EventType.RECOGNIZED, D(2013, 3, 20), None, "")]
    assert state_rows(m) == [(D(2012, 3, 20), D(2013, 3, 20), Status.PROBATIONARY, t.cell_a1.pk),
                             (D(2013, 3, 20), None, Status.FULL, t.cell_a1.pk)]
    # Party age counts from the admission decision (M1), probation from the ceremony (M2).
    m.refresh_from_db()
    assert m.first_admission_date == D(2012, 3, 2) and m.days_outside == 0 and m.version == 1


def test_register_a_probationary_member(cast):
    m = register(cast.officer_a, cast.tree.cell_a1, recognition_date=None, admission_decision_date=D(2026, 1, 2),
                 ceremony_date=D(2026, 1, 20))
    assert m.status == Status.PROBATIONARY
    assert event_rows(m) == [(EventType.ADMITTED, D(2026, 1, 20), cast.tree.cell_a1.pk, "")]


def test_register_without_ceremony_date_admits_on_the_decision_date(cast):
    m = register(cast.officer_a, cast.tree.cell_a1, ceremony_date=None, recognition_date=None)
    assert event_rows(m) == [(EventType.ADMITTED, D(2012, 3, 2), cast.tree.cell_a1.pk, "")]


def test_register_a_member_admitted_elsewhere_and_transferred_in(cast):
    """joined_on later than the ceremony: admitted elsewhere (the record's "chi bộ kết nạp"), then transferred in."""
    t = cast.tree
    m = register(cast.officer_a, t.cell_a2, joined_on=D(2016, 9, 1), admitted_in="Chi bộ Trường THPT Lam Sơn, tỉnh Thanh Hóa")
    assert event_rows(m) == [
        (EventType.ADMITTED, D(2012, 3, 20), None, "Chi bộ Trường THPT Lam Sơn, tỉnh Thanh Hóa"),
        (EventType.RECOGNIZED, D(2013, 3, 20), None, ""),
        (EventType.TRANSFERRED_IN, D(2016, 9, 1), t.cell_a2.pk, ""),
    ]
    m.refresh_from_db()
    assert m.status == Status.FULL and m.organization == t.cell_a2
    assert m.first_admission_date == D(2012, 3, 2)
    assert state_rows(m) == [
        (D(2012, 3, 20), D(2013, 3, 20), Status.PROBATIONARY, None),
        (D(2013, 3, 20), D(2016, 9, 1), Status.FULL, None),
        (D(2016, 9, 1), None, Status.FULL, t.cell_a2.pk),
    ]
    # Nobody was a member of cell A2 before the transfer.
    assert not MemberState.objects.valid_on(D(2014, 1, 1)).filter(organization=t.cell_a2).exists()
    assert MemberState.objects.valid_on(D(2016, 9, 1)).get(member=m).organization == t.cell_a2


def test_register_admitted_elsewhere_needs_the_place_of_admission(cast):
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, joined_on=D(2016, 9, 1), admitted_in="  ")
    assert fields_of(exc) == {"admitted_in"}
    assert counts() == before


def test_register_joined_before_the_ceremony_is_refused(cast):
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, joined_on=D(2012, 3, 19))
    assert codes_of(exc) == {"member.joined_before_admission"} and fields_of(exc) == {"joined_on"}
    assert counts() == before


def test_register_requires_an_admission_date(cast):
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, admission_decision_date=None, ceremony_date=None, recognition_date=None)
    assert "admission_decision_date" in fields_of(exc)


def test_register_requires_the_admission_decision_date_even_with_a_ceremony_date(cast):
    """Party age counts from the decision (M1) and the age rule reads it (A1): a ceremony date does not stand in for it."""
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, admission_decision_date=None)
    assert codes_of(exc) == {"member.admission_required"} and fields_of(exc) == {"admission_decision_date"}
    assert counts() == before


def test_register_refuses_future_recognition(cast):
    """A recognition date after today would make the member full before being recognized."""
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, admission_decision_date=TODAY - dt.timedelta(days=370),
                 ceremony_date=TODAY - dt.timedelta(days=366), recognition_date=TODAY + dt.timedelta(days=10))
    assert fields_of(exc) == {"recognition_date"}
    assert counts() == before


def test_register_checks_the_record(cast):
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a1, citizen_id="038090000001", admission_decision_date=D(1995, 1, 1),
                 ceremony_date=D(1995, 1, 1), recognition_date=D(1995, 6, 1))
    assert codes_of(exc) >= {"member.cccd_sex", "member.admission_age", "member.recognition_early"}
    assert counts() == before


def test_unknown_field_is_a_programming_error(cast):
    with pytest.raises(ValueError):
        register(cast.officer_a, cast.tree.cell_a1, status=Status.FULL)


def test_citizen_id_is_unique(cast):
    first = register(cast.officer_a, cast.tree.cell_a1)
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_b, cast.tree.cell_b1, full_name="Trần Thị Lan", citizen_id=f"  {first.citizen_id} ")
    assert codes_of(exc) == {"member.citizen_id_taken"}
    assert fields_of(exc) == {"citizen_id"}
    assert first.citizen_id in str(exc.value)
    assert counts() == before


def test_party_card_number_is_unique(cast):
    register(cast.officer_a, cast.tree.cell_a1, party_card_number="12345678")
    before = counts()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, cast.tree.cell_a2, party_card_number="12345678")
    assert fields_of(exc) == {"party_card_number"}
    assert counts() == before


def test_members_without_citizen_id_or_card_do_not_collide(cast):
    a = register(cast.officer_a, cast.tree.cell_a1, citizen_id="", party_card_number="")
    b = register(cast.officer_a, cast.tree.cell_a1, citizen_id=None, party_card_number="  ")
    assert a.citizen_id is None and b.citizen_id is None and a.party_card_number is None and b.party_card_number is None


def test_update_to_a_taken_citizen_id_is_refused(cast):
    a = register(cast.officer_a, cast.tree.cell_a1)
    b = register(cast.officer_a, cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        svc.update_member(by=cast.officer_a, member=b, expected_version=b.version, citizen_id=a.citizen_id)
    assert fields_of(exc) == {"citizen_id"}
    # Re-saving one's own number is not a collision.
    svc.update_member(by=cast.officer_a, member=a, expected_version=a.version, citizen_id=a.citizen_id, other_names="Hoa")


def test_destination_must_be_a_cell(cast):
    t = cast.tree
    before = counts()
    for org in (t.grassroots_a, t.district_a):
        with pytest.raises(RuleViolation) as exc:
            register(cast.officer_a, org)
        assert codes_of(exc) == {"member.org_kind"} and fields_of(exc) == {"organization"}
        assert exc.value.violations[0].source
    assert counts() == before
    grassroots_cell = org_services.establish(by=cast.officer_a, parent=t.district_a, code="99.001.002", name="Chi bộ Trường THCS An Lạc",
                                             kind=Kind.GRASSROOTS_CELL, effective_date=D(2010, 1, 1))
    assert register(cast.officer_a, grassroots_cell).organization == grassroots_cell


def test_destination_must_be_active_on_the_date(cast):
    t = cast.tree
    org_services.dissolve(by=cast.officer_a, org=t.cell_a2, effective_date=D(2020, 1, 1))
    t.cell_a2.refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, t.cell_a2, joined_on=D(2021, 1, 1), admitted_in="Chi bộ khác")
    assert codes_of(exc) == {"member.org_not_active"}
    with pytest.raises(RuleViolation) as exc:
        register(cast.officer_a, t.cell_a2, joined_on=D(2020, 1, 1), admitted_in="Chi bộ khác")  # the day it ended
    assert codes_of(exc) == {"member.org_not_active"}
    with pytest.raises(RuleViolation) as exc:  # before it was established (1/1/2010)
        register(cast.officer_a, t.cell_a1, admission_decision_date=D(2009, 3, 2), ceremony_date=D(2009, 3, 20),
                 recognition_date=D(2010, 3, 20))
    assert codes_of(exc) == {"member.org_not_active"}


# ---------------------------------------------------------------- record_event


def test_transfer_inside_the_system_and_the_register_as_of_a_date(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    event = svc.record_event(by=cast.officer_a, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 6, 1),
                             organization=t.cell_a2, decision=svc.Decision("12-QĐ/ĐU", D(2020, 5, 20), "Đảng ủy xã An Lạc"))
    assert event.from_organization == t.cell_a1 and event.organization == t.cell_a2 and event.decision_number == "12-QĐ/ĐU"
    m.refresh_from_db()
    assert m.organization == t.cell_a2 and m.version == 2
    on_31_may = MemberState.objects.valid_on(D(2020, 5, 31)).get(member=m)
    on_1_june = MemberState.objects.valid_on(D(2020, 6, 1)).get(member=m)
    assert (on_31_may.organization, on_31_may.status) == (t.cell_a1, Status.FULL)
    assert (on_1_june.organization, on_1_june.status) == (t.cell_a2, Status.FULL)
    assert not MemberState.objects.valid_on(D(2012, 3, 19)).filter(member=m).exists()
    assert MemberState.objects.valid_on(D(2012, 3, 20)).get(member=m).status == Status.PROBATIONARY
    assert set(MemberState.objects.valid_on(D(2020, 5, 31)).filter(organization=t.cell_a1).values_list("member", flat=True)) == {m.pk}
    assert not MemberState.objects.valid_on(D(2020, 6, 1)).filter(organization=t.cell_a1).exists()


def test_struck_off_and_readmitted_member_party_age(cast):
    """Admitted 1/1/2000, struck off 1/1/2010, re-admitted 1/1/2015: party age on 1/1/2025 is 20 years (M1, M4)."""
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1, date_of_birth=D(1975, 6, 1), admission_decision_date=D(2000, 1, 1),
                 ceremony_date=D(2000, 1, 1), recognition_date=D(2001, 1, 1), joined_on=D(2010, 1, 1), admitted_in="Chi bộ cũ")
    with pytest.raises(RuleViolation) as exc:  # before the last event (transferred in on 1/1/2010)
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2009, 12, 31),
                         decision=svc.Decision(ground=RemovalGround.UNPAID_DUES))
    assert codes_of(exc) == {"event.out_of_order"}
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2010, 1, 1),
                     decision=svc.Decision(ground=RemovalGround.UNPAID_DUES))
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.READMITTED, effective_date=D(2012, 12, 31),
                         organization=t.cell_a1, decision=READMISSION)
    assert codes_of(exc) == {"event.readmit_gap"}
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.READMITTED, effective_date=D(2015, 1, 1),
                     organization=t.cell_a1, decision=READMISSION)
    m.refresh_from_db()
    assert m.status == Status.PROBATIONARY and m.organization == t.cell_a1
    assert m.days_outside == (D(2015, 1, 1) - D(2010, 1, 1)).days and m.first_admission_date == D(2000, 1, 1)
    assert rules.party_age_years(m.first_admission_date, m.days_outside, D(2025, 1, 1)) == 20
    assert state_rows(m) == [
        (D(2000, 1, 1), D(2001, 1, 1), Status.PROBATIONARY, None),
        (D(2001, 1, 1), D(2010, 1, 1), Status.FULL, None),
        (D(2015, 1, 1), None, Status.PROBATIONARY, t.cell_a1.pk),
    ]
    with pytest.raises(RuleViolation) as exc:  # a second re-admission is refused (A15: once)
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2016, 1, 1),
                         decision=svc.Decision(ground=RemovalGround.UNPAID_DUES))
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.READMITTED, effective_date=D(2020, 1, 1),
                         organization=t.cell_a1, decision=READMISSION)
    assert codes_of(exc) == {"event.readmit_once"}


def test_record_event_refusals_write_nothing(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.EXEMPTED, effective_date=D(2020, 1, 1))
    before, version = counts(), Member.objects.get(pk=m.pk).version
    attempts = [
        dict(event_type=EventType.EXEMPTION_ENDED, effective_date=D(2019, 12, 31)),                    # before the last event
        dict(event_type=EventType.EXEMPTED, effective_date=D(2021, 1, 1)),                             # already exempted
        dict(event_type=EventType.RECOGNIZED, effective_date=D(2021, 1, 1)),                           # already full
        dict(event_type=EventType.EXEMPTION_ENDED, effective_date=TODAY + dt.timedelta(days=1)),     # future
        dict(event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2021, 1, 1), organization=t.grassroots_a),
        dict(event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2021, 1, 1), organization=t.cell_a1),  # same cell
        dict(event_type=EventType.TRANSFERRED_OUT, effective_date=D(2021, 1, 1), external_place="  "),
        dict(event_type="promoted", effective_date=D(2021, 1, 1)),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolation) as exc:
            svc.record_event(by=cast.officer_a, member=m, **attempt)
        assert all(v.field for v in exc.value.violations), attempt
        assert counts() == before, attempt
        assert Member.objects.get(pk=m.pk).version == version


def test_stale_version_on_record_event(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.EXEMPTED, effective_date=D(2020, 1, 1), expected_version=1)
    with pytest.raises(ConcurrentEditError):
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.EXEMPTION_ENDED, effective_date=D(2021, 1, 1),
                         expected_version=1)
    assert Member.objects.get(pk=m.pk).is_exempted


def test_events_after_death_are_refused(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.DECEASED, effective_date=D(2020, 1, 1))
    m.refresh_from_db()
    assert m.status == Status.DECEASED and not m.in_party
    assert not MemberState.objects.valid_on(D(2020, 1, 1)).filter(member=m).exists()
    for event_type, org in ((EventType.READMITTED, cast.tree.cell_a1), (EventType.EXEMPTED, None), (EventType.DECEASED, None)):
        with pytest.raises(RuleViolation):
            svc.record_event(by=cast.officer_a, member=m, event_type=event_type, effective_date=D(2024, 1, 1), organization=org)


# ---------------------------------------------------------------- update_member


def test_concurrent_edit_keeps_the_first_edit(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    loaded_by_first, loaded_by_second = Member.objects.get(pk=m.pk), Member.objects.get(pk=m.pk)
    svc.update_member(by=cast.officer_a, member=loaded_by_first, expected_version=loaded_by_first.version, workplace="UBND xã An Lạc")
    with pytest.raises(ConcurrentEditError) as exc:
        svc.update_member(by=cast.admin, member=loaded_by_second, expected_version=loaded_by_second.version,
                          workplace="Trường Tiểu học An Lạc")
    assert exc.value.current_version == 2
    m.refresh_from_db()
    assert m.workplace == "UBND xã An Lạc" and m.version == 2


def test_update_normalizes_and_audits_before_and_after(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    m = svc.update_member(by=cast.officer_a, member=m, expected_version=1, full_name="  Nguyễn   Thị  Hòa ", workplace=" UBND ")
    assert m.full_name == "Nguyễn Thị Hòa" and m.workplace == "UBND" and m.version == 2
    entry = AuditEntry.objects.filter(object_type="members.member", object_id=str(m.pk), action="members.update").get()
    assert entry.actor == cast.officer_a
    assert entry.changes["full_name"] == ["Nguyễn Thị Hoà", "Nguyễn Thị Hòa"]
    assert entry.changes["workplace"] == ["", "UBND"]
    assert set(entry.changes) == {"full_name", "workplace"}


def test_update_without_change_writes_nothing(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    before = counts()
    m = svc.update_member(by=cast.officer_a, member=m, expected_version=1, full_name=m.full_name)
    assert m.version == 1 and counts() == before


def test_update_checks_the_merged_record(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        svc.update_member(by=cast.officer_a, member=m, expected_version=1, sex=Sex.MALE)  # the CCCD says female
    assert codes_of(exc) == {"member.cccd_sex"}
    with pytest.raises(ValueError):
        svc.update_member(by=cast.officer_a, member=m, expected_version=1, status=Status.EXPELLED)
    assert Member.objects.get(pk=m.pk).version == 1


# ---------------------------------------------------------------- permissions


@pytest.mark.parametrize("who", ["officer_b", "viewer_a", "secretary_a1", "member_a1"])
def test_outsiders_and_read_only_users_cannot_change_a_member_of_a(cast, who):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    user = getattr(cast, who)
    before = counts()
    with pytest.raises(PermissionDeniedInScope):
        svc.update_member(by=user, member=m, expected_version=1, workplace="X")
    with pytest.raises(PermissionDeniedInScope):
        svc.record_event(by=user, member=m, event_type=EventType.EXEMPTED, effective_date=D(2020, 1, 1))
    with pytest.raises(PermissionDeniedInScope):
        svc.record_event(by=user, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2020, 1, 1))
    with pytest.raises(PermissionDeniedInScope):
        register(user, t.cell_a1)
    assert counts() == before
    assert Member.objects.get(pk=m.pk).version == 1


def test_officer_b_cannot_pull_a_member_of_a_into_b(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    with pytest.raises(PermissionDeniedInScope):
        svc.record_event(by=cast.officer_b, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 1, 1),
                         organization=t.cell_b1)
    # … nor can officer A push one into B's cell.
    with pytest.raises(PermissionDeniedInScope):
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 1, 1),
                         organization=t.cell_b1)
    # The administrator may.
    svc.record_event(by=cast.admin, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2020, 1, 1),
                     organization=t.cell_b1)
    assert Member.objects.get(pk=m.pk).organization == t.cell_b1


def test_struck_off_member_stays_with_the_cell_for_readmission(cast):
    """After striking off, only the cell's officer (not another district's) may re-admit."""
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2015, 1, 1),
                     decision=svc.Decision(ground=RemovalGround.UNPAID_DUES))
    with pytest.raises(PermissionDeniedInScope):
        svc.record_event(by=cast.officer_b, member=m, event_type=EventType.READMITTED, effective_date=D(2020, 1, 1),
                         organization=t.cell_b1, decision=READMISSION)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.READMITTED, effective_date=D(2020, 1, 1),
                     organization=t.cell_a2, decision=READMISSION)
    assert Member.objects.get(pk=m.pk).organization == t.cell_a2


# ---------------------------------------------------------------- audit


def test_audit_entries_for_create_update_and_events(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1)
    m = svc.update_member(by=cast.officer_a, member=m, expected_version=1, position="Trưởng thôn")
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2021, 2, 1),
                     organization=t.cell_a2, decision=svc.Decision("5-QĐ/ĐU", D(2021, 1, 25), "Đảng ủy xã An Lạc"))
    entries = list(AuditEntry.objects.filter(object_type="members.member", object_id=str(m.pk)).order_by("id"))
    assert [e.action for e in entries] == ["members.create", "members.update", "members.transferred_internal"]
    assert all(e.actor == cast.officer_a and e.actor_label == "Nguyễn Văn An (officer_a)" for e in entries)
    create, update, event = entries
    assert create.changes["full_name"] == [None, "Nguyễn Thị Hoà"]
    assert create.changes["status"] == [None, Status.FULL]
    assert create.changes["organization"] == [None, t.cell_a1.pk]
    assert update.changes == {"position": ["", "Trưởng thôn"]}
    assert event.changes["organization"] == [t.cell_a1.pk, t.cell_a2.pk]
    assert event.changes["_data"] == {"effective_date": "2021-02-01", "decision_number": "5-QĐ/ĐU", "decision_date": "2021-01-25",
                                      "deciding_body": "Đảng ủy xã An Lạc", "ground": ""}


# ---------------------------------------------------------------- reveal


@pytest.mark.parametrize("who", ["secretary_a1", "viewer_a", "member_a1", "officer_b"])
def test_reveal_is_refused_outside_the_reveal_roles(cast, who):
    m = register(cast.officer_a, cast.tree.cell_a1)
    before = AuditEntry.objects.filter(action="members.reveal").count()
    with pytest.raises(PermissionDeniedInScope):
        svc.reveal(by=getattr(cast, who), member=m, field="citizen_id")
    assert AuditEntry.objects.filter(action="members.reveal").count() == before


@pytest.mark.parametrize("who", ["officer_a", "admin"])
def test_reveal_is_allowed_and_audited(cast, who):
    m = register(cast.officer_a, cast.tree.cell_a1, party_card_number="87654321", permanent_address="Thôn Đông, xã An Lạc")
    user = getattr(cast, who)
    assert svc.reveal(by=user, member=m, field="citizen_id") == m.citizen_id
    assert svc.reveal(by=user, member=m, field="party_card_number") == "87654321"
    assert svc.reveal(by=user, member=m, field="current_address") == ""
    entries = list(AuditEntry.objects.filter(action="members.reveal", object_id=str(m.pk)).order_by("id"))
    assert [e.changes["_data"]["field"] for e in entries] == ["citizen_id", "party_card_number", "current_address"]
    assert all(e.actor == user and e.object_type == "members.member" for e in entries)
    assert "CCCD" in entries[0].note


def test_reveal_only_sensitive_fields(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    with pytest.raises(ValueError):
        svc.reveal(by=cast.admin, member=m, field="full_name")


# ---------------------------------------------------------------- grounds of leaving (R1, A15, A16)

@pytest.mark.parametrize(("event_type", "ground"), [
    (EventType.STRUCK_OFF, RemovalGround.UNPAID_DUES), (EventType.LEFT, RemovalGround.HARDSHIP),
    (EventType.EXPELLED, RemovalGround.OTHER_DISCIPLINE),
])
def test_leaving_names_a_ground_of_its_kind(cast, event_type, ground):
    m = register(cast.officer_a, cast.tree.cell_a1)
    events_before = m.events.count()
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=event_type, effective_date=D(2015, 1, 1))
    assert codes_of(exc) == {"event.ground_required"} and exc.value.violations[0].field == "ground"
    wrong = RemovalGround.CORRUPTION if event_type != EventType.EXPELLED else RemovalGround.OWN_REQUEST
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=event_type, effective_date=D(2015, 1, 1),
                         decision=svc.Decision(ground=wrong))
    assert codes_of(exc) == {"event.ground_invalid"}
    assert m.events.count() == events_before  # nothing written
    svc.record_event(by=cast.officer_a, member=m, event_type=event_type, effective_date=D(2015, 1, 1),
                     decision=svc.Decision(ground=ground))
    assert m.events.get(event_type=event_type).ground == ground


def test_a_ground_only_on_leaving(cast):
    m = register(cast.officer_a, cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.EXEMPTED, effective_date=D(2015, 1, 1),
                         decision=svc.Decision(ground=RemovalGround.ABSENT))
    assert codes_of(exc) == {"event.ground_not_applicable"}


@pytest.mark.parametrize(("event_type", "ground", "readmittable"), [
    (EventType.STRUCK_OFF, RemovalGround.UNPAID_DUES, True),
    (EventType.STRUCK_OFF, RemovalGround.ABSENT, False),  # abandoned party activity on their own
    (EventType.LEFT, RemovalGround.HARDSHIP, True),
    (EventType.LEFT, RemovalGround.OWN_REQUEST, False),
    (EventType.EXPELLED, RemovalGround.CORRUPTION, False),
    (EventType.EXPELLED, RemovalGround.SERIOUS_CRIME, False),
    (EventType.EXPELLED, RemovalGround.DISUNITY, False),
    (EventType.EXPELLED, RemovalGround.OTHER_DISCIPLINE, True),
])
def test_readmission_barred_by_the_ground_of_leaving(cast, event_type, ground, readmittable):
    m = register(cast.officer_a, cast.tree.cell_a1)
    svc.record_event(by=cast.officer_a, member=m, event_type=event_type, effective_date=D(2015, 1, 1),
                     decision=svc.Decision(ground=ground))
    call = lambda: svc.record_event(by=cast.officer_a, member=m, event_type=EventType.READMITTED,  # noqa: E731
                                    effective_date=D(2020, 1, 1), organization=cast.tree.cell_a1, decision=READMISSION)
    if readmittable:
        call()
        assert Member.objects.get(pk=m.pk).status == Status.PROBATIONARY
    else:
        with pytest.raises(RuleViolation) as exc:
            call()
        assert codes_of(exc) == {"event.readmit_barred"}
        assert ground.label in str(exc.value) and "3.5.2" in str(exc.value)


def test_correcting_a_record_does_not_reopen_an_admission_age_exception(cast):
    """Admitted at 61 by the province's decision (A1 exception, through the admission pipeline):
    the workplace can still be corrected; changing the birth date re-checks the age."""
    m = svc.register_member(by=cast.officer_a, organization=cast.tree.cell_a1, admission_age_checked=True,
                            full_name="Ngô Văn Thọ", sex=Sex.MALE, date_of_birth=D(1960, 1, 1),
                            admission_decision_date=D(2021, 3, 1), ceremony_date=D(2021, 3, 15))
    svc.update_member(by=cast.officer_a, member=m, expected_version=m.version, workplace="Hợp tác xã Đông")
    m.refresh_from_db()
    assert m.workplace == "Hợp tác xã Đông"
    with pytest.raises(RuleViolation) as exc:
        svc.update_member(by=cast.officer_a, member=m, expected_version=m.version, date_of_birth=D(1959, 1, 1))
    assert "member.admission_age" in codes_of(exc)


def test_late_recognition_goes_into_the_history_at_the_end_of_probation(cast):
    """P4: recognized at ceremony + 12 months even when decided after a later event (here an
    internal transfer); the state intervals follow."""
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1, date_of_birth=D(1990, 5, 5), admission_decision_date=D(2024, 1, 2),
                 ceremony_date=D(2024, 1, 10), recognition_date=None)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2025, 3, 1),
                     organization=t.cell_a2)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.RECOGNIZED, effective_date=D(2025, 1, 10))
    m.refresh_from_db()
    assert m.status == Status.FULL and m.organization == t.cell_a2
    assert [(r[0], r[2], r[3]) for r in state_rows(m)] == [
        (D(2024, 1, 10), Status.PROBATIONARY, t.cell_a1.pk),
        (D(2025, 1, 10), Status.FULL, t.cell_a1.pk),
        (D(2025, 3, 1), Status.FULL, t.cell_a2.pk),
    ]


def test_late_recognition_cannot_be_put_before_probation_ends_or_after_leaving(cast):
    t = cast.tree
    m = register(cast.officer_a, t.cell_a1, date_of_birth=D(1990, 5, 5), admission_decision_date=D(2024, 1, 2),
                 ceremony_date=D(2024, 1, 10), recognition_date=None)
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.TRANSFERRED_INTERNAL, effective_date=D(2025, 3, 1),
                     organization=t.cell_a2)
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.RECOGNIZED, effective_date=D(2025, 1, 9))
    assert codes_of(exc) == {"event.recognize_early"}
    svc.record_event(by=cast.officer_a, member=m, event_type=EventType.STRUCK_OFF, effective_date=D(2025, 4, 1),
                     decision=svc.Decision(ground=RemovalGround.PROBATION_FAILED))
    with pytest.raises(RuleViolation) as exc:
        svc.record_event(by=cast.officer_a, member=m, event_type=EventType.RECOGNIZED, effective_date=D(2025, 1, 10))
    assert codes_of(exc) == {"event.recognize_after_end"}
    assert Member.objects.get(pk=m.pk).status == Status.STRUCK_OFF
