"""The demo's imports (seed_demo): an applied file with two corrections and a refused one with its error file, both
made by the demo from the register and run through the import service. The demo is written once for the module
inside a transaction rolled back at the end."""

import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.accounts.models import User
from dangvu.imports.models import ImportRun, RunStatus
from dangvu.imports.todo import todo_items
from dangvu.members.models import Member
from tests.clock import TODAY
from tests.imports.helpers import rows_of

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--seed", "2025", "--members", "300", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def test_demo_has_an_applied_and_a_refused_import(demo, client):
    applied = ImportRun.objects.get(status=RunStatus.APPLIED)
    assert applied.counts["changed"] == 2 and applied.counts["rejected"] == 0 and applied.counts["unchanged"] >= 1
    assert Member.objects.filter(workplace="Trường Tiểu học Sơn Hà").count() == 1
    refused = ImportRun.objects.get(status=RunStatus.REJECTED)
    errors = {r["row"]: r["errors"] for r in rows_of(refused) if r["errors"]}
    assert errors[3][0][0] == "Số CCCD" and errors[4][0][0] == "Ngày sinh" and len(errors) == 2
    officer = User.objects.get(username="canbo.sonha")
    assert [i.category for i in todo_items(officer, TODAY)] == ["import_rejected"]
    client.force_login(officer)
    ws = load_workbook(io.BytesIO(client.get(reverse("imports:errors_file", args=[refused.pk])).content)).active
    assert "Số CCCD" in ws.cell(3, ws.max_column).value and ws.cell(2, ws.max_column).value is None
    page = client.get(reverse("imports:detail", args=[applied.pk])).content.decode()
    assert "Trường Tiểu học Sơn Hà" in page
