"""The API, the pages and the command of the statistics layer: drill-down counts equal the figures,
scope (404 outside), rounding, parameter errors naming the field, the schema, XLSX and the docs."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from dangvu.core.figures import Window, registry
from dangvu.statistics import docs, engine
from dangvu.statistics.params import WindowError, default_window_dates, parse

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize("which, window", [("province", (D(2024, 1, 1), D(2024, 12, 31))),
                                           ("district_b", (D(2025, 1, 1), D(2025, 12, 31))),
                                           ("district_a", (D(2023, 1, 1), D(2025, 6, 30)))])
def test_drill_down_count_equals_the_figure_for_every_figure(data, which, window):
    w = Window(getattr(data.tree, which), *window)
    values = engine.counts(w, list(registry().figures))
    nonzero = 0
    for code, value in values.items():
        assert engine.drill(code, w, data.cast.admin).count() == value, code
        nonzero += bool(value)
    assert nonzero >= 5  # the data set is not empty


def test_drill_down_within_the_user_scope(data):
    w = Window.year(data.tree.province, 2024)
    assert engine.drill("members.total", w, data.cast.officer_a).count() == 5  # A's: m1, m2, m4, m6, m7
    assert engine.drill("members.total", w, data.cast.admin).count() == 6


URL = "/api/statistics/"


def test_api_permission_matrix(data, api):
    district_a = data.tree.district_a.pk
    params = {"organization": district_a, "year": 2024, "figure": "members.total"}
    c = data.cast
    assert api(c.admin).get(URL, params).json() == [
        {"code": "members.total", "label": "Tổng số đảng viên", "value": 5, "denominator": None, "percent": None}]
    assert api(c.officer_a).get(URL, params).status_code == 200
    assert api(c.viewer_a).get(URL, params).status_code == 200
    assert api(c.officer_b).get(URL, params).status_code == 404
    assert api(c.secretary_a1).get(URL, params).status_code == 404
    assert api(c.member_a1).get(URL, params).status_code == 404
    assert api().get(URL, params).status_code == 401
    rows = f"{URL}figures/members.total/rows/"
    assert api(c.officer_b).get(rows, params).status_code == 404
    assert api().get(rows, params).status_code == 401
    assert api(c.secretary_a1).get(URL, {**params, "organization": data.tree.cell_a1.pk}).status_code == 200


def test_api_rows_count_equals_the_value(data, api):
    c = data.cast
    params = {"organization": data.tree.district_a.pk, "year": 2024}
    values = {v["code"]: v["value"] for v in api(c.officer_a).get(URL, params).json()}
    for code in ("members.total", "members.admitted", "members.deceased", "members.by_sex.female", "organizations.cells"):
        body = api(c.officer_a).get(f"{URL}figures/{code}/rows/", params).json()
        assert body["count"] == values[code], code
    body = api(c.officer_a).get(f"{URL}figures/members.by_sex.female/rows/", params).json()
    assert sorted(r["label"] for r in body["results"]) == ["Nguyễn Thị Hoa", "Phạm Thị Tư", "Vũ Thị Sáu"]
    assert api(c.officer_a).get(f"{URL}figures/no.such/rows/", params).status_code == 404


def test_api_rounding(data, api):
    params = {"organization": data.tree.province.pk, "on": "2023-12-31", "figure": "members.by_sex.male"}
    half = api(data.cast.admin).get(URL, params).json()[0]
    cut = api(data.cast.admin).get(URL, {**params, "rounding": "truncate"}).json()[0]
    assert (half["value"], half["denominator"], half["percent"]) == (4, 6, "66,67%")
    assert cut["percent"] == "66,66%"


def test_on_a_date_means_the_year_so_far(data, api):
    """`on=D`: stocks on D, flows from 1 January of D's year to D (the same on the tables); dates as
    dd/mm/yyyy or ISO. Lê Văn Ba died on 10/06/2024: not yet by 09/06, counted from 10/06."""
    params = {"organization": data.tree.district_a.pk, "figure": ["members.deceased", "members.total"]}
    before = {v["code"]: v["value"] for v in api(data.cast.officer_a).get(URL, {**params, "on": "09/06/2024"}).json()}
    on_day = {v["code"]: v["value"] for v in api(data.cast.officer_a).get(URL, {**params, "on": "2024-06-10"}).json()}
    year = {v["code"]: v["value"] for v in api(data.cast.officer_a).get(URL, {**params, "year": 2024}).json()}
    assert (before["members.deceased"], on_day["members.deceased"], year["members.deceased"]) == (0, 1, 1)
    assert before["members.total"] - on_day["members.total"] == 1


def test_api_errors_name_the_field(data, api):
    body = api(data.cast.admin).get(URL, {"year": "20x4", "rounding": "up", "figure": "members.nope"}).json()
    assert set(body) >= {"year", "rounding", "figure"}
    assert "Năm" in body["year"][0] and "half_up" in body["rounding"][0] and "members.nope" in body["figure"][0]
    body = api(data.cast.admin).get(URL, {"from": "2024-05-01", "to": "2024-01-01"}).json()
    assert "from" in body
    assert api(data.cast.admin).get(URL, {"from": "2024-05-01"}).json()["to"]
    assert "on" in api(data.cast.admin).get(URL, {"on": "2024-05-01", "year": 2024}).json()


def test_figure_registry_api(data, api):
    body = api(data.cast.viewer_a).get(f"{URL}figures/").json()
    assert len(body) == len(registry().figures)
    first = {f["code"]: f for f in body}["members.admitted"]
    assert first["kind"] == "flow" and first["subject"] == "members.Member" and first["definition"]
    assert {f["code"]: f for f in body}["members.full"]["denominator"] == "members.total"


def test_schema_has_the_statistics_paths(data, api):
    paths = api(data.cast.admin).get("/api/schema/", {"format": "json"}).json()["paths"]
    for path in ("/api/statistics/", "/api/statistics/figures/", "/api/statistics/figures/{code}/rows/"):
        assert path in paths


def test_default_window():
    assert default_window_dates(D(2026, 1, 15)) == (D(2025, 1, 1), D(2025, 12, 31), "year")
    assert default_window_dates(D(2026, 12, 3)) == (D(2026, 1, 1), D(2026, 12, 3), "period")


def test_parser_needs_an_organization(db):
    from dangvu.organizations.models import Organization

    with pytest.raises(WindowError) as exc:
        parse({"year": "2024"}, Organization.objects.all())
    assert "organization" in exc.value.errors


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_statistics_page_and_drill_down(data):
    c = data.cast
    params = {"organization": data.tree.district_a.pk, "year": "2024", "rounding": "truncate"}
    page = _client(c.officer_a).get("/thong-ke/", params)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-code="members.total"' in text and "/thong-ke/chi-tieu/members.total/?" in text
    drill = _client(c.officer_a).get("/thong-ke/chi-tieu/members.by_sex.female/", params)
    assert drill.status_code == 200
    body = drill.content.decode()
    assert 'data-testid="drill-count">3<' in body and 'data-testid="figure-value">3<' in body
    assert body.count('data-testid="drill-row"') == 3
    assert _client(c.officer_b).get("/thong-ke/", params).status_code == 404
    assert _client(c.officer_b).get("/thong-ke/chi-tieu/members.total/", params).status_code == 404
    assert Client().get("/thong-ke/", params).status_code == 302
    assert _client(c.officer_a).get("/thong-ke/chi-tieu/nope.nope/", params).status_code == 404
    errors = _client(c.officer_a).get("/thong-ke/", {"year": "abcd"}).content.decode()
    assert 'data-testid="error-year"' in errors
    menu = _client(c.officer_a).get("/thong-ke/").content.decode()
    assert 'href="/thong-ke/"' in menu and 'href="/cong-viec/"' in menu


def test_command_json_and_xlsx(data, tmp_path, capsys):
    call_command("statistics", organization="99.001", year="2024", codes=["members.total", "members.full"])
    out = json.loads(capsys.readouterr().out)
    assert out == [{"code": "members.total", "label": "Tổng số đảng viên", "value": 5, "denominator": None, "percent": None},
                   {"code": "members.full", "label": "Đảng viên chính thức", "value": 4, "denominator": 5, "percent": "80,00%"}]
    target = tmp_path / "tk.xlsx"
    call_command("statistics", organization="99.001", year="2024", format="xlsx", output=str(target))
    ws = load_workbook(io.BytesIO(target.read_bytes())).active
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert ws["A1"].value == "ĐẢNG BỘ HUYỆN AN LẠC"
    row = next(r for r in cells if r[2] == "members.full")
    assert row[3:] == [4, 5, "80,00%"]
    assert "31/12/2024" in ws["A4"].value


def test_statistics_doc_is_up_to_date():
    committed = docs.PATH.read_text(encoding="utf-8")
    assert committed == docs.render(), "docs/statistics.md is out of date: run `manage.py statistics_doc`"
    for code in registry().figures:
        assert f"`{code}`" in committed


def test_statistics_doc_check_mode(tmp_path, monkeypatch):
    monkeypatch.setattr(docs, "PATH", tmp_path / "statistics.md")
    with pytest.raises(SystemExit, match="statistics_doc"):
        call_command("statistics_doc", check=True)
    call_command("statistics_doc")
    call_command("statistics_doc", check=True)
