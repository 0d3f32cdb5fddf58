"""Targets: set through the services (audited), broken down, the actual computed from the registry
over the subtree (roll-up), a code not registered yet ("chưa có số liệu"), actuals entered by hand
with evidence, the headline, the pages and the API with the permission matrix."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.rules.models import ParameterValue
from dangvu.statistics import dashboard
from dangvu.targets import services
from dangvu.targets.evaluation import evaluate, headline
from dangvu.targets.models import Target
from tests.members import register

D = dt.date
YEAR = dict(plan_kind="yearly", source="Kế hoạch năm 2024", period_start=D(2024, 1, 1), period_end=D(2024, 12, 31))


@pytest.fixture
def world(cast):
    t = cast.tree
    register("Nguyễn Văn Một", t.cell_a1, admitted=D(2024, 3, 1), full=False)
    register("Trần Thị Hai", t.cell_a1, sex="female", admitted=D(2024, 5, 1), full=False)
    register("Lê Văn Ba", t.cell_a2, admitted=D(2024, 6, 1), full=False)
    register("Hoàng Văn Sáu", t.cell_b1, admitted=D(2024, 8, 1), full=False)
    admitted = services.create_target(by=cast.officer_a, organization=t.district_a, number="1", text="Kết nạp ≥ 3 đảng viên",
                                      comparison="gte", threshold=Decimal(3), measure="figure",
                                      figure_code="members.admitted", **YEAR)
    women = services.create_target(by=cast.officer_a, organization=t.district_a, number="2",
                                   text="Tỷ lệ đảng viên nữ ≥ 50%", comparison="gte", threshold=Decimal(50),
                                   measure="figure", figure_code="members.by_sex.female", as_percent=True, **YEAR)
    graded = services.create_target(by=cast.officer_a, organization=t.district_a, number="3",
                                    text="≥ 85% TCCSĐ hoàn thành tốt nhiệm vụ trở lên", comparison="gte",
                                    threshold=Decimal(85), measure="figure", as_percent=True,
                                    figure_code="organizations.grassroots.good_or_better", **YEAR)
    classes = services.create_target(by=cast.officer_a, organization=t.district_a, number="4",
                                     text="Mở ít nhất 2 lớp bồi dưỡng", comparison="gte", threshold=Decimal(2),
                                     measure="manual", **YEAR)
    return t, admitted, women, graded, classes


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_actuals_statuses_and_headline(cast, world):
    t, admitted, women, graded, classes = world
    ev = evaluate(Target.objects.filter(organization=t.district_a).select_related("organization"), D(2025, 1, 15))
    # District A admitted 3 in 2024 (two in cell A1, one in A2): met.
    assert (ev[admitted.pk].value, ev[admitted.pk].status) == (3, "met")
    # One woman of three members on 31/12/2024: 33,33% < 50%: missed.
    assert ev[women.pk].actual_display == "33,33% (1/3)" and ev[women.pk].status == "missed"
    # A code a later capability will register: no data, but the target is kept as written.
    assert not ev[graded.pk].registered and ev[graded.pk].status == "no_data"
    assert ev[graded.pk].actual_display == "chưa có số liệu"
    assert ev[classes.pk].status == "no_data"
    assert headline(ev.values()) == "1/4 chỉ tiêu đạt và vượt"
    services.record_actual(by=cast.officer_a, target=classes, value=Decimal(2), recorded_on=D(2024, 12, 20),
                           evidence="Báo cáo 12-BC/HU ngày 20/12/2024")
    ev = evaluate([classes], D(2025, 1, 15))
    assert (ev[classes.pk].value, ev[classes.pk].status) == (Decimal(2), "met")
    entry = AuditEntry.objects.filter(action="targets.record_actual").get()
    assert entry.object_id == str(classes.pk) and "12-BC/HU" in str(entry.changes)
    assert AuditEntry.objects.filter(action="targets.create").count() == 4


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_breakdown_rolls_up(cast, world):
    t, admitted, *_rest, classes = world
    a1 = services.create_target(by=cast.officer_a, organization=t.cell_a1, parent=admitted, text="Chi bộ thôn Đông ≥ 2",
                                comparison="gte", threshold=Decimal(2), measure="figure", figure_code="members.admitted")
    a2 = services.create_target(by=cast.officer_a, organization=t.cell_a2, parent=admitted, text="Chi bộ thôn Tây ≥ 2",
                                comparison="gte", threshold=Decimal(2), measure="figure", figure_code="members.admitted")
    assert (a1.period_start, a1.period_end, a1.source) == (admitted.period_start, admitted.period_end, admitted.source)
    ev = evaluate(Target.objects.filter(pk__in=[admitted.pk, a1.pk, a2.pk]).select_related("organization"), D(2025, 1, 15))
    # The parent's actual is its subtree's: the children's own add up to it.
    assert (ev[a1.pk].value, ev[a2.pk].value, ev[admitted.pk].value) == (2, 1, 3)
    assert (ev[a1.pk].status, ev[a2.pk].status) == ("met", "missed")
    # A manual target without its own entry sums its breakdown's entries.
    c1 = services.create_target(by=cast.officer_a, organization=t.grassroots_a, parent=classes, text="Xã ≥ 1 lớp",
                                comparison="gte", threshold=Decimal(1), measure="manual")
    services.record_actual(by=cast.officer_a, target=c1, value=Decimal(1), recorded_on=D(2024, 11, 1), evidence="Báo cáo xã")
    ev = evaluate([classes, c1], D(2025, 1, 15))
    assert ev[classes.pk].value == 1 and ev[classes.pk].rolled_up and ev[classes.pk].status == "missed"
    # A breakdown goes to an organization below the parent's, nowhere else.
    with pytest.raises(RuleViolation) as exc:
        services.create_target(by=SYSTEM, organization=t.cell_b1, parent=admitted, text="x", comparison="gte",
                               threshold=Decimal(1), measure="figure", figure_code="members.admitted")
    assert exc.value.violations[0].field == "organization"


@pytest.mark.django_db
def test_definition_rules_name_the_field(cast, world):
    t = world[0]
    cases = [
        (dict(comparison="between", threshold=Decimal(2)), "threshold_high"),
        (dict(comparison="between", threshold=Decimal(3), threshold_high=Decimal(2)), "threshold_high"),
        (dict(comparison="gte", threshold=Decimal(120), as_percent=True), "threshold"),
        (dict(comparison="gte", threshold=Decimal(1), figure_code=""), "figure_code"),
        (dict(comparison="gte", threshold=Decimal(1), figure_code="Members Admitted"), "figure_code"),
        (dict(comparison="gte", threshold=Decimal(1), figure_code="members.admitted", period_end=D(2023, 1, 1)), "period_end"),
    ]
    for extra, field in cases:
        args = dict(by=cast.officer_a, organization=t.district_a, text="x", measure="figure", **YEAR)
        args.update({"figure_code": "members.admitted", **extra})
        with pytest.raises(RuleViolation) as exc:
            services.create_target(**args)
        assert field in [v.field for v in exc.value.violations], (extra, exc.value)


@pytest.mark.django_db
def test_congress_target_takes_its_period_from_the_term(cast):
    from dangvu.organizations import committees

    t = cast.tree
    term = committees.create_term(by=SYSTEM, organization=t.grassroots_a, name="2025–2030", start_date=D(2025, 7, 1))
    target = services.create_target(by=cast.officer_a, organization=t.grassroots_a, plan_kind="congress",
                                    source="Nghị quyết Đại hội lần thứ I", period_start=D(2025, 7, 1), text="Kết nạp ≥ 10",
                                    comparison="gte", threshold=Decimal(10), measure="figure", figure_code="members.admitted")
    assert target.term == term and target.period_end == D(2030, 6, 30)


@pytest.mark.django_db
def test_only_officers_of_the_subtree_write(cast, world):
    t, admitted, *_rest, classes = world
    for user in (cast.viewer_a, cast.secretary_a1, cast.officer_b):
        with pytest.raises(PermissionDeniedInScope):
            services.create_target(by=user, organization=t.district_a, text="x", comparison="gte", threshold=Decimal(1),
                                   measure="manual", **YEAR)
        with pytest.raises(PermissionDeniedInScope):
            services.record_actual(by=user, target=classes, value=Decimal(1), recorded_on=D(2024, 5, 1), evidence="x")


@pytest.mark.django_db
def test_the_tolerance_parameter_is_read_from_the_rules_engine(cast, world):
    t = world[0]
    on = D(2024, 7, 1)  # during the year: a share of 40% against ≥ 50% is 20% short
    manual = services.create_target(by=cast.officer_a, organization=t.district_a, text="≥ 50% chi bộ sinh hoạt chuyên đề",
                                    comparison="gte", threshold=Decimal(50), measure="manual", as_percent=True, **YEAR)
    services.record_actual(by=SYSTEM, target=manual, value=Decimal(40), recorded_on=D(2024, 6, 1), evidence="Báo cáo 6 tháng")
    assert evaluate([manual], on)[manual.pk].status == "at_risk"  # default tolerance 10%: below 45%
    ParameterValue.objects.create(key="targets.at_risk_tolerance_percent", value=25, effective_from=D(2024, 1, 1),
                                  reason="Thử")
    assert evaluate([manual], on)[manual.pk].status == "on_track"  # 25%: 37,5% is enough
    assert evaluate([manual], D(2025, 1, 1))[manual.pk].status == "missed"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
@pytest.mark.parametrize("who, read, write", [
    ("officer_a", 200, True), ("viewer_a", 200, False), ("secretary_a1", 404, False), ("officer_b", 404, False),
    ("member_a1", 404, False), ("admin", 200, True),
])
def test_permission_matrix(cast, world, who, read, write):
    t, admitted, *_rest, classes = world
    user = getattr(cast, who)
    page = _client(user)
    listing = page.get(reverse("targets:list") + f"?organization={t.district_a.pk}&year=2024")
    assert listing.status_code == read
    assert page.get(reverse("targets:detail", args=[admitted.pk])).status_code == read
    api = APIClient()
    api.force_authenticate(user)
    assert api.get(reverse("target-detail", args=[admitted.pk])).status_code == read
    ids = [row["id"] for row in api.get(reverse("target-list")).json()["results"]]
    assert (admitted.pk in ids) == (read == 200)
    edit = page.get(reverse("targets:edit", args=[admitted.pk])).status_code
    assert edit == (200 if write else (403 if read == 200 else 404))
    response = api.post(reverse("target-actuals", args=[classes.pk]),
                        {"value": "2", "recorded_on": "2024-12-20", "evidence": "Báo cáo"}, format="json")
    assert response.status_code == (201 if write else (403 if read == 200 else 404))
    if read == 200:
        body = listing.content.decode()
        assert "Kết nạp ≥ 3 đảng viên" in body and "chỉ tiêu đạt và vượt" in body


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_pages_and_api_write_through_the_services(cast, world):
    t, admitted, *_ = world
    page = _client(cast.officer_a)
    response = page.post(reverse("targets:add") + f"?organization={t.district_a.pk}", {
        "plan_kind": "yearly", "source": "Kế hoạch năm 2025", "period_start": "01/01/2025", "period_end": "31/12/2025",
        "number": "9", "text": "Kết nạp ≥ 5 đảng viên", "comparison": "gte", "threshold": "5", "measure": "figure",
        "figure_code": "members.admitted"})
    assert response.status_code == 302
    created = Target.objects.get(number="9")
    response = page.post(reverse("targets:edit", args=[created.pk]), {
        "number": "9", "text": "Kết nạp ≥ 6 đảng viên", "comparison": "gte", "threshold": "6", "measure": "figure",
        "figure_code": "members.admitted", "source": "Kế hoạch năm 2025", "period_start": "01/01/2025",
        "period_end": "31/12/2025", "version": created.version})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.threshold == 6 and created.version == 2
    # A stale version: 409 in the API.
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    stale = api.patch(reverse("target-detail", args=[created.pk]), {"threshold": "7", "version": 1}, format="json")
    assert stale.status_code == 409
    ok = api.patch(reverse("target-detail", args=[created.pk]), {"threshold": "7", "version": 2}, format="json")
    assert ok.status_code == 200 and ok.json()["threshold"] == "7.00"
    made = api.post(reverse("target-list"), {"organization": t.cell_a1.pk, "parent": admitted.pk, "text": "Thôn Đông ≥ 2",
                                             "comparison": "gte", "threshold": "2", "measure": "figure",
                                             "figure_code": "members.admitted"}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["evaluation"]["status"] == "met" and made.json()["period_end"] == "2024-12-31"
    bad = api.post(reverse("target-list"), {"organization": t.district_a.pk, "text": "x", "comparison": "between",
                                            "threshold": "2", "measure": "figure", "figure_code": "members.admitted",
                                            "period_start": "2025-01-01", "period_end": "2025-12-31"}, format="json")
    assert bad.status_code == 400 and "threshold_high" in bad.json()


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_targets_on_the_dashboard(cast, world):
    t = world[0]
    data = dashboard.build(cast.officer_a, t.district_a, 2024)
    panel = next(p for p in data["panels"] if p["code"] == "targets")
    assert panel["headline"] == "1/4 chỉ tiêu đạt và vượt" and panel["total"] == 4
    assert {s["status"]: s["value"] for s in panel["statuses"]} == {"met": 1, "on_track": 0, "at_risk": 0, "missed": 1,
                                                                    "no_data": 2}
    body = _client(cast.officer_a).get(reverse("dashboard:index") + f"?organization={t.district_a.pk}&year=2024").content.decode()
    assert "1/4 chỉ tiêu đạt và vượt" in body


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_evidence_file_is_kept_and_served_within_the_scope(cast, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    classes = world[4]
    page = _client(cast.officer_a)
    response = page.post(reverse("targets:actual", args=[classes.pk]), {
        "value": "2", "recorded_on": "20/12/2024", "evidence": "Báo cáo 12-BC/HU",
        "evidence_file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 minh chung", content_type="application/pdf")})
    assert response.status_code == 302
    entry = classes.actuals.get()
    assert entry.evidence_file.name.endswith("bao-cao.pdf")
    url = reverse("targets:evidence", args=[entry.pk])
    download = page.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 minh chung"
    assert _client(cast.officer_b).get(url).status_code == 404
    assert "bao-cao.pdf" not in _client(cast.officer_b).get(reverse("targets:detail", args=[classes.pk])).content.decode()


@pytest.mark.django_db
@pytest.mark.on_date("2025-01-15")
def test_the_year_end_report_has_the_targets_section(cast, world):
    """The report's targets section names each target with its result and status, and the headline;
    the numbers are the evaluation's (the engine's for figure targets)."""
    from dangvu.reports import builder

    t, *_targets = world
    report = builder.build(t.district_a, 2024)
    section = next(s for s in report.sections if s.key == "targets")
    assert section.paragraphs == ["Về thực hiện các chỉ tiêu nghị quyết, kế hoạch: 1/4 chỉ tiêu đạt và vượt; "
                                  "1 chỉ tiêu chưa đạt."]
    rows = {r.label: (r.value, r.percent) for r in section.tables[0].rows}
    assert rows["1. Kết nạp ≥ 3 đảng viên"] == ("≥ 3 → 3", "Đạt và vượt")
    assert rows["2. Tỷ lệ đảng viên nữ ≥ 50%"] == ("≥ 50% → 33,33% (1/3)", "Không đạt")
    assert rows["3. ≥ 85% TCCSĐ hoàn thành tốt nhiệm vụ trở lên"][0] == "≥ 85% → chưa có số liệu"
    # District B has no targets: no such section.
    assert "targets" not in [s.key for s in builder.build(t.district_b, 2024).sections]
