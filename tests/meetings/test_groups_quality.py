"""G6 (meeting by party group) and G7 (quality self-assessment on the province's scoring sheet): services, rules with
their citations, the figures."""

import datetime as dt

import pytest

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import RuleViolation
from dangvu.core.figures import Window
from dangvu.meetings import rules, selectors, services
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.rules.models import ParameterValue
from dangvu.statistics import engine

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


def codes(exc):
    return [v.code for v in exc.value.violations]


def _group(cell, n: int):
    return org_services.establish(by=SYSTEM, parent=cell, code=f"{cell.code}.{n:02d}", name=f"Tổ đảng số {n}",
                                  kind=Kind.PARTY_GROUP, effective_date=D(2026, 1, 1), unit_type=UnitType.RESIDENTIAL)


@pytest.fixture
def groups(cell):
    """Cell A1's two party groups; the G6 threshold lowered to A1's five home members (its default is 50)."""
    ParameterValue.objects.create(key="meetings.group_min_members", value=5, effective_from=D(2026, 1, 1), reason="Thử")
    return _group(cell.cell, 1), _group(cell.cell, 2)


def _held(c, group, day, members):
    m = services.schedule_meeting(by=SYSTEM, cell=c.cell, date=day, party_group=group, starts_at=T(8, 0))
    return services.record_held(by=SYSTEM, meeting=m, ends_at=T(9, 45), attendance=[(x, "present", "") for x in members])


def test_g6_refuses_without_groups_below_the_members_and_past_three_months_with_the_source(cast, cell):
    with pytest.raises(RuleViolation) as exc:
        services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 5), party_group=cast.tree.cell_a2)
    assert codes(exc) == ["meeting.group_none", "meeting.group_small"]
    assert "Hướng dẫn 03-HD/TW (27/12/2022) II.1.2" in exc.value.violations[0].text()
    assert "chưa đủ 50 đảng viên" in exc.value.violations[1].message
    g1, _ = _group(cell.cell, 1), None
    with pytest.raises(RuleViolation) as exc:
        services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 5), party_group=g1, kind="thematic", topic="X")
    assert codes(exc) == ["meeting.group_kind", "meeting.group_small"]


def test_g6_group_meetings_count_the_groups_members_and_at_most_three_months(cast, cell, groups):
    g1, g2 = groups
    oct1 = _held(cell, g1, D(2026, 10, 6), [cell.an, cell.binh])
    oct2 = _held(cell, g2, D(2026, 10, 7), [cell.chi, cell.hai])
    # The attendance base is the group's members: two marked, none missing, the vote base of the group's full members.
    assert (oct1.vote_base, oct2.vote_base) == (2, 0)  # Chi is probationary; Hải is hosted (votes at home)
    # A member belongs to one group a month.
    m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 10, 8), party_group=g1)
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=SYSTEM, meeting=m, starts_at=T(8, 0), ends_at=T(9, 45), attendance=[(cell.chi, "present", "")])
    assert codes(exc) == ["attendance.group_twice"] and "Tổ đảng số 2" in exc.value.violations[0].message
    with pytest.raises(RuleViolation) as exc:
        services.record_held(by=SYSTEM, meeting=m, starts_at=T(8, 0), ends_at=T(9, 45), attendance=[])
    assert codes(exc) == ["attendance.group_empty"]
    # The groups' meetings of October are the cell's regular meeting of October (G1).
    assert D(2026, 10, 1) not in selectors.compliance(cell.cell, 2026, D(2026, 12, 3), {
        "meetings.thematic_per_quarter": 1}).missing_months
    _held(cell, g1, D(2026, 9, 8), [cell.an])
    _held(cell, g1, D(2026, 8, 8), [cell.an])
    assert selectors.group_months(cell.cell, 2026) == {D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1)}
    with pytest.raises(RuleViolation) as exc:
        services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 5), party_group=g2)
    assert codes(exc) == ["meeting.group_max"]
    assert "08/2026, 09/2026, 10/2026" in exc.value.violations[0].message and "tối đa 3 lần" in exc.value.violations[0].message
    services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2027, 1, 5), party_group=g2)  # a new year
    services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 5))  # the whole cell, as usual
    held = engine.counts(Window.year(cast.tree.district_a, 2026), ["meetings.held", "meetings.held.group"])
    assert held == {"meetings.held": 4, "meetings.held.group": 4}


def _scores(**overrides):
    full = {key: most for key, _, most in rules.quality_sheet({f"meetings.quality.{k}": p for k, _, p, *_ in SHEET})}
    return full | overrides


from dangvu.rules.parameters import QUALITY_SHEET as SHEET  # noqa: E402


