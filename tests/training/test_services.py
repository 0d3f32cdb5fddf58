"""Training services: the certificate that fills the admission step (A3 at its boundary, refused at the vote
once expired), the theory level history (TR2), enrolment rules and scope."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import rules as admission_rules
from dangvu.admissions import services as admission_services
from dangvu.admissions.kinds import Stage, Step
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.members.models import TheoryLevelRecord
from dangvu.references.models import ReferenceItem
from dangvu.rules.parameters import params_on
from dangvu.training import services
from dangvu.training.models import Enrolment
from tests.admissions import advance, candidate, step_data
from tests.members import register
from tests.training.conftest import open_class

D = dt.date
pytestmark = pytest.mark.django_db


def certify(training_class, people, on, *, by=SYSTEM, number="{i}/GCN-TTCT"):
    field = "candidates" if training_class.kind == "awareness" else "members"
    rows = services.enrol(by=by, training_class=training_class, **{field: people})
    return services.record_results(by=by, training_class=training_class, certificate_date=on,
                                   rows=[(e, "passed", number.format(i=i)) for i, e in enumerate(rows, 1)])


def test_the_certificate_is_valid_to_the_day_60_months_later():
    p = params_on(D(2021, 12, 3))
    assert p["admission.awareness_certificate_months"] == 60
    assert admission_rules.certificate_expires(D(2021, 12, 3), p) == D(2026, 12, 3)
    assert admission_rules.check_certificate(D(2021, 12, 3), D(2026, 12, 3), p) == []
    late = admission_rules.check_certificate(D(2021, 12, 3), D(2026, 12, 4), p)
    assert [v.code for v in late] == ["admission.certificate_expired"]
    assert "60 tháng" in late[0].message and "Hướng dẫn 06-HD/TW" in late[0].text()


def test_a_class_certificate_fills_the_admission_step(cast):
    t = cast.tree
    c = candidate(t.cell_a1)
    klass = open_class(t.district_a, by=cast.officer_a)
    certify(klass, [c], D(2021, 11, 26), by=cast.officer_a)
    c.refresh_from_db()
    assert (c.awareness_certificate_date, c.awareness_certificate_number) == (D(2021, 11, 26), "1/GCN-TTCT")
    assert c.awareness_certificate_issuer == "Trung tâm Chính trị huyện A"
    assert c.awareness_class.startswith("Lớp awareness 2021 (Trung tâm Chính trị huyện A, 22/11/2021–26/11/2021")
    assert c.stage == Stage.CERTIFIED
    assert AuditEntry.objects.filter(action="admissions.certificate", object_id=str(c.pk)).exists()
    # A certificate is final: it has fed the record.
    e = Enrolment.objects.get(candidate=c)
    with pytest.raises(RuleViolation) as exc:
        services.record_result(by=cast.officer_a, enrolment=e, result="failed")
    assert exc.value.violations[0].code == "training.certificate_final"


@pytest.mark.parametrize(("certificate", "refused"), [(D(2021, 12, 3), False), (D(2021, 12, 2), True)])
def test_an_expired_class_certificate_is_refused_at_the_cell_vote(cast, cell_members, certificate, refused):
    t = cast.tree
    c = candidate(t.cell_a1)
    certify(open_class(t.district_a, start=D(2021, 11, 29), end=certificate), [c], certificate)
    c = advance(c, Step.INTRODUCERS, introducers=cell_members[:2])
    vote = step_data(Step.CELL_VOTE, cell_meeting_date=D(2026, 12, 3))
    if not refused:
        assert admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data=vote).stage == Stage.CELL_APPROVED
        return
    with pytest.raises(RuleViolation) as exc:
        admission_services.record_step(by=SYSTEM, candidate=c, step=Step.CELL_VOTE, data=vote)
    v = next(v for v in exc.value.violations if v.code == "admission.certificate_expired")
    assert "02/12/2026" in v.message and "học lại" in v.message and "Hướng dẫn 06-HD/TW" in v.text()


def test_a_retaken_class_renews_the_certificate_before_the_vote(cast):
    t = cast.tree
    c = candidate(t.cell_a1)
    certify(open_class(t.district_a), [c], D(2021, 11, 26))
    certify(open_class(t.district_a, start=D(2026, 11, 2), end=D(2026, 11, 6), name="Lớp học lại"), [c], D(2026, 11, 6))
    c.refresh_from_db()
    assert c.awareness_certificate_date == D(2026, 11, 6) and "Lớp học lại" in c.awareness_class


def test_a_theory_certificate_adds_to_the_dated_history_and_never_lowers_the_level(cast):
    t = cast.tree
    m = register("Đỗ Văn Hải", t.cell_a1)
    intermediate = ReferenceItem.objects.get(list_code="theory_level", code="intermediate")
    certify(open_class(t.district_a, "theory_intermediate", start=D(2024, 3, 1), end=D(2025, 5, 30),
                       organizer_name="Trường Chính trị tỉnh"), [m], D(2025, 6, 10), by=cast.officer_a)
    certify(open_class(t.district_a, "theory_elementary", start=D(2026, 3, 2), end=D(2026, 3, 20)), [m], D(2026, 3, 20))
    m.refresh_from_db()
    assert m.theory_level == intermediate
    history = list(TheoryLevelRecord.objects.filter(member=m).order_by("obtained_on").values_list("level__code", "obtained_on",
                                                                                                   "issuer"))
    assert history == [("intermediate", D(2025, 6, 10), "Trường Chính trị tỉnh"),
                       ("elementary", D(2026, 3, 20), "Trung tâm Chính trị huyện A")]
    entry = AuditEntry.objects.filter(action="members.theory_level", object_id=str(m.pk)).order_by("id").first()
    assert entry.actor_id == cast.officer_a.pk and "Trung cấp: 10/06/2025" in entry.note


def test_learners_by_kind_and_scope(cast):
    t = cast.tree
    c = candidate(t.cell_a1)
    m = register("Đỗ Văn Hải", t.cell_a1)
    new_members = open_class(t.district_a, "new_member")
    with pytest.raises(RuleViolation) as exc:
        services.enrol(by=SYSTEM, training_class=new_members, candidates=[c])
    assert exc.value.violations[0].code == "training.learner_candidate"
    with pytest.raises(RuleViolation) as exc:
        services.enrol(by=SYSTEM, training_class=open_class(t.district_a), members=[m])
    assert exc.value.violations[0].code == "training.learner_member"
    services.enrol(by=SYSTEM, training_class=new_members, members=[m])
    with pytest.raises(RuleViolation) as exc:
        services.enrol(by=SYSTEM, training_class=new_members, members=[m])
    assert exc.value.violations[0].code == "training.enrolled"
    outside = register("Vũ Thị Mai", t.cell_b1, sex="female")
    with pytest.raises(RuleViolation) as exc:
        services.enrol(by=SYSTEM, training_class=new_members, members=[outside])
    assert exc.value.violations[0].code == "training.member_outside"
    with pytest.raises(PermissionDeniedInScope):
        open_class(t.district_a, by=cast.officer_b)
    with pytest.raises(PermissionDeniedInScope):
        open_class(t.district_a, by=cast.secretary_a1)


def test_a_class_needs_its_dates_in_order(cast):
    with pytest.raises(RuleViolation) as exc:
        open_class(cast.tree.district_a, start=D(2026, 5, 2), end=D(2026, 5, 1))
    assert [v.field for v in exc.value.violations] == ["end_date"]


def test_a_certificate_only_for_a_passed_learner_on_or_after_the_opening(cast):
    t = cast.tree
    klass = open_class(t.district_a, "new_member", start=D(2026, 6, 1), end=D(2026, 6, 5))
    (e,) = services.enrol(by=SYSTEM, training_class=klass, members=[register("Đỗ Văn Hải", t.cell_a1)])
    with pytest.raises(RuleViolation) as exc:
        services.record_result(by=SYSTEM, enrolment=e, result="passed", certificate_date=D(2026, 5, 30))
    assert [v.code for v in exc.value.violations] == ["training.certificate_before_class"]
    with pytest.raises(RuleViolation) as exc:
        services.record_result(by=SYSTEM, enrolment=e, result="failed", certificate_date=D(2026, 6, 5))
    assert [v.code for v in exc.value.violations] == ["training.certificate_not_passed"]


def test_a_past_class_takes_the_members_of_its_subtree_as_they_stood_during_the_class(cast):
    """An old class is recorded (by hand or from a file) with the members who were in its district then: one who
    has moved to another district since is enrolled and gets the certificate on her record; one who arrived
    after the class is refused; the enrolment keeps the cell of the class's days."""
    t = cast.tree
    moved = register("Vũ Thị Lan", t.cell_a1, sex="female")
    member_services.record_event(by=SYSTEM, member=moved, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=D(2022, 5, 1), organization=t.cell_b1)
    late = register("Đỗ Văn Sơn", t.cell_b1)
    member_services.record_event(by=SYSTEM, member=late, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=D(2021, 12, 1), organization=t.cell_a1)
    klass = open_class(t.district_a, "theory_elementary", start=D(2021, 3, 1), end=D(2021, 3, 20), by=cast.officer_a)
    with pytest.raises(RuleViolation) as exc:
        services.enrol(by=cast.officer_a, training_class=klass, members=[moved, late])
    assert [v.code for v in exc.value.violations] == ["training.member_outside"]
    assert exc.value.violations[0].message == ("Đỗ Văn Sơn: không là đảng viên sinh hoạt trong “Đảng bộ huyện An Lạc” "
                                               "trong thời gian lớp học (01/03/2021–20/03/2021).")
    certify(klass, [moved], D(2021, 3, 20), by=cast.officer_a)
    enrolment = Enrolment.objects.get(member=moved)
    assert enrolment.organization == t.cell_a1  # where she was during the class, not her cell of today (B1)
    moved.refresh_from_db()
    assert moved.organization == t.cell_b1 and moved.theory_level.code == "elementary"
    assert TheoryLevelRecord.objects.get(member=moved).obtained_on == D(2021, 3, 20)
    entry = AuditEntry.objects.filter(action="members.theory_level", object_id=str(moved.pk)).get()
    assert entry.actor == cast.officer_a
