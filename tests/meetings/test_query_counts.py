"""The meetings index and the meetings and dues to-do providers are set-based: the number of queries does not grow
with the number of cells (each new cell keeps its meetings in the app and has a member paying dues)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.dues import todo as dues_todo
from dangvu.meetings import services
from dangvu.meetings import todo as meetings_todo
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from tests.dues import member_with_basis

D = dt.date
pytestmark = pytest.mark.django_db
ON = D(2026, 12, 3)


def _grow(tree, n: int, start: int) -> None:
    """n more cells under commune A, each with a member declaring dues (unpaid: heading for D12) and a meeting."""
    for i in range(start, start + n):
        cell = org_services.establish(by=SYSTEM, parent=tree.grassroots_a, code=f"99.001.001.000.{i + 10:03d}",
                                      name=f"Chi bộ số {i + 10}", kind=Kind.CELL, effective_date=D(2010, 1, 1),
                                      unit_type=UnitType.RESIDENTIAL)
        member_with_basis(f"Người Thêm {i}", cell, income=Decimal(6_000_000))
        services.schedule_meeting(by=SYSTEM, cell=cell, date=D(2026, 11, 10))


def _queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_index_and_todo_queries_do_not_grow_with_the_cells(cast):
    client = Client()
    client.force_login(cast.officer_a)
    url = reverse("meetings:index") + "?year=2026"
    _grow(cast.tree, 2, 0)
    client.get(url)  # warm the caches (parameters, permissions)
    meetings_todo.todo_items(cast.officer_a, ON)
    small = [_queries(lambda: client.get(url)), _queries(lambda: meetings_todo.todo_items(cast.officer_a, ON)),
             _queries(lambda: dues_todo.todo_items(cast.officer_a, ON))]
    assert len(dues_todo.todo_items(cast.officer_a, ON)) >= 2
    _grow(cast.tree, 6, 2)
    response = client.get(url)
    assert response.status_code == 200 and "Chi bộ số 17" in response.content.decode()
    large = [_queries(lambda: client.get(url)), _queries(lambda: meetings_todo.todo_items(cast.officer_a, ON)),
             _queries(lambda: dues_todo.todo_items(cast.officer_a, ON))]
    assert large == small
    items = meetings_todo.todo_items(cast.officer_a, ON)
    assert len({i.organization for i in items if i.category == "meeting_missing"}) == 8
