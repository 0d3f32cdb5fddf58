"""The dashboard (/tong-quan/, /api/dashboard/): its numbers are the engine's (compute on Window.year),
members by organization is one GROUP BY adding up to the total, the query count does not grow with
the tree, and the permission matrix (officer and viewer read, member and outsider get 404)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from dangvu.accounts.system import SYSTEM
from dangvu.core.figures import Window
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.references.models import ReferenceItem
from dangvu.statistics import dashboard
from dangvu.statistics.engine import compute
from tests.clock import TODAY
from tests.members import register

D = dt.date


@pytest.fixture
def people(cast):
    """Five members of district A, two of district B (hand-counted below)."""
    t = cast.tree
    kinh = ReferenceItem.objects.get(list_code="ethnicity", name="Kinh")
    tay = ReferenceItem.objects.get(list_code="ethnicity", name="Tày")
    register("Nguyễn Văn Một", t.cell_a1, born=D(1970, 1, 1), admitted=D(2000, 5, 1), joined_on=D(2010, 1, 1),
             admitted_in="Chi bộ cũ", ethnicity=kinh)
    register("Trần Thị Hai", t.cell_a1, sex="female", born=D(1990, 6, 1), admitted=D(2022, 3, 1), ethnicity=kinh)
    register("Lê Văn Ba", t.cell_a2, born=D(2000, 2, 1), admitted=D(2024, 4, 10), ethnicity=tay)
    register("Phạm Thị Bốn", t.cell_a2, sex="female", born=D(1999, 9, 9), admitted=D(2026, 3, 2), full=False)
    register("Vũ Văn Năm", t.cell_a1, born=D(1960, 1, 1), admitted=D(1990, 1, 1), joined_on=D(2010, 1, 1),
             admitted_in="Chi bộ cũ", ethnicity=kinh)
    register("Hoàng Văn Sáu", t.cell_b1, admitted=D(2024, 8, 1))
    register("Đỗ Thị Bảy", t.cell_b1, sex="female", admitted=D(2015, 8, 1))
    return t


def _by_code(data):
    return {f["code"]: f for f in data["key_figures"]}


@pytest.mark.django_db
def test_key_figures_and_trend_equal_compute(people):
    t = people
    data = dashboard.build(SYSTEM, t.district_a, 2026)
    figures = _by_code(data)
    # By hand: district A on 31/12/2026 has five members, one admitted in 2026 (probationary), one in 2024.
    assert figures["members.total"]["value"] == 5 and figures["members.total"]["display"] == "5"
    assert figures["members.admitted"]["value"] == 1
    assert figures["members.probationary"]["value"] == 1 and figures["members.probationary"]["percent"] == "20,00%"
    assert figures["organizations.grassroots.total"]["value"] == 1
    assert [p["value"] for p in figures["members.admitted"]["trend"]] == [1, 0, 1, 0, 1]  # 2022 … 2026: Hai, Ba, Bốn
    assert [p["value"] for p in figures["members.total"]["trend"]] == [3, 3, 4, 4, 5]
    for y in data["years"]:
        computed = {v.code: v.value for v in compute(Window.year(t.district_a, y), dashboard.KEY_FIGURES)}
        assert {c: f["trend"][data["years"].index(y)]["value"] for c, f in figures.items()} == computed
    assert [a["value"] for a in data["admissions"]] == [1, 0, 1, 0, 1]
    assert figures["members.total"]["url"] == f"/thong-ke/chi-tieu/members.total/?organization={t.district_a.pk}&year=2026"


@pytest.mark.django_db
def test_make_up_charts(people):
    t = people
    data = dashboard.build(SYSTEM, t.district_a, 2026)
    sex = {r["label"]: r["value"] for r in data["sex"]}
    assert sex == {"Nam": 3, "Nữ": 2}
    # Ages on 31/12/2026: 56, 36, 26, 27, 66.
    age = {r["label"]: r["value"] for r in data["age"]}
    assert age == {"đến 30 tuổi": 2, "từ 31 đến 40 tuổi": 1, "từ 41 đến 50 tuổi": 0, "từ 51 đến 60 tuổi": 1,
                   "từ 61 đến 70 tuổi": 1, "trên 70 tuổi": 0}
    ethnicity = {r["label"]: (r["value"], r["percent"]) for r in data["ethnicity"]}
    assert ethnicity == {"Dân tộc Kinh": (3, "60,00%"), "Dân tộc thiểu số": (1, "20,00%"), "Chưa ghi dân tộc": (1, "20,00%")}


@pytest.mark.django_db
def test_members_by_organization_is_one_group_by_adding_up_to_the_total(people):
    t = people
    with CaptureQueriesContext(connection) as ctx:
        rows = dashboard.members_by_child(t.province, 2026)
    assert len(ctx.captured_queries) <= 3  # the children, the subtree's root version, the GROUP BY
    assert [(r["label"], r["value"]) for r in rows] == [("Đảng bộ huyện An Lạc", 5), ("Đảng bộ huyện Bình Minh", 2)]
    rows = dashboard.members_by_child(t.grassroots_a, 2026)
    assert [(r["label"], r["value"]) for r in rows] == [("Chi bộ thôn Đông", 3), ("Chi bộ thôn Tây", 2)]
    assert sum(r["value"] for r in rows) == compute(Window.year(t.grassroots_a, 2026), ["members.total"])[0].value


@pytest.mark.django_db
def test_members_by_organization_reads_the_tree_as_of_the_year(people):
    """A cell moved to district B in 2025 counts under district A in 2024 and under B in 2026."""
    t = people
    org_services.move(by=SYSTEM, org=t.cell_a2, new_parent=t.grassroots_b, effective_date=D(2025, 3, 1))
    before = {r["label"]: r["value"] for r in dashboard.members_by_child(t.province, 2024)}
    after = {r["label"]: r["value"] for r in dashboard.members_by_child(t.province, 2026)}
    assert before == {"Đảng bộ huyện An Lạc": 4, "Đảng bộ huyện Bình Minh": 2}  # Bốn was admitted in 2026
    assert after == {"Đảng bộ huyện An Lạc": 3, "Đảng bộ huyện Bình Minh": 4}


def _grow(t, n):
    """n more cells under district A's grassroots committee, each with a member."""
    for i in range(n):
        cell = org_services.establish(by=SYSTEM, parent=t.grassroots_a, code=f"99.001.001.000.{i + 10:03d}",
                                      name=f"Chi bộ số {i + 10}", kind=Kind.CELL, effective_date=D(2010, 1, 1),
                                      unit_type=UnitType.RESIDENTIAL)
        register(f"Người Thêm {i}", cell, admitted=D(2023, 1, 1))


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_tree(people, cast, django_assert_max_num_queries):
    t = people
    client = APIClient()
    client.force_authenticate(cast.officer_a)
    url = reverse("api-dashboard") + f"?organization={t.grassroots_a.pk}&year=2026"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(t, 12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert _by_code(response.json())["members.total"]["value"] == 5 + 12


@pytest.mark.django_db
def test_api_returns_the_page_numbers(people, cast):
    client = APIClient()
    client.force_authenticate(cast.viewer_a)
    data = client.get(reverse("api-dashboard")).json()
    assert data["organization"]["id"] == people.district_a.pk  # the viewer's top organization
    assert _by_code(data)["members.total"]["value"] == 5
    page = _client(cast.viewer_a).get(reverse("dashboard:index"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-code="members.total"' in body and "dashboard-data" in body and "vendor/chartjs/chart.umd.min.js" in body


def _client(user):
    from django.test import Client

    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.mark.django_db
@pytest.mark.parametrize("who, target, expected", [
    ("officer_a", "district_a", 200), ("viewer_a", "district_a", 200), ("secretary_a1", "cell_a1", 200),
    ("officer_a", "cell_a2", 200), ("admin", "district_b", 200),
    ("officer_b", "district_a", 404), ("secretary_a1", "cell_a2", 404), ("member_a1", "cell_a1", 404),
    ("officer_a", "province", 404),
])
def test_permission_matrix(people, cast, who, target, expected):
    org = getattr(people, target)
    page = _client(getattr(cast, who)).get(reverse("dashboard:index") + f"?organization={org.pk}")
    assert page.status_code == expected
    api = APIClient()
    api.force_authenticate(getattr(cast, who))
    assert api.get(reverse("api-dashboard") + f"?organization={org.pk}").status_code == expected


@pytest.mark.django_db
def test_anonymous_and_bad_input(people, cast):
    assert _client(None).get(reverse("dashboard:index")).status_code == 302
    assert APIClient().get(reverse("api-dashboard")).status_code in (401, 403)
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    response = api.get(reverse("api-dashboard") + "?year=20x6")
    assert response.status_code == 400 and "year" in response.json()
    page = _client(cast.officer_a).get(reverse("dashboard:index") + "?year=1800")
    assert page.status_code == 200 and "Năm “1800” không hợp lệ" in page.content.decode()


@pytest.mark.django_db
def test_home_goes_to_the_dashboard_for_officers_and_leaders_and_to_their_record_for_members(cast):
    """The home of every role: tests/access/test_account_pages_and_api.py."""
    assert _client(cast.officer_a).get("/")["Location"] == reverse("dashboard:index")
    assert _client(cast.viewer_a).get("/")["Location"] == reverse("dashboard:index")
    assert _client(cast.member_a1).get("/")["Location"] == reverse("my_record")
    assert _client(cast.member_a1).get(reverse("organizations:tree")).status_code == 200


@pytest.mark.django_db
def test_the_page_loads_the_todo_count_afterwards(people, cast, monkeypatch):
    """The to-do count (every to-do provider: the slowest part) is not computed by the page; the page fetches
    it from /tong-quan/viec-can-lam/, which answers the count of the user's own to-do list. The API still
    carries it."""
    from dangvu.core import todo

    expected = len(todo.collect(cast.officer_a, TODAY))
    assert expected > 0  # Phạm Thị Bốn's probation and the like: something to count
    client = _client(cast.officer_a)
    real_collect = todo.collect

    def refuse(user, on):
        raise AssertionError("the dashboard page must not build the to-do list")

    monkeypatch.setattr(todo, "collect", refuse)
    page = client.get(reverse("dashboard:index"))
    assert page.status_code == 200
    body = page.content.decode()
    assert f'data-todo-count-url="{reverse("dashboard:todo_count")}"' in body
    monkeypatch.setattr(todo, "collect", real_collect)
    answer = client.get(reverse("dashboard:todo_count"))
    assert answer.status_code == 200
    assert answer.json() == {"count": expected, "display": f"{expected}", "url": reverse("todo")}
    api = APIClient()
    api.force_authenticate(cast.officer_a)
    assert api.get(reverse("api-dashboard")).json()["todo"]["count"] == expected
    assert _client(None).get(reverse("dashboard:todo_count")).status_code == 302
