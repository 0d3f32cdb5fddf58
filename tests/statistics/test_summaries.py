"""The summary tables of the stock figures (dangvu.statistics.summaries) against the live query.

On the small data set (tests/statistics/conftest.py) plus a candidate and a residence contact, for every
summarizable figure and several windows (before, across and after the merger of 1/3/2025; a day, a year,
a period), the figure served from the summary equals the live query's. A change of the register marks the
summary stale (the engine then answers live) and the refresh makes it equal again.
"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services as admissions
from dangvu.core.figures import Window, registry
from dangvu.members import services as member_services
from dangvu.members.kinds import EventType
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.residence import services as residence
from dangvu.rules.models import ParameterValue
from dangvu.statistics import engine, summaries
from dangvu.statistics.models import SummaryCount, SummaryDay, SummaryMark, SummaryRollup
from tests.clock import TODAY
from tests.statistics.conftest import _event

pytestmark = pytest.mark.django_db
D = dt.date

WINDOWS = [
    ("A 2024", lambda t: Window.year(t.district_a, 2024)),
    ("B 2025 (across the merger)", lambda t: Window.year(t.district_b, 2025)),
    ("province today", lambda t: Window.on(t.province, TODAY)),
    ("province to date", lambda t: Window.to_date(t.province, TODAY)),
    ("cell A2 15/6/2024", lambda t: Window.on(t.cell_a2, D(2024, 6, 15))),
    ("B 5/2023-9/2024", lambda t: Window(t.district_b, D(2023, 5, 1), D(2024, 9, 1))),
    ("A on 1/3/2025 (merged away)", lambda t: Window.on(t.district_a, D(2025, 3, 1))),
]


def _days(windows) -> list[dt.date]:
    return sorted({d for w in windows for d in (w.end, w.before_start)})


@pytest.fixture
def richer(data):
    """The data set plus a candidate in the pipeline and a member keeping residence contact."""
    c = admissions.create_candidate(by=SYSTEM, organization=data.tree.cell_a1, full_name="Ngô Văn Mười", sex="male",
                                    date_of_birth=D(2001, 1, 1))
    c = admissions.record_certificate(by=SYSTEM, candidate=c, certificate_date=D(2024, 5, 1), certificate_number="5")
    admissions.record_application(by=SYSTEM, candidate=c, application_date=D(2024, 6, 1))
    t, m = data.tree, data.m
    agency = org_services.establish(by=SYSTEM, parent=t.grassroots_b, code="99.002.001.000.009", name="Chi bộ Ủy ban xã",
                                    kind=Kind.CELL, effective_date=D(2024, 1, 2), unit_type=UnitType.STATE_AGENCY)
    m.m8.refresh_from_db()
    member_services.record_event(by=SYSTEM, member=m.m8, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=D(2024, 3, 15), organization=agency)
    m.m8.refresh_from_db()
    residence.introduce(by=SYSTEM, member=m.m8, letter_number="5-GGT/ĐU", letter_date=D(2024, 4, 1),
                        residence_address="Thôn Đông", receiving_organization=t.grassroots_a)
    data.agency = agency
    return data


def test_which_figures_are_summarized():
    codes = set(summaries.summarizable_codes())
    assert {"members.total", "members.full", "members.by_sex.female", "members.by_age.to_30",
            "members.by_party_age.under_10", "members.temporary_away", "members.total_start",
            "residence.contact", "organizations.cells", "admissions.pipeline.applied"} <= codes
    reg = registry()
    flows = {c for c in codes if reg.bases[reg[c].base].kind == "flow"}
    # the member-event flows, stored row by row (SummaryFlow); the transfers with the other organization's path
    assert flows == {"members.admitted", "members.admitted.female", "members.admitted.religious",
                     "members.admitted.non_state_enterprise", "members.readmitted", "members.recognized",
                     "members.transferred_in", "members.transferred_out", "members.deceased", "members.struck_off",
                     "members.expelled", "members.left", "members.temporary_out"}
    # the reorganization flows (states against the tree's versions), other apps' flows: live
    assert not {"members.reorganized_in", "members.reorganized_out", "organizations.established"} & codes


def test_window_conditions_read_only_the_end_date(data):
    """A condition that depends on the window is summarized only on a base read on the end date, and then it must
    read nothing of the window but the end date (the summary stores it for a one-day window)."""
    reg = registry()
    org = data.tree.province
    for code in summaries.summarizable_codes():
        figure = reg[code]
        if callable(figure.where) and reg.bases[figure.base].kind == "stock":  # the crossings: test_the_flows_…
            base = reg.bases[figure.base]
            one = base.rows(Window.on(org, TODAY)).filter(figure.condition(Window.on(org, TODAY)))
            year = base.rows(Window.on(org, TODAY)).filter(figure.condition(Window.to_date(org, TODAY)))
            assert str(one.query) == str(year.query), code


@pytest.mark.parametrize("name,make_window", WINDOWS, ids=[n for n, _w in WINDOWS])
def test_summary_equals_the_live_query(richer, name, make_window):
    window = make_window(richer.tree)
    summaries.refresh(_days([window]))
    codes = [f.code for f in registry().ordered()]
    served = summaries.serve(window, codes)
    assert set(served) == set(summaries.summarizable_codes())  # every summarizable figure came from the summary
    live = engine.counts(window, codes, summary=False)
    assert engine.counts(window, codes) == live
    assert {c: live[c] for c in served} == served
    if name != "A on 1/3/2025 (merged away)":
        assert sum(served.values()) > 0


def test_a_figure_set_reads_the_summary_in_a_fixed_number_of_queries(richer):
    """Province or cell: the summarized figures take a fixed number of queries whatever the subtree (the flows: the
    organization's versions, the freshness, one count per kind of count; the stocks: the organization's version on
    each of the two days read, one freshness check, then the province's roll-ups of both days in one statement,
    the cell's (below the roll-up depth) one SUM per day)."""
    t = richer.tree
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    codes = summaries.summarizable_codes()
    numbers = []
    for org in (t.province, t.cell_a1):
        with CaptureQueriesContext(connection) as ctx:
            served = summaries.serve(Window.on(org, TODAY), codes)
        assert set(served) == set(codes)
        numbers.append(len(ctx.captured_queries))
    assert numbers == [7, 8]


ROLLED_UP = [(n, w) for n, w in WINDOWS if not n.startswith("cell")]


def _only_roll_ups_answer(window, codes) -> dict[str, int]:
    """The summary of `window` once the per-organization counts are gone: what the roll-ups alone answer."""
    SummaryCount.objects.all().delete()
    return summaries.serve(window, codes)


@pytest.mark.parametrize("name,make_window", ROLLED_UP, ids=[n for n, _w in ROLLED_UP])
def test_the_roll_ups_equal_the_live_query(richer, name, make_window):
    """The province and the districts (depth <= statistics.rollup_depth, 3 by default: province, districts,
    grassroots) read their subtree totals (SummaryRollup), before, across and after the merger: with every
    per-organization count removed the summary still answers every stock figure, equal to the live query."""
    window = make_window(richer.tree)
    summaries.refresh(_days([window]))
    assert set(SummaryDay.objects.values_list("rollup_depth", flat=True)) == {3}
    assert SummaryRollup.objects.exists()
    codes = summaries.summarizable_codes()
    live = engine.counts(window, codes, summary=False)
    assert _only_roll_ups_answer(window, codes) == {c: live[c] for c in codes}


def test_the_roll_ups_follow_the_marks_and_the_tree(richer):
    """A member event marks its cells: the roll-ups above them are stale with the counts (answered live), and
    `refresh_stale` recomputes them; a change of the tree (a new cell) recomputes every roll-up of the day."""
    t, m = richer.tree, richer.m
    codes = summaries.summarizable_codes()
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    _event(m.m4, EventType.DECEASED, D(2026, 6, 1))  # m4 in A2 (under district B since the merger)
    for org in (t.province, t.district_b):
        assert summaries.serve(Window.on(org, TODAY), codes) == {}  # stale: the engine answers live
    summaries.refresh_stale()
    for org in (t.province, t.district_b, t.grassroots_a):
        live = engine.counts(Window.on(org, TODAY), codes, summary=False)
        rolled = dict(SummaryRollup.objects.filter(on=TODAY, organization_id=org.pk).values_list("code", "value"))
        assert rolled["members.total"] == live["members.total"] and all(live[c] == n for c, n in rolled.items())
    window = Window.on(t.province, TODAY)
    live = engine.counts(window, codes, summary=False)
    assert _only_roll_ups_answer(window, codes) == {c: live[c] for c in codes}

    org_services.establish(by=SYSTEM, parent=t.grassroots_b, name="Chi bộ Mới", code="CBMOI", kind=Kind.CELL,
                           unit_type=UnitType.RESIDENTIAL, effective_date=D(2026, 1, 5))
    assert summaries.serve(window, codes) == {}
    summaries.refresh_stale()
    live = engine.counts(window, codes, summary=False)
    assert live["organizations.cells"] == dict(SummaryRollup.objects.filter(on=TODAY, organization_id=t.province.pk)
                                               .values_list("code", "value"))["organizations.cells"]
    assert _only_roll_ups_answer(window, codes) == {c: live[c] for c in codes}


def test_the_roll_up_depth_is_a_setting(richer):
    """statistics.rollup_depth = 1: only the root (the province here) has its totals; a district sums its
    organizations' counts, and both equal the live query."""
    t = richer.tree
    ParameterValue.objects.create(key="statistics.rollup_depth", value=1, effective_from=D(2000, 1, 1), reason="Thử")
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    assert set(SummaryDay.objects.values_list("rollup_depth", flat=True)) == {1}
    assert set(SummaryRollup.objects.values_list("organization_id", flat=True)) == {t.province.pk}
    codes = summaries.summarizable_codes()
    for org in (t.province, t.district_b):
        window = Window.on(org, TODAY)
        live = engine.counts(window, codes, summary=False)
        assert summaries.serve(window, codes) == {c: live[c] for c in codes}


def test_a_day_not_summarized_is_answered_live(richer):
    t = richer.tree
    summaries.refresh([TODAY])
    window = Window.on(t.province, D(2024, 12, 31))
    assert summaries.serve(window, ["members.total"]) == {}
    assert engine.counts(window, ["members.total"]) == engine.counts(window, ["members.total"], summary=False)


def test_a_change_of_the_register_makes_the_summary_stale_until_refreshed(richer):
    t, m = richer.tree, richer.m
    window = Window.on(t.province, TODAY)
    codes = summaries.summarizable_codes()
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    before = summaries.serve(window, codes)
    assert before["members.total"] == engine.counts(window, ["members.total"], summary=False)["members.total"]

    _event(m.m4, EventType.DECEASED, D(2026, 6, 1))  # m4 in A2
    assert not summaries.is_fresh(t.province, TODAY)
    assert not summaries.is_fresh(t.cell_a2, TODAY)
    assert summaries.serve(window, codes) == {}  # stale: the engine answers live
    live = engine.counts(window, codes, summary=False)
    assert engine.counts(window, codes) == live
    assert live["members.total"] == before["members.total"] - 1
    assert set(SummaryMark.objects.values_list("organization_id", flat=True)) == {t.cell_a2.pk, t.cell_b1.pk}  # m4's cells
    # A subtree without the changed cell stays fresh: its figures still come from the summary.
    assert summaries.is_fresh(t.cell_a1, TODAY)

    done = summaries.refresh_stale()
    assert done.marks_cleared >= 1 and not SummaryMark.objects.exists()
    assert summaries.is_fresh(t.province, TODAY)
    after = summaries.serve(window, codes)
    assert after == {c: live[c] for c in codes}
    assert after["members.total"] == before["members.total"] - 1


def test_a_record_edit_marks_the_members_organizations(richer):
    t, m = richer.tree, richer.m
    summaries.refresh([TODAY])
    m.m7.refresh_from_db()
    member_services.update_member(by=SYSTEM, member=m.m7, expected_version=m.m7.version, sex="female")
    assert set(SummaryMark.objects.values_list("organization_id", flat=True)) == {t.cell_a1.pk}
    window = Window.on(t.province, TODAY)
    summaries.refresh_stale()
    assert summaries.serve(window, ["members.by_sex.female"]) == engine.counts(window, ["members.by_sex.female"],
                                                                               summary=False)


def test_a_change_of_the_tree_marks_everything(richer):
    t = richer.tree
    summaries.refresh([TODAY, TODAY - dt.timedelta(days=1)])
    cells = summaries.serve(Window.on(t.province, TODAY), ["organizations.cells"])["organizations.cells"]
    org_services.establish(by=SYSTEM, parent=t.grassroots_b, name="Chi bộ Mới", code="CBMOI", kind=Kind.CELL,
                           unit_type=UnitType.RESIDENTIAL, effective_date=D(2026, 1, 5))
    assert SummaryMark.objects.filter(organization_id__isnull=True).exists()
    assert not summaries.is_fresh(t.cell_a1, TODAY)
    summaries.refresh_stale()
    window = Window.on(t.province, TODAY)
    codes = summaries.summarizable_codes()
    assert summaries.serve(window, codes) == engine.counts(window, codes, summary=False)
    assert summaries.serve(window, ["organizations.cells"]) == {"organizations.cells": cells + 1}


def test_a_pipeline_change_marks_the_cell(richer):
    t = richer.tree
    summaries.refresh([TODAY])
    admissions.create_candidate(by=SYSTEM, organization=t.cell_b1, full_name="Lý Thị Hạnh", sex="female",
                                date_of_birth=D(2000, 3, 3))
    assert set(SummaryMark.objects.values_list("organization_id", flat=True)) == {t.cell_b1.pk}


def test_nothing_is_marked_while_no_day_is_summarized(richer):
    _event(richer.m.m7, EventType.DECEASED, D(2026, 6, 1))
    assert not SummaryMark.objects.exists()


def test_a_rolled_back_change_leaves_no_mark(richer):
    from dangvu.core.errors import RuleViolation


    summaries.refresh([TODAY])
    with pytest.raises(RuleViolation):  # deceased before admission: refused, the transaction rolled back
        _event(richer.m.m7, EventType.DECEASED, D(1960, 1, 1))
    assert not SummaryMark.objects.exists()


def test_subtree_refresh_and_the_command(richer, capsys):
    t = richer.tree
    call_command("refresh_statistics", "--on", "03/12/2026", "--on", "2025-12-31", "--on", "02/12/2026")
    assert sorted(SummaryDay.objects.values_list("on", flat=True)) == [D(2025, 12, 31), D(2026, 12, 2), TODAY]
    assert "Đã tính tổng hợp ngày 31/12/2025, 02/12/2026, 03/12/2026" in capsys.readouterr().out
    rows = SummaryCount.objects.count()
    assert rows > 0
    # A subtree refresh replaces only the subtree's rows, and clears the marks of its organizations.
    _event(richer.m.m7, EventType.DECEASED, D(2026, 6, 1))
    call_command("refresh_statistics", "--organization", t.cell_b1.code)
    assert SummaryMark.objects.filter(organization_id=t.cell_a1.pk).exists()  # A1 lies outside B1
    call_command("refresh_statistics", "--organization", t.cell_a1.code)
    assert not SummaryMark.objects.exists()
    window = Window.on(t.province, TODAY)
    codes = summaries.summarizable_codes()
    assert summaries.serve(window, codes) == engine.counts(window, codes, summary=False)
    call_command("refresh_statistics", "--stale")
    call_command("refresh_statistics", "--forget", "31/12/2025")
    assert list(SummaryDay.objects.values_list("on", flat=True)) == [D(2026, 12, 2), TODAY]
    assert not SummaryCount.objects.filter(on=D(2025, 12, 31)).exists()


def test_the_command_refuses_bad_input(richer):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--on: Ngày “31/02/2026” không có thật"):
        call_command("refresh_statistics", "--on", "31/02/2026")
    with pytest.raises(CommandError, match="--organization: không có tổ chức đảng mã “NOPE”"):
        call_command("refresh_statistics", "--organization", "NOPE")
    with pytest.raises(CommandError, match="--stale"):
        call_command("refresh_statistics", "--stale", "--on", "03/12/2026")


FLOW_WINDOWS = [*WINDOWS,
                ("province 2020-today", lambda t: Window(t.province, D(2020, 1, 1), TODAY)),
                ("B 1/3/2025 (the merger's day)", lambda t: Window.on(t.district_b, D(2025, 3, 1))),
                ("A 2025 (merged away in the period)", lambda t: Window.year(t.district_a, 2025)),
                ("cell A2 2024 (a transfer in)", lambda t: Window.year(t.cell_a2, 2024)),
                ("province 2024 (the transfer inside it)", lambda t: Window.year(t.province, 2024))]


def _flow_codes() -> list[str]:
    reg = registry()
    return [c for c in summaries.summarizable_codes() if reg.bases[reg[c].base].kind == "flow"]


def test_the_flows_summary_equals_the_live_query_over_periods(richer):
    """Each summarized flow, read from the rows of SummaryFlow over the period, equals the live query, for windows
    of a day, a year and several years, before, on and across the merger (a distinct count: a member counted once)."""
    summaries.refresh([TODAY])
    codes = _flow_codes()
    seen = dict.fromkeys(codes, 0)
    for name, make_window in FLOW_WINDOWS:
        window = make_window(richer.tree)
        served = summaries.serve_flows(window, codes)
        assert set(served) == set(codes), name
        assert served == engine.counts(window, codes, summary=False), name
        for code, n in served.items():
            seen[code] += n
    assert all(seen[c] > 0 for c in ("members.admitted", "members.transferred_in", "members.transferred_out",
                                     "members.deceased", "members.struck_off")), seen
    # m4's transfer B1 -> A2 of 1/9/2024 crosses the districts' subtrees, not the province's
    t = richer.tree
    a = summaries.serve_flows(Window.year(t.district_a, 2024), codes)
    b = summaries.serve_flows(Window.year(t.district_b, 2024), codes)
    province = summaries.serve_flows(Window.year(t.province, 2024), codes)
    assert (a["members.transferred_in"], b["members.transferred_out"]) == (1, 1)
    assert (province["members.transferred_in"], province["members.transferred_out"]) == (0, 0)


def test_a_flow_written_for_a_past_day_makes_the_flows_stale_until_refreshed(richer):
    t, m = richer.tree, richer.m
    window = Window.year(t.province, 2026)
    codes = _flow_codes()
    summaries.refresh([TODAY])
    before = summaries.serve_flows(window, codes)
    assert before and summaries.serve_flows(Window.year(t.cell_a1, 2026), codes)  # fresh everywhere

    _event(m.m4, EventType.DECEASED, D(2026, 2, 10))  # m4 in A2, a death recorded for a past day
    assert summaries.serve_flows(window, codes) == {}  # stale for the province: answered live, and right
    live = engine.counts(window, codes, summary=False)
    assert engine.counts(window, codes) == live and live["members.deceased"] == before["members.deceased"] + 1
    assert summaries.serve_flows(Window.year(t.cell_a1, 2026), codes)  # a subtree the change did not touch

    summaries.refresh_stale()
    assert not SummaryMark.objects.exists()
    assert summaries.serve_flows(window, codes) == live
