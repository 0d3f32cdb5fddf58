"""Badge and card pages × the named cast (200 / 403 read-only / 404 outside), forms, the proposal DOCX."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from docx import Document

from dangvu.audit.models import AuditEntry
from dangvu.awards import services
from dangvu.awards.models import BadgeAward, PartyCard
from dangvu.core.todo import collect
from tests.awards import admitted_on
from tests.clock import TODAY

OK, RO, NF, LOGIN = 200, 403, 404, 302
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    return SimpleNamespace(
        a1=admitted_on("Trần Văn Bình", cast.tree.cell_a1, D(1996, 9, 2), party_card_number="12345678"),
        a2=admitted_on("Lê Thị Hoa", cast.tree.cell_a2, D(1986, 8, 1), sex="female"),
        b1=admitted_on("Phạm Văn Cường", cast.tree.cell_b1, D(1996, 5, 1)),
    )


def _pages(people):
    a1, b1 = people.a1.pk, people.b1.pk
    return {
        reverse("awards:due"): [OK, OK, OK, OK, OK, OK],
        reverse("awards:due") + "?presentation_on=02/09/2026": [OK, OK, OK, OK, OK, OK],
        reverse("awards:due_docx") + "?presentation_on=02/09/2026": [OK, OK, OK, OK, OK, OK],
        reverse("awards:awarded"): [OK, OK, OK, OK, OK, OK],
        reverse("awards:exchange"): [OK, OK, RO, RO, RO, OK],
        reverse("awards:member", args=[a1]): [OK, OK, OK, NF, OK, NF],
        reverse("awards:member", args=[b1]): [OK, NF, NF, NF, NF, OK],
        reverse("awards:record", args=[a1]): [OK, OK, RO, NF, RO, NF],
        reverse("awards:record", args=[b1]): [OK, NF, NF, NF, NF, OK],
        reverse("awards:card", args=[a1]): [OK, OK, RO, NF, RO, NF],
        reverse("awards:card", args=[b1]): [OK, NF, NF, NF, NF, OK],
    }


def test_every_page_for_every_cast_member(client, cast, people):
    failures = []
    for url, expected in _pages(people).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(getattr(cast, who))
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_posts_for_every_cast_member(client, cast, people):
    form = {"milestone": "30", "kind": "regular", "presentation_on": "02/09/2026", "decision_number": "12-QĐ/HU",
            "decision_date": "20/08/2026"}
    expected = {"admin": 302, "officer_a": 200, "secretary_a1": RO, "member_a1": NF, "viewer_a": RO, "officer_b": NF}
    failures = []
    for who in CAST:
        client.force_login(getattr(cast, who))
        got = client.post(reverse("awards:record", args=[people.a1.pk]), form).status_code
        # officer_a comes second: the admin has just recorded it, so the form answers with the duplicate refusal.
        if got != expected[who]:
            failures.append(f"{who}: expected {expected[who]}, got {got}")
    assert not failures, "\n".join(failures)
    assert BadgeAward.objects.filter(member=people.a1).count() == 1


def test_anonymous_is_sent_to_login(client, people):
    for url in _pages(people):
        response = client.get(url)
        assert response.status_code == LOGIN and "/tai-khoan/dang-nhap/" in response["Location"], url


def _due_names(client, user, query="?presentation_on=02/09/2026"):
    client.force_login(user)
    response = client.get(reverse("awards:due") + query)
    assert response.status_code == 200
    return {item["row"].member.full_name for item in response.context["items"]}


def test_due_page_holds_only_the_users_scope(client, cast, people):
    assert _due_names(client, cast.admin) == {"Trần Văn Bình", "Lê Thị Hoa", "Phạm Văn Cường"}
    assert _due_names(client, cast.officer_a) == {"Trần Văn Bình", "Lê Thị Hoa"}
    assert _due_names(client, cast.secretary_a1) == {"Trần Văn Bình"}
    assert _due_names(client, cast.officer_b) == {"Phạm Văn Cường"}
    assert _due_names(client, cast.member_a1) == set()
    # An organization outside the scope is not a choice: the filter refuses it, nothing of B shows.
    assert _due_names(client, cast.officer_a, f"?presentation_on=02/09/2026&organization={cast.tree.cell_b1.pk}") == set()
    assert _due_names(client, cast.officer_a, f"?presentation_on=02/09/2026&organization={cast.tree.cell_a2.pk}") == {"Lê Thị Hoa"}


def test_due_page_shows_record_buttons_only_to_officers(client, cast, people):
    client.force_login(cast.viewer_a)
    assert b'data-testid="record-award"' not in client.get(reverse("awards:due") + "?presentation_on=02/09/2026").content
    client.force_login(cast.officer_a)
    content = client.get(reverse("awards:due") + "?presentation_on=02/09/2026").content.decode()
    assert content.count('data-testid="record-award"') == 2


def test_bad_date_names_the_field(client, cast, people):
    client.force_login(cast.officer_a)
    response = client.get(reverse("awards:due") + "?presentation_on=31/02/2026")
    assert response.status_code == 200 and response.context["items"] == []
    assert "Dịp trao tặng: Ngày “31/02/2026” không có thật" in response.content.decode()


def test_record_form_errors_on_their_fields(client, cast, people):
    client.force_login(cast.officer_a)
    url = reverse("awards:record", args=[people.a1.pk])
    response = client.post(url, {"milestone": "30", "kind": "regular", "presentation_on": "19/05/2026",
                                 "decision_number": "12-QĐ/HU", "decision_date": "01/05/2026"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "presentation_on" in errors and "tuổi đảng chưa đủ 30 năm" in errors["presentation_on"][0]
    assert not BadgeAward.objects.exists()
    assert "discipline_form" not in response.context["form"].fields  # read from the discipline register (K8, B5)


def test_record_from_the_due_list_returns_to_it(client, cast, people):
    client.force_login(cast.officer_a)
    back = reverse("awards:due") + "?presentation_on=02%2F09%2F2026"
    response = client.post(reverse("awards:record", args=[people.a1.pk]), {
        "milestone": "30", "kind": "regular", "presentation_on": "02/09/2026", "decision_number": "12-QĐ/HU",
        "decision_date": "20/08/2026", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert _due_names(client, cast.officer_a) == {"Lê Thị Hoa"}
    # An outside address is never followed.
    response = client.post(reverse("awards:record", args=[people.a2.pk]), {
        "milestone": "40", "kind": "regular", "presentation_on": "02/09/2026", "decision_number": "13-QĐ/HU",
        "decision_date": "20/08/2026", "next": "https://example.com/"})
    assert response["Location"] == reverse("awards:member", args=[people.a2.pk])
    # … nor offered as the cancel link.
    for outside in ("https://example.com/", "//example.com/", "javascript:alert(1)"):
        response = client.get(reverse("awards:record", args=[people.a2.pk]), {"next": outside})
        assert response.context["next"] == "" and f'href="{reverse("awards:member", args=[people.a2.pk])}">Hủy' in response.content.decode()


def test_card_form_and_masking(client, cast, people):
    client.force_login(cast.officer_a)
    response = client.post(reverse("awards:card", args=[people.a1.pk]), {
        "kind": "reissue_lost", "number": "87654321", "issued_on": "01/03/2026", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    response = client.post(reverse("awards:card", args=[people.a1.pk]), {
        "kind": "reissue_lost", "number": "87654321", "issued_on": "01/03/2026", "reason": "Mất trong lũ"})
    assert response.status_code == 302
    assert PartyCard.objects.get().number == "87654321"
    page = client.get(reverse("awards:member", args=[people.a1.pk])).content.decode()
    assert "87654321" in page
    client.force_login(cast.viewer_a)  # may not reveal card numbers
    page = client.get(reverse("awards:member", args=[people.a1.pk])).content.decode()
    assert "87654321" not in page and "******21" in page


def test_exchange_preview_then_confirm(client, cast, people):
    client.force_login(cast.officer_a)
    form = {"organization": cast.tree.cell_a1.pk, "name": "Đổi thẻ CT 51", "numbering": "sequence", "start_number": "20000001",
            "issued_on": "01/09/2026", "decision_number": "100-QĐ/HU", "decision_date": "25/08/2026"}
    response = client.post(reverse("awards:exchange"), form | {"preview": "1"})
    assert response.status_code == 200 and [r.new_number for r in response.context["plan"]["rows"]] == ["20000001"]
    assert not PartyCard.objects.exists()
    response = client.post(reverse("awards:exchange"), form | {"confirm": "1"})
    assert response.status_code == 302
    people.a1.refresh_from_db()
    assert people.a1.party_card_number == "20000001"
    # Outside the user's subtree: not a choice.
    response = client.post(reverse("awards:exchange"), form | {"organization": cast.tree.cell_b1.pk, "preview": "1"})
    assert "organization" in response.context["form"].errors


def test_proposal_docx(client, cast, people):
    client.force_login(cast.officer_a)
    response = client.get(reverse("awards:due_docx") + "?presentation_on=02/09/2026")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    left, right = document.tables[0].rows[0].cells
    # The committee issues (HUYỆN ỦY, as the decisions say), not the organization (was "ĐẢNG BỘ HUYỆN").
    assert [p.text for p in left.paragraphs] == ["ĐẢNG BỘ TỈNH THỬ NGHIỆM", "HUYỆN ỦY AN LẠC", "*", "Số      -DS/HU"]
    assert right.paragraphs[1].text.startswith("An Lạc, ngày ")
    texts = [p.text for p in document.paragraphs if p.text]
    assert "DANH SÁCH" in texts and "đảng viên đề nghị tặng Huy hiệu Đảng đợt 02/09/2026" in texts
    assert any("cho 2 đồng chí (1 đồng chí 30 năm, 1 đồng chí 40 năm)" in t for t in texts)
    assert "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;" in texts
    assert any(t.startswith("Căn cứ Quy định số ") and "của Ban Chấp hành Trung ương về thi hành Điều lệ Đảng" in t
               for t in texts)
    assert not any("01-HD/TW, ngày 28/9/2021" in t for t in texts)  # 2026: HD 06-HD/TW (2025) is in force
    rows = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert rows[0] == ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Tuổi đảng (năm)", "Huy hiệu (năm)", "Chi bộ",
                       "Ghi chú"]
    # the stated order: the highest badge first, then by cell and name
    assert any("(xếp theo mức Huy hiệu từ cao xuống thấp, trong mỗi mức theo chi bộ và theo tên)" in t for t in texts)
    assert rows[1][1] == "Lê Thị Hoa" and rows[1][:1] + rows[1][4:6] == ["1", "40", "40"]
    assert rows[2][:7] == ["2", "Trần Văn Bình", "15/01/1976", "02/09/1996", "30", "30", "Chi bộ thôn Đông"]
    signer = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs]
    assert signer[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
    # The cell secretary's list: their cell only, signed for the cell.
    client.force_login(cast.secretary_a1)
    document = Document(io.BytesIO(client.get(reverse("awards:due_docx") + "?presentation_on=02/09/2026").content))
    assert [[c.text for c in row.cells][1] for row in document.tables[1].rows] == ["Họ và tên", "Trần Văn Bình"]
    assert document.tables[-1].rows[0].cells[1].paragraphs[0].text == "T/M CHI BỘ"


def test_proposal_docx_of_another_district_holds_none_of_ours(client, cast, people):
    """officer_b's list has none of district A's members; naming A's cell is refused, no document."""
    client.force_login(cast.officer_b)
    response = client.get(reverse("awards:due_docx") + "?presentation_on=02/09/2026")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    names = [[c.text for c in row.cells][1] for row in document.tables[1].rows]
    assert "Trần Văn Bình" not in names and "Lê Thị Hoa" not in names
    outside = client.get(reverse("awards:due_docx") + f"?presentation_on=02/09/2026&organization={cast.tree.cell_a1.pk}")
    assert outside.status_code == 302 and "wordprocessingml" not in outside.get("Content-Type", "")


def test_todo_items_for_the_next_presentation_date(cast, people):
    on = TODAY
    nxt = services.rules.next_presentation_date(on)
    items = [i for i in collect(cast.officer_a, on) if i.category.startswith("badge")]
    # Everyone in the fixture reached the milestone by 2/9/2026, so by the next presentation date
    # after today their own date is past (overdue) unless it is the next one itself.
    names = " ".join(i.title for i in items)
    assert "Trần Văn Bình (30 năm)" in names and "Lê Thị Hoa (40 năm)" in names and "Phạm Văn Cường" not in names
    assert all(i.url.startswith(reverse("awards:due")) for i in items)
    assert {i.due for i in items if not i.overdue} <= {nxt}
    assert [i for i in collect(cast.officer_b, on) if "Phạm Văn Cường" in i.title]
    assert not [i for i in collect(cast.member_a1, on) if i.category.startswith("badge")]


def test_audit_label_is_known(cast, people):
    services.record_award(by=cast.officer_a, member=people.a1, milestone=30, presentation_on=D(2026, 9, 2),
                          decision_number="1-QĐ/HU", decision_date=D(2026, 8, 1))
    assert AuditEntry.objects.get(action="awards.badge").action_label == "Tặng Huy hiệu Đảng"
