"""The letters list: the page and the API read the same query parameters (transfers/filters.py:
direction, status, kind, member) and answer the same rows; invalid values name the parameter."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.transfers import services
from dangvu.transfers.kinds import Purpose, TransferKind
from tests.clock import TODAY
from tests.members import register
from tests.parity import api_ids, messages_of, page_ids
from tests.transfers.conftest import official

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture
def world(cast, more, binh):
    t = cast.tree
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=t.cell_b1, issue_date=TODAY - 5 * DAY,
                                   basis_date=TODAY - 9 * DAY, **official())
    hoa = register("Lê Thị Hoa", t.cell_a2, sex="female")
    start = TODAY - 20 * DAY
    temporary = services.issue_letter(by=cast.officer_a, member=hoa, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                      issue_date=start - DAY, destination=t.cell_b1, basis="Quyết định cử đi học",
                                      basis_date=start - 5 * DAY, purpose=Purpose.WORK, period_start=start,
                                      period_end=start + 150 * DAY, self_review=True)
    services.receive_letter(by=cast.officer_b, letter=temporary, receiving_cell=t.cell_b1, received_on=start)
    return {"letter": letter.pk, "temporary": temporary.pk, "binh": binh.pk, "hoa": hoa.pk,
            "officer_c": more.officer_c}


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
def test_letters_page_and_api_answer_the_same_rows(client, cast, world, query, who, expected):
    user = world[who] if who in world else getattr(cast, who)
    page, api = _clients(client, user)
    query = query.format(**world)
    ids = page_ids(page, reverse("transfers:list"), query)
    assert ids == api_ids(api, "/api/transfers/", query)
    assert ids == [world[key] for key in expected]


def test_page_defaults_to_outgoing_and_bad_values_name_the_parameter(client, cast, world):
    page, api = _clients(client, cast.officer_a)
    assert page_ids(page, reverse("transfers:list"), "") == api_ids(api, "/api/transfers/", "direction=outgoing")
    response = page.get(reverse("transfers:list") + "?direction=up&kind=lost")
    assert sorted(m.split(":")[0] for m in messages_of(response)) == ["direction", "kind"]
    assert [letter.pk for letter in response.context["page"].object_list] == [world["letter"], world["temporary"]]
    body = api.get("/api/transfers/?direction=up&kind=lost").json()
    assert sorted(body) == ["direction", "kind"] and body["kind"][0].startswith("kind: ")
