"""The import's to-do items: a checked file left unimported, a refused file not followed by another one."""

import datetime as dt

import pytest

from dangvu.core import todo
from dangvu.imports import services
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.imports.todo import todo_items
from tests.clock import NOW, TODAY
from tests.imports.helpers import member_row, xlsx

pytestmark = pytest.mark.django_db


def _preview(cast, rows, name):
    return services.preview(by=cast.officer_a, kind="members", organization=cast.tree.district_a, file_name=name,
                            content=xlsx("members", rows))


def _age(run, days):
    ImportRun.objects.filter(pk=run.pk).update(created_at=NOW - dt.timedelta(days=days))


def test_pending_preview_and_refused_file_are_listed_until_settled(cast):
    pending = _preview(cast, [member_row()], "dv.xlsx")
    assert pending.status == RunStatus.PREVIEWED
    _age(pending, 7)
    assert todo_items(cast.officer_a, TODAY) == []  # seven days: not yet
    _age(pending, 8)
    [item] = todo_items(cast.officer_a, TODAY)
    assert (item.category, item.overdue, item.due) == ("import_pending", True, TODAY - dt.timedelta(days=1))
    assert "dv.xlsx" in item.title and "Đảng viên (phiếu 2-HSĐV)" in item.title and item.url.endswith(f"/{pending.pk}/")
    assert item.organization_id == cast.tree.district_a.pk
    assert [i.category for i in todo.collect(cast.officer_a, TODAY) if i.category.startswith("import_")] == ["import_pending"]
    # neither a secretary nor another district's officer sees it
    assert todo_items(cast.secretary_a1, TODAY) == [] and todo_items(cast.officer_b, TODAY) == []

    refused = _preview(cast, [member_row(citizen_id="123")], "sai.xlsx")
    _age(refused, 2)
    items = {i.category: i for i in todo_items(cast.officer_a, TODAY)}
    assert "1 dòng bị từ chối" in items["import_rejected"].title and not items["import_rejected"].overdue
    _age(refused, 31)  # refused more than 30 days ago: dropped
    assert {i.category for i in todo_items(cast.officer_a, TODAY)} == {"import_pending"}
    _age(refused, 2)
    # the corrected file, checked and imported, settles both
    services.apply(by=cast.officer_a, run=_preview(cast, [member_row()], "dv-sua.xlsx"))
    assert todo_items(cast.officer_a, TODAY) == []


def test_a_refused_file_followed_by_another_attempt_is_settled(cast, settings):
    settings.IMPORT_REJECTED_DAYS = 5
    refused = _preview(cast, [member_row(citizen_id="123")], "sai.xlsx")
    _age(refused, 5)
    assert [i.category for i in todo_items(cast.officer_a, TODAY)] == ["import_rejected"]
    _age(refused, 6)
    assert todo_items(cast.officer_a, TODAY) == []
    _age(refused, 1)
    _preview(cast, [member_row(citizen_id="124")], "sai-2.xlsx")  # refused again: only the latest is listed
    [item] = todo_items(cast.officer_a, TODAY)
    assert "sai-2.xlsx" in item.title
