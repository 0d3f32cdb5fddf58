"""Forms end to end through Django's test client: rule errors, concurrent edits, as-of pages."""

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.organizations import services
from dangvu.organizations.models import Organization, OrganizationVersion

pytestmark = pytest.mark.django_db


def _edit_data(org, **changes):
    data = {"name": org.name, "short_name": org.short_name, "code": org.code, "unit_type": org.unit_type,
            "address": org.address, "version": org.version}
    if org.has_youth_union:
        data["has_youth_union"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_unit_without_a_youth_union_is_recorded_in_its_form(client, cast):
    """A9: the officer unticks "Đơn vị có tổ chức Đoàn"; the change is audited and shown on the page."""
    a1 = cast.tree.cell_a1
    client.force_login(cast.officer_a)
    form = client.get(reverse("organizations:edit", args=[a1.pk])).content.decode()
    assert 'name="has_youth_union"' in form and "checked" in form.split('name="has_youth_union"')[1].split(">")[0]
    assert client.post(reverse("organizations:edit", args=[a1.pk]), _edit_data(a1, has_youth_union=None)).status_code == 302
    a1.refresh_from_db()
    assert a1.has_youth_union is False
    entry = AuditEntry.objects.filter(object_id=str(a1.pk), action="organizations.update").get()
    assert entry.changes["has_youth_union"] == [True, False]
    page = client.get(reverse("organizations:detail", args=[a1.pk])).content.decode()
    assert "Đơn vị không có tổ chức Đoàn" in page


def test_second_concurrent_edit_is_refused_and_first_is_kept(client, cast):
    a1 = cast.tree.cell_a1
    loaded = Organization.objects.get(pk=a1.pk)  # both editors open the form at version 1
    client.force_login(cast.officer_a)
    first = client.post(reverse("organizations:edit", args=[a1.pk]), _edit_data(loaded, address="Thôn Đông, xã An Lạc"))
    assert first.status_code == 302
    client.force_login(cast.admin)
    second = client.post(reverse("organizations:edit", args=[a1.pk]), _edit_data(loaded, address="Địa chỉ khác"))
    assert second.status_code == 200
    assert "vừa được người khác thay đổi" in second.content.decode()
    a1.refresh_from_db()
    assert a1.address == "Thôn Đông, xã An Lạc" and a1.version == 2


def test_edit_writes_audit_with_before_and_after(client, cast):
    a1 = cast.tree.cell_a1
    client.force_login(cast.officer_a)
    client.post(reverse("organizations:edit", args=[a1.pk]), _edit_data(a1, short_name="CB Đông"), HTTP_X_REQUEST_ID="req-123")
    entry = AuditEntry.objects.filter(object_id=str(a1.pk), action="organizations.update").get()
    assert entry.actor == cast.officer_a and entry.actor_label == "Nguyễn Văn An (officer_a)"
    assert entry.changes["short_name"] == ["", "CB Đông"]
    assert entry.client_request_id == "req-123" and entry.request_id != "req-123"  # the server's own id
    page = client.get(reverse("organizations:detail", args=[a1.pk]) + "?tab=audit").content.decode()
    assert "Tên viết tắt" in page and "CB Đông" in page


def test_bad_date_and_rule_violation_are_reported_in_vietnamese(client, cast):
    client.force_login(cast.officer_a)
    url = reverse("organizations:action", args=[cast.tree.cell_a1.pk, "doi-ten"])
    response = client.post(url, {"name": "Chi bộ mới", "effective_date": "31/02/2026", "version": 1})
    assert "Ngày hiệu lực: Ngày “31/02/2026” không có thật" in response.content.decode()
    response = client.post(url, {"name": "Chi bộ mới", "effective_date": "01/01/2009", "version": 1})
    assert "chưa được thành lập vào ngày 01/01/2009" in response.content.decode()
    assert Organization.objects.get(pk=cast.tree.cell_a1.pk).name == "Chi bộ thôn Đông"


def test_dissolve_with_children_is_refused_with_count(client, cast):
    client.force_login(cast.officer_a)
    response = client.post(reverse("organizations:action", args=[cast.tree.grassroots_a.pk, "giai-the"]),
                           {"effective_date": "01/01/2026", "version": 1})
    assert "còn 2 tổ chức trực thuộc đang hoạt động" in response.content.decode()


def test_detail_as_of_shows_the_name_and_children_of_that_date(client, cast):
    services.rename(by=SYSTEM, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Hưng", effective_date=dt.date(2020, 1, 1))
    client.force_login(cast.officer_a)
    old = client.get(reverse("organizations:detail", args=[cast.tree.cell_a1.pk]) + "?as_of=31/12/2019").content.decode()
    assert "Tên tại ngày 31/12/2019" in old and "<td>Chi bộ thôn Đông</td>" in old
    new = client.get(reverse("organizations:detail", args=[cast.tree.grassroots_a.pk]) + "?as_of=01/06/2020").content.decode()
    assert "Chi bộ thôn Đông Hưng" in new


def test_tree_page_as_of_date_and_bad_date(client, cast):
    client.force_login(cast.officer_a)
    page = client.get(reverse("organizations:tree") + "?as_of=31/12/2009").content.decode()
    assert "Không có tổ chức nào trong phạm vi của bạn vào ngày 31/12/2009" in page
    page = client.get(reverse("organizations:tree") + "?as_of=hôm qua").content.decode()
    assert "as_of: Ngày “hôm qua” không đúng dạng dd/mm/yyyy hoặc yyyy-mm-dd" in page


def test_committee_forms(client, cast):
    client.force_login(cast.officer_a)
    a1 = cast.tree.cell_a1
    response = client.post(reverse("organizations:term_create", args=[a1.pk]), {"name": "2020–2025", "start_date": "15/06/2020"})
    assert response.status_code == 302
    term = a1.terms.get()
    add = reverse("organizations:seat_add", args=[term.pk])
    client.post(add, {"full_name": "Trần Thị Bình", "position": "secretary", "start_date": "15/06/2020"})
    response = client.post(add, {"full_name": "Lê Văn Cường", "position": "secretary", "start_date": "01/01/2021"})
    assert "đã có Bí thư Trần Thị Bình" in response.content.decode()
    page = client.get(reverse("organizations:detail", args=[a1.pk]) + "?tab=committee&as_of=01/01/2021").content.decode()
    assert "Trần Thị Bình" in page and "Bí thư" in page


def test_a_cell_is_renumbered_by_a_dated_decision(client, cast):
    """Issue 10 §8: a cell takes a new code from a date, by a decision (a lifecycle action, audited);
    the tree as of an earlier date still shows the old code, and the history says what changed."""
    a1 = cast.tree.cell_a1
    client.force_login(cast.officer_a)
    url = reverse("organizations:action", args=[a1.pk, "doi-ma-so"])
    taken = client.post(url, {"code": cast.tree.cell_a2.code, "effective_date": "15/07/2025", "version": 1})
    assert f"Mã tổ chức “{cast.tree.cell_a2.code}” đã được dùng cho “{cast.tree.cell_a2.name}”" in taken.content.decode()
    bad = client.post(url, {"code": "99 001", "effective_date": "15/07/2025", "version": 1})
    assert "Mã tổ chức: chỉ gồm chữ số" in bad.content.decode()
    response = client.post(url, {"code": "99.001.001.000.011", "effective_date": "15/07/2025", "version": 1,
                                 "decision_number": "12-QĐ/ĐU", "decision_date": "10/07/2025"})
    assert response.status_code == 302
    a1.refresh_from_db()
    assert a1.code == "99.001.001.000.011"
    versions = {(v.code, v.valid_from, v.valid_to) for v in OrganizationVersion.objects.filter(organization=a1)}
    assert ("99.001.001.000.001", a1.established_on, dt.date(2025, 7, 15)) in versions
    assert ("99.001.001.000.011", dt.date(2025, 7, 15), None) in versions
    event = a1.events.get(event_type="renumber")
    assert (event.decision_number, event.effective_date) == ("12-QĐ/ĐU", dt.date(2025, 7, 15))
    assert event.describe() == "Đổi mã số từ 99.001.001.000.001 thành 99.001.001.000.011"
    assert AuditEntry.objects.filter(action="organizations.renumber", object_id=str(a1.pk)).count() == 1
    same = client.post(url, {"code": "99.001.001.000.011", "effective_date": "16/07/2025", "version": a1.version})
    assert "Mã mới trùng với mã hiện tại" in same.content.decode()
    client.force_login(cast.officer_b)
    assert client.get(url).status_code == 404
