"""A meeting's documents as files: upload by the cell's recorders (type and size limits from the settings, Vietnamese
errors), scoped and audited download (404 outside; the cell's members for their upcoming meetings), the member's page,
the API (upload, list, download)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dangvu.access import services as access_services
from dangvu.accounts.system import SYSTEM
from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.meetings import services
from dangvu.meetings.models import MeetingDocument

D, T = dt.date, dt.time
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEETING_DOCUMENT_MAX_BYTES = 1000
    return tmp_path


@pytest.fixture
def upcoming(cell):
    return services.schedule_meeting(by=SYSTEM, cell=cell.cell, date=D(2026, 12, 10), starts_at=T(8, 0), agenda="Tháng 12")


def pdf(name="chuong-trinh.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF" + b"x" * (size - 4), content_type="application/pdf")


def test_upload_checks_type_and_size_and_is_audited(cast, upcoming, media):
    with pytest.raises(RuleViolation) as exc:
        services.add_document(by=cast.secretary_a1, meeting=upcoming, file=SimpleUploadedFile("virus.exe", b"MZ" * 10))
    assert [v.code for v in exc.value.violations] == ["meeting.document_type"] and "chỉ nhận tệp .pdf" in str(exc.value)
    with pytest.raises(RuleViolation) as exc:
        services.add_document(by=cast.secretary_a1, meeting=upcoming, file=pdf(size=2000))
    assert [v.field for v in exc.value.violations] == ["file"] and "vượt mức tối đa" in str(exc.value)
    with pytest.raises(PermissionDeniedInScope):
        services.add_document(by=cast.member_a1, meeting=upcoming, file=pdf())
    doc = services.add_document(by=cast.secretary_a1, meeting=upcoming, file=pdf(), kind="agenda", title=" Chương  trình ")
    assert doc.title == "Chương trình" and doc.size == 100 and (media / doc.file.name).exists()
    assert AuditEntry.objects.filter(action="meetings.document_add", object_id=str(upcoming.pk)).count() == 1
    assert not MeetingDocument.objects.exclude(pk=doc.pk).exists()


def test_download_is_scoped_and_audited_and_members_see_their_upcoming_meetings(cast, cell, upcoming):
    doc = services.add_document(by=cast.secretary_a1, meeting=upcoming, file=pdf(), kind="draft_resolution",
                                title="Dự thảo nghị quyết")
    url = f"/sinh-hoat-chi-bo/tai-lieu/{doc.pk}/"
    secretary = Client()
    secretary.force_login(cast.secretary_a1)
    r = secretary.get(url)
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="meetings.document_download", actor=cast.secretary_a1).count() == 1
    outsider = Client()
    outsider.force_login(cast.officer_b)
    assert outsider.get(url).status_code == 404
    member = Client()
    member.force_login(cast.member_a1)
    assert member.get(url).status_code == 404  # not linked to a member of the cell yet
    access_services.link_member(by=SYSTEM, user=cast.member_a1, member=cell.binh)
    assert member.get(url).status_code == 200
    page = member.get("/ho-so-cua-toi/").content.decode()
    assert "Dự thảo nghị quyết" in page and url in page
    # Once the meeting is past, the member no longer reads it through "upcoming" (the register's scope decides).
    upcoming.date = D(2026, 12, 1)
    upcoming.save(update_fields=["date"])
    assert member.get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_pages_upload_and_remove(cast, upcoming):
    c = Client()
    c.force_login(cast.secretary_a1)
    bad = c.post(f"/sinh-hoat-chi-bo/{upcoming.pk}/tai-lieu/them/", {"kind": "agenda", "file": SimpleUploadedFile("a.exe", b"x")})
    assert bad.status_code == 200 and "chỉ nhận tệp" in bad.content.decode()
    ok = c.post(f"/sinh-hoat-chi-bo/{upcoming.pk}/tai-lieu/them/", {"kind": "agenda", "title": "", "file": pdf()})
    assert ok.status_code == 302
    doc = MeetingDocument.objects.get()
    assert doc.title == "chuong-trinh.pdf"
    assert "chuong-trinh.pdf" in c.get(f"/sinh-hoat-chi-bo/{upcoming.pk}/").content.decode()
    outsider = Client()
    outsider.force_login(cast.officer_b)
    assert outsider.post(f"/sinh-hoat-chi-bo/tai-lieu/{doc.pk}/xoa/").status_code == 404
    assert outsider.get(f"/sinh-hoat-chi-bo/{upcoming.pk}/tai-lieu/them/").status_code == 404
    assert c.post(f"/sinh-hoat-chi-bo/tai-lieu/{doc.pk}/xoa/").status_code == 302
    assert not MeetingDocument.objects.exists()
    assert AuditEntry.objects.filter(action="meetings.document_remove").count() == 1


def test_api_upload_list_download(api, cast, upcoming):
    c = api(cast.secretary_a1)
    r = c.post(f"/api/meetings/{upcoming.pk}/documents/", {"kind": "agenda", "file": pdf()}, format="multipart")
    assert r.status_code == 201, r.json()
    doc = r.json()
    assert doc["kind_label"] == "Nội dung, chương trình" and doc["size"] == 100
    bad = c.post(f"/api/meetings/{upcoming.pk}/documents/", {"file": SimpleUploadedFile("x.exe", b"x")}, format="multipart")
    assert bad.status_code == 400 and "file" in bad.json()
    assert [d["id"] for d in c.get(f"/api/meetings/{upcoming.pk}/documents/").json()] == [doc["id"]]
    got = c.get(doc["download"])
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    assert api(cast.officer_b).get(doc["download"]).status_code == 404
    assert api(cast.officer_b).get(f"/api/meetings/{upcoming.pk}/documents/").status_code == 404
    assert api(cast.officer_b).post(f"/api/meetings/{upcoming.pk}/documents/", {"file": pdf()},
                                    format="multipart").status_code == 404
    schema = api(cast.secretary_a1).get("/api/schema/").content.decode()
    assert "/api/meetings/{id}/documents/" in schema and "/api/meetings/documents/{document_pk}/download/" in schema
