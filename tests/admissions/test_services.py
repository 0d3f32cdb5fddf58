"""The admission pipeline and probation through the services: rules on both sides of each
boundary, order, permissions, audit, and nothing half-done when a step is refused."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services
from dangvu.admissions.kinds import Stage, Step, VoteProposal, WithdrawalKind
from dangvu.admissions.models import Candidate, ProbationVote
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.members.kinds import EventType, Status
from dangvu.members.models import Member
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from tests.admissions import TIMELINE, advance, candidate, full_members, step_data
from tests.members import cccd, register

pytestmark = pytest.mark.django_db
D = dt.date

PAST_YOUTH = D(1990, 6, 15)  # 35 on the introduction date (9/3/2026): past youth age, two full members introduce (A9)


def codes(exc) -> set[str]:
    return {v.code for v in exc.value.violations}


def record(c, step, by=SYSTEM, introducers=(), **overrides):
    return services.record_step(by=by, candidate=c, step=step, data=step_data(step, TIMELINE, introducers, **overrides))


# ---------------------------------------------------------------- the whole pipeline

def test_officer_takes_a_candidate_to_probationary_member(cast, cell_members):
    officer = cast.officer_a
    # Past youth age (A9): two full members introduce.
    c = candidate(cast.tree.cell_a1, home_town="xã An Lạc", workplace="UBND xã An Lạc", by=cast.secretary_a1, born=PAST_YOUTH)
    assert c.stage == Stage.PROPOSED and c.next_step == Step.CERTIFICATE
    expected = [Stage.CERTIFIED, Stage.APPLIED, Stage.STATEMENT, Stage.VERIFIED, Stage.INTRODUCED, Stage.CELL_APPROVED,
                Stage.COMMITTEE_APPROVED, Stage.DECIDED, Stage.ADMITTED]
    for step, stage in zip(list(Step), expected, strict=True):
        c = record(c, step, by=officer, introducers=cell_members[:2])
        assert c.stage == stage == c.current_stage
    member = c.member
    assert member is not None and member.status == Status.PROBATIONARY and member.organization == cast.tree.cell_a1
    assert member.admission_decision_date == TIMELINE.decision and member.ceremony_date == TIMELINE.ceremony
    assert member.admitted_in == "Chi bộ thôn Đông" and member.workplace == "UBND xã An Lạc"
    assert (member.introducer_1, member.introducer_2) == ("Lê Văn Hùng", "Phạm Thị Lan")
    assert member.citizen_id == c.citizen_id and member.home_town == "xã An Lạc"
    assert list(member.events.values_list("event_type", "effective_date")) == [(EventType.ADMITTED, TIMELINE.ceremony)]
    # Before QĐ 208 (15/4/2026) the standing committee of the direct superior of the grassroots organization decides.
    assert c.deciding_body == "Ban Thường vụ Huyện ủy An Lạc"
    # One audit entry per step, in the actor's name.
    actions = list(AuditEntry.objects.filter(object_type="admissions.candidate", object_id=str(c.pk)).order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["admissions.create"] + [f"admissions.{s}" for s in Step]
    assert AuditEntry.objects.filter(action="admissions.ceremony", actor=officer).count() == 1
    labels = {e.action: e.action_label for e in AuditEntry.objects.filter(object_type="admissions.candidate")}
    assert labels["admissions.decision"] == "Ghi quyết định kết nạp" and labels["admissions.ceremony"] == "Ghi lễ kết nạp"


def test_steps_cannot_be_skipped_repeated_or_dated_before_the_previous_one(cast, cell_members):
    c = candidate(cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.APPLICATION)
    assert codes(exc) == {"admission.step_order"}
    c = record(c, Step.CERTIFICATE)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.CERTIFICATE)
    assert codes(exc) == {"admission.step_recorded"}
    with pytest.raises(RuleViolation) as exc:  # A4 and order: not before the certificate
        record(c, Step.APPLICATION, application_date=D(2026, 1, 4))
    assert codes(exc) == {"admission.date_order"}
    c = record(c, Step.APPLICATION)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.BACKGROUND, background_statement_date=D(2026, 1, 11))
    assert codes(exc) == {"admission.statement_before_application"}
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.CEREMONY)
    assert codes(exc) == {"admission.step_order"}
    c.refresh_from_db()
    assert c.stage == Stage.APPLIED and c.version == 3


def test_stale_version_is_refused(cast):
    c = candidate(cast.tree.cell_a1)
    record(c, Step.CERTIFICATE)
    with pytest.raises(ConcurrentEditError):
        services.record_step(by=SYSTEM, candidate=c, step=Step.APPLICATION, data=step_data(Step.APPLICATION), expected_version=1)


# ---------------------------------------------------------------- who may record what

def test_cell_secretary_records_the_cells_steps_for_their_own_cell_only(cast, cell_members):
    sec = cast.secretary_a1
    c = candidate(cast.tree.cell_a1, by=sec)
    c = advance(c, Step.CELL_VOTE, by=sec, introducers=cell_members[:2])
    assert c.stage == Stage.CELL_APPROVED
    for step in (Step.COMMITTEE_VOTE,):
        with pytest.raises(PermissionDeniedInScope):
            record(c, step, by=sec)
    with pytest.raises(PermissionDeniedInScope):
        candidate(cast.tree.cell_a2, "Lê Thị Mai", sex="female", by=sec)
    other = candidate(cast.tree.cell_a2, "Lê Thị Mai", sex="female")
    for user in (sec, cast.viewer_a, cast.officer_b, cast.member_a1):
        with pytest.raises(PermissionDeniedInScope):
            record(other, Step.CERTIFICATE, by=user)
    record(other, Step.CERTIFICATE, by=cast.officer_a)


def test_create_checks_the_cell_and_the_citizen_id(cast, cell_members):
    with pytest.raises(RuleViolation) as exc:
        candidate(cast.tree.grassroots_a)
    assert codes(exc) == {"member.org_kind"}
    with pytest.raises(RuleViolation) as exc:
        candidate(cast.tree.cell_a1, citizen_id=cell_members[0].citizen_id, born=D(1980, 5, 1))
    assert codes(exc) == {"candidate.citizen_id_member"}
    first = candidate(cast.tree.cell_a1)
    with pytest.raises(RuleViolation) as exc:
        candidate(cast.tree.cell_a2, citizen_id=first.citizen_id)
    assert codes(exc) == {"candidate.citizen_id_taken"}
    with pytest.raises(RuleViolation) as exc:  # the 4th digit (1) says a woman born in the 1900s
        candidate(cast.tree.cell_a1, citizen_id="038198000001", born=D(1998, 6, 15))
    assert codes(exc) == {"member.cccd_sex"}


# ---------------------------------------------------------------- the cell's vote: A1, A3, A10

def _introduced(cast, cell_members, born, **kw):
    c = candidate(cast.tree.cell_a1, born=born, **kw)
    return advance(c, Step.INTRODUCERS, introducers=cell_members[:2])


@pytest.mark.parametrize(("born", "ok"), [(D(2008, 3, 20), True), (D(2008, 3, 21), False), (D(1966, 3, 20), True),
                                          (D(1966, 2, 20), False)])
def test_age_on_the_cell_meeting_date(cast, cell_members, born, ok):
    c = _introduced(cast, cell_members, born)
    if ok:
        assert record(c, Step.CELL_VOTE).stage == Stage.CELL_APPROVED  # meeting 20/3/2026
    else:
        with pytest.raises(RuleViolation) as exc:
            record(c, Step.CELL_VOTE)
        assert codes(exc) & {"admission.too_young", "admission.too_old"}
        c.refresh_from_db()
        assert c.stage == Stage.INTRODUCED and c.cell_meeting_date is None


def test_over_sixty_is_admitted_with_the_provincial_decision(cast, cell_members):
    c = _introduced(cast, cell_members, D(1964, 1, 10))
    c = record(c, Step.CELL_VOTE, age_exception_decision="15-QĐ/TU", age_exception_reason="Có nhiều đóng góp cho địa phương")
    c = advance(c, Step.CEREMONY)
    assert c.member.status == Status.PROBATIONARY and c.age_exception_decision == "15-QĐ/TU"


@pytest.mark.parametrize(("yes", "base", "ok"), [(6, 9, True), (5, 9, False), (2, 3, True), (1, 3, False)])
def test_two_thirds_of_full_members(cast, cell_members, yes, base, ok):
    if base > len(cell_members):  # the base is the register's (O14): the cell has `base` full members
        full_members(cast.tree.cell_a1, names=("Đỗ Văn An", "Đỗ Văn Bảo", "Đỗ Văn Cần", "Đỗ Văn Dũng", "Đỗ Văn Giang",
                                               "Đỗ Văn Hải")[:base - len(cell_members)])
    c = _introduced(cast, cell_members, D(1998, 6, 15))
    if ok:
        assert record(c, Step.CELL_VOTE, full_members=base, votes_for=yes).cell_votes_for == yes
    else:
        with pytest.raises(RuleViolation) as exc:
            record(c, Step.CELL_VOTE, full_members=base, votes_for=yes)
        assert codes(exc) == {"admission.vote_two_thirds"}


def test_certificate_valid_sixty_months_at_the_cell_meeting(cast, cell_members):
    early = TIMELINE.__class__(**{**vars(TIMELINE), "certificate": D(2021, 3, 20)})
    c = candidate(cast.tree.cell_a1)
    c = advance(c, Step.INTRODUCERS, introducers=cell_members[:2], t=early)
    assert record(c, Step.CELL_VOTE, cell_meeting_date=D(2026, 3, 20)).stage == Stage.CELL_APPROVED
    c2 = candidate(cast.tree.cell_a1, "Trần Văn Lực")
    c2 = advance(c2, Step.INTRODUCERS, introducers=cell_members[:2], t=early)
    with pytest.raises(RuleViolation) as exc:
        record(c2, Step.CELL_VOTE, cell_meeting_date=D(2026, 3, 21))
    assert codes(exc) == {"admission.certificate_expired"}


def test_committee_vote_two_thirds(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.CELL_VOTE, introducers=cell_members[:2])
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.COMMITTEE_VOTE, committee_members=9, votes_for=5)
    assert codes(exc) == {"admission.vote_two_thirds"}
    assert record(c, Step.COMMITTEE_VOTE, committee_members=9, votes_for=6).stage == Stage.COMMITTEE_APPROVED


# ---------------------------------------------------------------- introducers: A8, A9

def test_introducers_twelve_months_together(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1, born=PAST_YOUTH), Step.VERIFICATION)
    intro = TIMELINE.introducers  # 9/3/2026
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.INTRODUCERS, introducers=cell_members[:2], introducer_1_since=D(2025, 3, 10))
    assert codes(exc) == {"admission.introducer_together"}
    c = record(c, Step.INTRODUCERS, introducers=cell_members[:2], introducer_1_since=D(2025, 3, 9))
    assert c.introduction_date == intro and c.introducer_1 == cell_members[0]


def test_introducers_must_be_full_members_of_the_same_grassroots_organization(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1, born=PAST_YOUTH), Step.VERIFICATION)
    elsewhere = register("Hoàng Văn Bắc", cast.tree.cell_b1)
    probationary = register("Vũ Văn Dự", cast.tree.cell_a2, admitted=D(2025, 10, 1), full=False)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.INTRODUCERS, introducers=[elsewhere, probationary])
    assert codes(exc) == {"admission.introducer_other_grassroots", "admission.introducer_not_full"}
    # A full member of another cell of the same grassroots organization may introduce.
    neighbour = register("Đinh Văn Tây", cast.tree.cell_a2)
    assert record(c, Step.INTRODUCERS, introducers=[cell_members[0], neighbour]).stage == Stage.INTRODUCED


def test_youth_union_plus_one_full_member(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.VERIFICATION)
    data = {"introducing_organization": "youth_union", "introducing_organization_name": "Ban Chấp hành Đoàn xã An Lạc"}
    c = record(c, Step.INTRODUCERS, introducers=cell_members[:1], **data)
    c = advance(c, Step.CEREMONY)
    assert (c.member.introducer_1, c.member.introducer_2) == ("Ban Chấp hành Đoàn xã An Lạc", "Lê Văn Hùng")


# ---------------------------------------------------------------- the decision: A12, A13 across Tết

TET = TIMELINE.__class__(certificate=D(2025, 6, 2), application=D(2025, 6, 9), background=D(2025, 6, 16),
                         verification=D(2025, 11, 3), introducers=D(2025, 12, 10), cell_vote=D(2025, 12, 19),
                         committee_vote=D(2026, 1, 6), decision=D(2026, 3, 23), ceremony=D(2026, 4, 10))


def test_sixtieth_working_day_across_tet_2026(cast, cell_members):
    """Cell resolution Friday 19/12/2025: 1/1/2026 and Tết (16–20/2/2026) are not working days, so
    the 60th working day is Monday 23/3/2026 (13/3/2026 without the holiday calendar)."""
    assert services.decision_window(TET.cell_vote).due == D(2026, 3, 23)
    assert services.decision_window(TET.cell_vote).latest == D(2026, 5, 7)  # + 30, past 26–27/4 and 30/4–1/5
    on_time = advance(candidate(cast.tree.cell_a1), Step.DECISION, introducers=cell_members[:2], t=TET)
    assert on_time.decision_date == D(2026, 3, 23) and on_time.decision_extension_reason == ""
    late = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.COMMITTEE_VOTE, introducers=cell_members[:2], t=TET)
    with pytest.raises(RuleViolation) as exc:
        record(late, Step.DECISION, decision_date=D(2026, 3, 24))
    assert codes(exc) == {"admission.deadline_extension_reason"}
    assert exc.value.violations[0].field == "decision_extension_reason" and "23/03/2026" in exc.value.violations[0].message
    with pytest.raises(RuleViolation) as exc:
        record(late, Step.DECISION, decision_date=D(2026, 5, 8))
    assert codes(exc) == {"admission.deadline_passed"} and "07/05/2026" in exc.value.violations[0].message
    late = record(late, Step.DECISION, decision_date=D(2026, 5, 8),
                  decision_extension_reason="Chậm do chờ kết luận thẩm tra; đã báo cáo Ban Thường vụ")
    assert late.stage == Stage.DECIDED


def test_deciding_body_in_2020_and_after_qd_208(cast, cell_members, qd208_confirmed):
    members = cell_members
    t2020 = TIMELINE.__class__(certificate=D(2019, 9, 3), application=D(2019, 9, 10), background=D(2019, 9, 17),
                               verification=D(2020, 2, 3), introducers=D(2020, 3, 2), cell_vote=D(2020, 3, 13),
                               committee_vote=D(2020, 3, 27), decision=D(2020, 4, 17), ceremony=D(2020, 5, 8))
    c2020 = advance(candidate(cast.tree.cell_a1), Step.DECISION, introducers=members[:2], t=t2020)
    assert c2020.deciding_body == "Ban Thường vụ Huyện ủy An Lạc"
    t2026 = TIMELINE.__class__(certificate=D(2026, 2, 2), application=D(2026, 2, 9), background=D(2026, 3, 2),
                               verification=D(2026, 6, 1), introducers=D(2026, 6, 15), cell_vote=D(2026, 7, 10),
                               committee_vote=D(2026, 7, 24), decision=D(2026, 8, 10), ceremony=D(2026, 9, 1))
    c2026 = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.DECISION, introducers=members[:2], t=t2026)
    assert c2026.deciding_body == "Ban Thường vụ Đảng ủy xã An Lạc"
    # What the officer types wins over the default.
    c3 = advance(candidate(cast.tree.cell_a1, "Lê Văn Mạnh"), Step.DECISION, introducers=members[:2], t=t2026,
                 deciding_body="Đảng ủy xã An Lạc", decision_delegated=True)
    assert c3.deciding_body == "Đảng ủy xã An Lạc"


def test_ceremony_within_thirty_working_days_or_with_consent(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.DECISION, introducers=cell_members[:2])  # decision 15/4/2026
    due = services.ceremony_due(TIMELINE.decision)
    assert due == D(2026, 6, 1)  # 30 working days, past 27/4 (Giỗ Tổ on Sunday: compensatory) and 30/4–1/5
    other = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.DECISION, introducers=cell_members[:2])
    assert record(other, Step.CEREMONY, ceremony_date=D(2026, 6, 1)).member.ceremony_date == D(2026, 6, 1)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.CEREMONY, ceremony_date=D(2026, 6, 2))
    assert codes(exc) == {"admission.ceremony_late"}
    c = record(c, Step.CEREMONY, ceremony_date=D(2026, 6, 2), ceremony_delay_consent="Công văn 12-CV/HU ngày 25/5/2026")
    assert c.member.ceremony_date == D(2026, 6, 2)


def test_grassroots_cell_has_no_committee_vote(cast, cell_members):
    school = org_services.establish(by=SYSTEM, parent=cast.tree.district_a, code="99.001.009", name="Chi bộ Trường THPT An Lạc",
                                    kind=Kind.GRASSROOTS_CELL, effective_date=D(2010, 1, 1), unit_type=UnitType.PUBLIC_SERVICE)
    teachers = full_members(school, names=("Đỗ Văn Giáo", "Mai Thị Hạnh", "Lý Văn Sử"))
    c = advance(candidate(school), Step.CELL_VOTE, introducers=teachers[:2])
    assert c.next_step == Step.DECISION and not c.needs_committee_vote
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.COMMITTEE_VOTE)
    assert codes(exc) == {"admission.step_not_applicable"}
    c = advance(c, Step.CEREMONY)
    assert c.stage == Stage.ADMITTED and c.committee_meeting_date is None


# ---------------------------------------------------------------- nothing half-done

def test_ceremony_refused_by_the_register_leaves_the_candidate_unchanged(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.DECISION, introducers=cell_members[:2])
    # Someone entered a member with the same CCCD meanwhile: register_member refuses.
    register("Người Trùng Số", cast.tree.cell_a2, citizen_id=c.citizen_id, born=c.date_of_birth, admitted=D(2025, 1, 10))
    members, audits = Member.objects.count(), AuditEntry.objects.count()
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.CEREMONY, by=cast.officer_a)
    assert codes(exc) == {"member.citizen_id_taken"}
    fresh = Candidate.objects.get(pk=c.pk)
    assert (fresh.stage, fresh.ceremony_date, fresh.member_id, fresh.version) == (Stage.DECIDED, None, None, c.version)
    assert Member.objects.count() == members and AuditEntry.objects.count() == audits


def test_register_refusal_for_a_cell_outside_the_officers_rights_rolls_back(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.DECISION, introducers=cell_members[:2])
    with pytest.raises(PermissionDeniedInScope):
        record(c, Step.CEREMONY, by=cast.secretary_a1)
    assert Candidate.objects.get(pk=c.pk).stage == Stage.DECIDED


# ---------------------------------------------------------------- withdrawal

def test_withdrawal_needs_a_reason_and_closes_the_case(cast, cell_members):
    sec = cast.secretary_a1
    c = advance(candidate(cast.tree.cell_a1), Step.INTRODUCERS, introducers=cell_members[:2])
    with pytest.raises(RuleViolation) as exc:
        services.withdraw(by=sec, candidate=c, on=D(2026, 3, 20), kind=WithdrawalKind.REJECTED, reason=" ")
    assert codes(exc) == {"candidate.withdrawal_reason"}
    with pytest.raises(RuleViolation) as exc:
        services.withdraw(by=sec, candidate=c, on=D(2026, 3, 1), kind=WithdrawalKind.REJECTED, reason="x")
    assert codes(exc) == {"candidate.withdrawal_before_step"}
    c = services.withdraw(by=sec, candidate=c, on=D(2026, 3, 20), kind=WithdrawalKind.REJECTED,
                          reason="Chi bộ biểu quyết không đạt 2/3")
    assert c.stage == Stage.WITHDRAWN and c.next_step is None
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.CELL_VOTE)
    assert codes(exc) == {"admission.withdrawn"}
    assert AuditEntry.objects.filter(action="admissions.withdraw", actor=sec).count() == 1


def test_after_the_committee_only_officers_withdraw(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.COMMITTEE_VOTE, introducers=cell_members[:2])
    with pytest.raises(PermissionDeniedInScope):
        services.withdraw(by=cast.secretary_a1, candidate=c, on=D(2026, 4, 2), kind=WithdrawalKind.WITHDRAWN, reason="Chuyển đi")
    assert services.withdraw(by=cast.officer_a, candidate=c, on=D(2026, 4, 2), kind=WithdrawalKind.WITHDRAWN,
                             reason="Chuyển đi").stage == Stage.WITHDRAWN
    admitted = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.CEREMONY, introducers=cell_members[:2])
    with pytest.raises(RuleViolation) as exc:
        services.withdraw(by=cast.officer_a, candidate=admitted, on=D(2026, 6, 1), kind=WithdrawalKind.WITHDRAWN, reason="x")
    assert codes(exc) == {"candidate.admitted"}


def test_identity_corrections_are_audited_and_checked(cast, cell_members):
    c = advance(candidate(cast.tree.cell_a1), Step.CELL_VOTE, introducers=cell_members[:2])
    c = services.update_candidate(by=cast.secretary_a1, candidate=c, expected_version=c.version, workplace="Trường Mầm non")
    assert c.workplace == "Trường Mầm non" and AuditEntry.objects.filter(action="admissions.update", object_id=str(c.pk)).exists()
    with pytest.raises(RuleViolation) as exc:  # the corrected birth date makes the cell's vote too early
        services.update_candidate(by=cast.secretary_a1, candidate=c, expected_version=c.version, date_of_birth=D(2008, 5, 1),
                                  citizen_id=cccd("male", D(2008, 5, 1)))
    assert "admission.too_young" in codes(exc)


# ---------------------------------------------------------------- probation: P1–P8

@pytest.fixture
def probationer(cast, cell_members):
    """Admitted with the ceremony on 2/6/2025: 12 months end on 2/6/2026."""
    return register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)


def vote(member, on, yes=3, base=3, proposal=VoteProposal.RECOGNIZE, by=SYSTEM):
    return services.record_probation_vote(by=by, member=member, meeting_date=on, proposal=proposal, full_members=base,
                                          votes_for=yes)


def test_probation_dates(probationer):
    p = services.probation_of(probationer)
    assert (p.start, p.end) == (D(2025, 6, 2), D(2026, 6, 2))
    assert p.proposal_due == D(2026, 7, 14)  # 30 working days after 2/6/2026


def test_recognition_vote_after_the_twelve_months_only(probationer):
    with pytest.raises(RuleViolation) as exc:
        vote(probationer, D(2026, 6, 1))
    assert codes(exc) == {"probation.vote_before_end"}
    assert vote(probationer, D(2026, 6, 2)).passed


def test_recognition_effective_at_the_end_of_probation_even_when_late(cast, probationer, qd208_confirmed):
    vote(probationer, D(2026, 7, 14), yes=2, base=3)  # the last day of P1, exactly 2/3
    event = services.recognize(by=cast.officer_a, member=probationer, decision_number="45-QĐ/HU", decision_date=D(2026, 8, 25))
    probationer.refresh_from_db()
    assert event.event_type == EventType.RECOGNIZED and event.effective_date == D(2026, 6, 2)  # not 25/8/2026
    assert event.decision_date == D(2026, 8, 25) and probationer.status == Status.FULL
    assert probationer.recognition_date == D(2026, 6, 2)
    # 25/8/2026 is after QĐ 208 (confirmed by the fixture): the grassroots committee's standing committee decides.
    assert event.deciding_body == "Ban Thường vụ Đảng ủy xã An Lạc"


def test_recognition_decision_within_thirty_working_days_of_the_resolution(cast, probationer):
    vote(probationer, D(2026, 6, 5))
    with pytest.raises(RuleViolation) as exc:
        services.recognize(by=cast.officer_a, member=probationer, decision_number="45-QĐ/HU", decision_date=D(2026, 7, 20))
    assert codes(exc) == {"admission.deadline_extension_reason"}
    event = services.recognize(by=cast.officer_a, member=probationer, decision_number="45-QĐ/HU", decision_date=D(2026, 7, 20),
                               extension_reason="Chờ ý kiến nơi cư trú")
    assert event.effective_date == D(2026, 6, 2)


def test_no_recognition_without_the_cells_resolution(cast, probationer):
    with pytest.raises(RuleViolation) as exc:
        services.recognize(by=cast.officer_a, member=probationer, decision_number="45-QĐ/HU", decision_date=D(2026, 7, 1))
    assert codes(exc) == {"probation.no_resolution"}
    vote(probationer, D(2026, 6, 5), yes=1, base=3)  # below 2/3: recorded, not a resolution
    with pytest.raises(RuleViolation) as exc:
        services.recognize(by=cast.officer_a, member=probationer, decision_number="45-QĐ/HU", decision_date=D(2026, 7, 1))
    assert codes(exc) == {"probation.no_resolution"}


def test_three_votes_without_two_thirds_go_to_the_superior(cast, probationer):
    for day in (D(2026, 6, 5), D(2026, 6, 19), D(2026, 7, 3)):
        assert not vote(probationer, day, yes=1, base=3).passed
    p = services.probation_of(probationer)
    assert p.failed == 3 and p.flagged
    with pytest.raises(RuleViolation) as exc:
        vote(probationer, D(2026, 7, 10))
    assert codes(exc) == {"probation.max_votes"}
    # The competent committee decides without the cell's resolution.
    event = services.recognize(by=cast.officer_a, member=probationer, decision_number="50-QĐ/HU", decision_date=D(2026, 8, 3))
    assert event.effective_date == D(2026, 6, 2)


def test_small_cell_cannot_vote(cast):
    full_members(cast.tree.cell_a2, names=("Lê Văn Một", "Lê Văn Hai"))
    m = register("Vũ Văn Ba", cast.tree.cell_a2, admitted=D(2025, 6, 2), full=False)
    with pytest.raises(RuleViolation) as exc:
        vote(m, D(2026, 6, 5), yes=2, base=2)
    assert "probation.small_cell" in codes(exc)
    register("Lê Văn Bốn", cast.tree.cell_a2)
    assert vote(m, D(2026, 6, 5), yes=3, base=3).passed


def test_a_pending_resolution_blocks_another_vote(probationer):
    vote(probationer, D(2026, 6, 5))
    with pytest.raises(RuleViolation) as exc:
        vote(probationer, D(2026, 6, 12))
    assert codes(exc) == {"probation.vote_pending"}


def test_strike_off_a_probationary_member(cast, probationer):
    with pytest.raises(RuleViolation) as exc:
        services.strike_off(by=cast.officer_a, member=probationer, decision_number="60-QĐ/HU", decision_date=D(2026, 3, 10),
                            reason="Vi phạm tư cách")
    assert codes(exc) == {"probation.no_resolution"}
    # Striking off may be proposed during the probation.
    vote(probationer, D(2026, 3, 2), yes=3, base=3, proposal=VoteProposal.STRIKE_OFF)
    with pytest.raises(RuleViolation) as exc:
        services.recognize(by=cast.officer_a, member=probationer, decision_number="61-QĐ/HU", decision_date=D(2026, 6, 5))
    assert "probation.no_resolution" in codes(exc)
    event = services.strike_off(by=cast.officer_a, member=probationer, decision_number="60-QĐ/HU", decision_date=D(2026, 3, 10),
                                reason="Vi phạm tư cách đảng viên")
    probationer.refresh_from_db()
    assert event.event_type == EventType.STRUCK_OFF and event.ground == "probation_failed"
    assert probationer.status == Status.STRUCK_OFF


def test_probation_permissions(cast, probationer):
    with pytest.raises(PermissionDeniedInScope):
        vote(probationer, D(2026, 6, 5), by=cast.viewer_a)
    with pytest.raises(PermissionDeniedInScope):
        vote(probationer, D(2026, 6, 5), by=cast.officer_b)
    vote(probationer, D(2026, 6, 5), by=cast.secretary_a1)
    with pytest.raises(PermissionDeniedInScope):
        services.recognize(by=cast.secretary_a1, member=probationer, decision_number="1", decision_date=D(2026, 6, 10))
    assert ProbationVote.objects.count() == 1
    assert AuditEntry.objects.filter(action="admissions.probation_vote", actor=cast.secretary_a1).count() == 1


def test_a_full_member_has_no_probation_to_vote_on(cell_members):
    with pytest.raises(RuleViolation) as exc:
        vote(cell_members[0], D(2026, 6, 5))
    assert codes(exc) == {"probation.not_probationary"}


def test_a9_a_unit_with_a_youth_union_needs_its_executive(cast, cell_members):
    """27 on the introduction date, in a cell whose unit has a Youth Union organization (the default):
    two full members are refused, naming the field and the rule."""
    c = advance(candidate(cast.tree.cell_a1), Step.VERIFICATION)
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.INTRODUCERS, introducers=cell_members[:2])
    assert codes(exc) == {"admission.youth_union_introduces"}
    v = exc.value.violations[0]
    assert v.field == "introducing_organization" and "Ban Chấp hành Đoàn cơ sở" in v.message and "Điều 4" in str(exc.value)


def test_a9_a_unit_without_a_youth_union_two_full_members(cast, cell_members):
    """The officer records that the grassroots organization's unit has no Youth Union organization
    (audited); then two full members introduce the same applicant, and the Youth Union cannot."""
    grassroots = cast.tree.cell_a1.parent
    grassroots = org_services.correct(by=cast.officer_a, org=grassroots, expected_version=grassroots.version,
                                      has_youth_union=False)
    entry = AuditEntry.objects.filter(action="organizations.update", object_id=str(grassroots.pk)).latest("id")
    assert "has_youth_union" in str(entry.changes)
    c = advance(candidate(cast.tree.cell_a1), Step.VERIFICATION)
    data = {"introducing_organization": "youth_union", "introducing_organization_name": "Ban Chấp hành Đoàn xã An Lạc"}
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.INTRODUCERS, introducers=cell_members[:1], **data)
    assert codes(exc) == {"admission.youth_union_absent"}
    assert grassroots.name in exc.value.violations[0].message
    c = record(c, Step.INTRODUCERS, introducers=cell_members[:2])
    assert (c.introducer_1, c.introducer_2) == (cell_members[0], cell_members[1])


def test_a9_a_cell_without_a_youth_union(cast, cell_members):
    """The flag on the cell itself (a cell of an enterprise without a Youth Union) is enough."""
    cell = cast.tree.cell_a1
    org_services.correct(by=cast.officer_a, org=cell, expected_version=cell.version, has_youth_union=False)
    c = advance(candidate(cell), Step.VERIFICATION)
    assert record(c, Step.INTRODUCERS, introducers=cell_members[:2]).stage == Stage.INTRODUCED



def test_a_provinces_own_value_is_used_for_its_candidates(cast, cell_members):
    """A8 with the province's own value: 8 months together are refused under the national 12 months,
    and accepted once the province sets 6 months (a local rule, domain-rules A18)."""
    from dangvu.rules import services as rule_services

    c = advance(candidate(cast.tree.cell_a1, born=PAST_YOUTH), Step.VERIFICATION)
    eight_months = D(2025, 7, 9)  # before the introduction date 9/3/2026
    with pytest.raises(RuleViolation) as exc:
        record(c, Step.INTRODUCERS, introducers=cell_members[:2], introducer_1_since=eight_months)
    assert codes(exc) == {"admission.introducer_together"} and "cần ít nhất 12 tháng" in str(exc.value)
    rule_services.set_parameter(by=cast.admin, key="admission.introducer_together_months", value=6,
                                effective_from=D(2026, 1, 1), reason="Hướng dẫn 05-HD/BTCTU", province=cast.tree.province)
    c = record(c, Step.INTRODUCERS, introducers=cell_members[:2], introducer_1_since=eight_months)
    assert c.introducer_1_since == eight_months
