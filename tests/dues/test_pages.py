"""Dues pages × the named cast (200 / 403 read-only / 404 outside), the month's entry screen, the book."""

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dangvu.dues.models import DuesPayment
from dangvu.members.models import Member
from tests.dues import member_with_basis

OK, RO, NF, LOGIN = 200, 403, 404, 302
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
D = dt.date

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(cast):
    a1 = member_with_basis("Lê Văn Cường", cast.tree.cell_a1)
    Member.objects.filter(pk=a1.pk).update(user=cast.member_a1)
    return SimpleNamespace(
        a1=a1,
        a1b=member_with_basis("Trần Thị Bê", cast.tree.cell_a1, category="student"),
        b1=member_with_basis("Phạm Văn Bắc", cast.tree.cell_b1),
        cell_a1=cast.tree.cell_a1, cell_b1=cast.tree.cell_b1,
    )


def _pages(p):
    a1, b1 = p.a1.pk, p.b1.pk
    return {
        reverse("dues:index"): [OK, OK, OK, RO, OK, OK],
        reverse("dues:index") + f"?organization={p.cell_b1.pk}": [OK, NF, NF, RO, NF, OK],
        reverse("dues:cell_month", args=[p.cell_a1.pk, 2026, 11]): [OK, OK, OK, NF, OK, NF],
        reverse("dues:cell_month", args=[p.cell_b1.pk, 2026, 11]): [OK, NF, NF, NF, NF, OK],
        reverse("dues:book", args=[p.cell_a1.pk, 2026]): [OK, OK, OK, NF, OK, NF],
        reverse("dues:member", args=[a1]): [OK, OK, OK, OK, OK, NF],
        reverse("dues:member", args=[b1]): [OK, NF, NF, NF, NF, OK],
        reverse("dues:basis", args=[a1]): [OK, OK, OK, OK, RO, NF],
        reverse("dues:pay", args=[a1]): [OK, OK, OK, RO, RO, NF],
        reverse("dues:pay", args=[b1]): [OK, NF, NF, NF, NF, OK],
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


def test_anonymous_is_sent_to_login(client, people):
    for url in _pages(people):
        response = client.get(url)
        assert response.status_code == LOGIN and "/tai-khoan/dang-nhap/" in response["Location"], url


def _month_form(p, **over):
    form = {"paid_on": "05/11/2026", f"paid_{p.a1.pk}": "on", f"amount_{p.a1.pk}": "80.000", f"channel_{p.a1.pk}": "cash",
            f"receipt_{p.a1.pk}": "BL-01", f"paid_{p.a1b.pk}": "on", f"amount_{p.a1b.pk}": "5.000",
            f"channel_{p.a1b.pk}": "portal"}
    return form | over


def test_month_entry_posts_for_every_cast_member(client, cast, people):
    url = reverse("dues:cell_month", args=[people.cell_a1.pk, 2026, 11])
    expected = {"officer_b": NF, "member_a1": NF, "viewer_a": RO, "secretary_a1": 302}
    for who, status in expected.items():
        client.force_login(getattr(cast, who))
        assert client.post(url, _month_form(people)).status_code == status, who
    assert sorted(DuesPayment.objects.values_list("amount", "channel", "receipt_number")) == [
        (Decimal(5_000), "portal", ""), (Decimal(80_000), "cash", "BL-01")]


def test_month_entry_prefills_and_reports_every_bad_row_without_saving(client, cast, people):
    url = reverse("dues:cell_month", args=[people.cell_a1.pk, 2026, 11])
    client.force_login(cast.secretary_a1)
    page = client.get(url)
    assert [r["amount"] for r in page.context["rows"]] == ["5.000", "80.000"]  # by given name: Bê, Cường
    response = client.post(url, _month_form(people, **{f"amount_{people.a1.pk}": "-80.000",
                                                        f"amount_{people.a1b.pk}": "5.000.000"}))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Lê Văn Cường, tháng 11/2026: số tiền đảng phí không được âm." in text
    assert "Trần Thị Bê, tháng 11/2026: số tiền 5.000.000 đ lớn hơn 12 lần" in text
    assert not DuesPayment.objects.exists()
    # Typed values are kept for correction.
    assert [r["amount"] for r in response.context["rows"]] == ["5.000.000", "-80.000"]


def test_unticked_members_stay_unpaid_and_a_second_entry_is_refused(client, cast, people):
    url = reverse("dues:cell_month", args=[people.cell_a1.pk, 2026, 11])
    client.force_login(cast.secretary_a1)
    form = _month_form(people)
    del form[f"paid_{people.a1b.pk}"]
    assert client.post(url, form).status_code == 302
    assert list(DuesPayment.objects.values_list("member_id", flat=True)) == [people.a1.pk]
    page = client.get(url)
    assert "Phải thu 85.000 đ · đã thu 80.000 đ · còn nợ 5.000 đ · 1/2 đảng viên đã đóng" in page.content.decode()


def test_the_dues_book_xlsx(client, cast, people):
    client.force_login(cast.secretary_a1)
    client.post(reverse("dues:cell_month", args=[people.cell_a1.pk, 2026, 11]), _month_form(people))
    response = client.get(reverse("dues:book", args=[people.cell_a1.pk, 2026]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "SỔ THU ĐẢNG PHÍ NĂM 2026" and rows[1][0] == "Chi bộ thôn Đông"
    header = rows[4]
    nov = header.index("T11 phải đóng")
    cuong = next(r for r in rows if r[1] == "Lê Văn Cường")
    assert (cuong[nov], cuong[nov + 1]) == (80_000, 80_000)
    assert cuong[header.index("Cả năm phải đóng")] == 12 * 80_000
    assert cuong[header.index("Còn nợ")] == 11 * 80_000
    total = rows[-1]
    assert total[1] == "Cộng" and total[header.index("Cả năm đã đóng")] == 85_000


def test_member_sees_own_dues(client, cast, people):
    client.force_login(cast.member_a1)
    response = client.get(reverse("dues:member", args=[people.a1.pk]))
    text = response.content.decode()
    assert "Còn nợ 880.000 đ (11 tháng chưa đóng)" in text  # January–November; December is this month
    assert "1% × 8.000.000 đ" in text


def test_the_dues_book_pdf(client, cast, people):
    client.force_login(cast.secretary_a1)
    client.post(reverse("dues:cell_month", args=[people.cell_a1.pk, 2026, 11]), _month_form(people))
    response = client.get(reverse("dues:book_pdf", args=[people.cell_a1.pk, 2026]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(cast.officer_b)
    assert client.get(reverse("dues:book_pdf", args=[people.cell_a1.pk, 2026])).status_code == 404


def test_excuse_posts_for_every_cast_member(client, cast, people):
    url = reverse("dues:excuse", args=[people.a1.pk])
    form = {"month": "01/10/2026", "reason": "Nằm viện"}
    for who, status in {"officer_b": 404, "viewer_a": 403, "member_a1": 403, "secretary_a1": 302}.items():
        client.force_login(getattr(cast, who))
        assert client.post(url, form).status_code == status, who
    assert people.a1.dues_excuses.get().reason == "Nằm viện"
