import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dangvu.core import todo
from tests.api.conftest import api  # noqa: F401

PROVIDER = "tests.core.todo_provider_for_tests"


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setattr(todo, "TODO_PROVIDERS", [*todo.TODO_PROVIDERS, PROVIDER])


@pytest.mark.django_db
def test_overdue_first_then_by_due_date(cast, provider):
    items = todo.collect(cast.officer_a, dt.date(2026, 11, 23))
    mine = [i for i in items if i.category == "check"]
    assert [i.organization for i in mine][0] in {"Đảng bộ huyện An Lạc", "Đảng bộ xã An Lạc", "Chi bộ thôn Đông"}
    assert all(i.overdue for i in mine[: sum(i.overdue for i in mine)])
    assert "Chi bộ thôn Bắc" not in {i.organization for i in items}


@pytest.mark.django_db
def test_page_lists_items_in_scope_with_overdue_marked(client, cast, provider):
    client.force_login(cast.officer_b)
    html = client.get(reverse("todo"), {"as_of": "23/11/2026"}).content.decode()
    assert "Xem lại Chi bộ thôn Bắc" in html and "Chi bộ thôn Đông" not in html
    assert "quá hạn" in html and "tính đến ngày 23/11/2026" in html


@pytest.mark.django_db
def test_page_with_nothing_due(client, cast):
    client.force_login(cast.member_a1)
    response = client.get(reverse("todo"))
    assert response.status_code == 200 and 'data-testid="todo-empty"' in response.content.decode()
    refused = client.get(reverse("todo"), {"as_of": "32/01/2026"}).content.decode()
    assert "Tính đến ngày: Ngày “32/01/2026” không có thật" in refused
    assert 'value="32/01/2026"' in refused  # the typed text stays in the field


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("todo")).status_code == 302


@pytest.mark.django_db
def test_api_gives_the_same_items(api, cast, provider):  # noqa: F811
    answer = api(cast.officer_b).get("/api/todo/", {"as_of": "23/11/2026"}).json()
    assert {i["organization"] for i in answer if i["category"] == "check"} == {
        "Đảng bộ huyện Bình Minh", "Đảng bộ xã Bình Minh", "Chi bộ thôn Bắc"}
    assert api().get("/api/todo/").status_code in (401, 403)
    refused = api(cast.officer_b).get("/api/todo/", {"as_of": "x"})
    assert refused.status_code == 400 and refused.json()["as_of"][0].startswith("as_of: Tính đến ngày: nhập ngày theo dạng dd/mm/yyyy")


@pytest.mark.django_db
def test_command_prints_the_list(cast, provider):
    out = StringIO()
    call_command("todo", "officer_b", "--date", "23/11/2026", stdout=out)
    text = out.getvalue()
    assert "Việc cần làm của Hoàng Văn Em tính đến 23/11/2026" in text and "Xem lại Chi bộ thôn Bắc" in text
    assert "QUÁ HẠN" in text
    with pytest.raises(CommandError):
        call_command("todo", "nobody")
