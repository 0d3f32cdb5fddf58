"""Commendations (khen thưởng): years excellent in a row computed from the results, refused while a penalty
is in force (K8) or when the year's result was cancelled (C11); cancelled with the result on a retroactive
re-grading, as events. And the excellent quota within a group of similar function (C7)."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.evaluations import rules, selectors, services
from dangvu.evaluations.kinds import EventKind, Step
from dangvu.evaluations.models import GradeEvent, MemberReview
from dangvu.evaluations.services import CellRow, DecisionRow
from tests.evaluations.conftest import open_year, review_of

D = dt.date
G = rules.Grade
L = rules.CommendationLevel
pytestmark = pytest.mark.django_db


def codes(exc):
    return [v.code for v in exc.value.violations]


def decide_year(cast, people, year, excellent=()):
    """District A's review of `year`: in cell A1 `excellent` (at most one) excellent, the rest good; decided."""
    campaign = open_year(cast, year)
    rows = [CellRow(review_of(campaign, m), None, G.EXCELLENT if m in excellent else G.GOOD,
                    Decimal(95) if m in excellent else Decimal(80)) for m in people.a1]
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=cast.tree.cell_a1, rows=rows, on=D(year, 12, 15))
    decision = [DecisionRow(r, r.version, r.proposed_grade) for r in campaign.member_reviews.filter(step=Step.PROPOSED)]
    services.decide_members(by=SYSTEM, campaign=campaign, organization=cast.tree.grassroots_a, rows=decision,
                            decision_number=f"{year - 2000}-QĐ/ĐU", decided_on=D(year + 1, 1, 10))
    return campaign


def commend(by, member, year, years=0, **kw):
    return services.commend(by=by, level=L.CERTIFICATE, year=year, member=member, consecutive_years=years,
                            decision_number=kw.pop("number", "12-QĐ/HU"), decided_on=kw.pop("on", D(year + 1, 2, 1)),
                            reason=kw.pop("reason", f"Hoàn thành xuất sắc nhiệm vụ {years} năm liền"), **kw)


def test_consecutive_excellent_is_computed_from_the_results(cast, people):
    for year in (2023, 2024, 2025):
        decide_year(cast, people, year, excellent=[people.cuong])
    row = commend(cast.officer_a, people.cuong, 2025, years=3)
    assert row.consecutive_years == 3 and row.member_review.campaign.year == 2025 and row.cell == cast.tree.cell_a1
    assert row.deciding_body == "Huyện ủy An Lạc"
    with pytest.raises(RuleViolation) as exc:
        commend(cast.officer_a, people.cuong, 2025, years=4)
    assert codes(exc) == ["evaluation.commendation_years"]
    assert "3 năm liền đến năm 2025" in exc.value.violations[0].message
    with pytest.raises(RuleViolation) as exc:  # a member graded good: no year excellent
        commend(cast.officer_a, people.a1[1], 2025, years=1)
    assert codes(exc) == ["evaluation.commendation_years"]
    commend(cast.officer_a, people.a1[1], 2025, reason="Có thành tích trong phong trào thi đua")
    with pytest.raises(PermissionDeniedInScope):
        commend(cast.officer_b, people.cuong, 2025, years=1)
    with pytest.raises(PermissionDeniedInScope):  # the cell's secretary does not decide commendations
        commend(cast.secretary_a1, people.cuong, 2025, years=1)


def test_no_result_and_missing_fields_are_refused(cast, people):
    with pytest.raises(RuleViolation) as exc:
        commend(cast.officer_a, people.cuong, 2025, number=" ", reason="")
    assert set(codes(exc)) == {"evaluation.commendation_no_result", "evaluation.decision_number",
                               "evaluation.commendation_reason"}


def test_refused_while_a_penalty_is_in_force(cast, people):
    campaign = decide_year(cast, people, 2025, excellent=[people.cuong])
    later = open_year(cast, 2026)
    services.record_disqualification(by=cast.officer_a, review=review_of(later, people.cuong),
                                     description="Kỷ luật khiển trách", occurred_on=D(2026, 1, 20))
    with pytest.raises(RuleViolation) as exc:
        commend(cast.officer_a, people.cuong, 2025, years=1, on=D(2026, 3, 1))
    assert codes(exc) == ["evaluation.commendation_penalty"]
    assert "K8" in exc.value.violations[0].source
    # 12 months after the penalty (K7, parameter) it no longer stands in the way.
    assert commend(cast.officer_a, people.cuong, 2025, years=1, on=D(2027, 1, 20)).pk
    assert campaign.pk


