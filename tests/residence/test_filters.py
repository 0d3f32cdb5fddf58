"""The residence-contact lists: the page's tabs and the API read the same query parameters
(residence/filters.py) and answer the same rows; invalid values name the parameter.

The page's "awaiting" and "living" tabs are the API's contacts list with side=residence and a
contact_status preset (PRESETS): given the same other parameters, both answer the same contacts."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.residence import services
from tests.members import register
from tests.parity import api_ids, messages_of, page_ids
from tests.residence.conftest import assigned, introduce

pytestmark = pytest.mark.django_db
D = dt.date

PRESETS = {"living": "side=residence&contact_status=assigned",
           "awaiting": "side=residence&contact_status=awaiting&contact_status=received"}


@pytest.fixture
def world(cast, res, binh):
    t = cast.tree
    living = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    cong = register("Ngô Văn Công", res.office, admitted=D(2014, 6, 1))
    waiting = introduce(res.officer_agency, cong, t.grassroots_a, letter_date=D(2026, 2, 1), number="20-GGT/ĐU")
    dan = register("Lê Văn Dân", res.office, admitted=D(2015, 6, 1))
    received = introduce(res.officer_agency, dan, t.grassroots_a, letter_date=D(2026, 3, 1), number="21-GGT/ĐU")
    received = services.receive(by=res.officer_ward, contact=received, received_on=D(2026, 3, 5), residence_cell=None)
    em = register("Lý Văn Em", res.office, admitted=D(2016, 6, 1))
    return {"living": living.pk, "waiting": waiting.pk, "received": received.pk, "binh": binh.pk, "cong": cong.pk,
            "dan": dan.pk, "em": em.pk, "cell_a1": t.cell_a1.pk, "cell_a2": t.cell_a2.pk, "agency": res.agency.pk,
            "office": res.office.pk, "grassroots_a": t.grassroots_a.pk}


def _clients(client, user):
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    return client, api


CONTACTS = [  # (tab, query, user, expected contacts) — by hand from the world above
    ("living", "year=2026", "officer_ward", ["living"]),
    ("living", "year=2024", "officer_ward", []),
    ("living", "year=2025&member={binh}", "officer_ward", ["living"]),
    ("living", "year=2026&cell={cell_a1}", "officer_ward", ["living"]),
    ("living", "year=2026&cell={cell_a2}", "officer_ward", []),
    ("living", "year=2026&q=tran%20van%20binh", "admin", ["living"]),
    ("living", "year=2026", "officer_agency", []),  # the workplace side sees it, but not on the residence side
    ("awaiting", "", "officer_ward", ["waiting", "received"]),
    ("awaiting", "q=cong", "officer_ward", ["waiting"]),
    ("awaiting", "member={dan}", "officer_ward", ["received"]),
    ("awaiting", "year=2025", "officer_ward", []),
    ("awaiting", "", "officer_b", []),
]


@pytest.mark.parametrize(("tab", "query", "who", "expected"), CONTACTS)
def test_contact_tabs_and_api_answer_the_same_rows(client, cast, res, world, tab, query, who, expected):
    user = getattr(res, who, None) or getattr(cast, who)
    page, api = _clients(client, user)
    query = query.format(**world)
    ids = page_ids(page, reverse("residence:index"), f"tab={tab}&{query}")
    assert sorted(ids) == sorted(api_ids(api, "/api/residence/contacts/", f"{PRESETS[tab]}&{query}"))
    assert sorted(ids) == sorted(world[key] for key in expected)


WORKING = [  # the workplace tab (working members by their contact; no API list)
    ("", ["binh", "cong", "dan", "em"]),
    ("contact_status=not_introduced", ["em"]),
    ("contact_status=awaiting", ["cong"]),
    ("contact_status=assigned&q=binh", ["binh"]),
    ("organization={office}", ["binh", "cong", "dan", "em"]),
    ("organization={grassroots_a}", []),
]


@pytest.mark.parametrize(("query", "expected"), WORKING)
def test_workplace_tab_filters(client, res, world, query, expected):
    page, _api = _clients(client, res.officer_agency)
    ids = page_ids(page, reverse("residence:index"), "tab=workplace&" + query.format(**world))
    assert sorted(ids) == sorted(world[key] for key in expected)


def test_bad_values_name_the_parameter(client, cast, res, world):
    page, api = _clients(client, res.officer_ward)
    response = page.get(reverse("residence:index") + "?tab=living&year=abc&member=x")
    assert sorted(m.split(":")[0] for m in messages_of(response)) == ["member", "year"]
    assert [c.pk for c in response.context["page"].object_list] == [world["living"]]  # the unfiltered tab
    body = api.get("/api/residence/contacts/?side=up&contact_status=lost&year=abc").json()
    assert sorted(body) == ["contact_status", "side", "year"] and body["side"][0].startswith("side: ")
    page, _api = _clients(client, res.officer_agency)
    response = page.get(reverse("residence:index") + "?tab=workplace&contact_status=zzz&organization=x")
    assert sorted(m.split(":")[0] for m in messages_of(response)) == ["contact_status", "organization"]
    assert len(response.context["page"].object_list) == 4
    response = page.get(reverse("residence:index") + "?tab=nope")
    assert [m.split(":")[0] for m in messages_of(response)] == ["tab"] and response.context["tab"] == "workplace"
