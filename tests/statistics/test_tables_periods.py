"""Period locking: a submitted period is frozen; a later correction of the register shows as an explained
difference, never by changing the submitted figures; a period is submitted once; only the level above
reopens it, with a reason, audited."""

import datetime as dt

import pytest
import time_machine

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.core.figures import Window, registry
from dangvu.members import services as members
from dangvu.members.kinds import EventType
from dangvu.statistics import periods, services, tables
from dangvu.statistics.models import SubmittedFigure, SubmittedPeriod
from tests.clock import moment
from tests.conftest import _user
from tests.members import register
from tests.statistics.tables_data import build

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2025-01-10")]
D = dt.date


def _submit(cast, org=None, by=None):
    return services.submit_period(by=by or cast.officer_a, organization=org or cast.tree.district_a,
                                  start=D(2024, 1, 1), end=D(2024, 12, 31), note="Gửi Ban Tổ chức Tỉnh ủy")


def _value(filled, code):
    return next(c for c in filled.cells if c.line.code == code)


def test_submit_freezes_every_registered_figure_and_is_audited(cast):
    build(cast.tree)
    period = _submit(cast)
    frozen = {f.code: f for f in SubmittedFigure.objects.filter(period=period)}
    assert set(frozen) == set(registry().figures)
    assert (frozen["members.total"].value, frozen["members.deceased"].value, frozen["members.full"].denominator) == (4, 1, 4)
    assert period.organization_name == "Đảng bộ huyện An Lạc" and period.submitted_by_label.startswith("Nguyễn Văn An")
    entry = AuditEntry.objects.get(action="statistics.submit")
    assert entry.object_id == str(period.pk) and entry.action_label.startswith("Nộp biểu thống kê")


def test_a_late_correction_leaves_the_submitted_tables_and_shows_as_an_explained_difference(cast, frozen_clock):
    data = build(cast.tree)
    period = _submit(cast)
    window = Window.year(cast.tree.district_a, 2024)
    # A month later the death of Trần Văn Bình on 15/12/2024 is recorded (dated in the period).
    with time_machine.travel(moment("2025-02-10"), tick=False):
        members.record_event(by=SYSTEM, member=data.binh, event_type=EventType.DECEASED, effective_date=D(2024, 12, 15))
        frozen_t2 = periods.fill(tables.get("bieu-2"), window)
        live_t2 = periods.fill(tables.get("bieu-2"), window, live=True)
        report = periods.differences(period, cast.officer_a)
    assert frozen_t2.submitted == period
    assert (_value(frozen_t2, "members.total").value, _value(frozen_t2, "members.deceased").value) == (4, 1)
    assert all(c.frozen for c in frozen_t2.cells if c.line.code)
    assert (_value(live_t2, "members.total").value, _value(live_t2, "members.deceased").value) == (3, 2)
    # The submitted copy itself is unchanged.
    assert SubmittedFigure.objects.get(period=period, code="members.total").value == 4
    diffs = {d.code: d for d in report.differences}
    total, deceased = diffs["members.total"], diffs["members.deceased"]
    assert (total.submitted, total.live, total.delta, total.delta_text) == (4, 3, -1, "-1")
    assert (deceased.submitted, deceased.live, deceased.delta_text) == (1, 2, "+1")
    assert [r.label for r in deceased.counted_now] == ["Trần Văn Bình"]
    assert [r.label for r in total.not_counted_now] == ["Trần Văn Bình"]
    assert {"members.full", "members.by_sex.male", "members.by_age.41_50"} <= set(diffs)
    assert "members.admitted" not in diffs and "members.by_sex.female" not in diffs
    assert [r.label for r in report.changed] == ["Trần Văn Bình"]
    assert report.changed[0].changes[0].data["effective_date"] == "2024-12-15"


def test_nothing_changed_means_no_difference(cast):
    build(cast.tree)
    period = _submit(cast)
    report = periods.differences(period, cast.officer_a)
    assert report.clean and report.changed == [] and report.unregistered == []


def test_submitting_twice_is_refused_in_vietnamese(cast):
    build(cast.tree)
    _submit(cast)
    with pytest.raises(RuleViolation) as caught:
        _submit(cast, by=cast.admin)
    violation = caught.value.violations[0]
    assert violation.code == "statistics.already_submitted" and violation.field == "period"
    assert "đã được nộp" in violation.message and "cấp trên phải mở lại" in violation.message
    assert SubmittedPeriod.objects.count() == 1