def test_retroactive_regrading_cancels_related_commendations_as_events(cast, people):
    decide_year(cast, people, 2024, excellent=[people.cuong])
    decide_year(cast, people, 2025, excellent=[people.cuong])
    for_2024 = commend(cast.officer_a, people.cuong, 2024, years=1)
    for_two = commend(cast.officer_a, people.cuong, 2025, years=2, number="13-QĐ/HU")
    services.regrade_for_past_violation(by=cast.officer_a, member=people.cuong, year=2024,
                                        description="Vi phạm năm 2024, kỷ luật khiển trách", occurred_on=D(2024, 9, 1),
                                        reason="Kỷ luật vi phạm năm 2024", decision_number="50-QĐ/HU", on=D(2026, 3, 1))
    for_2024.refresh_from_db()
    for_two.refresh_from_db()
    assert for_2024.cancelled_on == D(2026, 3, 1) and for_two.cancelled_on == D(2026, 3, 1)
    assert for_two.cancellation_decision_number == "50-QĐ/HU"
    events = GradeEvent.objects.filter(member_review__member=people.cuong, kind=EventKind.COMMENDATION_CANCELLED)
    assert events.count() == 2 and all("Hủy giấy khen số" in e.reason for e in events)
    with pytest.raises(RuleViolation) as exc:  # the cancelled year cannot be commended again
        commend(cast.officer_a, people.cuong, 2024, years=0, reason="Thành tích", on=D(2026, 2, 1))
    assert codes(exc) == ["evaluation.commendation_cancelled"]


def test_collective_commendation_and_group_quota(cast, people):
    t = cast.tree
    campaign = open_year(cast, 2026)
    with pytest.raises(RuleViolation) as exc:
        services.define_quota_group(by=cast.officer_a, campaign=campaign, name="Chi bộ thôn",
                                    organizations=[t.cell_a1, t.cell_b1])
    assert codes(exc) == ["evaluation.group_organizations"]
    with pytest.raises(PermissionDeniedInScope):
        services.define_quota_group(by=cast.secretary_a1, campaign=campaign, name="Chi bộ thôn",
                                    organizations=[t.cell_a1])
    services.define_quota_group(by=cast.officer_a, campaign=campaign, name="Chi bộ thôn",
                                organizations=[t.cell_a1, t.cell_a2])
    with pytest.raises(RuleViolation) as exc:  # each organization in one group at most
        services.define_quota_group(by=cast.officer_a, campaign=campaign, name="Khác", organizations=[t.cell_a2])
    assert "đã thuộc một nhóm khác" in exc.value.violations[0].message
    # The cells' self-assessments; the grassroots committee decides: within the group, 2 cells, at most 20%
    # of the good ones excellent.
    reviews = {r.organization_id: r for r in campaign.organization_reviews.all()}
    for cell in (t.cell_a1, t.cell_a2):
        services.self_assess_organization(by=SYSTEM, review=reviews[cell.pk], version=None, self_text="Báo cáo",
                                          self_grade=G.EXCELLENT, criteria_score=Decimal(28), results_score=Decimal(65))
    with pytest.raises(RuleViolation) as exc:
        services.decide_organization(by=cast.officer_a, review=reviews[t.cell_a1.pk], version=None, grade=G.EXCELLENT,
                                     decision_number="3-QĐ/ĐU", decided_on=D(2027, 1, 5))
    assert "nhóm “Chi bộ thôn”" in " ".join(v.message for v in exc.value.violations)
    done = services.decide_organization(by=cast.officer_a, review=reviews[t.cell_a1.pk], version=None, grade=G.GOOD,
                                        decision_number="3-QĐ/ĐU", decided_on=D(2027, 1, 5))
    assert done.step == Step.DECIDED
    with pytest.raises(RuleViolation) as exc:  # graded good: no years excellent
        services.commend(by=cast.officer_a, level=L.MERIT, year=2026, organization=t.cell_a1, consecutive_years=1,
                         decision_number="5-QĐ/HU", decided_on=D(2027, 2, 1), reason="Tập thể xuất sắc")
    assert codes(exc) == ["evaluation.commendation_years"]
    row = services.commend(by=cast.officer_a, level=L.MERIT, year=2026, organization=t.cell_a1, decision_number="5-QĐ/HU",
                           decided_on=D(2027, 2, 1), reason="Tập thể hoàn thành tốt nhiệm vụ, có thành tích")
    assert row.organization_review.organization == t.cell_a1 and row.cell is None


def test_group_quota_counts_members_of_the_group_s_cells(cast, people):
    t = cast.tree
    campaign = open_year(cast, 2026)
    services.define_quota_group(by=cast.officer_a, campaign=campaign, name="Chi bộ thôn", organizations=[t.cell_a2])
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=t.cell_a2, on=D(2026, 12, 15), rows=[
        CellRow(review_of(campaign, m), None, G.GOOD, Decimal(80)) for m in people.a2])
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=t.cell_a1, on=D(2026, 12, 15), rows=[
        CellRow(review_of(campaign, m), None, G.EXCELLENT if m == people.cuong else G.GOOD,
                Decimal(95) if m == people.cuong else Decimal(80)) for m in people.a1])
    counts = selectors.member_group_counts(campaign)
    assert counts["Chi bộ thôn"] == {G.GOOD: 3}
    # One excellent in A2 (the group): 20% of 2 good = 0 → refused within the group.
    campaign.member_reviews.filter(member=people.a2[0]).update(score=Decimal(95))
    rows = [DecisionRow(r, r.version, G.EXCELLENT if r.member == people.a2[0] else r.proposed_grade)
            for r in campaign.member_reviews.filter(step=Step.PROPOSED)]
    with pytest.raises(RuleViolation) as exc:
        services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a, rows=rows,
                                decision_number="45-QĐ/ĐU", decided_on=D(2027, 1, 10))
    assert set(codes(exc)) == {"evaluation.quota"}
    assert "đã chọn 1 xuất sắc / tối đa 0" in [v.message for v in exc.value.violations if "nhóm “Chi bộ thôn”" in v.message][0]
    # As proposed (A1's one excellent of 7 good in the grassroots organization, none in the group): decided.
    rows = [DecisionRow(r, r.version, r.proposed_grade) for r in campaign.member_reviews.filter(step=Step.PROPOSED)]
    assert len(services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a, rows=rows,
                                       decision_number="45-QĐ/ĐU", decided_on=D(2027, 1, 10))) == 9


