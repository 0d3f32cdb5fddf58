"""Every residence page × the cast: allowed (200), visible but not allowed (403), not found (404);
the forms doing the handshake through the pages; what each side sees."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.residence import services
from dangvu.residence.kinds import CommentAssessment, ContactStatus
from dangvu.residence.models import ResidenceComment, ResidenceContact, ResidenceMeeting
from tests.clock import TODAY
from tests.members import register
from tests.residence.conftest import assigned, introduce

pytestmark = pytest.mark.django_db
OK, RO, NF = 200, 403, 404
D = dt.date
CAST = ["admin", "officer_a", "officer_agency", "officer_ward", "secretary_a1", "member_a1", "viewer_a", "officer_b"]


def _d(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


@pytest.fixture
def world(cast, res, binh):
    t = cast.tree
    contact = assigned(res.officer_agency, res.officer_ward, binh, t.grassroots_a, t.cell_a1)
    hoa = register("Lê Thị Hoa", res.office, sex="female")
    waiting = introduce(res.officer_agency, hoa, t.grassroots_a, number="14-GGT/ĐU", letter_date=TODAY - dt.timedelta(days=3))
    free = register("Ngô Văn Công", res.office)
    meeting = services.record_meeting(by=cast.secretary_a1, cell=t.cell_a1, held_on=D(2025, 6, 14), meeting_type="periodic",
                                      content="Thông báo tình hình địa phương", attendance=[(contact, "present", "")])
    comment = services.record_comment(by=cast.secretary_a1, contact=contact, year=2025, comment_occasion="annual",
                                      text="Gương mẫu ở khu dân cư", comment_assessment=CommentAssessment.FULFILLED,
                                      commented_on=D(2025, 12, 10))
    return SimpleNamespace(contact=contact, waiting=waiting, binh=binh, hoa=hoa, free=free, meeting=meeting, comment=comment,
                           users={"admin": cast.admin, "officer_a": cast.officer_a, "officer_agency": res.officer_agency,
                                  "officer_ward": res.officer_ward, "secretary_a1": cast.secretary_a1,
                                  "member_a1": cast.member_a1, "viewer_a": cast.viewer_a, "officer_b": cast.officer_b})


def _pages(w, cast, res):
    url, t = reverse, cast.tree
    c, waiting = w.contact.pk, w.waiting.pk
    return {
        url("residence:index"): [OK] * 8,
        url("residence:index") + "?tab=workplace&contact_status=not_introduced": [OK] * 8,
        url("residence:index") + "?tab=awaiting": [OK] * 8,
        url("residence:index") + "?tab=living&year=2025": [OK] * 8,
        url("residence:index") + "?tab=cells": [OK] * 8,
        url("residence:index") + "?tab=nope": [OK] * 8,
        url("residence:index") + "?tab=living&year=abc": [OK] * 8,
        url("residence:introduce"): [OK, OK, OK, OK, RO, RO, RO, OK],
        url("residence:introduce") + "?q=cong": [OK, OK, OK, OK, RO, RO, RO, OK],
        url("residence:introduce") + f"?member={w.free.pk}": [OK, OK, OK, NF, RO, RO, RO, NF],
        url("residence:introduce") + f"?member={w.binh.pk}": [RO, RO, RO, NF, RO, RO, RO, NF],  # already introduced
        url("residence:exempt") + f"?member={w.free.pk}": [OK, OK, OK, NF, RO, RO, RO, NF],
        url("residence:receiving_options") + "?q=an lac": [OK, OK, OK, OK, RO, RO, RO, OK],
        url("residence:detail", args=[c]): [OK, OK, OK, OK, OK, NF, OK, NF],
        url("residence:detail", args=[waiting]): [OK, OK, OK, OK, NF, NF, OK, NF],
        url("residence:receive", args=[waiting]): [OK, OK, RO, OK, NF, NF, RO, NF],
        url("residence:receive", args=[c]): [RO, RO, RO, RO, RO, NF, RO, NF],
        url("residence:assign", args=[c]): [OK, OK, RO, OK, RO, NF, RO, NF],
        url("residence:assign", args=[waiting]): [RO, RO, RO, RO, NF, NF, RO, NF],
        url("residence:end", args=[c]): [OK, OK, OK, OK, RO, NF, RO, NF],
        url("residence:comment", args=[c]): [OK, OK, RO, OK, OK, NF, RO, NF],
        url("residence:comment", args=[waiting]): [RO, RO, RO, RO, NF, NF, RO, NF],
        url("residence:letter_docx", args=[c]): [OK, OK, OK, OK, OK, NF, OK, NF],
        url("residence:comment_docx", args=[w.comment.pk]): [OK, OK, OK, OK, OK, NF, OK, NF],
        url("residence:cell", args=[t.cell_a1.pk]): [OK, OK, NF, OK, OK, NF, OK, NF],
        url("residence:cell", args=[t.cell_a1.pk]) + "?year=2025": [OK, OK, NF, OK, OK, NF, OK, NF],
        url("residence:cell", args=[res.office.pk]): [NF] * 8,  # not a residential cell
        url("residence:meeting_add", args=[t.cell_a1.pk]): [OK, OK, NF, OK, OK, NF, RO, NF],
        url("residence:meeting", args=[w.meeting.pk]): [OK, OK, NF, OK, OK, NF, OK, NF],
        url("residence:member", args=[w.binh.pk]): [OK, OK, OK, OK, OK, NF, OK, NF],
        url("residence:member", args=[w.free.pk]): [OK, OK, OK, NF, NF, NF, OK, NF],
        url("residence:detail", args=[999999]): [NF] * 8,
        url("residence:member", args=[999999]): [NF] * 8,
    }


def test_every_page_for_every_cast_member(client, cast, res, world):
    failures = []
    for url, expected in _pages(world, cast, res).items():
        for who, status in zip(CAST, expected, strict=True):
            client.force_login(world.users[who])
            got = client.get(url).status_code
            if got != status:
                failures.append(f"{who} GET {url}: expected {status}, got {got}")
    assert not failures, "\n".join(failures)


def test_writes_by_post_follow_the_same_matrix(client, cast, res, world):
    """POSTs that would change something answer 403/404 to those not allowed and change nothing."""
    t = cast.tree
    posts = {
        reverse("residence:introduce"): {"member": world.free.pk, "letter_number": "40-GGT/ĐU", "letter_date": _d(TODAY),
                                         "residence_address": "Số 1", "receiving_organization": t.grassroots_a.code},
        reverse("residence:receive", args=[world.waiting.pk]): {"received_on": _d(TODAY), "residence_cell": t.cell_a1.pk},
        reverse("residence:assign", args=[world.contact.pk]): {"residence_cell": t.cell_a2.pk, "assigned_on": _d(TODAY)},
        reverse("residence:end", args=[world.contact.pk]): {"contact_end_reason": "moved", "ended_on": _d(TODAY)},
        reverse("residence:comment", args=[world.contact.pk]): {"year": 2026, "comment_occasion": "annual", "text": "Tốt",
                                                                "comment_assessment": "fulfilled", "commented_on": _d(TODAY)},
        reverse("residence:meeting_add", args=[t.cell_a1.pk]): {"held_on": _d(TODAY), "meeting_type": "periodic",
                                                                "content": "Họp", f"mark_{world.contact.pk}": "present"},
    }
    refused = {"secretary_a1": [RO, NF, RO, RO, None, None], "member_a1": [RO, NF, NF, NF, NF, NF],
               "viewer_a": [RO, RO, RO, RO, RO, RO], "officer_b": [NF, NF, NF, NF, NF, NF],
               "officer_agency": [None, RO, RO, None, RO, NF], "officer_ward": [NF, None, None, None, None, None]}
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
    assert ResidenceContact.objects.count() == 2 and ResidenceComment.objects.count() == 1
    assert ResidenceMeeting.objects.count() == 1
    assert ResidenceContact.objects.get(pk=world.waiting.pk).contact_status == ContactStatus.AWAITING
    assert ResidenceContact.objects.get(pk=world.contact.pk).residence_cell == t.cell_a1


def test_anonymous_is_sent_to_login(client, world):
    for url in (reverse("residence:index"), reverse("residence:detail", args=[world.contact.pk]),
                reverse("residence:member", args=[world.binh.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_the_residence_side_sees_the_contact_not_the_record(client, cast, res, world):
    """The commune and the residence cell read the contact; the member's record (and its masked fields) stays hidden."""
    world.binh.citizen_id = "038080012345"
    world.binh.save(update_fields=["citizen_id"])
    for user in (res.officer_ward, cast.secretary_a1):
        client.force_login(user)
        assert client.get(reverse("members:detail", args=[world.binh.pk])).status_code == 404
        for url in (reverse("residence:member", args=[world.binh.pk]), reverse("residence:detail", args=[world.contact.pk])):
            page = client.get(url).content.decode()
            assert "Trần Văn Bình" in page
            # the address follows the masking policy: shown to the commune's officer, masked for the cell secretary
            assert ("Số 12, thôn Đông, xã An Lạc" in page) is (user == res.officer_ward)
            assert "038080012345" not in page
            assert f'href="{reverse("members:detail", args=[world.binh.pk])}"' not in page
    client.force_login(res.officer_agency)
    page = client.get(reverse("residence:detail", args=[world.contact.pk])).content.decode()
    assert f'href="{reverse("members:detail", args=[world.binh.pk])}"' in page


