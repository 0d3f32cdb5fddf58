"""Striking off through the page and the API: the ground is asked for, named in the error, kept."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.members.kinds import EventType, RemovalGround
from dangvu.members.models import MembershipEvent
from tests.api.conftest import api  # noqa: F401
from tests.members import register

pytestmark = pytest.mark.django_db


def test_event_form_asks_for_the_ground(client, cast):
    m = register("Đỗ Văn Hải", cast.tree.cell_a1, admitted=dt.date(2012, 7, 9))
    client.force_login(cast.officer_a)
    url = reverse("members:event", args=[m.pk])
    form = client.get(url).content.decode()
    assert "Căn cứ ra khỏi Đảng" in form and RemovalGround.CARD_RETURNED.label in form
    refused = client.post(url, {"event_type": "struck_off", "effective_date": "01/03/2026", "version": m.version})
    assert "Căn cứ ra khỏi Đảng: bắt buộc chọn khi xóa tên." in refused.content.decode()
    assert not MembershipEvent.objects.filter(member=m, event_type=EventType.STRUCK_OFF).exists()
    done = client.post(url, {"event_type": "struck_off", "effective_date": "01/03/2026", "version": m.version,
                             "ground": "unpaid_dues", "reason": "Không đóng đảng phí các tháng 9, 10, 11/2025"})
    assert done.status_code == 302
    assert RemovalGround.UNPAID_DUES.label in client.get(reverse("members:detail", args=[m.pk]) + "?tab=events").content.decode()


def test_api_records_and_returns_the_ground(api, cast):  # noqa: F811
    m = register("Đỗ Văn Hải", cast.tree.cell_a1, admitted=dt.date(2012, 7, 9))
    url = f"/api/members/{m.pk}/events/"
    refused = api(cast.officer_a).post(url, {"event_type": "left", "effective_date": "01/03/2026"}, format="json")
    assert refused.status_code == 400 and refused.json()["violations"][0]["code"] == "event.ground_required"
    created = api(cast.officer_a).post(url, {"event_type": "left", "effective_date": "01/03/2026", "ground": "own_request"},
                                       format="json")
    assert created.status_code == 201 and created.json()["ground"] == "own_request"


def test_ground_labels_show_the_months_in_force(client, cast):
    """R1's months are parameters: the event form's choices follow a value set on /quy-tac/ from its date."""
    from dangvu.rules import services as rule_services

    m = register("Đỗ Văn Hải", cast.tree.cell_a1, admitted=dt.date(2012, 7, 9))
    client.force_login(cast.officer_a)
    url = reverse("members:event", args=[m.pk])
    before = client.get(url).content.decode()
    assert "đảng 3 tháng trong năm" in before and "giáo dục 12 tháng không" in before
    rule_services.set_parameter(by=cast.admin, key="removal.absence_months", value=4, effective_from=dt.date(2026, 12, 1),
                                reason="Thử")
    rule_services.set_parameter(by=cast.admin, key="removal.no_progress_months", value=6, effective_from=dt.date(2027, 1, 1),
                                reason="Thử: chưa có hiệu lực")
    after = client.get(url).content.decode()
    assert "đảng 4 tháng trong năm" in after and "phí 4 tháng trong năm" in after and "giáo dục 12 tháng không" in after
    assert RemovalGround.ABSENT.label == "(1) Tự ý bỏ sinh hoạt đảng 4 tháng trong năm không có lý do chính đáng"
