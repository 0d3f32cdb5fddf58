"""Figures, the year-end report section, the to-do items and the striking-off evidence of the review."""

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.core import removal_evidence
from dangvu.core.figures import Window
from dangvu.evaluations import rules, services, todo
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.services import CellRow, DecisionRow
from dangvu.reports import builder
from dangvu.statistics import engine
from tests.evaluations.conftest import open_year, review_of

D = dt.date
G = rules.Grade
pytestmark = pytest.mark.django_db


def _grade_year(cast, people, campaign, grades, decided_on):
    """The cell A1 proposes and the grassroots committee decides `grades` (member → grade), scored if needed."""
    score = {G.EXCELLENT: Decimal(95), G.GOOD: Decimal(80), G.COMPLETED: Decimal(60), G.NOT_COMPLETED: Decimal(40)}
    rows = [CellRow(review_of(campaign, m), None, g, score[g] if campaign.regime.scored else None) for m, g in grades.items()]
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=cast.tree.cell_a1, rows=rows)
    services.decide_members(by=SYSTEM, campaign=campaign, organization=cast.tree.grassroots_a,
                            rows=[DecisionRow(review_of(campaign, m), None, g) for m, g in grades.items()],
                            decision_number="45-QĐ/ĐU", decided_on=decided_on)


def test_figures_and_report_in_published_style(cast, people, campaign):
    a1 = people.a1
    _grade_year(cast, people, campaign, {a1[0]: G.EXCELLENT, a1[1]: G.GOOD, a1[2]: G.GOOD, a1[3]: G.GOOD, a1[4]: G.GOOD,
                                         a1[5]: G.GOOD}, D(2026, 12, 28))
    g = campaign.organization_reviews.get(organization=cast.tree.grassroots_a)
    services.self_assess_organization(by=SYSTEM, review=g, version=None, self_text="Mẫu 01", self_grade=G.GOOD,
                                      criteria_score=Decimal(27), results_score=Decimal(65))
    services.decide_organization(by=SYSTEM, review=g, version=None, grade=G.GOOD, decision_number="9-QĐ/HU",
                                 decided_on=D(2026, 12, 30))
    window = Window.year(cast.tree.district_a, 2026)
    values = {v.code: v for v in engine.compute(window, [c for c in engine.registry().figures if c.startswith("evaluations.")])}
    assert values["evaluations.members.graded"].value == 6
    assert values["evaluations.members.grade.excellent"].value == 1
    assert values["evaluations.members.good_or_better"].value == 6
    assert values["evaluations.members.not_graded"].value == 2
    assert values["evaluations.grassroots.grade.good"].value == 1
    report = builder.build(cast.tree.district_a, 2026)
    [section] = [s for s in report.sections if s.key == "evaluations"]
    text = " ".join(section.paragraphs)
    assert "0/1 TCCSĐ hoàn thành xuất sắc nhiệm vụ, đạt 0,00%; 1/1 TCCSĐ hoàn thành tốt nhiệm vụ, đạt 100,00%" in text
    assert "1/6 đảng viên hoàn thành xuất sắc nhiệm vụ, đạt 16,67%" in text
    assert "5/6 đảng viên hoàn thành tốt nhiệm vụ, đạt 83,33%" in text
    assert "100,00% đảng viên hoàn thành tốt nhiệm vụ trở lên" in text
    assert "2 đảng viên miễn sinh hoạt hoặc đình chỉ sinh hoạt không xếp loại" in text
    # District B sees none of it.
    assert engine.value(Window.year(cast.tree.district_b, 2026), "evaluations.members.graded").value == 0


def _items(user, on, category):
    return [i for i in todo.todo_items(user, on) if i.category == category]


