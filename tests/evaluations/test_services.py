"""The services of the annual review: campaign, self-assessment, cell grading with the quota, decisions,
conditions, re-grading as events, organizations, and their permissions."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.evaluations import rules, services
from dangvu.evaluations.kinds import EventKind, Step
from dangvu.evaluations.models import GradeEvent
from dangvu.evaluations.services import CellRow, DecisionRow
from tests.evaluations.conftest import open_year, review_of

D = dt.date
G = rules.Grade
pytestmark = pytest.mark.django_db


def codes(exc):
    return [v.code for v in exc.value.violations]


def test_campaign_records_regime_quota_and_excludes_exempted_and_suspended(cast, people, campaign):
    assert campaign.regime_code == "qd366" and campaign.regime.scored
    assert campaign.quota_percent == Decimal(20) and campaign.quota_base == rules.QuotaBase.GOOD
    assert review_of(campaign, people.exempted).step == Step.EXCLUDED
    assert review_of(campaign, people.suspended).exclusion == rules.Exclusion.SUSPENDED
    assert campaign.member_reviews.count() == 6 + 2 + 3  # district A only
    assert set(campaign.organization_reviews.values_list("organization__name", flat=True)) >= {
        "Chi bộ thôn Đông", "Chi bộ thôn Tây", "Đảng bộ xã An Lạc"}
    assert AuditEntry.objects.filter(action="evaluations.open").count() == 1
    assert open_year(cast, 2023).regime_code == "qd124" and open_year(cast, 2022).regime_code == "qd132"


def test_one_campaign_per_year_and_officer_b_cannot_open_in_a(cast, people, campaign):
    with pytest.raises(RuleViolation) as exc:
        open_year(cast, 2026)
    assert codes(exc) == ["evaluation.campaign_exists"]
    with pytest.raises(PermissionDeniedInScope):
        services.open_campaign(by=cast.officer_b, organization=cast.tree.district_a, year=2025)
    with pytest.raises(PermissionDeniedInScope):
        services.open_campaign(by=cast.secretary_a1, organization=cast.tree.cell_a1, year=2025)


def test_the_quota_base_parameter_is_recorded_on_the_campaign(cast, people):
    from dangvu.rules.models import ParameterValue

    ParameterValue.objects.create(key="evaluations.quota_base_good_or_better", value=1, effective_from=D(2025, 1, 1),
                                  reason="HD 03-HD/TVĐU")
    assert open_year(cast, 2025).quota_base == rules.QuotaBase.GOOD_OR_BETTER
    assert open_year(cast, 2024).quota_base == rules.QuotaBase.GOOD


def test_member_self_assesses_only_their_own(cast, people, campaign):
    own = review_of(campaign, people.cuong)
    review = services.self_assess(by=cast.member_a1, review=own, version=own.version, self_text="Hoàn thành các nhiệm vụ",
                                  self_grade=G.GOOD, criteria_score=Decimal(27), results_score=Decimal("58.5"))
    assert review.step == Step.SELF_ASSESSED and review.self_score == Decimal("85.5")
    other = review_of(campaign, people.a1[1])
    with pytest.raises(PermissionDeniedInScope):
        services.self_assess(by=cast.member_a1, review=other, version=None, self_text="x", self_grade=G.GOOD,
                             criteria_score=Decimal(20), results_score=Decimal(50))
    with pytest.raises(PermissionDeniedInScope):  # the secretary does not write the member's self-assessment
        services.self_assess(by=cast.secretary_a1, review=own, version=None, self_text="x", self_grade=G.GOOD,
                             criteria_score=Decimal(20), results_score=Decimal(50))


def test_self_assessment_checks_band_and_version(cast, people, campaign):
    own = review_of(campaign, people.cuong)
    with pytest.raises(RuleViolation) as exc:
        services.self_assess(by=cast.member_a1, review=own, version=own.version, self_text="x", self_grade=G.EXCELLENT,
                             criteria_score=Decimal(25), results_score=Decimal("64.9"))
    assert codes(exc) == ["evaluation.score_band"]
    services.self_assess(by=cast.member_a1, review=own, version=own.version, self_text="x", self_grade=G.EXCELLENT,
                         criteria_score=Decimal(25), results_score=Decimal(65))
    with pytest.raises(ConcurrentEditError):
        services.self_assess(by=cast.member_a1, review=own, version=own.version, self_text="y", self_grade=G.GOOD,
                             criteria_score=Decimal(25), results_score=Decimal(50))


def _rows(campaign, members, grade, score):
    return [CellRow(review_of(campaign, m), None, grade, Decimal(score), "Nhận xét", votes_present=6, votes_for=6)
            for m in members]


def test_cell_grading_quota_and_exclusions(cast, people, campaign):
    a1 = people.a1  # 6 graded members in the cell
    # 1 excellent of 5 good: 20% of 5 = 1 → allowed; 2 excellent of 4 good: 0,8 → refused.
    with pytest.raises(RuleViolation) as exc:
        services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=cast.tree.cell_a1,
                            rows=_rows(campaign, a1[:2], G.EXCELLENT, 95) + _rows(campaign, a1[2:], G.GOOD, 80))
    assert codes(exc) == ["evaluation.quota"]
    assert "đã chọn 2 xuất sắc / tối đa 0" in exc.value.violations[0].message
    done = services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=cast.tree.cell_a1,
                               rows=_rows(campaign, a1[:1], G.EXCELLENT, 95) + _rows(campaign, a1[1:], G.GOOD, 80),
                               on=D(2026, 12, 15))
    assert len(done) == 6 and all(r.step == Step.PROPOSED for r in done)
    with pytest.raises(RuleViolation) as exc:
        services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=cast.tree.cell_a1,
                            rows=_rows(campaign, [people.exempted], G.GOOD, 80))
    assert codes(exc) == ["evaluation.excluded"]


def test_secretary_grades_only_their_cell(cast, people, campaign):
    with pytest.raises(PermissionDeniedInScope):
        services.grade_cell(by=people.secretary_a2, campaign=campaign, cell=cast.tree.cell_a1,
                            rows=_rows(campaign, people.a1[:1], G.GOOD, 80))
    with pytest.raises(PermissionDeniedInScope):  # a review of another cell smuggled into the secretary's own cell
        services.grade_cell(by=people.secretary_a2, campaign=campaign, cell=cast.tree.cell_a2,
                            rows=_rows(campaign, people.a1[:1], G.GOOD, 80))
    with pytest.raises(PermissionDeniedInScope):
        services.grade_cell(by=cast.member_a1, campaign=campaign, cell=cast.tree.cell_a1,
                            rows=_rows(campaign, people.a1[:1], G.GOOD, 80))


def test_decision_by_the_committee_with_the_quota_over_the_organization(cast, people, campaign):
    t = cast.tree
    services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=t.cell_a1,
                        rows=_rows(campaign, people.a1[:1], G.EXCELLENT, 92) + _rows(campaign, people.a1[1:], G.GOOD, 80))
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=t.cell_a2, rows=_rows(campaign, people.a2, G.GOOD, 75))
    rows = [DecisionRow(r, r.version, r.proposed_grade) for r in campaign.member_reviews.filter(step=Step.PROPOSED)]
    with pytest.raises(PermissionDeniedInScope):
        services.decide_members(by=cast.secretary_a1, campaign=campaign, organization=t.grassroots_a, rows=rows,
                                decision_number="45-QĐ/ĐU", decided_on=D(2027, 1, 10))
    with pytest.raises(RuleViolation) as exc:
        services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a, rows=rows,
                                decision_number=" ", decided_on=D(2027, 1, 10))
    assert codes(exc) == ["evaluation.decision_number"]
    # Two excellent of 7 good in the grassroots organization: 20% of 7 = 1 → refused.
    extra = [DecisionRow(r, r.version, G.EXCELLENT if r.member == people.a2[0] else r.proposed_grade) for r in
             campaign.member_reviews.filter(step=Step.PROPOSED)]
    with pytest.raises(RuleViolation) as exc:
        services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a, rows=extra,
                                decision_number="45-QĐ/ĐU", decided_on=D(2027, 1, 10))
    assert "evaluation.quota" in codes(exc) and "evaluation.score_band" in codes(exc)
    decided = services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a, rows=rows,
                                      decision_number="45-QĐ/ĐU", decided_on=D(2027, 1, 10))
    assert len(decided) == 9 and {r.grade for r in decided} == {G.EXCELLENT, G.GOOD}
    assert decided[0].deciding_body == "Đảng ủy xã An Lạc"
    assert GradeEvent.objects.filter(kind=EventKind.DECIDED).count() == 9


def test_disqualification_caps_and_retroactive_regrading_keeps_history(cast, people, campaign):
    t = cast.tree
    services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=t.cell_a1, rows=_rows(campaign, people.a1, G.GOOD, 80))
    review = review_of(campaign, people.cuong)
    services.decide_members(by=cast.officer_a, campaign=campaign, organization=t.grassroots_a,
                            rows=[DecisionRow(review, None, G.GOOD)], decision_number="45-QĐ/ĐU", decided_on=D(2026, 12, 28))
    # In 2027, a violation of 2026 is disciplined: 2026 becomes not completed, the old result stays as an event.
    regraded = services.regrade_for_past_violation(by=cast.officer_a, member=people.cuong, year=2026,
                                                   description="Vi phạm năm 2026, kỷ luật khiển trách ngày 10/03/2027",
                                                   occurred_on=D(2026, 9, 1), reason="Kỷ luật vi phạm năm 2026",
                                                   decision_number="12-QĐ/ĐU", on=D(2027, 3, 15))
    assert regraded.grade == G.NOT_COMPLETED
    events = list(regraded.events.values_list("kind", "old_grade", "new_grade"))
    assert events[-2:] == [(EventKind.DECIDED, "", G.GOOD), (EventKind.RETROACTIVE, G.GOOD, G.NOT_COMPLETED)]
    # A condition blocks a higher grade on the next proposal too.
    other = review_of(campaign, people.a1[1])
    services.record_disqualification(by=cast.secretary_a1, review=other, description="Bị kỷ luật cảnh cáo",
                                     occurred_on=D(2026, 6, 1))
    other.refresh_from_db()
    with pytest.raises(RuleViolation) as exc:
        services.grade_cell(by=cast.secretary_a1, campaign=campaign, cell=t.cell_a1,
                            rows=[CellRow(other, other.version, G.COMPLETED, Decimal(60))])
    assert codes(exc) == ["evaluation.disqualified"]
    with pytest.raises(RuleViolation) as exc:  # retroactive re-grading only to not completed
        services.regrade_member(by=cast.officer_a, review=regraded, version=None, grade=G.COMPLETED, reason="x",
                                decision_number="1", on=D(2027, 3, 16), retroactive=True)
    assert codes(exc) == ["evaluation.retroactive"]


def test_organizations_self_assess_and_the_direct_superior_decides_and_regrades(cast, people, campaign):
    t = cast.tree
    cell_review = campaign.organization_reviews.get(organization=t.cell_a1)
    services.self_assess_organization(by=cast.secretary_a1, review=cell_review, version=None, self_text="Mẫu 01",
                                      self_grade=G.GOOD, criteria_score=Decimal(26), results_score=Decimal(60))
    with pytest.raises(PermissionDeniedInScope):  # only the direct superior's officers decide
        services.decide_organization(by=cast.secretary_a1, review=cell_review, version=None, grade=G.GOOD,
                                     decision_number="50-QĐ/ĐU", decided_on=D(2027, 1, 12))
    with pytest.raises(PermissionDeniedInScope):
        services.decide_organization(by=cast.officer_b, review=cell_review, version=None, grade=G.GOOD,
                                     decision_number="50-QĐ/ĐU", decided_on=D(2027, 1, 12))
    decided = services.decide_organization(by=cast.officer_a, review=cell_review, version=None, grade=G.GOOD,
                                           decision_number="50-QĐ/ĐU", decided_on=D(2027, 1, 12))
    assert decided.deciding_body == "Đảng ủy xã An Lạc"
    with pytest.raises(RuleViolation) as exc:
        services.decide_organization(by=cast.officer_a, review=decided, version=None, grade=G.COMPLETED,
                                     decision_number="51-QĐ/ĐU", decided_on=D(2027, 2, 1))
    assert codes(exc) == ["evaluation.reason"]
    regraded = services.decide_organization(by=cast.officer_a, review=decided, version=None, grade=G.COMPLETED,
                                            decision_number="51-QĐ/ĐU", decided_on=D(2027, 2, 1), reason="Phát hiện sai sót")
    assert list(regraded.events.values_list("kind", "new_grade")) == [
        (EventKind.PROPOSED, G.GOOD), (EventKind.DECIDED, G.GOOD), (EventKind.REGRADED, G.COMPLETED)]


def test_legacy_label_is_mapped_and_kept(cast, people):
    campaign = open_year(cast, 2017)
    review = campaign.organization_reviews.get(organization=cast.tree.grassroots_a)
    done = services.record_legacy_result(by=cast.officer_a, review=review, original_label="Trong sạch, vững mạnh",
                                         decided_on=D(2018, 1, 20), decision_number="5-QĐ/HU")
    assert done.grade == G.EXCELLENT and done.original_label == "Trong sạch, vững mạnh"
    with pytest.raises(RuleViolation):
        services.record_legacy_result(by=cast.officer_a, review=review, original_label="Khá", decided_on=D(2018, 1, 20))
    # the same refusals as a member's imported result: a year already decided, a date outside [the year, today]
    with pytest.raises(RuleViolation) as exc:
        services.record_legacy_result(by=cast.officer_a, review=done, original_label="Yếu kém", decided_on=D(2018, 2, 1))
    assert [v.code for v in exc.value.violations] == ["evaluation.decided"]
    other = campaign.organization_reviews.exclude(pk=review.pk).first()
    with pytest.raises(RuleViolation) as exc:
        services.record_legacy_result(by=SYSTEM, review=other, original_label="Yếu kém", decided_on=D(2016, 12, 1))
    assert [v.code for v in exc.value.violations] == ["evaluation.decided_on"]
    assert "không trước năm đánh giá 2017" in exc.value.violations[0].message
    # re-graded later: the imported label was the cancelled result's; its LEGACY event keeps it
    regraded = services.decide_organization(by=cast.officer_a, review=done, version=done.version, grade=G.GOOD,
                                            decision_number="9-QĐ/HU", decided_on=D(2018, 3, 1), reason="Kết luận kiểm tra")
    assert regraded.grade == G.GOOD and regraded.original_label == ""
    assert list(regraded.events.values_list("kind", "original_label")) == [
        (EventKind.LEGACY, "Trong sạch, vững mạnh"), (EventKind.REGRADED, "")]


def test_legacy_member_result_is_mapped_kept_decided_and_audited(cast, people):
    campaign = open_year(cast, 2017)
    a1 = people.a1
    # three "excellent" in a cell with none good: the committee decided them, the quota is not checked again (C7)
    done = [services.record_legacy_member_result(by=cast.officer_a, review=review_of(campaign, m),
                                                 original_label="Đảng viên đủ tư cách, hoàn thành xuất sắc nhiệm vụ",
                                                 decision_number=" 12-QĐ/ĐU ", decided_on=D(2018, 1, 15)) for m in a1[:3]]
    assert {(r.grade, r.step, r.original_label, r.decision_number) for r in done} == {
        (G.EXCELLENT, Step.DECIDED, "Đảng viên đủ tư cách, hoàn thành xuất sắc nhiệm vụ", "12-QĐ/ĐU")}
    assert list(done[0].events.values_list("kind", "new_grade", "original_label", "on")) == [
        (EventKind.LEGACY, G.EXCELLENT, "Đảng viên đủ tư cách, hoàn thành xuất sắc nhiệm vụ", D(2018, 1, 15))]
    entry = AuditEntry.objects.filter(action="evaluations.decide", object_id=str(done[0].pk)).get()
    assert "Nhập kết quả cũ năm 2017" in entry.note and entry.changes["original_label"][1].startswith("Đảng viên đủ tư cách")
    vi_pham = services.record_legacy_member_result(by=cast.officer_a, review=review_of(campaign, a1[3]),
                                                   original_label="Vi phạm tư cách", decided_on=D(2017, 12, 30))
    assert vi_pham.grade == G.NOT_COMPLETED and vi_pham.decision_number == ""


def test_legacy_member_result_refusals(cast, people):
    campaign = open_year(cast, 2017)
    review = review_of(campaign, people.cuong)
    with pytest.raises(RuleViolation) as exc:
        services.record_legacy_member_result(by=cast.officer_a, review=review, original_label="Trong sạch, vững mạnh",
                                             decided_on=D(2018, 1, 15))
    assert codes(exc) == ["evaluation.legacy_label"]
    with pytest.raises(RuleViolation) as exc:
        services.record_legacy_member_result(by=cast.officer_a, review=review, original_label="Vi phạm tư cách",
                                             decided_on=D(2016, 12, 31))
    assert codes(exc) == ["evaluation.decided_on"]
    with pytest.raises(RuleViolation) as exc:
        services.record_legacy_member_result(by=cast.officer_a, review=review, original_label="Vi phạm tư cách",
                                             decided_on=D(2026, 12, 4))  # tomorrow
    assert codes(exc) == ["evaluation.decided_on"]
    with pytest.raises(RuleViolation) as exc:  # C12: not graded that year
        services.record_legacy_member_result(by=cast.officer_a, review=review_of(campaign, people.exempted),
                                             original_label="Hoàn thành nhiệm vụ", decided_on=D(2018, 1, 15))
    assert codes(exc) == ["evaluation.excluded"]
    for user in (cast.officer_b, cast.secretary_a1, cast.viewer_a):
        with pytest.raises(PermissionDeniedInScope):
            services.record_legacy_member_result(by=user, review=review, original_label="Hoàn thành nhiệm vụ",
                                                 decided_on=D(2018, 1, 15))
    services.record_legacy_member_result(by=cast.officer_a, review=review, original_label="Hoàn thành nhiệm vụ",
                                         decided_on=D(2018, 1, 15))
    with pytest.raises(RuleViolation) as exc:  # decided: cancel and re-grade, never recorded over
        services.record_legacy_member_result(by=cast.officer_a, review=review, original_label="Hoàn thành tốt nhiệm vụ",
                                             decided_on=D(2018, 1, 15))
    assert codes(exc) == ["evaluation.decided"]
    regraded = services.regrade_member(by=cast.officer_a, review=review_of(campaign, people.cuong), version=None,
                                       grade=G.GOOD, reason="Phát hiện sai sót", decision_number="3-QĐ/ĐU",
                                       on=D(2018, 3, 1))
    assert regraded.original_label == "" and list(regraded.events.values_list("kind", "original_label")) == [
        (EventKind.LEGACY, "Hoàn thành nhiệm vụ"), (EventKind.REGRADED, "")]


def test_a_past_year_lists_the_register_and_the_tree_of_its_reference_date(cast, people):
    """2018 opened in 2026 (to import its results): the members in the party on 31/12/2018, in their cell, exempted or
    not as they were that day (C12), and the organizations existing then; 2026 reads today's register and tree."""
    from dangvu.members import services as member_services
    from dangvu.members.kinds import EventType, RemovalGround
    from dangvu.organizations import services as org_services
    from dangvu.organizations.kinds import Kind
    from tests.members import register

    t, a1 = cast.tree, people.a1
    new = register("Đinh Văn Mới", t.cell_a1, admitted=D(2020, 5, 1))                      # admitted after 2018
    moved = member_services.record_event(by=SYSTEM, member=a1[1], event_type=EventType.TRANSFERRED_INTERNAL,
                                         effective_date=D(2021, 3, 1), organization=t.cell_a2).member
    gone = member_services.record_event(by=SYSTEM, member=a1[2], event_type=EventType.LEFT, effective_date=D(2022, 4, 1),
                                        decision=member_services.Decision(ground=RemovalGround.OWN_REQUEST)).member
    exempted_later = register("Lâm Văn Muộn", t.cell_a2, admitted=D(2011, 6, 1))
    member_services.record_event(by=SYSTEM, member=exempted_later, event_type=EventType.EXEMPTED, effective_date=D(2019, 2, 1))
    old_cell = org_services.establish(by=SYSTEM, parent=t.grassroots_a, code="99.001.001.000.009", name="Chi bộ xóm Cũ",
                                      kind=Kind.CELL, effective_date=D(2015, 1, 1))
    org_services.dissolve(by=SYSTEM, org=old_cell, effective_date=D(2022, 1, 1))
    org_services.establish(by=SYSTEM, parent=t.grassroots_a, code="99.001.001.000.010", name="Chi bộ khu Mới",
                           kind=Kind.CELL, effective_date=D(2020, 1, 1))

    def listed(campaign):
        return {r.member.full_name: (r.cell.name, r.exclusion) for r in campaign.member_reviews.select_related("member", "cell")}

    y2018, y2026 = open_year(cast, 2018), open_year(cast, 2026)
    east, west = t.cell_a1.name, t.cell_a2.name
    assert listed(y2018) == {m.full_name: (east, "") for m in a1} | {m.full_name: (west, "") for m in people.a2} | {
        "Đỗ Văn Miễn": (east, "exempted"), "Phan Văn Đình": (east, "suspended"), "Lâm Văn Muộn": (west, "")}
    assert listed(y2026) == {m.full_name: (east, "") for m in a1 if m not in (moved, gone)} | {
        m.full_name: (west, "") for m in [*people.a2, moved]} | {new.full_name: (east, ""), "Đỗ Văn Miễn": (east, "exempted"),
                                                                  "Phan Văn Đình": (east, "suspended"),
                                                                  "Lâm Văn Muộn": (west, "exempted")}
    orgs_2018 = set(y2018.organization_reviews.values_list("organization__name", flat=True))
    orgs_2026 = set(y2026.organization_reviews.values_list("organization__name", flat=True))
    assert "Chi bộ xóm Cũ" in orgs_2018 - orgs_2026 and "Chi bộ khu Mới" in orgs_2026 - orgs_2018
    assert AuditEntry.objects.get(action="evaluations.open", object_id=str(y2018.pk)).changes["_data"]["listed_on"] == "2018-12-31"
    # An organization that did not exist on the reference date cannot open that year (the tree was founded in 2010).
    with pytest.raises(RuleViolation) as exc:
        open_year(cast, 2009)
    assert codes(exc) == ["evaluation.organization_not_active"]
    assert "31/12/2009" in exc.value.violations[0].message