def test_introduce_receive_comment_through_the_forms(client, cast, res, world):
    t = cast.tree
    client.force_login(res.officer_agency)
    url = reverse("residence:introduce") + f"?member={world.free.pk}"
    assert "Ngô Văn Công" in client.get(url).content.decode()
    data = {"member": world.free.pk, "letter_number": "41-GGT/ĐU", "letter_date": _d(TODAY), "residence_address": "Số 5, thôn Tây",
            "receiving_organization": t.cell_a2.code}
    response = client.post(url, data)  # a cell is not a commune: refused on the field
    assert response.status_code == 200 and 'data-testid="error-receiving_organization"' in response.content.decode()
    response = client.post(url, {**data, "receiving_organization": "99.999"})
    assert "không có tổ chức đảng đang hoạt động mã" in response.content.decode()
    response = client.post(url, {**data, "receiving_organization": t.grassroots_a.code})
    contact = ResidenceContact.objects.get(member=world.free)
    assert response.status_code == 302 and response["Location"] == reverse("residence:detail", args=[contact.pk])
    # The commune receives and assigns at once.
    client.force_login(res.officer_ward)
    assert f"{contact.pk}" in client.get(reverse("residence:index") + "?tab=awaiting").content.decode()
    receive = reverse("residence:receive", args=[contact.pk])
    page = client.get(receive).content.decode()
    assert "Chi bộ thôn Tây" in page and "Chi bộ Phòng Nội vụ" in page
    response = client.post(receive, {"received_on": _d(TODAY + dt.timedelta(days=1)), "residence_cell": t.cell_a2.pk,
                                     "version": contact.version})
    assert response.status_code == 200 and "Ngày tiếp nhận" in response.content.decode()
    response = client.post(receive, {"received_on": _d(TODAY), "residence_cell": t.cell_a2.pk, "version": contact.version})
    assert response.status_code == 302
    assert ResidenceContact.objects.get(pk=contact.pk).residence_cell == t.cell_a2
    # The secretary of thôn Tây writes the comment of the year.
    client.force_login(res.secretary_a2)
    cell_page = client.get(reverse("residence:cell", args=[t.cell_a2.pk])).content.decode()
    assert "Ngô Văn Công" in cell_page and 'data-testid="comment-member"' in cell_page
    response = client.post(reverse("residence:comment", args=[contact.pk]), {
        "year": TODAY.year, "comment_occasion": "annual", "text": "Tích cực tham gia hoạt động khu dân cư",
        "comment_assessment": "fulfilled", "commented_on": _d(TODAY), "signer_name": "Lý Thị Quyên"})
    assert response.status_code == 302
    # The workplace sees it on the member's page and in its list.
    client.force_login(res.officer_agency)
    member_page = client.get(reverse("residence:member", args=[world.free.pk])).content.decode()
    assert "Tích cực tham gia hoạt động khu dân cư" in member_page
    listing = client.get(reverse("residence:index") + "?tab=workplace").content.decode()
    assert f"Năm {TODAY.year}: Hoàn thành trách nhiệm" in listing