def test_figures_and_report_count_commendations_in_force(cast, people):
    from dangvu.core.figures import Window
    from dangvu.reports import builder
    from dangvu.statistics import engine

    decide_year(cast, people, 2024, excellent=[people.cuong])
    decide_year(cast, people, 2025, excellent=[people.cuong])
    commend(cast.officer_a, people.cuong, 2025, years=2, on=D(2026, 2, 1))
    commend(cast.officer_a, people.a1[1], 2025, on=D(2026, 2, 1), reason="Thành tích thi đua")
    cancelled = commend(cast.officer_a, people.a1[2], 2025, on=D(2026, 2, 1), reason="Thành tích")
    services.regrade_member(by=cast.officer_a, review=cancelled.member_review, version=None, grade=G.NOT_COMPLETED,
                            reason="Kết luận vi phạm", decision_number="60-QĐ/HU", on=D(2026, 5, 1))
    org_review = open_year(cast, 2026).organization_reviews.get(organization=cast.tree.cell_a1)
    org_review.campaign.organization_reviews.filter(pk=org_review.pk).update(step=Step.DECIDED, grade=G.GOOD)
    services.commend(by=cast.officer_a, level=L.CERTIFICATE, year=2026, organization=cast.tree.cell_a1,
                     decision_number="7-QĐ/HU", decided_on=D(2026, 12, 30), reason="Tập thể có thành tích")
    window = Window.year(cast.tree.district_a, 2026)
    values = {v.code: v.value for v in engine.compute(window, [c for c in engine.registry().figures
                                                               if c.startswith("evaluations.commendations")])}
    assert values["evaluations.commendations.individuals"] == 2
    assert values["evaluations.commendations.individual.certificate"] == 2
    assert values["evaluations.commendations.individuals_consecutive"] == 1
    assert values["evaluations.commendations.collectives"] == 1
    assert engine.value(Window.year(cast.tree.district_b, 2026), "evaluations.commendations.individuals").value == 0
    [section] = [s for s in builder.build(cast.tree.district_a, 2026).sections if s.key == "evaluations"]
    assert ("Khen thưởng năm 2026: giấy khen cho 1 tập thể, 2 cá nhân; trong đó 1 cá nhân hoàn thành xuất sắc nhiệm vụ "
            "nhiều năm liền.") in section.paragraphs


def test_the_discipline_register_caps_the_year_refuses_commendations_and_regrades_the_past(cast, people):
    from dangvu.members.models import Member
    from tests.discipline.conftest import cell_decides, open_for

    decide_year(cast, people, 2025, excellent=[people.cuong])
    praise = commend(cast.officer_a, people.cuong, 2025, years=1, on=D(2026, 2, 1))
    campaign = open_year(cast, 2026)
    full = Member.objects.filter(organization=cast.tree.cell_a1, status="full").count()
    proceeding = open_for(cast.officer_a, people.cuong, committed=D(2025, 8, 1), form="reprimand")
    cell_decides(cast.officer_a, proceeding, cast.tree.cell_a1, form="reprimand", votes=full, base=full)
    # C11: the year of the violation (2025) re-graded not completed, the commendation cancelled, as events.
    past = MemberReview.objects.get(member=people.cuong, campaign__year=2025)
    assert past.grade == G.NOT_COMPLETED
    assert past.events.filter(kind=EventKind.RETROACTIVE, discipline_id=proceeding.pk).exists()
    praise.refresh_from_db()
    assert praise.cancelled_on == D(2026, 10, 21) and "01-QĐ/CB" in praise.cancellation_decision_number
    # C6: the penalty announced in 2026 caps the 2026 grade (read from the register, nothing entered).
    with pytest.raises(RuleViolation) as exc:
        services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=cast.tree.cell_a1,
                            rows=[CellRow(review_of(campaign, people.cuong), None, G.GOOD, Decimal(80))])
    assert codes(exc) == ["evaluation.disqualified"] and "Kỷ luật khiển trách" in exc.value.violations[0].message
    # K8: no commendation while the penalty is in force.
    assert commend(cast.officer_a, people.a1[1], 2025, on=D(2026, 11, 1), reason="Thành tích").pk  # not penalised
    with pytest.raises(RuleViolation) as exc:
        commend(cast.officer_a, people.cuong, 2025, on=D(2026, 11, 1), reason="Thành tích")
    assert "evaluation.commendation_penalty" in codes(exc)
