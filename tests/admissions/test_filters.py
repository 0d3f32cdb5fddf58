"""The candidates and probation lists: the page and the API read the same query parameters
(admissions/filters.py) and answer the same rows; invalid values name the parameter."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.system import SYSTEM
from dangvu.admissions import services
from dangvu.admissions.kinds import Step, WithdrawalKind
from tests.admissions import advance, candidate, full_members
from tests.members import register
from tests.parity import api_ids, messages_of, page_ids

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(cast, cell_members):
    b_members = full_members(cast.tree.cell_b1, names=("Hoàng Văn Bắc", "Lý Thị Nam", "Đào Văn Tây"))
    introduced = advance(candidate(cast.tree.cell_a1, "Nguyễn Văn Tiến"), Step.INTRODUCERS, introducers=cell_members[:2])
    waiting = advance(candidate(cast.tree.cell_a1, "Trần Văn Lực"), Step.COMMITTEE_VOTE, introducers=cell_members[:2])
    stopped = candidate(cast.tree.cell_a2, "Phạm Văn Dừng", born=D(1997, 3, 3))
    stopped = services.withdraw(by=SYSTEM, candidate=stopped, on=D(2026, 2, 2), kind=WithdrawalKind.WITHDRAWN, reason="Xin rút")
    in_b = advance(candidate(cast.tree.cell_b1, "Đỗ Văn Bình"), Step.INTRODUCERS, introducers=b_members[:2])
    late = register("Vũ Thị Dự", cast.tree.cell_a1, sex="female", born=D(1999, 2, 2), admitted=D(2025, 6, 2), full=False)
    soon = register("Vũ Văn Sớm", cast.tree.cell_a1, born=D(1999, 3, 3), admitted=D(2025, 12, 20), full=False)
    return {"introduced": introduced.pk, "waiting": waiting.pk, "stopped": stopped.pk, "in_b": in_b.pk,
            "late": late.pk, "soon": soon.pk, "cell_a1": cast.tree.cell_a1.pk, "cell_b1": cast.tree.cell_b1.pk}


def _clients(client, user):
    client.force_login(user)
    api = APIClient()
    api.force_authenticate(user)
    return client, api


CANDIDATE_QUERIES = [  # (query, user, expected ids) — expected by hand from the world above
    ("stage=open", "officer_a", ["waiting", "introduced"]),
    ("stage=", "officer_a", ["stopped", "waiting", "introduced"]),
    ("stage=withdrawn", "officer_a", ["stopped"]),
    ("stage=committee_approved", "officer_a", ["waiting"]),
    ("stage=open&q=tien", "officer_a", ["introduced"]),
    ("stage=&q=PHAM%20VAN", "officer_a", ["stopped"]),
    ("stage=&organization={cell_a1}", "officer_a", ["waiting", "introduced"]),
    ("stage=&organization={cell_b1}", "officer_a", []),
    ("stage=open&organization={cell_b1}", "admin", ["in_b"]),
    ("stage=open", "officer_b", ["in_b"]),
]


@pytest.mark.parametrize(("query", "who", "expected"), CANDIDATE_QUERIES)
def test_candidate_page_and_api_answer_the_same_rows(client, cast, world, query, who, expected):
    page, api = _clients(client, getattr(cast, who))
    query = query.format(**world)
    ids = page_ids(page, reverse("admissions:list"), query)
    assert ids == api_ids(api, "/api/candidates/", query)
    assert sorted(ids) == sorted(world[name] for name in expected)


def test_candidate_page_defaults_to_open_and_rejects_bad_values(client, cast, world):
    page, api = _clients(client, cast.officer_a)
    assert page_ids(page, reverse("admissions:list"), "") == api_ids(api, "/api/candidates/", "stage=open")
    response = page.get(reverse("admissions:list") + "?stage=bogus")
    assert response.status_code == 200
    assert [m.split(":")[0] for m in messages_of(response)] == ["stage"]
    assert len(response.context["page"].object_list) == 3  # the unfiltered list
    answer = api.get("/api/candidates/?stage=bogus&organization=x")
    assert answer.status_code == 400
    body = answer.json()
    assert set(body) == {"stage", "organization"} and body["stage"][0].startswith("stage: ")


PROBATION_QUERIES = [
    ("", ["late", "soon"]),
    ("due=overdue", ["late"]),
    ("due=ending_soon", ["soon"]),
]


@pytest.mark.parametrize(("query", "expected"), PROBATION_QUERIES)
def test_probation_page_and_api_answer_the_same_rows(client, cast, world, query, expected):
    page, api = _clients(client, cast.officer_a)
    ids = page_ids(page, reverse("admissions:probation_list"), query, key=lambda row: row.member.pk)
    assert sorted(ids) == sorted(api_ids_of_members(api, query))
    assert sorted(ids) == sorted(world[name] for name in expected)


def api_ids_of_members(api, query):
    response = api.get(f"/api/probations/?{query}")
    assert response.status_code == 200
    return [row["member"] for row in response.json()["results"]]


def test_probation_bad_value(client, cast, world):
    page, api = _clients(client, cast.officer_a)
    response = page.get(reverse("admissions:probation_list") + "?due=sap-het")
    assert [m.split(":")[0] for m in messages_of(response)] == ["due"]
    assert len(response.context["page"].object_list) == 2
    assert list(api.get("/api/probations/?due=sap-het").json()) == ["due"]