def test_a_period_not_over_cannot_be_submitted(cast):
    with pytest.raises(RuleViolation) as caught:
        services.submit_period(by=cast.officer_a, organization=cast.tree.district_a, start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert caught.value.violations[0].code == "statistics.period_not_over"


def test_who_may_submit(cast):
    for who in ("viewer_a", "secretary_a1", "member_a1", "officer_b"):
        with pytest.raises(PermissionDeniedInScope):
            _submit(cast, by=getattr(cast, who))
    assert SubmittedPeriod.objects.count() == 0
    assert _submit(cast, org=cast.tree.cell_a1).organization == cast.tree.cell_a1


def test_reopen_only_from_the_level_above_with_a_reason_and_audited(cast):
    build(cast.tree)
    period = _submit(cast)
    province_officer = _user("officer_p", "Vũ Thị Phương", cast.tree.province, Role.ORG_OFFICER)
    for who in (cast.officer_a, cast.viewer_a, cast.officer_b, cast.secretary_a1):
        assert not services.may_reopen(who, period)
        with pytest.raises(PermissionDeniedInScope):
            services.reopen_period(by=who, period=period, reason="Sai số liệu")
    with pytest.raises(RuleViolation) as caught:
        services.reopen_period(by=province_officer, period=period, reason="  ")
    assert caught.value.violations[0].field == "reason"
    reopened = services.reopen_period(by=province_officer, period=period, reason="Bổ sung đảng viên từ trần",
                                      expected_version=period.version)
    assert not reopened.is_open and reopened.reopen_reason == "Bổ sung đảng viên từ trần"
    entry = AuditEntry.objects.get(action="statistics.reopen")
    assert entry.note == "Bổ sung đảng viên từ trần" and entry.actor == province_officer
    # The copy stays; the tables are live again; the period can be submitted anew.
    assert SubmittedFigure.objects.filter(period=period).exists()
    assert periods.fill(tables.get("bieu-2"), Window.year(cast.tree.district_a, 2024)).submitted is None
    again = _submit(cast)
    assert again.pk != period.pk and SubmittedPeriod.objects.current().get() == again


def test_an_officer_above_reopens_a_lower_submission_and_the_admin_any(cast):
    build(cast.tree)
    lower = _submit(cast, org=cast.tree.grassroots_a)
    assert services.may_reopen(cast.officer_a, lower)  # district A is above the commune committee
    assert services.may_reopen(cast.admin, lower) and services.may_reopen(SYSTEM, lower)
    services.reopen_period(by=cast.officer_a, period=lower, reason="Đơn vị báo cáo lại")


def test_the_period_page_and_the_xlsx_show_the_frozen_copy_and_the_difference(cast, client):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    data = build(cast.tree)
    period = _submit(cast)
    with time_machine.travel(moment("2025-02-10"), tick=False):
        members.record_event(by=SYSTEM, member=data.binh, event_type=EventType.DECEASED, effective_date=D(2024, 12, 15))
        client.force_login(cast.officer_a)
        page = client.get(reverse("statistics_tables:period", args=[period.pk])).content.decode()
        xlsx = client.get(reverse("statistics_tables:download"),
                          {"organization": cast.tree.district_a.pk, "year": 2024, "table": "bieu-2"}).content
    assert 'data-code="members.total"' in page and ">-1<" in page and ">+1<" in page
    assert "Trần Văn Bình" in page and "hiệu lực 15/12/2024" in page and "Từ trần" in page
    ws = load_workbook(io.BytesIO(xlsx)).active
    values = {row[0].value: row[2].value for row in ws.iter_rows() if row[0].value}
    assert values["Đảng viên cuối kỳ"] == 4 and values["Đảng viên từ trần"] == 1
    assert any("Số liệu đã nộp ngày 10/01/2025" in str(v) for v in values)


def test_a_late_card_and_badge_show_as_differences_with_their_audit_entries(cast, frozen_clock):
    """A card issued on 20/12/2024 and a badge presented on 15/12/2024, both recorded after the 2024 tables
    were submitted: the card and badge figures differ, and the members' audit entries (awards.card,
    awards.badge) are listed under them with the date they took effect."""
    from dangvu.awards import services as awards
    from dangvu.awards.models import CardKind

    data = build(cast.tree)
    old = register("Vũ Văn Lão", cast.tree.cell_a2, born=D(1950, 1, 1), admitted=D(1990, 3, 1), joined_on=D(2012, 1, 1),
                   admitted_in="Chi bộ cũ")
    period = _submit(cast)
    with time_machine.travel(moment("2025-02-10"), tick=False):
        awards.issue_card(by=cast.officer_a, member=data.hoa, number="12345678", kind=CardKind.ISSUE,
                          issued_on=D(2024, 12, 20), decision_number="5-QĐ/ĐU", decision_date=D(2024, 12, 10))
        awards.record_award(by=cast.officer_a, member=old, milestone=30, presentation_on=D(2024, 12, 15),
                            decision_number="7-QĐ/TU", decision_date=D(2024, 12, 1))
        report = periods.differences(period, cast.officer_a)
    diffs = {d.code: d for d in report.differences}
    assert (diffs["awards.cards"].submitted, diffs["awards.cards"].live) == (0, 1)
    assert (diffs["awards.badges.30"].submitted, diffs["awards.badges.30"].live) == (0, 1)
    assert [r.label for r in diffs["awards.cards"].counted_now] == ["Lê Thị Hoà"]
    assert [r.label for r in diffs["awards.badges.30"].counted_now] == ["Vũ Văn Lão"]
    card = next(c for c in diffs["awards.cards"].counted_now[0].changes if c.data.get("issued_on"))
    badge = next(c for c in diffs["awards.badges.30"].counted_now[0].changes if c.data.get("presentation_on"))
    assert card.effective_date == D(2024, 12, 20) and "thẻ" in card.action.lower()
    assert badge.effective_date == D(2024, 12, 15) and "huy hiệu" in badge.action.lower()
    assert "members.total" not in diffs  # neither changes who is a member
