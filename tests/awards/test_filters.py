"""The badge lists: the page and the API read the same query parameters (awards/filters.py) and
answer the same rows; invalid values name the parameter."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.system import SYSTEM
from dangvu.awards import services
from tests.awards import admitted_on
from tests.parity import api_ids, messages_of, page_ids

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(cast):
    bình = admitted_on("Trần Văn Bình", cast.tree.cell_a1, D(1996, 9, 2))
    hoa = admitted_on("Lê Thị Hoa", cast.tree.cell_a2, D(1986, 8, 1), sex="female")
    cường = admitted_on("Phạm Văn Cường", cast.tree.cell_b1, D(1996, 5, 1))
    an = admitted_on("Đỗ Văn An", cast.tree.cell_a1, D(1976, 2, 3))

    def award(member, milestone, on):
        return services.record_award(by=SYSTEM, member=member, milestone=milestone, presentation_on=on,
                                     decision_number="1-QĐ/HU", decision_date=on - dt.timedelta(days=20)).pk

    return {
        "hoa_2016": award(hoa, 30, D(2016, 9, 2)),
        "an_2016": award(an, 40, D(2016, 2, 3)),
        "an_2026": award(an, 50, D(2026, 2, 3)),
        "cường_2026": award(cường, 30, D(2026, 5, 19)),
        "bình": bình.pk, "hoa": hoa.pk, "cường": cường.pk, "an": an.pk,
        "cell_a1": cast.tree.cell_a1.pk, "cell_a2": cast.tree.cell_a2.pk, "district_a": cast.tree.district_a.pk,
        "cell_b1": cast.tree.cell_b1.pk,
    }


def _clients(client, user):
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    return client, api


AWARDED = [  # (query, user, expected award keys) — by hand from the awards above
    ("", "officer_a", ["an_2026", "hoa_2016", "an_2016"]),
    ("", "admin", ["cường_2026", "an_2026", "hoa_2016", "an_2016"]),
    ("presentation_on=03/02/2026", "officer_a", ["an_2026"]),
    ("presentation_on=2016-09-02", "officer_a", ["hoa_2016"]),
    ("member={an}", "officer_a", ["an_2026", "an_2016"]),
    ("member={cường}", "officer_a", []),
    ("organization={cell_a2}", "officer_a", ["hoa_2016"]),
    ("organization={district_a}", "admin", ["an_2026", "hoa_2016", "an_2016"]),
    ("organization={cell_b1}", "officer_a", []),
    ("q=do%20van", "officer_a", ["an_2026", "an_2016"]),
    ("q=hoa&presentation_on=02/09/2016", "officer_a", ["hoa_2016"]),
    ("", "officer_b", ["cường_2026"]),
]


@pytest.mark.parametrize(("query", "who", "expected"), AWARDED)
def test_awarded_page_and_api_answer_the_same_rows(client, cast, world, query, who, expected):
    page, api = _clients(client, getattr(cast, who))
    query = query.format(**world)
    ids = page_ids(page, reverse("awards:awarded"), query)
    assert ids == api_ids(api, "/api/badges/", query)
    assert ids == [world[key] for key in expected]


DUE = [  # members due a badge on the presentation date: 30 years (Bình, 02/09/2026), 40 (Hoa, 2026), 50 (none)
    ("presentation_on=02/09/2026", "officer_a", ["bình", "hoa"]),
    ("presentation_on=2026-09-02&organization={cell_a1}", "officer_a", ["bình"]),
    ("presentation_on=02/09/2026", "officer_b", []),
    ("presentation_on=19/05/2026", "officer_b", []),
]


@pytest.mark.parametrize(("query", "who", "expected"), DUE)
def test_due_page_and_api_answer_the_same_rows(client, cast, world, query, who, expected):
    page, api = _clients(client, getattr(cast, who))
    query = query.format(**world)
    ids = page_ids(page, reverse("awards:due"), query, key=lambda row: row.member.pk)
    response = api.get(f"/api/badges/due/?{query}")
    assert response.status_code == 200
    assert sorted(ids) == sorted(row["member"] for row in response.json()["results"])
    assert sorted(ids) == sorted(world[key] for key in expected)


def test_bad_values_name_the_parameter(client, cast, world):
    page, api = _clients(client, cast.officer_a)
    response = page.get(reverse("awards:awarded") + "?presentation_on=31/02/2026&member=abc")
    assert sorted(m.split(":")[0] for m in messages_of(response)) == ["member", "presentation_on"]
    assert len(response.context["page"].object_list) == 3  # the unfiltered list
    body = api.get("/api/badges/?presentation_on=31/02/2026&member=abc").json()
    assert sorted(body) == ["member", "presentation_on"] and body["member"][0].startswith("member: ")
    body = api.get(f"/api/badges/due/?presentation_on=02/09/2026&organization={world['cell_b1']}").json()
    assert list(body) == ["organization"] and "ngoài phạm vi quyền" in body["organization"][0]


def test_award_form_prefills_from_the_due_list_link(client, cast, world):
    page, _api = _clients(client, cast.officer_a)
    response = page.get(reverse("awards:due") + "?presentation_on=02/09/2026")
    link = next(i["record_url"] for i in response.context["items"] if i["row"].member.pk == world["bình"])
    assert "milestone=30" in link and "presentation_on=02%2F09%2F2026" in link
    form = page.get(link).context["form"]
    assert form.initial["milestone"] == 30 and form.initial["presentation_on"] == D(2026, 9, 2)
    response = page.get(reverse("awards:record", args=[world["bình"]]) + "?presentation_on=hôm nay")
    assert [m.split(":")[0] for m in messages_of(response)] == ["presentation_on"]
