"""The to-do list an officer works through (issue 10 §3): grouped by kind with counts, most urgent first,
paged per group, filtered by organization, kind and horizon; items marked as handled elsewhere (with a
reason, audited) leave every list, and can be brought back. Frozen at 03/12/2026."""

import datetime as dt
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from dangvu.audit.models import AuditEntry
from dangvu.core import todo
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.todo import selectors, services
from dangvu.todo.models import HandledItem
from tests.api.conftest import api  # noqa: F401

TODAY = dt.date(2026, 12, 3)
MINE = {"check", "later", "waiting"}


@pytest.fixture(autouse=True)
def provider(monkeypatch):
    monkeypatch.setattr(todo, "TODO_PROVIDERS", [*todo.TODO_PROVIDERS, "tests.todo.provider"])


def _key(category, org, due):
    suffix = {"check": "", "later": "?tab=history", "waiting": "?tab=committee"}[category]
    return f"{category}|/to-chuc/{org.pk}/{suffix}|{due.isoformat() if due else ''}"


def _page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("todo"), query)
    assert response.status_code == 200
    return response.content.decode()


def _titles(html):
    """The titles of the item rows (not the filters' options, not the messages)."""
    return re.findall(r'data-testid="todo-item"[^>]*>\s*<td><a href="[^"]*">([^<]+)</a>', html)


def _categories(html):
    return [c for c in re.findall(r'data-testid="todo-group" data-category="([a-z_]+)"', html) if c in MINE]


@pytest.mark.django_db
def test_groups_with_counts_most_urgent_first(client, cast):
    html = _page(client, cast.officer_a)
    # check: 3 overdue (district, commune, cell Đông); later: 2 cells due in 60 days; waiting: 1 undated
    assert _categories(html) == ["check", "later", "waiting"]
    work = selectors.worklist(cast.officer_a, TODAY)
    counts = {g.category: (g.count, g.overdue) for g in work.groups}
    assert counts["check"] == (3, 3) and counts["later"] == (2, 0) and counts["waiting"] == (1, 0)
    assert "6 việc tính đến ngày 03/12/2026" in html and "3 việc quá hạn" in html


@pytest.mark.django_db
def test_horizon_filter(cast):
    def cats(horizon):
        return {g.category: g.count for g in selectors.worklist(cast.officer_a, TODAY, horizon=horizon).groups}
    assert cats("overdue") == {"check": 3}
    assert cats("30") == {"check": 3, "waiting": 1}  # undated items are actionable now; "later" is 60 days away
    assert cats("90") == {"check": 3, "later": 2, "waiting": 1} == cats("")


@pytest.mark.django_db
def test_organization_filter_takes_the_subtree_and_refuses_outside_the_scope(client, cast):
    t = cast.tree
    html = _page(client, cast.officer_a, organization=t.cell_a1.pk)
    assert set(_titles(html)) == {"Xem lại Chi bộ thôn Đông", "Chuẩn bị Chi bộ thôn Đông"}
    html = _page(client, cast.officer_a, organization=t.grassroots_a.pk)
    assert set(_titles(html)) == {"Xem lại Chi bộ thôn Đông", "Chuẩn bị Chi bộ thôn Đông", "Chuẩn bị Chi bộ thôn Tây",
                                  "Xem lại Đảng bộ xã An Lạc", "Tiếp nhận ở Đảng bộ xã An Lạc"}
    refused = _page(client, cast.officer_a, organization=t.cell_b1.pk)
    assert "Tổ chức: không có trong phạm vi của bạn." in refused
    # the user's own organizations come first in the filter
    options = re.findall(r'<option value="(\d+)"', refused.split('id="f-org"')[1].split("</select>")[0])
    assert options[0] == str(t.district_a.pk)


@pytest.mark.django_db
def test_each_group_previews_its_most_urgent_items_and_pages_through_all(client, cast, monkeypatch):
    monkeypatch.setattr(selectors, "PREVIEW", 2)
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    html = _page(client, cast.officer_a)
    check = html.split('id="g-check"')[1].split("</section>")[0]
    assert check.count('data-testid="todo-item"') == 2 and "Xem cả 3 việc ›" in check
    first = _page(client, cast.officer_a, kind="check")
    assert _categories(first) == ["check"] and first.count('data-testid="todo-item"') == 2 and "Trang 1/2" in first
    second = _page(client, cast.officer_a, kind="check", page=2)
    assert second.count('data-testid="todo-item"') == 1 and "Trang 2/2" in second


@pytest.mark.django_db
def test_officer_marks_an_item_handled_elsewhere_and_brings_it_back(client, cast):
    t = cast.tree
    key = _key("check", t.cell_a1, TODAY - dt.timedelta(days=1))
    client.force_login(cast.officer_a)
    form = client.get(reverse("todo:handle"), {"key": key})
    assert form.status_code == 200 and "Xem lại Chi bộ thôn Đông" in form.content.decode()
    empty = client.post(reverse("todo:handle"), {"key": key, "reason": "  "})
    assert "Lý do" in empty.content.decode() and not HandledItem.objects.exists()
    done = client.post(reverse("todo:handle"), {"key": key, "reason": "Đã báo cáo bằng văn bản số 12-BC/ĐU", "next": "/viec-can-lam/"})
    assert done.status_code == 302
    mark = HandledItem.objects.get()
    assert (mark.organization, mark.handled_by, mark.handled_on) == (t.cell_a1, cast.officer_a, TODAY)
    entry = AuditEntry.objects.get(action="todo.handled")
    assert entry.note == "Đã báo cáo bằng văn bản số 12-BC/ĐU" and entry.actor == cast.officer_a
    # gone from every list: the page, the API, the aggregator (the dashboard and the command count it)
    assert "Xem lại Chi bộ thôn Đông" not in _titles(_page(client, cast.officer_a))
    assert key not in {i.key for i in todo.collect(cast.viewer_a, TODAY)}
    shown = _page(client, cast.officer_a, handled=1)
    assert "Đã xử lý ở nơi khác (Nguyễn Văn An, 03/12/2026): Đã báo cáo bằng văn bản số 12-BC/ĐU" in shown
    back = client.post(reverse("todo:reopen", args=[mark.pk]), {"version": mark.version})
    assert back.status_code == 302
    mark.refresh_from_db()
    assert mark.reopened_at is not None and mark.reopened_by == cast.officer_a
    assert AuditEntry.objects.filter(action="todo.reopened", object_id=str(mark.pk)).exists()
    assert "Xem lại Chi bộ thôn Đông" in _titles(_page(client, cast.officer_a))
    # marked again later: a new mark, the old one stays as history
    services.mark_handled(by=cast.officer_a, key=key, reason="Lần hai", on=TODAY)
    assert HandledItem.objects.count() == 2 and HandledItem.objects.open().count() == 1


