"""The to-do items of transfers, the DOCX introduction letter, and the demo letters."""

import datetime as dt
import io
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from docx import Document

from dangvu.audit.models import AuditEntry
from dangvu.core import todo as core_todo
from dangvu.demo.organizations import KHU_PHO_1_CODE
from dangvu.demo.transfers import seed_transfers
from dangvu.transfers import services, todo
from dangvu.transfers.kinds import LetterStatus, Purpose, TransferKind
from dangvu.transfers.models import TransferLetter
from tests.clock import TODAY
from tests.documents import extract
from tests.members import register
from tests.transfers.conftest import official

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def _by_category(items):
    return {(i.category, i.overdue) for i in items}


def test_todo_on_both_sides(cast, more, binh):
    t = cast.tree
    overdue = services.issue_letter(by=cast.officer_a, member=binh, destination=t.cell_b1, issue_date=dt.date(2026, 1, 20),
                                    basis_date=dt.date(2026, 1, 12), **official())
    on = dt.date(2026, 3, 11)
    a_items = todo.todo_items(cast.officer_a, on)
    assert [(i.category, i.overdue, i.due) for i in a_items] == [("transfer_not_received", True, dt.date(2026, 3, 10))]
    assert a_items[0].url == reverse("transfers:detail", args=[overdue.pk]) and "T3" in a_items[0].rule
    b_items = todo.todo_items(more.secretary_b1, dt.date(2026, 3, 10))
    assert [(i.category, i.overdue) for i in b_items] == [("transfer_to_receive", False)]
    assert todo.todo_items(more.officer_c, on) == [] and todo.todo_items(cast.viewer_a, on) == []
    assert todo.todo_items(cast.member_a1, on) == []
    # The to-do page collects them (sorted: overdue first).
    assert ("transfer_not_received", True) in _by_category(core_todo.collect(cast.officer_a, on))


def test_todo_for_temporary_transfers_ending_or_not_returned(cast, more):
    t = cast.tree
    hoa = register("Lê Thị Hoa", t.cell_a2, sex="female")
    start = TODAY - 100 * DAY
    letter = services.issue_letter(by=cast.officer_a, member=hoa, kind=TransferKind.TEMPORARY, number="7-GGT/ĐU",
                                   issue_date=start - DAY, destination=t.cell_b1, basis="Quyết định",
                                   basis_date=start - 5 * DAY, purpose=Purpose.WORK, period_start=start,
                                   period_end=TODAY + 20 * DAY, self_review=True)
    services.receive_letter(by=cast.officer_b, letter=letter, receiving_cell=t.cell_b1, received_on=start)
    assert _by_category(todo.todo_items(cast.officer_a, TODAY)) == {("temporary_ending", False)}
    assert _by_category(todo.todo_items(more.secretary_b1, TODAY)) == {("temporary_ending", False)}
    assert todo.todo_items(cast.officer_a, TODAY - 20 * DAY) == []  # 40 days ahead: beyond the 30-day horizon
    assert _by_category(todo.todo_items(cast.officer_b, TODAY + 21 * DAY)) == {("temporary_not_returned", True)}
    assert todo.todo_items(more.officer_c, TODAY) == []


def test_docx_letter(client, cast, more, binh):
    letter = services.issue_letter(by=cast.officer_a, member=binh, destination=cast.tree.cell_b1,
                                   issue_date=dt.date(2026, 1, 20), basis_date=dt.date(2026, 1, 12),
                                   signer_name="Nguyễn Văn Tổ", signer_title="Phó Trưởng ban Tổ chức", **official())
    binh.party_card_number = "12345678"
    binh.save(update_fields=["party_card_number"])
    client.force_login(cast.officer_a)
    response = client.get(reverse("transfers:docx", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    cells = "\n".join(c.text for table in Document(io.BytesIO(response.content)).tables for row in table.rows
                      for c in row.cells)
    whole = text + "\n" + cells
    assert "GIẤY GIỚI THIỆU" in whole and "Trần Văn Bình" in whole and "Chi bộ thôn Bắc" in whole
    assert "10/03/2026" in whole and "30 ngày làm việc" in whole and "12345678" in whole
    assert "NGUYỄN VĂN TỔ" in whole.upper()
    # The convention (HD 36): the Organization Commission of the district committee issues the
    # official letter; its deputy head signs "K/T TRƯỞNG BAN"; the letter goes to the committee.
    doc = extract.read(response.content)
    assert doc.header_left == ["HUYỆN ỦY AN LẠC", "BAN TỔ CHỨC", "*", "Số 15-GGT/HU"]
    assert doc.place_date == "An Lạc, ngày 20 tháng 01 năm 2026"
    assert doc.signature == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn Tổ"]
    assert "Kính gửi: Chi bộ thôn Bắc." in doc.body
    # The receiving secretary may download it too, with the card number masked.
    client.force_login(more.secretary_b1)
    response = client.get(reverse("transfers:docx", args=[letter.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "12345678" not in text and "******78" in text
    assert AuditEntry.objects.filter(action="transfers.letter_download", object_id=str(letter.pk)).count() == 2
    client.force_login(more.officer_c)
    assert client.get(reverse("transfers:docx", args=[letter.pk])).status_code == 404


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", "--seed", "7", "--members", "400", stdout=out)  # calls seed_transfers
        yield out.getvalue()
        transaction.set_rollback(True)


def test_demo_letters(demo):
    from dangvu.accounts.models import User

    assert "4 giấy giới thiệu sinh hoạt đảng" in demo
    letters = list(TransferLetter.objects.select_related("destination", "receiving_cell"))
    on = TODAY
    awaiting = [x for x in letters if x.status == LetterStatus.ISSUED and not x.overdue_on(on)]
    overdue = [x for x in letters if x.overdue_on(on)]
    temporary = [x for x in letters if x.kind == TransferKind.TEMPORARY and x.status == LetterStatus.RECEIVED]
    received = [x for x in letters if x.kind == TransferKind.OFFICIAL and x.status == LetterStatus.RECEIVED]
    assert (len(awaiting), len(overdue), len(temporary), len(received)) == (1, 1, 1, 1)
    assert awaiting[0].destination.code == KHU_PHO_1_CODE
    assert received[0].member.organization == received[0].receiving_cell
    assert temporary[0].member.organization == temporary[0].from_organization
    secretary = User.objects.get(username="bithu.khupho1")
    assert [x.pk for x in TransferLetter.objects.incoming_for(secretary).awaiting()] == [awaiting[0].pk]
    assert any(i.category == "transfer_to_receive" for i in todo.todo_items(secretary, on))
    dongha = User.objects.get(username="canbo.dongha")
    assert overdue[0] in TransferLetter.objects.incoming_for(dongha)
    assert any(i.category == "temporary_ending" for i in todo.todo_items(dongha, on))


def test_demo_letters_are_deterministic(demo):
    """The same seed picks the same members again (on a copy of the state, rolled back)."""
    first = sorted(TransferLetter.objects.values_list("member_id", "number"))
    with transaction.atomic():
        TransferLetter.objects.all().delete()
        result = seed_transfers(random.Random(7 + 2))
        assert len(result.letters) == 4 and "4 (" in result.summary_lines()[0]
        transaction.set_rollback(True)
    assert sorted(TransferLetter.objects.values_list("member_id", "number")) == first
