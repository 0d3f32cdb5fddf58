"""Every transfer page × the cast: allowed (200), visible but not allowed (403), not found (404);
and the forms doing the handshake through the pages."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.members.models import Member
from dangvu.transfers.kinds import LetterStatus
from dangvu.transfers.models import Exemption, TransferLetter
from tests.clock import TODAY

pytestmark = pytest.mark.django_db
OK, RO, NF = 200, 403, 404
DAY = dt.timedelta(days=1)
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b", "secretary_b1", "officer_c"]


def _pages(w):
    letter, temp, binh = w.letter.pk, w.temporary.pk, w.binh.pk
    url = reverse
    return {
        url("transfers:list"): [OK] * 8,
        url("transfers:list") + "?direction=incoming": [OK] * 8,
        url("transfers:list") + "?direction=overdue": [OK] * 8,
        url("transfers:list") + "?direction=in_transit": [OK] * 8,
        url("transfers:list") + "?direction=temporary_away": [OK] * 8,
        url("transfers:list") + "?direction=hosted": [OK] * 8,
        url("transfers:list") + "?direction=all": [OK] * 8,
        url("transfers:list") + "?direction=nope": [OK] * 8,
        url("transfers:issue"): [OK, OK, RO, RO, RO, OK, RO, OK],
        url("transfers:issue") + "?q=binh": [OK, OK, RO, RO, RO, OK, RO, OK],
        url("transfers:issue") + f"?member={binh}": [OK, OK, RO, RO, RO, NF, RO, NF],
        url("transfers:destinations") + "?destination=thon": [OK, OK, RO, RO, RO, OK, RO, OK],
        url("transfers:detail", args=[letter]): [OK, OK, OK, NF, OK, OK, OK, NF],
        url("transfers:receive", args=[letter]): [OK, RO, RO, NF, RO, OK, OK, NF],
        url("transfers:return", args=[letter]): [OK, RO, RO, NF, RO, OK, OK, NF],
        url("transfers:cancel", args=[letter]): [OK, OK, RO, NF, RO, RO, RO, NF],
        url("transfers:end", args=[letter]): [RO, RO, RO, NF, RO, RO, RO, NF],
        url("transfers:docx", args=[letter]): [OK, OK, OK, NF, OK, OK, OK, NF],
        url("transfers:detail", args=[temp]): [OK, OK, NF, NF, OK, OK, OK, NF],
        url("transfers:end", args=[temp]): [OK, OK, NF, NF, RO, OK, OK, NF],
        url("transfers:receive", args=[temp]): [RO, RO, NF, NF, RO, RO, RO, NF],
        url("transfers:member", args=[binh]): [OK, OK, OK, NF, OK, NF, NF, NF],
        url("transfers:exemption_add", args=[binh]): [OK, OK, RO, NF, RO, NF, NF, NF],
        url("transfers:exemption_end", args=[binh]): [OK, OK, RO, NF, RO, NF, NF, NF],
        url("transfers:suspension_add", args=[binh]): [OK, OK, RO, NF, RO, NF, NF, NF],
        url("transfers:suspension_end", args=[binh]): [OK, OK, RO, NF, RO, NF, NF, NF],
        url("transfers:count", args=[w.cell_a1]): [OK, OK, OK, NF, OK, NF, NF, NF],
        url("transfers:count", args=[w.cell_b1]): [OK, NF, NF, NF, NF, OK, OK, NF],
        url("transfers:detail", args=[999999]): [NF] * 8,
    }


def test_every_page_for_every_cast_member(client, world):
    failures = []
    for url, expected in _pages(world).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(world.users[who])
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_writes_by_post_follow_the_same_matrix(client, world):
    """POSTs that would change something answer 403/404 to those not allowed and change nothing."""
    posts = {
        reverse("transfers:receive", args=[world.letter.pk]): {"receiving_cell": world.letter.destination_id,
                                                               "received_on": TODAY.strftime("%d/%m/%Y")},
        reverse("transfers:cancel", args=[world.letter.pk]): {"reason": "x"},
        reverse("transfers:return", args=[world.letter.pk]): {"reason": "x", "returned_on": TODAY.strftime("%d/%m/%Y")},
        reverse("transfers:exemption_add", args=[world.binh.pk]): {"reason": "health",
                                                                   "decision_date": TODAY.strftime("%d/%m/%Y")},
    }
    refused = {"officer_a": [RO, None, RO, None], "secretary_a1": [RO, RO, RO, RO], "member_a1": [NF, NF, NF, NF],
               "viewer_a": [RO, RO, RO, RO], "officer_b": [None, RO, None, NF], "secretary_b1": [None, RO, None, NF],
               "officer_c": [NF, NF, NF, NF]}
    failures = []
    for who, expected in refused.items():
        client.force_login(world.users[who])
        for (url, data), status in zip(posts.items(), expected, strict=True):
            if status is None:
                continue
            got = client.post(url, data).status_code
            if got != status:
                failures.append(f"{who} POST {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)
    assert TransferLetter.objects.get(pk=world.letter.pk).status == LetterStatus.ISSUED
    assert not Exemption.objects.exists()


def test_anonymous_is_sent_to_login(client, world):
    for url in (reverse("transfers:list"), reverse("transfers:detail", args=[world.letter.pk]),
                reverse("transfers:member", args=[world.binh.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_issue_through_the_form(client, cast, more, binh):
    client.force_login(cast.officer_a)
    url = reverse("transfers:issue") + f"?member={binh.pk}"
    page = client.get(url)
    assert "Trần Văn Bình" in page.content.decode()
    data = {"member": binh.pk, "kind": "official", "number": "21-GGT/HU", "issue_date": TODAY.strftime("%d/%m/%Y"),
            "destination": "99.002.001.000.001", "basis": "Quyết định điều động",
            "basis_date": (TODAY - 3 * DAY).strftime("%d/%m/%Y")}
    # Without the self-review the rule answers on its field; nothing is written.
    response = client.post(url, data)
    assert response.status_code == 200 and "Bản tự kiểm điểm năm trước" in response.content.decode()
    assert 'data-testid="error-self_review"' in response.content.decode()
    assert not TransferLetter.objects.exists()
    response = client.post(url, {**data, "destination": "99.999"})
    assert "không có tổ chức đảng đang hoạt động mã" in response.content.decode()
    response = client.post(url, {**data, "self_review": "on"})
    letter = TransferLetter.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("transfers:detail", args=[letter.pk])
    assert letter.destination == cast.tree.cell_b1 and letter.issued_by == cast.tree.district_a
    # The member's page shows the member in transit.
    page = client.get(reverse("transfers:member", args=[binh.pk])).content.decode()
    assert 'data-testid="in-transit"' in page and "Chi bộ thôn Bắc" in page


def test_receive_through_the_form(client, cast, more, world):
    client.force_login(more.secretary_b1)
    url = reverse("transfers:receive", args=[world.letter.pk])
    page = client.get(url).content.decode()
    assert "Chi bộ thôn Bắc" in page  # the only cell the secretary may receive in
    response = client.post(url, {"receiving_cell": cast.tree.cell_b1.pk, "received_on": (TODAY + DAY).strftime("%d/%m/%Y"),
                                 "version": world.letter.version})
    assert response.status_code == 200 and "Ngày tiếp nhận: không thể sau ngày hôm nay." in response.content.decode()
    response = client.post(url, {"receiving_cell": cast.tree.cell_b1.pk, "received_on": TODAY.strftime("%d/%m/%Y"),
                                 "version": world.letter.version})
    assert response.status_code == 302
    assert Member.objects.get(pk=world.binh.pk).organization == cast.tree.cell_b1
    detail = client.get(reverse("transfers:detail", args=[world.letter.pk])).content.decode()
    assert "Đã tiếp nhận" in detail


def test_destination_lookup_lists_organizations_outside_the_scope(client, cast, world):
    client.force_login(cast.officer_a)
    html = client.get(reverse("transfers:destinations") + "?destination=thon bac").content.decode()
    assert '<option value="99.002.001.000.001">Chi bộ thôn Bắc</option>' in html


def test_lists_show_what_each_side_should(client, cast, more, world):
    client.force_login(cast.officer_b)
    incoming = client.get(reverse("transfers:list") + "?direction=incoming").content.decode()
    assert "15-GGT/HU" in incoming
    client.force_login(cast.officer_a)
    assert "15-GGT/HU" not in client.get(reverse("transfers:list") + "?direction=incoming").content.decode()
    assert "15-GGT/HU" in client.get(reverse("transfers:list") + "?direction=outgoing").content.decode()
    away = client.get(reverse("transfers:list") + "?direction=temporary_away").content.decode()
    assert "7-GGT/ĐU" in away and "Lê Thị Hoa" in away
    client.force_login(more.secretary_b1)
    assert "7-GGT/ĐU" in client.get(reverse("transfers:list") + "?direction=hosted").content.decode()
    client.force_login(more.officer_c)
    page = client.get(reverse("transfers:list") + "?direction=all").content.decode()
    assert "15-GGT/HU" not in page and "7-GGT/ĐU" not in page


def test_exemption_through_the_form(client, cast, binh):
    client.force_login(cast.officer_a)
    url = reverse("transfers:exemption_add", args=[binh.pk])
    response = client.post(url, {"reason": "maternity", "decision_date": TODAY.strftime("%d/%m/%Y")})
    assert 'data-testid="error-reason"' in response.content.decode()
    response = client.post(url, {"reason": "health", "decision_number": "03-NQ/CB", "decision_date": TODAY.strftime("%d/%m/%Y")})
    assert response.status_code == 302
    page = client.get(reverse("transfers:member", args=[binh.pk])).content.decode()
    assert 'data-testid="exempted"' in page and "03-NQ/CB" in page
    response = client.post(reverse("transfers:suspension_add", args=[binh.pk]),
                           {"effective_date": TODAY.strftime("%d/%m/%Y"), "decision_date": TODAY.strftime("%d/%m/%Y"),
                            "reason": "Xem xét kỷ luật"})
    assert response.status_code == 302 and Member.objects.get(pk=binh.pk).is_suspended
