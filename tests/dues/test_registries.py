"""Dues in the shared registries: figures over a subtree against a hand count, the to-do of the cells
(members heading for D12), the member's own home, the year-end report section."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.core.figures import Window
from dangvu.core.todo import collect
from dangvu.dues import services
from dangvu.dues.models import DuesPayment
from dangvu.members.models import Member
from dangvu.statistics import engine
from tests.dues import member_with_basis

pytestmark = pytest.mark.django_db
D = dt.date


def test_figures_roll_up_over_the_subtree(cast):
    t = cast.tree
    a = member_with_basis("Nguyễn Văn An", t.cell_a1)
    b = member_with_basis("Trần Văn Bê", t.cell_a2)
    c = member_with_basis("Lê Văn Xê", t.cell_b1)
    member_with_basis("Đỗ Văn Dê", t.cell_a1)  # never pays
    services.record_payment(by=SYSTEM, member=a, months=[D(2026, 3, 1), D(2026, 4, 1)], paid_on=D(2026, 4, 2), channel="portal")
    services.record_payment(by=SYSTEM, member=b, months=[D(2026, 5, 1)], paid_on=D(2026, 5, 2), extra=Decimal(10_000))
    services.record_payment(by=SYSTEM, member=c, months=[D(2026, 5, 1)], paid_on=D(2026, 5, 2))
    services.record_payment(by=SYSTEM, member=b, months=[D(2025, 12, 1)], paid_on=D(2025, 12, 2))  # another year
    codes = ["dues.payers", "dues.payers.portal", "dues.payers.voluntary"]
    count = lambda org, window: engine.counts(window(org), codes)  # noqa: E731
    # By hand: district A has An (portal) and Bê (voluntary) in 2026; the province adds Xê; cell A1 only An.
    assert count(t.district_a, lambda o: Window.year(o, 2026)) == {"dues.payers": 2, "dues.payers.portal": 1,
                                                                   "dues.payers.voluntary": 1}
    assert count(t.province, lambda o: Window.year(o, 2026))["dues.payers"] == 3
    assert count(t.cell_a1, lambda o: Window.year(o, 2026))["dues.payers"] == 1
    assert count(t.district_a, lambda o: Window.year(o, 2025))["dues.payers"] == 1
    assert count(t.district_a, lambda o: Window(o, D(2026, 5, 1), D(2026, 5, 31)))["dues.payers"] == 1


def test_amounts_roll_up_over_the_subtree_exactly(cast):
    """dues.amount.*: sums of whole đồng over the payments of the period's months in the subtree, as the tree stood."""
    t = cast.tree
    a = member_with_basis("Nguyễn Văn An", t.cell_a1)  # 80.000 đ a month
    b = member_with_basis("Trần Văn Bê", t.cell_a2, income=Decimal(6_123_456))  # 61.235 đ (1%, rounded by the rules)
    c = member_with_basis("Lê Văn Xê", t.cell_b1)
    services.record_payment(by=SYSTEM, member=a, months=[D(2026, 3, 1), D(2026, 4, 1)], paid_on=D(2026, 4, 2), channel="portal")
    services.record_payment(by=SYSTEM, member=b, months=[D(2026, 5, 1)], paid_on=D(2026, 5, 2), extra=Decimal(10_000))
    services.record_payment(by=SYSTEM, member=c, months=[D(2026, 5, 1)], paid_on=D(2026, 5, 2))
    services.record_payment(by=SYSTEM, member=b, months=[D(2025, 12, 1)], paid_on=D(2025, 12, 2))  # another year
    due_b = DuesPayment.objects.get(member=b, month=D(2026, 5, 1)).amount
    codes = ["dues.amount.collected", "dues.amount.collected.portal", "dues.amount.collected.cash", "dues.amount.rate",
             "dues.amount.voluntary", "dues.amount.expected"]
    got = engine.counts(Window.year(t.district_a, 2026), codes)
    assert got == {"dues.amount.collected": 160_000 + due_b + 10_000, "dues.amount.collected.portal": 160_000,
                   "dues.amount.collected.cash": due_b + 10_000, "dues.amount.rate": 160_000 + due_b,
                   "dues.amount.voluntary": 10_000, "dues.amount.expected": 160_000 + due_b}
    assert all(type(v) is int for v in got.values())
    assert engine.counts(Window.year(t.province, 2026), codes)["dues.amount.collected"] == 240_000 + due_b + 10_000
    assert engine.counts(Window(t.cell_a1, D(2026, 4, 1), D(2026, 4, 30)), codes)["dues.amount.collected"] == 80_000
    assert engine.counts(Window.year(t.district_b, 2025), codes)["dues.amount.collected"] == 0
    share = engine.value(Window.year(t.district_a, 2026), "dues.amount.collected.portal")
    assert (share.value, share.denominator) == (160_000, 160_000 + due_b + 10_000)
    # The drill-down lists the members behind an amount.
    assert {m.full_name for m in engine.drill("dues.amount.voluntary", Window.year(t.district_a, 2026), cast.officer_a)
            } == {"Trần Văn Bê"}