@pytest.mark.on_date("2026-12-05")
def test_todo_every_pending_step(cast, people, campaign):
    on = D(2026, 12, 5)
    [own] = _items(cast.member_a1, on, "review_self")
    assert "2026" in own.title and own.due == D(2026, 12, 10) and not own.overdue
    [cell] = _items(cast.secretary_a1, on, "review_cell")
    assert cell.title.startswith("6 đảng viên chưa được chi bộ xét") and cell.organization == "Chi bộ thôn Đông"
    assert not _items(people.secretary_a2, on, "review_cell") or all(
        i.organization == "Chi bộ thôn Tây" for i in _items(people.secretary_a2, on, "review_cell"))
    assert not _items(cast.officer_b, on, "review_cell")
    assert _items(cast.member_a1, D(2026, 12, 11), "review_self")[0].overdue
    services.grade_cell(by=SYSTEM, campaign=campaign, cell=cast.tree.cell_a1,
                        rows=[CellRow(review_of(campaign, m), None, G.GOOD, Decimal(80)) for m in people.a1])
    assert not _items(cast.secretary_a1, on, "review_cell")
    [decide] = _items(cast.officer_a, on, "review_decide")
    assert decide.title.startswith("6 đảng viên chờ quyết định") and decide.organization == "Đảng bộ xã An Lạc"
    assert not _items(cast.secretary_a1, on, "review_decide")
    services.record_disqualification(by=SYSTEM, review=review_of(campaign, people.a1[2]), description="Bị kỷ luật cảnh cáo",
                                     occurred_on=D(2026, 10, 1))
    [regrade] = _items(cast.secretary_a1, on, "review_regrade")
    assert "Nguyễn Văn Một 1" in regrade.title


@pytest.mark.on_date("2026-12-05")
def test_an_old_year_opened_to_import_its_results_asks_for_no_pending_step(cast, people, campaign):
    """2018, opened to import the results decided then, raises no item for the members without a result; the last
    year (2025, opened late) and the current year do. A condition entered on an imported result is still to correct.
    `todo.review_past_years` = 0: only the current year."""
    from dangvu.rules.models import ParameterValue

    on = D(2026, 12, 5)
    y2018, y2025 = open_year(cast, 2018), open_year(cast, 2025)
    services.record_legacy_member_result(by=SYSTEM, review=review_of(y2018, people.a1[0]), original_label="Đủ tư cách, "
                                         "hoàn thành xuất sắc nhiệm vụ", decided_on=D(2019, 1, 15))
    services.grade_cell(by=SYSTEM, campaign=y2018, cell=cast.tree.cell_a1,
                        rows=[CellRow(review_of(y2018, people.a1[1]), None, G.GOOD)], on=D(2018, 12, 20))

    def years(user, category):
        return sorted(int(i.title.split("năm ")[1][:4]) for i in _items(user, on, category))

    assert years(cast.member_a1, "review_self") == [2025, 2026]
    assert years(cast.secretary_a1, "review_cell") == [2025, 2026]
    assert years(cast.officer_a, "review_decide") == []  # 2018's proposal asks nothing
    services.record_disqualification(by=SYSTEM, review=review_of(y2018, people.a1[0]), description="Bị kỷ luật cảnh cáo "
                                     "năm 2018", occurred_on=D(2018, 10, 1))
    [regrade] = _items(cast.secretary_a1, on, "review_regrade")
    assert "năm 2018" in regrade.title and regrade.url.endswith(f"/{y2018.pk}/")
    ParameterValue.objects.create(key="todo.review_past_years", value=0, effective_from=D(2026, 1, 1), reason="Chỉ năm nay")
    assert years(cast.member_a1, "review_self") == [2026] and years(cast.secretary_a1, "review_cell") == [2026]
    assert y2025.member_reviews.filter(step=Step.PENDING).exists()


@pytest.mark.on_date("2027-02-01")
def test_two_consecutive_years_not_completed_is_a_ground_for_striking_off(cast, people):
    a1 = people.a1
    for year in (2025, 2026):
        c = open_year(cast, year)
        _grade_year(cast, people, c, {a1[0]: G.GOOD, a1[1]: G.NOT_COMPLETED, a1[2]: G.NOT_COMPLETED if year == 2026 else G.GOOD},
                    D(year, 12, 28))
    on = D(2027, 2, 1)
    [item] = _items(cast.secretary_a1, on, "review_strike_off")
    assert "Nguyễn Văn Một 0: 2 năm liền không hoàn thành nhiệm vụ (2025, 2026)" in item.title
    assert "Hai năm liền vi phạm tư cách đảng viên" in item.title
    assert not _items(people.secretary_a2, on, "review_strike_off") and not _items(cast.officer_b, on, "review_strike_off")
    [ev] = removal_evidence.evidence([a1[1].pk, a1[2].pk], on, ground="standards_two_years")
    assert ev.member_id == a1[1].pk and ev.met
