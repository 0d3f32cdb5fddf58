"""The residence address follows the one masking policy (issue 8 §1): masked for leaders (viewers) and cell
secretaries, on the pages, in the API, in the documents and in the contact's history; shown to the
officers of either side (whose role may reveal members' masked data) and to the member."""

import io

import pytest
from django.urls import reverse
from docx import Document

from dangvu.residence import selectors
from tests.residence.conftest import D, assigned

pytestmark = pytest.mark.django_db

ADDRESS = "Số 12, thôn Đông, xã An Lạc"


@pytest.fixture
def contact(cast, res, binh):
    return assigned(res.officer_agency, res.officer_ward, binh, cast.tree.grassroots_a, cast.tree.cell_a1, on=D(2025, 3, 10))


def test_who_sees_the_address(cast, res, binh, contact):
    shown = {u.username: selectors.shown_address(u, contact)
             for u in (cast.admin, res.officer_agency, res.officer_ward, cast.officer_a, cast.viewer_a, cast.secretary_a1)}
    assert shown == {"admin": ADDRESS, "officer_agency": ADDRESS, "officer_ward": ADDRESS, "officer_a": ADDRESS,
                     "viewer_a": "***", "secretary_a1": "***"}
    contact.member.user = cast.member_a1  # the member themself
    assert selectors.shown_address(cast.member_a1, contact) == ADDRESS


def test_pages_and_api_mask_the_address_for_leaders_and_secretaries(client, api, cast, res, contact):
    url = reverse("residence:detail", args=[contact.pk])
    for user, visible in ((cast.viewer_a, False), (cast.secretary_a1, False), (res.officer_ward, True)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert (ADDRESS in response.content.decode()) is visible, user.username
        body = api(user).get(f"/api/residence/contacts/{contact.pk}/").json()
        assert body["residence_address"] == (ADDRESS if visible else "***"), user.username
        listed = client.get(reverse("residence:cell", args=[cast.tree.cell_a1.pk]))
        assert listed.status_code != 200 or (ADDRESS in listed.content.decode()) is visible


def test_history_masks_the_address_for_everyone(client, cast, res, contact):
    """The officer sees the address in the contact, not in the history (reading it is no unlogged reveal)."""
    client.force_login(res.officer_ward)
    html = client.get(reverse("residence:detail", args=[contact.pk])).content.decode()
    history = html.split("Lịch sử thay đổi", 1)
    assert len(history) == 2 and ADDRESS in history[0] and ADDRESS not in history[1]


def test_comment_form_printed_by_a_secretary_masks_the_address(cast, res, contact):
    from dangvu.residence import documents, services

    comment = services.record_comment(by=cast.secretary_a1, contact=contact, year=2025, comment_occasion="annual",
                                      text="Gương mẫu.", comment_assessment="fulfilled", commented_on=D(2025, 12, 10))
    response = documents.comment_response(cast.secretary_a1, comment)
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert ADDRESS not in text and "Nơi cư trú: ***." in text