def test_todo_names_members_heading_for_d12_in_their_cell_only(cast):
    m = member_with_basis("Trần Văn Ba", cast.tree.cell_a1, valid_from=D(2026, 6, 1))
    services.record_payment(by=SYSTEM, member=m, months=[D(2026, 6, 1), D(2026, 7, 1), D(2026, 8, 1)], paid_on=D(2026, 6, 2))
    items = [i for i in collect(cast.secretary_a1, D(2026, 11, 20)) if i.category.startswith("dues_")]
    assert [(i.category, i.overdue) for i in items] == [("dues_unpaid_warning", False)]
    assert "Trần Văn Ba (2 tháng)" in items[0].title and items[0].organization == "Chi bộ thôn Đông"
    items = [i for i in collect(cast.officer_a, D(2026, 12, 3)) if i.category.startswith("dues_")]
    assert [(i.category, i.overdue) for i in items] == [("dues_unpaid_ground", True)]
    assert not [i for i in collect(cast.officer_b, D(2026, 12, 3)) if i.category.startswith("dues_")]
    assert not [i for i in collect(cast.member_a1, D(2026, 12, 3)) if i.category.startswith("dues_")]


def test_the_member_sees_their_dues_on_their_home(client, cast):
    m = member_with_basis("Lê Văn Cường", cast.tree.cell_a1, category="student", valid_from=D(2026, 1, 1))
    Member.objects.filter(pk=m.pk).update(user=cast.member_a1)
    services.record_payment(by=SYSTEM, member=m, months=[D(2026, 11, 1)], paid_on=D(2026, 11, 3), receipt_number="BL-77")
    client.force_login(cast.member_a1)
    text = client.get(reverse("my_record")).content.decode()
    assert "Phải đóng tháng 12/2026: 5.000 đ" in text
    assert "11/2026 · đã đóng 5.000 đ ngày 03/11/2026 · biên lai BL-77" in text
    # January (QĐ 342, 3.000 đ) to October (5.000 đ): 3.000 + 9 × 5.000; December is this month, not owed late yet.
    assert "Còn nợ 48.000 đ (10 tháng chưa đóng)" in text


def test_report_section_prints_the_engines_figures(cast):
    from dangvu.core.report_sections import ReportContext
    from dangvu.dues import report

    a = member_with_basis("Nguyễn Văn An", cast.tree.cell_a1)
    b = member_with_basis("Trần Văn Bê", cast.tree.cell_a2)
    window = Window.year(cast.tree.district_a, 2026)
    empty = ReportContext(window, "half_up", {v.code: v for v in engine.compute(window, report.FIGURES)})
    assert report.sections(empty) == []
    services.record_payment(by=SYSTEM, member=a, months=[D(2026, 3, 1)], paid_on=D(2026, 3, 2), channel="portal")
    services.record_payment(by=SYSTEM, member=b, months=[D(2026, 3, 1)], paid_on=D(2026, 3, 2))
    ctx = ReportContext(window, "half_up", {v.code: v for v in engine.compute(window, report.FIGURES)})
    [section] = report.sections(ctx)
    # By hand: two insured members at 8.000.000 đ owe 1% = 80.000 đ a month (QĐ 342 before 1/2/2026, QĐ 01 after), twelve
    # months each: 1.920.000 đ due; 2 × 80.000 đ collected = 8,33%.
    assert section.paragraphs == [
        "Năm 2026, thu đảng phí 160.000 đồng, đạt 8,33% số phải thu theo quy định (1.920.000 đồng); trong đó 80.000 đồng "
        "thu qua Cổng Dịch vụ công quốc gia, chiếm 50,00%.",
        "Trong năm, 2 đảng viên đóng đảng phí, trong đó 1 đồng chí đóng qua Cổng Dịch vụ công quốc gia (50,00%)."]
