"""Pages and API of the official tables for the named cast: officers and viewers of district A read its
tables, outsiders get 404, anonymous users are sent to log in; only officers submit; the API answers
the same cells and is in the OpenAPI schema."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangvu.core.figures import Window
from dangvu.statistics import engine, services
from dangvu.statistics.models import SubmittedPeriod
from tests.api.conftest import FreshUserClient
from tests.statistics.tables_data import build

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2025-01-10")]

OK, RO, NF, LOGIN = 200, 403, 404, 302
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _pages(t, period):
    q = f"?organization={t.district_a.pk}&year=2024"
    return {
        reverse("statistics_tables:index") + q: [OK, OK, NF, NF, OK, NF],
        reverse("statistics_tables:index") + f"?organization={t.cell_a1.pk}&year=2024": [OK, OK, OK, NF, OK, NF],
        reverse("statistics_tables:download") + q + "&table=bieu-2": [OK, OK, NF, NF, OK, NF],
        reverse("statistics_tables:submit") + q: [OK, OK, NF, NF, RO, NF],
        reverse("statistics_tables:period", args=[period.pk]): [OK, OK, NF, NF, OK, NF],
        reverse("statistics_tables:reopen", args=[period.pk]): [OK, RO, NF, NF, RO, NF],
    }


def test_every_page_for_every_cast_member(client, cast):
    build(cast.tree)
    # District A's own submission: its officer may not reopen it (only the level above, or the admin).
    period = services.submit_period(by=cast.officer_a, organization=cast.tree.district_a, start=dt.date(2024, 1, 1),
                                    end=dt.date(2024, 12, 31))
    failures = []
    for url, expected in _pages(cast.tree, period).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(getattr(cast, who))
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
        client.logout()
        assert client.get(url).status_code == LOGIN, url
    assert not failures, "\n".join(failures)


def test_the_page_shows_the_tables_and_the_download_is_an_xlsx(client, cast):
    build(cast.tree)
    client.force_login(cast.officer_a)
    page = client.get(reverse("statistics_tables:index"), {"organization": cast.tree.district_a.pk, "year": 2024})
    body = page.content.decode()
    assert "Đảng bộ huyện An Lạc" in body and "Có đến ngày 31/12/2024" in body and 'data-testid="submit-period"' in body
    assert 'data-code="members.deceased"' in body
    # Without a choice: the highest organization of the user's scope, the last year that is over.
    default = client.get(reverse("statistics_tables:index")).content.decode()
    assert "Đảng bộ huyện An Lạc" in default and "31/12/2024" in default
    response = client.get(reverse("statistics_tables:download"), {"organization": cast.tree.district_a.pk, "year": 2024})
    assert response["Content-Type"] == XLSX
    wb = load_workbook(io.BytesIO(response.content))
    assert len(wb.sheetnames) == 5 and wb["Biểu số 3-TKĐV"]["A7"].value == "Có đến ngày 31/12/2024"


def test_submit_through_the_page_then_the_page_reads_the_frozen_copy(client, cast):
    build(cast.tree)
    client.force_login(cast.officer_a)
    url = reverse("statistics_tables:submit") + f"?organization={cast.tree.district_a.pk}&year=2024"
    response = client.post(url, {"note": "Báo cáo năm 2024"})
    period = SubmittedPeriod.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("statistics_tables:period", args=[period.pk])
    assert (period.start.isoformat(), period.end.isoformat(), period.note) == ("2024-01-01", "2024-12-31", "Báo cáo năm 2024")
    page = client.get(reverse("statistics_tables:index"), {"organization": cast.tree.district_a.pk, "year": 2024}).content.decode()
    assert 'data-testid="submitted-banner"' in page and 'data-testid="submit-period"' not in page
    again = client.post(url, {"note": ""})
    assert again.status_code == 200 and "đã được nộp" in again.content.decode()
    detail = client.get(reverse("statistics_tables:period", args=[period.pk])).content.decode()
    assert 'data-testid="no-differences"' in detail
    listing = client.get(reverse("statistics_tables:periods")).content.decode()
    assert "Đảng bộ huyện An Lạc" in listing
    client.force_login(cast.officer_b)
    assert "Đảng bộ huyện An Lạc" not in client.get(reverse("statistics_tables:periods")).content.decode()


def test_api_definitions_cells_scope_and_xlsx(cast):
    build(cast.tree)
    officer = FreshUserClient(cast.officer_a)
    definitions = officer.get("/api/statistics/tables/").json()
    assert [d["code"] for d in definitions] == ["bieu-1", "bieu-2", "bieu-3", "bieu-4", "bieu-5"]
    assert any(r["code"] == "members.total_start" for r in definitions[1]["rows"])
    answer = officer.get("/api/statistics/tables/bieu-2/", {"organization": cast.tree.district_a.pk, "year": 2024})
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["reference_text"] == "Từ ngày 01/01/2024 đến ngày 31/12/2024" and data["submitted"] is None
    cells = {c["code"]: c for c in data["cells"] if c["code"]}
    live = {fv.code: fv for fv in engine.compute(Window.year(cast.tree.district_a, 2024), list(cells))}
    assert all(cells[code]["value"] == live[code].value for code in cells)
    assert (cells["members.total"]["value"], cells["members.full"]["percent"]) == (4, "75,00%")
    on = officer.get("/api/statistics/tables/bieu-3/", {"organization": cast.tree.district_a.pk, "on": "2024-06-30"}).json()
    assert on["reference_text"] == "Có đến ngày 30/06/2024" and on["start"] == "2024-01-01"
    assert officer.get("/api/statistics/tables/bieu-9/", {"organization": cast.tree.district_a.pk}).status_code == 404
    assert officer.get("/api/statistics/tables/bieu-2/").status_code == 400
    assert officer.get("/api/statistics/tables/bieu-2/", {"organization": cast.tree.district_a.pk, "year": "abc"}).status_code == 400
    xlsx = officer.get("/api/statistics/tables/bieu-2/xlsx/", {"organization": cast.tree.district_a.pk, "year": 2024})
    assert xlsx.status_code == 200 and xlsx["Content-Type"] == XLSX
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["Biểu số 2-TKĐV"]
    outsider = FreshUserClient(cast.officer_b)
    for url in ("/api/statistics/tables/bieu-2/", "/api/statistics/tables/xlsx/"):
        assert outsider.get(url, {"organization": cast.tree.district_a.pk, "year": 2024}).status_code == 404
    assert FreshUserClient(cast.member_a1).get("/api/statistics/tables/").status_code == 403
    assert APIClient().get("/api/statistics/tables/").status_code in (401, 403)


def test_api_submit_differences_and_reopen(cast):
    build(cast.tree)
    officer = FreshUserClient(cast.officer_a)
    created = officer.post("/api/statistics/periods/", {"organization": cast.tree.grassroots_a.pk, "year": 2024}, format="json")
    assert created.status_code == 201, created.content
    period = created.json()
    again = officer.post("/api/statistics/periods/", {"organization": cast.tree.grassroots_a.pk, "year": 2024}, format="json")
    assert again.status_code == 400 and again.json()["violations"][0]["code"] == "statistics.already_submitted"
    assert FreshUserClient(cast.viewer_a).post("/api/statistics/periods/", {"organization": cast.tree.district_a.pk, "year": 2024},
                                               format="json").status_code == 403
    assert FreshUserClient(cast.officer_b).post("/api/statistics/periods/", {"organization": cast.tree.district_a.pk, "year": 2024},
                                                format="json").status_code == 404
    table = officer.get("/api/statistics/tables/bieu-2/", {"organization": cast.tree.grassroots_a.pk, "year": 2024}).json()
    assert table["submitted"]["id"] == period["id"] and all(c["frozen"] for c in table["cells"] if c["code"])
    detail = officer.get(f"/api/statistics/periods/{period['id']}/").json()
    assert detail["differences"] == [] and detail["period"]["is_open"] is True
    assert FreshUserClient(cast.officer_b).get(f"/api/statistics/periods/{period['id']}/").status_code == 404
    assert [p["id"] for p in FreshUserClient(cast.officer_b).get("/api/statistics/periods/").json()["results"]] == []
    reopen = officer.post(f"/api/statistics/periods/{period['id']}/reopen/", {"reason": "Bổ sung", "version": 1}, format="json")
    assert reopen.status_code == 200 and reopen.json()["is_open"] is False


def test_the_schema_documents_the_tables_api(cast):
    schema = FreshUserClient(cast.officer_a).get("/api/schema/", {"format": "json"}).json()
    for path in ("/api/statistics/tables/", "/api/statistics/tables/{slug}/", "/api/statistics/tables/{slug}/xlsx/",
                 "/api/statistics/tables/xlsx/", "/api/statistics/periods/", "/api/statistics/periods/{id}/",
                 "/api/statistics/periods/{id}/reopen/"):
        assert path in schema["paths"], path