def test_meeting_through_the_form(client, cast, res, world):
    t = cast.tree
    client.force_login(cast.secretary_a1)
    url = reverse("residence:meeting_add", args=[t.cell_a1.pk])
    page = client.get(url).content.decode()
    assert "Trần Văn Bình" in page and f'name="mark_{world.contact.pk}"' in page
    response = client.post(url, {"held_on": _d(TODAY), "meeting_type": "periodic", "content": "Lấy ý kiến nhân dân",
                                 f"mark_{world.contact.pk}": "excused"})
    assert response.status_code == 200 and "ghi lý do vắng của Trần Văn Bình" in response.content.decode()
    assert ResidenceMeeting.objects.count() == 1
    response = client.post(url, {"held_on": _d(TODAY), "meeting_type": "periodic", "content": "Lấy ý kiến nhân dân",
                                 f"mark_{world.contact.pk}": "excused", f"reason_{world.contact.pk}": "Đi công tác"})
    meeting = ResidenceMeeting.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == reverse("residence:meeting", args=[meeting.pk])
    page = client.get(reverse("residence:cell", args=[t.cell_a1.pk])).content.decode()
    assert f"năm {TODAY.year}: 1/2" in page and 'data-testid="meetings-short"' in page


def test_lists_show_what_each_side_should(client, cast, res, world):
    client.force_login(res.officer_agency)
    page = client.get(reverse("residence:index") + "?tab=workplace").content.decode()
    assert "Ngô Văn Công" in page and "Chưa giới thiệu" in page and "Chi bộ thôn Đông" in page
    page = client.get(reverse("residence:index") + "?tab=workplace&contact_status=not_introduced").content.decode()
    assert "Ngô Văn Công" in page and "Trần Văn Bình" not in page
    page = client.get(reverse("residence:index") + "?tab=workplace&contact_status=awaiting").content.decode()
    assert "Lê Thị Hoa" in page and "Ngô Văn Công" not in page
    client.force_login(res.officer_ward)
    assert "Ngô Văn Công" not in client.get(reverse("residence:index") + "?tab=workplace").content.decode()
    page = client.get(reverse("residence:index") + "?tab=living&year=2025").content.decode()
    assert "Trần Văn Bình" in page and "Hoàn thành trách nhiệm" in page
    page = client.get(reverse("residence:index") + "?tab=cells&year=2025").content.decode()
    assert "Chi bộ thôn Đông" in page and "1/2" in page
    client.force_login(cast.officer_b)
    for tab in ("workplace", "awaiting", "living", "cells"):
        page = client.get(reverse("residence:index") + f"?tab={tab}").content.decode()
        assert "Trần Văn Bình" not in page and "Lê Thị Hoa" not in page


