import datetime as dt

import pytest
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.rules import services
from dangvu.rules.models import CalendarDay, ParameterValue
from dangvu.rules.parameters import params_on

CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date


@pytest.mark.django_db
def test_everyone_signed_in_reads_rules_only_admin_sees_edit(client, cast):
    edit = reverse("rules:parameter_edit", args=["probation.months"])
    for who in CAST:
        client.force_login(getattr(cast, who))
        page = client.get(reverse("rules:overview"), {"as_of": "01/06/2020"})
        assert page.status_code == 200
        html = page.content.decode()
        assert "QĐ 29-QĐ/TW" in html and 'data-testid="current-regime"' in html
        assert ("Đặt giá trị" in html) == (who == "admin"), who
        assert client.get(edit).status_code == (200 if who == "admin" else 404), who
        assert client.get(reverse("rules:calendar"), {"year": 2026}).status_code == 200


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    for url in (reverse("rules:overview"), reverse("rules:calendar")):
        assert client.get(url).status_code == 302


@pytest.mark.django_db
def test_current_regime_follows_the_chosen_date(client, cast):
    client.force_login(cast.officer_a)
    html = client.get(reverse("rules:overview"), {"as_of": "23/11/2026"}).content.decode()
    current = html.split('data-testid="current-regime"')[1].split("</tr>")[0]
    # QĐ 208 is not applied until an administrator confirms its official text.
    assert "QĐ 294-QĐ/TW" in current
    services.set_parameter(by=cast.admin, key="regimes.qd208_confirmed", value=1, effective_from=dt.date(2026, 7, 26),
                           reason="Đã đối chiếu bản chính thức")
    html = client.get(reverse("rules:overview"), {"as_of": "23/11/2026"}).content.decode()
    assert "QĐ 208-QĐ/TW" in html.split('data-testid="current-regime"')[1].split("</tr>")[0]
    assert "Quy định số 208-QĐ/TW, ngày 26/7/2026" in html.split('data-testid="chains"')[1].split("</table>")[0]


@pytest.mark.django_db
def test_admin_sets_a_parameter_through_the_form(client, cast):
    client.force_login(cast.admin)
    url = reverse("rules:parameter_edit", args=["admission.file_validity_months"])
    missing = client.post(url, {"value": "6", "effective_from": "01/01/2026", "reason": ""})
    assert "Căn cứ, lý do: bắt buộc nhập." in missing.content.decode()
    bad = client.post(url, {"value": "0", "effective_from": "01/01/2026", "reason": "HD 5-HD/TU"})
    assert bad.status_code == 200
    assert "phải từ 1 đến 120" in bad.content.decode() and not ParameterValue.objects.exists()
    ok = client.post(url, {"value": "6", "effective_from": "01/01/2026", "reason": "HD 5-HD/TU"})
    assert ok.status_code == 302
    assert params_on(D(2026, 1, 1))["admission.file_validity_months"] == 6
    assert "6 từ 01/01/2026: HD 5-HD/TU" in client.get(reverse("rules:overview")).content.decode()


@pytest.mark.django_db
def test_officer_cannot_post_a_parameter(client, cast):
    client.force_login(cast.officer_a)
    url = reverse("rules:parameter_edit", args=["probation.months"])
    assert client.post(url, {"value": "6", "effective_from": "01/01/2026", "reason": "x"}).status_code == 404
    assert not ParameterValue.objects.exists()


@pytest.mark.django_db
def test_deadline_calculator_on_the_page(client, cast):
    client.force_login(cast.secretary_a1)
    html = client.get(reverse("rules:overview"), {"start": "02/01/2026", "working_days": "31"}).content.decode()
    assert "<strong>23/02/2026</strong>" in html
    html = client.get(reverse("rules:overview"), {"start": "02/01/2026", "working_days": "abc"}).content.decode()
    assert "working_days: Số ngày làm việc “abc” không hợp lệ: ghi một số nguyên từ 1 đến 400." in html


