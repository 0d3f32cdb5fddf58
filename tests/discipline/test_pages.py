"""Discipline pages: who sees what (inspection officer and organization officer of the subtree, the cell's
secretary, the member concerned once notified, an outsider: 404), the steps through the pages, the DOCX."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.accounts.models import Role
from dangvu.discipline import services
from dangvu.discipline.models import Proceeding
from tests.conftest import _user
from tests.discipline.conftest import cell_decides, open_for

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(people):
    p = cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)
    type(people.an).objects.filter(pk=people.an.pk).update(user=_user("an_member", "Nguyễn Văn An", people.cell, Role.MEMBER))
    return p


def _get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_who_sees_a_decision(client, people, decided):
    url = reverse("discipline:detail", args=[decided.pk])
    cast = people.cast
    for user in (people.inspector, cast.officer_a, cast.secretary_a1, cast.admin):
        response = _get(client, user, url)
        assert response.status_code == 200 and "Nguyễn Văn An" in response.content.decode(), user.username
    people.an.refresh_from_db()
    assert _get(client, people.an.user, url).status_code == 200  # their own, announced
    for user in (cast.officer_b, cast.viewer_a, cast.member_a1):
        assert _get(client, user, url).status_code == 404, user.username
    secretary_a2 = _user("secretary_a2", "Bí thư A2", people.tree.cell_a2, Role.CELL_SECRETARY)
    assert _get(client, secretary_a2, url).status_code == 404
    # The secretary reads; appeals stay with the officers (the cell's own steps: test_cell_secretary.py).
    assert _get(client, cast.secretary_a1, reverse("discipline:appeal_add", args=[decided.pk])).status_code == 403


def test_the_member_does_not_see_a_proceeding_before_it_is_announced(client, people, decided):
    pending = open_for(people.inspector, people.an, on=D(2026, 12, 1), committed=D(2026, 11, 15))
    people.an.refresh_from_db()
    assert _get(client, people.an.user, reverse("discipline:detail", args=[pending.pk])).status_code == 404
    body = _get(client, people.an.user, reverse("discipline:index")).content.decode()
    assert reverse("discipline:detail", args=[decided.pk]) in body
    assert reverse("discipline:detail", args=[pending.pk]) not in body


def test_open_and_decide_through_the_pages(client, people):
    client.force_login(people.inspector)
    url = reverse("discipline:add") + f"?cell={people.cell.pk}"
    response = client.post(url, {"member": people.binh.pk, "opened_on": "01/10/2026", "proposed_form": "reprimand",
                                 "summary": "Vi phạm quy chế làm việc", "violation_kind": "ordinary",
                                 "committed_on": "01/08/2026", "violation": "Không chấp hành phân công"})
    p = Proceeding.objects.get(member=people.binh)
    assert response.status_code == 302 and response["Location"] == reverse("discipline:detail", args=[p.pk])
    response = client.post(reverse("discipline:decide", args=[p.pk]), {
        "decided_form": "reprimand", "body_kind": "cell", "deciding_organization": people.cell.pk, "decided_on": "20/10/2026",
        "votes_for": "2", "vote_base": "3", "version": p.version})
    assert "Phải nghe đảng viên trình bày" in response.content.decode() or "phải nghe đảng viên" in response.content.decode()
    client.post(reverse("discipline:hearing", args=[p.pk]), {"heard_on": "10/10/2026", "version": p.version})
    p.refresh_from_db()
    response = client.post(reverse("discipline:decide", args=[p.pk]), {
        "decided_form": "reprimand", "body_kind": "cell", "deciding_organization": people.cell.pk, "decided_on": "20/10/2026",
        "votes_for": "1", "vote_base": "3", "version": p.version})
    assert "chưa quá 1/2" in response.content.decode()
    response = client.post(reverse("discipline:decide", args=[p.pk]), {
        "decided_form": "reprimand", "body_kind": "cell", "deciding_organization": people.cell.pk, "decided_on": "20/10/2026",
        "votes_for": "2", "vote_base": "3", "decision_number": "02-QĐ/CB", "announced_on": "22/10/2026", "version": p.version})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.lapses_on == D(2027, 10, 22)
    docx = client.get(reverse("discipline:decision_docx", args=[p.pk]))
    doc = Document(io.BytesIO(docx.content))
    text = "\n".join([par.text for par in doc.paragraphs]
                     + [cell.text for table in doc.tables for row in table.rows for cell in row.cells])
    assert "QUYẾT ĐỊNH" in text and "KHIỂN TRÁCH" in text and "Trần Văn Bình" in text and "02-QĐ/CB" in text


def test_menu_for_officers_and_the_cells_secretary(client, people):
    assert "Kỷ luật đảng" in _get(client, people.inspector, reverse("discipline:index")).content.decode()
    body = _get(client, people.cast.secretary_a1, reverse("todo")).content.decode()
    assert reverse("discipline:index") in body  # the cell's own reprimands and warnings (K2)
    body = _get(client, people.cast.viewer_a, reverse("todo")).content.decode()
    assert reverse("discipline:index") not in body


def test_notification_pages(client, people):
    client.force_login(people.inspector)
    response = client.post(reverse("discipline:notification_add") + f"?cell={people.cell.pk}", {
        "member": people.an.pk, "body_kind": "state", "body_name": "UBND xã An Lạc", "measure": "Khiển trách",
        "decision_date": "01/11/2026", "received_on": "10/11/2026"})
    assert response.status_code == 302
    body = client.get(reverse("discipline:notifications")).content.decode()
    assert "UBND xã An Lạc" in body and "quá hạn" in body
    assert "UBND xã An Lạc" not in _get(client, people.cast.officer_b, reverse("discipline:notifications")).content.decode()
    assert services  # the pages call the services


def test_the_penalty_in_force_shows_on_the_members_record_until_it_lapses(client, people, frozen_clock):
    """Issue 13 "done means": the penalty shows on the member, and stops showing once it has lapsed (K7)."""
    cell_decides(people.inspector, open_for(people.inspector, people.an), people.cell)  # announced 21/10/2026
    url = reverse("members:detail", args=[people.an.pk])
    frozen_clock.move_to(dt.datetime(2027, 10, 20, 10, 0, tzinfo=dt.UTC))
    client.force_login(people.cast.officer_a)  # a session lasts a working day, not a year
    page = client.get(url).content.decode()
    assert "Đang chịu kỷ luật cảnh cáo" in page and "công bố ngày 21/10/2026" in page and "đến hết ngày 20/10/2027" in page
    frozen_clock.move_to(dt.datetime(2027, 10, 21, 10, 0, tzinfo=dt.UTC))
    client.force_login(people.cast.officer_a)
    assert "Đang chịu kỷ luật" not in client.get(url).content.decode()


def test_the_members_home_lists_their_announced_decisions_only(client, people, decided):
    def card():
        body = _get(client, people.an.user, reverse("my_record")).content.decode()
        text = body[body.index('data-testid="my-penalties"'):]
        return text[:text.index("</ul>")]

    people.an.refresh_from_db()
    assert reverse("discipline:detail", args=[decided.pk]) in card()
    assert "Cảnh cáo" in card() and "công bố ngày 21/10/2026" in card() and "hết hiệu lực ngày 21/10/2027" in card()
    # A new violation within the 12 months: its proceeding is not shown before it is announced, and the warning no
    # longer lapses by itself (K7).
    pending = open_for(people.inspector, people.an, on=D(2026, 12, 1), committed=D(2026, 11, 15))
    assert reverse("discipline:detail", args=[pending.pk]) not in card()
    assert "hết hiệu lực" not in card()
    other = _get(client, people.cast.member_a1, reverse("my_record")).content.decode()
    assert reverse("discipline:detail", args=[decided.pk]) not in other


def test_a_decision_of_the_inspection_commission_is_issued_in_its_name(client, people):
    """The convention's issuer "ủy ban kiểm tra": header, its own number series, signed for the commission."""
    from tests.documents.extract import read

    p = open_for(people.inspector, people.binh, form="warning")
    services.record_hearing(by=people.inspector, proceeding=p, heard_on=D(2026, 10, 10))
    services.decide(by=people.inspector, proceeding=p, form="warning", body_kind="inspection_commission",
                    deciding_organization=people.tree.district_a, decided_on=D(2026, 10, 20), votes_for=3, vote_base=5,
                    decision_number="15")
    client.force_login(people.inspector)
    doc = read(client.get(reverse("discipline:decision_docx", args=[p.pk])).content)
    committee = people.tree.district_a.name.replace("Đảng bộ huyện", "Huyện ủy").upper()
    assert doc.header_left[:2] == [committee, "ỦY BAN KIỂM TRA"]
    assert any("15-QĐ/UBKTHU" in line for line in doc.header_left)
    assert doc.signature[:2] == ["T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM"]
    assert "BAN THƯỜNG VỤ" not in doc.text