def test_the_workplace_cell_sees_the_comment_on_the_members_page(client, cast, res, world):
    """The secretary of the member's workplace cell reads the residence cell's comment (H1: both sides supervise)."""
    from dangvu.accounts.models import Role
    from tests.conftest import _user

    secretary = _user("secretary_office", "Mai Thị Lan", res.office, Role.CELL_SECRETARY)
    client.force_login(secretary)
    page = client.get(reverse("residence:member", args=[world.binh.pk])).content.decode()
    assert "Gương mẫu ở khu dân cư" in page and "Nhận xét năm 2025" in page and "Chi bộ thôn Đông" in page
    # Reading, not writing: no comment, receipt or meeting for the workplace cell's secretary.
    assert client.get(reverse("residence:comment", args=[world.contact.pk])).status_code == 403
    assert client.get(reverse("residence:end", args=[world.contact.pk])).status_code == 403
    assert client.get(reverse("residence:cell", args=[cast.tree.cell_a1.pk])).status_code == 404


def test_the_contact_page_warns_when_the_member_left_the_workplace_cell(client, cast, res, world):
    from dangvu.members import services as member_services
    from dangvu.members.kinds import EventType

    client.force_login(res.officer_ward)
    assert 'data-testid="workplace-changed"' not in client.get(reverse("residence:detail", args=[world.contact.pk])).content.decode()
    member_services.record_event(by=SYSTEM, member=world.binh, event_type=EventType.TRANSFERRED_INTERNAL,
                                 effective_date=D(2026, 6, 1), organization=cast.tree.cell_a1)
    page = client.get(reverse("residence:detail", args=[world.contact.pk])).content.decode()
    assert 'data-testid="workplace-changed"' in page and "Đảng viên nay sinh hoạt tại Chi bộ thôn Đông" in page