@pytest.mark.django_db
def test_admin_adds_and_removes_a_calendar_day_audited(client, cast):
    client.force_login(cast.admin)
    url = reverse("rules:calendar")
    refused = client.post(url, {"date": "02/12/2026", "kind": "makeup_workday", "name": "Làm bù"})
    assert "ngày làm bù phải là thứ Bảy hoặc Chủ nhật" in refused.content.decode()
    assert client.post(url, {"date": "05/12/2026", "kind": "makeup_workday", "name": "Làm bù"}).status_code == 302
    day = CalendarDay.objects.get(date=D(2026, 12, 5))
    duplicate = client.post(url, {"date": "05/12/2026", "kind": "holiday", "name": "Trùng"})
    assert "đã có trong lịch" in duplicate.content.decode()
    assert client.post(reverse("rules:calendar_remove", args=[day.pk])).status_code == 302
    assert not CalendarDay.objects.filter(date=D(2026, 12, 5)).exists()
    actions = list(AuditEntry.objects.filter(action__startswith="rules.day").order_by("id").values_list("action", flat=True))
    assert actions == ["rules.day_added", "rules.day_removed"]


@pytest.mark.django_db
def test_officer_cannot_change_the_calendar(client, cast):
    client.force_login(cast.officer_a)
    day = CalendarDay.objects.get(date=D(2026, 9, 2))
    assert client.post(reverse("rules:calendar"), {"date": "05/12/2026", "kind": "holiday", "name": "x"}).status_code == 404
    assert client.post(reverse("rules:calendar_remove", args=[day.pk])).status_code == 404
    assert CalendarDay.objects.filter(pk=day.pk).exists()


@pytest.mark.django_db
def test_api_rules_on_a_date(api, cast):
    answer = api(cast.viewer_a).get("/api/rules/", {"as_of": "2020-06-01"}).json()
    assert answer["regime"]["code"] == "qd29"
    keys = {p["key"]: p for p in answer["parameters"]}
    assert keys["admission.min_age_months"]["value"] == 216 and keys["admission.min_age_months"]["status"] == "CONF"
    assert api().get("/api/rules/").status_code in (401, 403)
    assert api(cast.viewer_a).get("/api/rules/", {"as_of": "31/02/2020"}).status_code == 400


@pytest.mark.django_db
def test_api_set_parameter_admin_only(api, cast):
    body = {"key": "probation.months", "value": 12, "effective_from": "01/01/2027", "reason": "QĐ mới"}
    assert api(cast.officer_a).post("/api/rules/", body, format="json").status_code == 403
    created = api(cast.admin).post("/api/rules/", body, format="json")
    assert created.status_code == 201 and created.json()["value"] == 12
    refused = api(cast.admin).post("/api/rules/", body | {"value": 0}, format="json")
    assert refused.status_code == 400 and refused.json()["violations"][0]["field"] == "value"


@pytest.mark.django_db
def test_api_deadline_and_calendar(api, cast):
    client = api(cast.member_a1)
    assert client.get("/api/rules/deadline/", {"start": "02/01/2026", "working_days": 60}).json()["deadline"] == "2026-04-03"
    assert client.get("/api/rules/deadline/", {"start": "02/01/2026", "working_days": 0}).status_code == 400
    assert client.get("/api/rules/deadline/", {"working_days": 5}).status_code == 400
    days = client.get("/api/rules/calendar/", {"year": 2026}).json()
    assert {"date": "2026-02-17", "kind": "holiday"}.items() <= next(d for d in days if d["date"] == "2026-02-17").items()


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "regime", "deadline"), [
    ({"as_of": "01/06/2020"}, "qd29", None),
    ({"as_of": "2026-06-01"}, None, None),
    ({"start": "02/01/2026", "working_days": "31"}, None, "2026-02-23"),
    ({"start": "2026-01-02", "working_days": "31"}, None, "2026-02-23"),
])
def test_page_and_api_read_the_same_parameters(client, api, cast, query, regime, deadline):
    """The rules page and /api/rules/ (…/deadline/) take as_of, start, working_days alike."""
    client.force_login(cast.viewer_a)
    page = client.get(reverse("rules:overview"), query)
    assert page.status_code == 200 and page.context["errors"] == []
    if "as_of" in query:
        answer = api(cast.viewer_a).get("/api/rules/", query).json()
        assert page.context["current"].code == answer["regime"]["code"]
        assert regime is None or answer["regime"]["code"] == regime
    else:
        answer = api(cast.viewer_a).get("/api/rules/deadline/", query).json()
        assert page.context["check"]["end"].isoformat() == answer["deadline"] == deadline
