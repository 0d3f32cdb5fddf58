"""Every path under /api/ answers the API's JSON error body, also one that no route matches (a double
slash, a typo): the same `{"detail"}` 404 as an object outside the user's scope. Other paths keep the HTML page."""

import pytest

from dangvu.api.errors import NOT_FOUND

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/organizations/{pk}/renumber//", "/api/khong-co-duong-nay/",
                                  "/api/organizations/{pk}/khong-co/", "/api//members/"])
def test_an_unknown_api_path_answers_the_json_404(client, cast, tree, path):
    client.force_login(cast.officer_a)
    url = path.format(pk=tree.cell_a1.pk)
    for response in (client.get(url), client.post(url, {}, content_type="application/json")):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": NOT_FOUND}


def test_the_same_body_as_an_api_404_and_for_anyone(client, cast, tree):
    anonymous = client.get("/api/organizations/4/renumber//")
    assert anonymous.status_code == 404 and anonymous.json() == {"detail": NOT_FOUND}
    client.force_login(cast.officer_b)
    outside = client.get(f"/api/organizations/{tree.cell_a1.pk}/")  # a route, an object outside B's scope
    assert outside.status_code == 404 and outside.json() == anonymous.json()


def test_other_paths_keep_the_html_page_and_the_slash_redirect(client, cast):
    client.force_login(cast.officer_a)
    page = client.get("/to-chuc/khong-co-duong-nay/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
    assert NOT_FOUND not in page.content.decode()
    redirect = client.get("/api/members")  # APPEND_SLASH still adds the slash to a known API route
    assert redirect.status_code == 301 and redirect["Location"] == "/api/members/"