def test_g7_quality_scored_on_the_provinces_sheet_graded_and_counted(cast, cell):
    m = services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 11, 10), starts_at=T(8, 0))
    with pytest.raises(RuleViolation) as exc:
        services.assess_quality(by=SYSTEM, meeting=m, scores=_scores())
    assert codes(exc) == ["quality.not_held"]
    rows = [(e.member_id, "excused" if e.optional else "present", "Theo quy định" if e.optional else "")
            for e in selectors.expected(cell.cell, m.date)]
    m = services.record_held(by=SYSTEM, meeting=m, ends_at=T(10, 0), attendance=rows)
    with pytest.raises(RuleViolation) as exc:
        services.assess_quality(by=cast.secretary_a1, meeting=m, scores=_scores(procedure=6, content=None, other=3))
    assert codes(exc) == ["quality.unknown", "quality.range", "quality.missing"]
    assert "Thực hiện đầy đủ quy trình, nghi thức sinh hoạt: điểm từ 0 đến 5" in exc.value.violations[1].message
    m = services.assess_quality(by=cast.secretary_a1, meeting=m, scores=_scores(content=10))  # 100 − 15
    assert (m.quality_score, m.quality_grade) == (85, "fair")
    assert AuditEntry.objects.filter(action="meetings.quality").latest("id").note.endswith("85 điểm, khá")
    # The province sets its own sheet: no "minutes" criterion, "content" worth 30 from 2026.
    ParameterValue.objects.create(key="meetings.quality.minutes", value=0, effective_from=D(2026, 1, 1), reason="QĐ tỉnh",
                                  province=cast.tree.province)
    ParameterValue.objects.create(key="meetings.quality.content", value=30, effective_from=D(2026, 1, 1), reason="QĐ tỉnh",
                                  province=cast.tree.province)
    sheet = dict((k, p) for k, _, p in services.quality_sheet(m))
    assert "minutes" not in sheet and sheet["content"] == 30 and sum(sheet.values()) == 100
    scores = {k: p for k, p in sheet.items()}
    m = services.assess_quality(by=cast.secretary_a1, meeting=m, scores=scores)
    assert (m.quality_score, m.quality_grade, "minutes" in m.quality_scores) == (100, "good", False)
    codes_ = ["meetings.quality.scored", "meetings.quality.good", "meetings.quality.fair", "meetings.held"]
    assert engine.counts(Window.year(cast.tree.district_a, 2026), codes_) == {
        "meetings.quality.scored": 1, "meetings.quality.good": 1, "meetings.quality.fair": 0, "meetings.held": 1}


def test_pages_record_a_group_meeting_and_its_quality(cast, cell, groups):
    from django.test import Client
    from django.urls import reverse

    g1, _ = groups
    client = Client()
    client.force_login(cast.secretary_a1)
    add = client.get(reverse("meetings:add", args=[cell.cell.pk])).content.decode()
    assert "Sinh hoạt theo tổ đảng" in add and "Tổ đảng số 1" in add
    response = client.post(reverse("meetings:add", args=[cell.cell.pk]), {
        "date": "06/11/2026", "kind": "regular", "party_group": g1.pk, "starts_at": "08:00"})
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = selectors.Meeting.objects.get(party_group=g1)
    url = reverse("meetings:detail", args=[meeting.pk])
    assert "Không thuộc tổ này" in client.get(url).content.decode()
    # Only An and Bình are marked: the others are not in this group.
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), {
        "starts_at": "08:00", "ends_at": "09:40", f"mark_{cell.an.pk}": "present", f"mark_{cell.binh.pk}": "unexcused",
        "version": meeting.version})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert sorted(meeting.attendance.values_list("member_id", flat=True)) == sorted([cell.an.pk, cell.binh.pk])
    sheet = services.quality_sheet(meeting)
    body = {f"quality_{k}": most for k, _, most in sheet} | {"quality_procedure": "9", "version": meeting.version}
    response = client.post(reverse("meetings:quality", args=[meeting.pk]), body)
    assert response.status_code == 400 and "điểm từ 0 đến 5, không phải 9" in response.content.decode()
    response = client.post(reverse("meetings:quality", args=[meeting.pk]), body | {"quality_procedure": "0"})
    assert response.status_code == 302
    text = client.get(url).content.decode()
    assert "Sinh hoạt theo tổ đảng: Tổ đảng số 1" in text and "Tổng điểm: 95, xếp loại tốt." in text
    outsider = Client()
    outsider.force_login(cast.officer_b)
    assert outsider.post(reverse("meetings:quality", args=[meeting.pk]), body).status_code == 404