@pytest.mark.django_db
def test_who_may_mark(client, cast):
    t = cast.tree
    key = _key("check", t.cell_a1, TODAY - dt.timedelta(days=1))
    # read-only roles see the item, without the button, and are refused
    html = _page(client, cast.viewer_a)
    assert "Xem lại Chi bộ thôn Đông" in _titles(html) and 'data-testid="todo-mark"' not in html
    assert 'data-testid="todo-mark"' in _page(client, cast.officer_a)
    client.force_login(cast.viewer_a)
    assert client.post(reverse("todo:handle"), {"key": key, "reason": "x"}).status_code == 403
    with pytest.raises(PermissionDeniedInScope):
        services.mark_handled(by=cast.viewer_a, key=key, reason="x", on=TODAY)
    # another district's officer does not have the item at all
    client.force_login(cast.officer_b)
    assert client.get(reverse("todo:handle"), {"key": key}).status_code == 404
    with pytest.raises(RuleViolation, match="không có trong danh sách việc cần làm của bạn"):
        services.mark_handled(by=cast.officer_b, key=key, reason="x", on=TODAY)
    assert not HandledItem.objects.exists()
    # and cannot bring back another district's mark
    mark = services.mark_handled(by=cast.officer_a, key=key, reason="Đã xong", on=TODAY)
    assert client.post(reverse("todo:reopen", args=[mark.pk])).status_code == 404
    client.force_login(cast.viewer_a)
    assert client.post(reverse("todo:reopen", args=[mark.pk])).status_code == 403


@pytest.mark.django_db
def test_an_item_is_marked_once(cast):
    key = _key("waiting", cast.tree.grassroots_a, None)
    services.mark_handled(by=cast.officer_a, key=key, reason="Đã tiếp nhận trên giấy", on=TODAY)
    with pytest.raises(RuleViolation, match="đã được Nguyễn Văn An"):
        services.mark_handled(by=cast.admin, key=key, reason="Lại", on=TODAY)
    # the database refuses a second open mark even past the service (two requests at the same moment)
    with pytest.raises(IntegrityError), transaction.atomic():
        HandledItem.objects.create(key=key, category="waiting", category_label="x", title="x",
                                   organization=cast.tree.grassroots_a, reason="x", handled_on=TODAY, handled_by=cast.admin)


@pytest.mark.django_db
def test_api_filters_groups_marks_and_reopens(api, cast):  # noqa: F811
    t = cast.tree
    officer = api(cast.officer_a)
    items = [i for i in officer.get("/api/todo/", {"horizon": "overdue"}).json() if i["category"] in MINE]
    assert {i["category"] for i in items} == {"check"} and all(i["may_handle"] for i in items)
    groups = {g["category"]: g for g in officer.get("/api/todo/groups/").json()}
    assert (groups["check"]["count"], groups["check"]["overdue"], groups["later"]["count"]) == (3, 3, 2)
    bad = officer.get("/api/todo/", {"horizon": "soon", "organization": t.cell_b1.pk})
    assert bad.status_code == 400 and set(bad.json()) == {"horizon", "organization"}
    key = _key("later", t.cell_a2, TODAY + dt.timedelta(days=60))
    assert officer.post("/api/todo/handled/", {"key": key}, format="json").status_code == 400
    created = officer.post("/api/todo/handled/", {"key": key, "reason": "Chi bộ đã chuẩn bị xong"}, format="json")
    assert created.status_code == 201 and created.json()["organization"] == t.cell_a2.pk
    assert key not in {i["key"] for i in officer.get("/api/todo/").json()}
    with_marks = {i["key"]: i for i in officer.get("/api/todo/", {"handled": "true"}).json()}
    assert with_marks[key]["handled"]["reason"] == "Chi bộ đã chuẩn bị xong"
    mark_id = created.json()["id"]
    assert api(cast.officer_b).get(f"/api/todo/handled/{mark_id}/").status_code == 404
    assert api(cast.viewer_a).post(f"/api/todo/handled/{mark_id}/reopen/", {}, format="json").status_code == 403
    assert officer.post(f"/api/todo/handled/{mark_id}/reopen/", {"version": 99}, format="json").status_code == 409
    reopened = officer.post(f"/api/todo/handled/{mark_id}/reopen/", {"version": 1}, format="json")
    assert reopened.status_code == 200 and reopened.json()["reopened_at"]
    assert officer.get("/api/todo/handled/").json()["count"] == 0
    assert officer.get("/api/todo/handled/", {"all": "true"}).json()["count"] == 1
