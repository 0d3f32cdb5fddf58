"""The OpenAPI schema and the server-rendered docs page (no CDN)."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from dangvu.api import errors
from dangvu.core.errors import RuleViolation, Violation

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_for_tests")]


def test_schema_endpoint(cast, api):
    assert reverse("api-schema") == "/api/schema/"
    response = api(cast.viewer_a).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Đảng Vụ API"
    paths = schema["paths"]
    for path in ("/api/organizations/", "/api/organizations/{id}/", "/api/organizations/{id}/merge/",
                 "/api/organizations/{id}/change-kind/", "/api/organizations/tree/", "/api/committee-terms/{id}/seats/",
                 "/api/committee-seats/{id}/end/"):
        assert path in paths, path
    assert "delete" not in paths["/api/organizations/{id}/"]
    names = {p["name"] for p in paths["/api/organizations/"]["get"]["parameters"]}
    assert {"q", "kind", "unit_type", "status", "within", "parent", "as_of", "page"} <= names
    assert api().get("/api/schema/").status_code == 401


@pytest.mark.urls("dangvu.urls")  # the pages render inside the site (its menu's context processor reverses the site's URLs)
@pytest.mark.parametrize("url, name", [("/api/docs/", "api-docs"), ("/api/redoc/", "api-redoc")])
def test_docs_pages_load_everything_from_our_own_static_files(cast, client, url, name):
    """Swagger UI and Redoc (drf-spectacular-sidecar) read the schema; nothing comes from a CDN."""
    assert reverse(name) == url
    client.force_login(cast.member_a1)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    if name == "api-docs":  # Swagger UI's start-up script is a URL of its own (no inline script: CSP)
        assert '<script src="/api/docs/?script="></script>' in html
        html += client.get(url, {"script": ""}).content.decode()
    assert "/api/schema/" in html and "/static/drf_spectacular_sidecar/" in html
    assert "<script>" not in html and "<style>" not in html
    assert re.findall(r'(?:src|href)="([^"]+)"', html) and all(
        address.startswith("/") and not address.startswith("//") for address in re.findall(r'(?:src|href)="([^"]+)"', html))
    # no CDN host (a host name, not any text: the page's CSRF token is random letters, "…7cdn6z…" came up once)
    assert not re.search(r"cdn[\w-]*\.[a-z]|jsdelivr|unpkg|cdnjs", html.lower()), re.search(r".{40}cdn.{40}", html.lower())
    assert "https://" not in html and "http://" not in html
    for address in re.findall(r'src="([^"]+)"', html):
        if address.startswith("/api/docs/"):
            continue
        assert finders.find(address.removeprefix(settings.STATIC_URL)), address


def test_the_schema_names_operations_and_fields_in_words(cast, api):
    schema = api(cast.viewer_a).get("/api/schema/", {"format": "json"}).json()
    text = json.dumps(schema, ensure_ascii=False)
    assert "/api/organizations/{id}/merge/" in schema["paths"]
    assert "Thành lập tổ chức" in text and "OrganizationCreateRequest" in schema["components"]["schemas"]
    assert "Tổ chức cấp trên" in text  # field titles from the serializers


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_docs_page_needs_login(cast, client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_rule_violation_body_shape():
    exc = RuleViolation([
        Violation("a.one", "Ngày: sai.", field="effective_date", source="Điều lệ Đảng"),
        Violation("a.two", "Còn tổ chức trực thuộc.", field="__all__"),
        Violation("a.three", "Khác.", field=None),
    ])
    body = errors.rule_violation_body(exc)
    assert body["effective_date"] == ["Ngày: sai. (Căn cứ: Điều lệ Đảng)"]
    assert body["non_field_errors"] == ["Còn tổ chức trực thuộc.", "Khác."]
    assert body["violations"][0] == {"code": "a.one", "field": "effective_date", "message": "Ngày: sai.",
                                     "source": "Điều lệ Đảng"}
    assert [v["field"] for v in body["violations"]] == ["effective_date", "non_field_errors", "non_field_errors"]


def test_domain_exceptions_map_to_status_codes():
    from django.core.exceptions import ObjectDoesNotExist, ValidationError

    from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope

    conflict = errors.exception_handler(ConcurrentEditError("Chi bộ thôn Đông", 7), {})
    assert conflict.status_code == 409 and conflict.data["current_version"] == 7
    assert "Chi bộ thôn Đông" in conflict.data["detail"]
    forbidden = errors.exception_handler(PermissionDeniedInScope("Bạn không có quyền thay đổi “X”."), {})
    assert forbidden.status_code == 403 and forbidden.data == {"detail": "Bạn không có quyền thay đổi “X”."}
    missing = errors.exception_handler(ObjectDoesNotExist(), {})
    assert missing.status_code == 404 and "Không tìm thấy" in missing.data["detail"]
    invalid = errors.exception_handler(ValidationError({"name": ["Tên: sai."], "__all__": ["Chung."]}), {})
    assert invalid.status_code == 400 and invalid.data == {"name": ["Tên: sai."], "non_field_errors": ["Chung."]}
    assert errors.exception_handler(ValueError("x"), {}) is None  # not ours: a 500, as DRF would


def test_pagination_page_size_and_bad_page(cast, api):
    client = api(cast.admin)
    response = client.get("/api/organizations/", {"page_size": 3})
    assert response.json()["count"] == 8 and len(response.json()["results"]) == 3 and response.json()["next"]
    response = client.get("/api/organizations/", {"page": 99})
    assert response.status_code == 404 and response.json()["detail"] == "Trang không hợp lệ."
    assert client.delete("/api/committee-terms/1/").status_code == 405
