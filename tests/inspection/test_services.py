"""Services of inspection and supervision against the database: opening by K13/K14 with the register's facts, the
timeline to the conclusion and its notification, remedies, denunciations (K15) and the coverage of K18."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.figures import Window
from dangvu.discipline.services import ViolationInput
from dangvu.inspection import selectors, services
from dangvu.inspection.models import Case
from dangvu.organizations import committees
from dangvu.statistics import engine
from tests.inspection.conftest import open_thematic

D = dt.date


def _codes(exc):
    return {v.code for v in exc.value.violations}


def test_a_thematic_supervision_from_decision_to_conclusion_and_notification(world):
    case = open_thematic(world)
    assert case.subject_organization == world.t.cell_a1 and case.steps.count() == 1
    services.record_session(by=world.inspector, case=case, held_on=D(2026, 3, 20), participants="Đoàn và đ/c Bình",
                            content="Nghe đ/c Bình báo cáo")
    services.add_remedy(by=world.inspector, case=case, description="Bổ sung bản cam kết nêu gương", due_on=D(2026, 6, 30))
    case.refresh_from_db()
    case = services.conclude_case(by=world.inspector, case=case, concluded_on=D(2026, 4, 30), findings="Đã xác minh",
                                  conclusion="Thực hiện tốt quy định nêu gương", result="good", expected_version=case.version)
    with pytest.raises(RuleViolation) as exc:
        services.record_session(by=world.inspector, case=case, held_on=D(2026, 5, 2), participants="x", content="y")
    assert _codes(exc) == {"case.concluded"}
    assert Case.objects.visible_to(world.cast.member_a1).count() == 0  # An is not the subject
    case = services.notify_subject(by=world.inspector, case=case, notified_on=D(2026, 5, 5))
    assert case.notified_user is None  # Bình has no account
    actions = list(AuditEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True))
    assert {"inspection.open", "inspection.session", "inspection.remedy", "inspection.conclude", "inspection.notify"} <= set(actions)


def test_k14_a_cell_without_committee_and_few_members_may_not_supervise_thematically(world):
    args = dict(body=world.t.cell_a1, body_kind="cell", kind="thematic_supervision", subject_member=world.binh,
                topic="Thực hiện nhiệm vụ được giao", decision_number="1-QĐ/CB", decision_date=D(2026, 3, 2),
                due_on=D(2026, 4, 2), team="Đ/c Bí thư")
    with pytest.raises(RuleViolation) as exc:
        services.open_case(by=world.cast.secretary_a1, **args)
    assert _codes(exc) == {"case.cell_thematic"}
    assert "có 3 đảng viên" in exc.value.violations[0].text()
    # A chi ủy in term makes the same cell a thematic supervisor.
    committees.create_term(by=SYSTEM, organization=world.t.cell_a1, name="2025–2027", start_date=D(2025, 9, 1))
    assert services.open_case(by=world.cast.secretary_a1, **args).body == world.t.cell_a1


def test_k14_a_cell_does_not_supervise_a_member_of_a_higher_committee(world):
    with pytest.raises(RuleViolation) as exc:
        services.open_case(by=world.cast.secretary_a1, body=world.t.cell_a1, body_kind="cell", kind="regular_supervision",
                           subject_member=world.cuong, topic="Giám sát thường xuyên", decision_number="2-QĐ/CB",
                           decision_date=D(2026, 3, 2), due_on=D(2026, 12, 31), team="Chi bộ")
    assert _codes(exc) == {"case.cell_leader"}


def test_k13_a_cell_inspects_only_its_own_members_and_a_secretary_only_in_their_cell(world):
    with pytest.raises(RuleViolation) as exc:
        services.open_case(by=world.cast.secretary_a1, body=world.t.cell_a1, body_kind="cell", kind="signs_of_violation",
                           subject_member=world.binh, matter="other", topic="x", decision_number="3-QĐ/CB",
                           decision_date=D(2026, 3, 2), due_on=D(2026, 4, 2), team="Chi bộ")
    assert _codes(exc) == {"case.cell_matter"}
    with pytest.raises(RuleViolation) as exc:
        services.open_case(by=world.cast.secretary_a1, body=world.t.cell_a1, body_kind="cell", kind="signs_of_violation",
                           subject_member=world.hai, matter="duties", topic="x", decision_number="3-QĐ/CB",
                           decision_date=D(2026, 3, 2), due_on=D(2026, 4, 2), team="Chi bộ")
    assert _codes(exc) == {"case.subject_outside"}
    with pytest.raises(PermissionDeniedInScope):
        open_thematic(world, by=world.cast.secretary_a1)
    with pytest.raises(PermissionDeniedInScope):
        open_thematic(world, by=world.cast.officer_a)  # organization officers do not conduct inspections


def test_coverage_against_a_hand_computation(world):
    """Cell A1 has An, Bình, Cường; A2 has Hải: 4 members in district A. Bình is supervised twice (counted once),
    Hải inspected once, An only under regular supervision (not counted): 2/4 = 50,00%; cell A1 alone 1/3."""
    open_thematic(world)
    open_thematic(world, date=D(2026, 9, 1))
    services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission", kind="signs_of_violation",
                       subject_member=world.hai, topic="Dấu hiệu vi phạm", decision_number="20-QĐ/UBKTHU",
                       decision_date=D(2026, 5, 4), due_on=D(2026, 6, 30), team="Đoàn kiểm tra")
    services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission", kind="regular_supervision",
                       subject_member=world.an, topic="Thường xuyên", decision_number="21-QĐ/UBKTHU",
                       decision_date=D(2026, 5, 4), due_on=D(2026, 12, 31), team="Tổ giám sát")
    services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission", kind="thematic_supervision",
                       subject_member=world.an, topic="Năm trước", decision_number="9-QĐ/UBKTHU",
                       decision_date=D(2025, 5, 4), due_on=D(2025, 6, 30), team="Tổ giám sát")
    c = selectors.coverage(world.t.district_a, 2026)
    assert (c.covered, c.total, c.text, c.shortfall) == (2, 4, "50,00%", 0)
    c1 = selectors.coverage(world.t.cell_a1, 2026)
    assert (c1.covered, c1.total, c1.text) == (1, 3, "33,33%")
    values = {v.code: v for v in engine.compute(Window.year(world.t.district_a, 2026), [
        "inspection.members_covered", "inspection.cases", "inspection.supervisions", "inspection.inspections",
        "inspection.cases.by_kind.thematic_supervision", "members.total"])}
    assert values["inspection.members_covered"].value == 2 and values["inspection.members_covered"].denominator == 4
    assert (values["inspection.cases"].value, values["inspection.supervisions"].value,
            values["inspection.inspections"].value, values["inspection.cases.by_kind.thematic_supervision"].value) == (4, 3, 1, 2)


def test_k15_denunciations_and_the_protected_denouncer(world):
    signed = services.receive_denunciation(by=world.inspector, body=world.t.district_a, received_on=D(2026, 2, 1),
                                           subject_member=world.binh, content="Vi phạm quy định nêu gương",
                                           denouncer_name="Ngô Văn Tố", denouncer_contact="Thôn Đông", signed=True,
                                           specific=True, with_evidence=True)
    anonymous = services.receive_denunciation(by=world.inspector, body=world.t.district_a, received_on=D(2026, 2, 3),
                                              subject_member=world.binh, content="Đơn không ký tên", specific=True)
    assert (signed.status, anonymous.status) == ("to_handle", "not_handled")
    assert not services.may_reveal_denouncer(world.cast.secretary_a1, signed)
    with pytest.raises(PermissionDeniedInScope):
        services.reveal_denouncer(by=world.cast.secretary_a1, denunciation=signed)
    assert services.reveal_denouncer(by=world.inspector, denunciation=signed) == ("Ngô Văn Tố", "Thôn Đông")
    reads = AuditEntry.objects.filter(action="inspection.denouncer_read", object_id=str(signed.pk))
    assert reads.count() == 1 and reads.get().actor_id == world.inspector.pk
    assert "Ngô Văn Tố" not in str(list(AuditEntry.objects.values_list("changes", "note")))
    # The anonymous one is not handled but, being specific, prompts an inspection.
    case = services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission",
                              kind="signs_of_violation", subject_member=world.binh, topic="Từ đơn nặc danh",
                              decision_number="30-QĐ/UBKTHU", decision_date=D(2026, 2, 20), due_on=D(2026, 4, 20),
                              team="Đoàn kiểm tra", denunciation=anonymous)
    anonymous.refresh_from_db()
    assert anonymous.case == case and anonymous.status == "not_handled"
    with pytest.raises(RuleViolation) as exc:
        services.settle_denunciation(by=world.inspector, denunciation=anonymous, outcome="x")
    assert _codes(exc) == {"denunciation.not_to_handle"}
    assert services.settle_denunciation(by=world.inspector, denunciation=signed, outcome="Đã xác minh").status == "settled"


def test_a_conclusion_for_discipline_opens_the_proceeding_through_the_discipline_services(world):
    case = services.open_case(by=world.inspector, body=world.t.district_a, body_kind="commission",
                              kind="signs_of_violation", subject_member=world.binh, topic="Dấu hiệu vi phạm",
                              decision_number="40-QĐ/UBKTHU", decision_date=D(2026, 9, 1), due_on=D(2026, 10, 30),
                              team="Đoàn kiểm tra")
    violation = [ViolationInput("ordinary", D(2026, 8, 1), "Vi phạm những điều đảng viên không được làm")]
    services.conclude_case(by=world.inspector, case=case, concluded_on=D(2026, 10, 20), result="violation",
                           conclusion="Có vi phạm, chưa đến mức kỷ luật")
    with pytest.raises(RuleViolation) as exc:
        services.propose_discipline(by=world.inspector, case=case, opened_on=D(2026, 10, 25), summary="x",
                                    proposed_form="warning", violations=violation)
    assert _codes(exc) == {"case.not_discipline"}
    Case.objects.filter(pk=case.pk).update(result="discipline")
    proceeding = services.propose_discipline(by=world.inspector, case=case, opened_on=D(2026, 10, 25),
                                             summary="Vi phạm", proposed_form="warning", violations=violation)
    case.refresh_from_db()
    assert case.proceeding == proceeding and proceeding.member == world.binh
    assert "40-QĐ/UBKTHU" in proceeding.case_reference
    with pytest.raises(RuleViolation) as exc:
        services.propose_discipline(by=world.inspector, case=case, opened_on=D(2026, 10, 25), summary="x",
                                    proposed_form="warning", violations=violation)
    assert _codes(exc) == {"case.proceeding_exists"}
