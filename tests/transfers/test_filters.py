"""The letters list: the page and the API read the same query parameters (transfers/filters.py:
direction, status, kind, member) and answer the same rows; invalid values name the parameter."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.parity import api_ids, messages_of, page_ids

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def named(world):
    """The letters' and people's ids by name (the world of tests/transfers/conftest.py)."""
    return {"letter": world.letter.pk, "temporary": world.temporary.pk, "binh": world.binh.pk, "hoa": world.hoa.pk,
            "officer_c": world.users["officer_c"]}


QUERIES = [  # (query, user, expected letters) — by hand: A issued both; B received the temporary one
    ("direction=outgoing", "officer_a", ["letter", "temporary"]),
    ("direction=outgoing&kind=temporary", "officer_a", ["temporary"]),
    ("direction=incoming", "officer_a", []),
    ("direction=incoming", "officer_b", ["letter"]),
    ("direction=hosted", "officer_b", ["temporary"]),
    ("direction=temporary_away", "officer_a", ["temporary"]),
    ("direction=in_transit", "admin", ["letter"]),
    ("direction=all", "officer_a", ["letter", "temporary"]),
    ("direction=all&status=received", "officer_a", ["temporary"]),
    ("direction=all&status=issued&kind=official", "officer_b", ["letter"]),
    ("direction=all&member={binh}", "officer_a", ["letter"]),
    ("direction=all&member={hoa}", "officer_b", ["temporary"]),
    ("direction=all", "officer_c", []),
]


def _clients(client, user):
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    return client, api


@pytest.mark.parametrize(("query", "who", "expected"), QUERIES)
def test_letters_page_and_api_answer_the_same_rows(client, cast, named, query, who, expected):
    user = named[who] if who in named else getattr(cast, who)
    page, api = _clients(client, user)
    query = query.format(**named)
    ids = page_ids(page, reverse("transfers:list"), query)
    assert ids == api_ids(api, "/api/transfers/", query)
    assert ids == [named[key] for key in expected]


def test_page_defaults_to_outgoing_and_bad_values_name_the_parameter(client, cast, named):
    page, api = _clients(client, cast.officer_a)
    assert page_ids(page, reverse("transfers:list"), "") == api_ids(api, "/api/transfers/", "direction=outgoing")
    response = page.get(reverse("transfers:list") + "?direction=up&kind=lost")
    assert sorted(m.split(":")[0] for m in messages_of(response)) == ["direction", "kind"]
    assert [letter.pk for letter in response.context["page"].object_list] == [named["letter"], named["temporary"]]
    body = api.get("/api/transfers/?direction=up&kind=lost").json()
    assert sorted(body) == ["direction", "kind"] and body["kind"][0].startswith("kind: ")
