"""The member file (hồ sơ đảng viên): documents and the 3×4 photo.

Member files are confidential (domain-rules M10): files live outside any public URL, are streamed
only to those who may reveal the member's masked data, and every download (and refusal) is
audited. Documents are never deleted; removing one keeps the row and the file.
"""

import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation
from dangvu.members import services, views
from dangvu.members.kinds import DocumentType
from dangvu.members.models import Member, MemberDocument
from tests.clock import NOW, TODAY
from tests.members import register

pytestmark = pytest.mark.django_db

OK, RO, NF = 200, 403, 404
CAST = ["admin", "officer_a", "secretary_a1", "member_a1", "viewer_a", "officer_b"]
# Member files are read by those who may reveal: administrators and the officers of the cell (and the member, below).
READ = [OK, OK, RO, NF, RO, NF]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(64))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def binh(cast):
    return register("Trần Văn Bình", cast.tree.cell_a1, citizen_id="038080123456", admitted=dt.date(2010, 6, 1))


def _upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _add(by, member, content=PDF, name="qd-ket-nap.pdf", **fields):
    fields = {"doc_type": DocumentType.ADMISSION_DECISION, "title": "Quyết định kết nạp", "document_number": "12-QĐ/ĐU",
              "document_date": dt.date(2010, 5, 20)} | fields
    return services.add_document(by=by, member=member, file=ContentFile(content, name=name), **fields)


def _files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


def _body(response) -> bytes:
    # Reading a streamed answer to its end closes the file (the test client does so without
    # closing the test's database connection, which response.close() alone would do).
    return response.getvalue()


# ---------------------------------------------------------------- upload

def test_officer_uploads_a_pdf_and_it_is_listed(client, cast, binh, media):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:document_add", args=[binh.pk]), {
        "doc_type": "admission_decision", "title": "Quyết định kết nạp", "document_number": "12-QĐ/ĐU",
        "document_date": "20/05/2010", "file": _upload("Quyết định kết nạp.pdf", PDF)})
    assert response.status_code == 302 and response["Location"].endswith("?tab=documents")
    doc = MemberDocument.objects.get()
    assert (doc.member, doc.doc_type, doc.title, doc.document_number, doc.document_date) == (
        binh, "admission_decision", "Quyết định kết nạp", "12-QĐ/ĐU", dt.date(2010, 5, 20))
    assert (doc.original_name, doc.size, doc.content_type) == ("Quyết định kết nạp.pdf", len(PDF), "application/pdf")
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (doc.uploaded_by, doc.uploaded_by_label, doc.removed_at) == (cast.officer_a, "Nguyễn Văn An (officer_a)", None)
    # Stored under a random name in this year's folder, never under the name the browser sent.
    stored = _files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    assert stored[0].parent == media / "members" / "documents" / str(NOW.year) and stored[0].suffix == ".pdf"
    assert "Quy" not in stored[0].name
    entry = AuditEntry.objects.get(action="members.document_add")
    assert entry.actor == cast.officer_a and entry.object_type == "members.member" and entry.object_id == str(binh.pk)
    assert entry.changes["_data"]["sha256"] == doc.sha256 and entry.changes["_data"]["document"] == doc.pk
    assert "Quyết định kết nạp" in entry.note

    html = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=documents").content.decode()
    assert 'data-testid="documents"' in html and f'data-testid="document-{doc.pk}"' in html
    assert "Quyết định kết nạp đảng viên" in html and "12-QĐ/ĐU" in html and "20/05/2010" in html
    assert "Nguyễn Văn An (officer_a)" in html and f"{len(PDF)} byte" in html
    assert f'href="{reverse("members:document", args=[binh.pk, doc.pk])}"' in html
    assert 'data-testid="document-form"' in html and f'data-testid="remove-{doc.pk}"' in html


def test_size_is_printed_the_vietnamese_way(client, cast, binh):
    big = PDF + b"0" * (1_258_291 - len(PDF))
    _add(cast.officer_a, binh, big)
    client.force_login(cast.officer_a)
    assert "1,2 MB" in client.get(reverse("members:detail", args=[binh.pk]) + "?tab=documents").content.decode()


def test_a_text_file_named_pdf_is_refused_naming_the_field(client, cast, binh, media):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:document_add", args=[binh.pk]), {
        "doc_type": "other", "title": "Giả mạo", "file": _upload("gia.pdf", b"Day khong phai PDF, chi la van ban.")})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert errors.startswith("Tệp: “gia.pdf” không phải tệp PDF, JPEG hoặc PNG")
    assert 'data-testid="error-file"' in response.content.decode()
    assert not MemberDocument.objects.exists() and not _files(media)
    assert not AuditEntry.objects.filter(action="members.document_add").exists()


def test_a_file_over_10_mb_is_refused(client, cast, binh, media):
    client.force_login(cast.officer_a)
    too_big = PDF + b"0" * (10 * 1024 * 1024 + 1 - len(PDF))
    response = client.post(reverse("members:document_add", args=[binh.pk]), {
        "doc_type": "other", "title": "Bản quét", "file": _upload("ban-quet.pdf", too_big)})
    assert response.status_code == 200
    assert " ".join(response.context["form"].errors["file"]) == (
        "Tệp: “ban-quet.pdf” có dung lượng 10.485.761 byte, vượt quá giới hạn 10 MB.")
    assert not MemberDocument.objects.exists() and not _files(media)
    # Exactly 10 MB is allowed.
    _add(cast.officer_a, binh, too_big[:-1])
    assert MemberDocument.objects.get().size == 10 * 1024 * 1024


def test_every_rule_is_reported_at_once_on_its_field(cast, binh, media):
    with pytest.raises(RuleViolation) as exc:
        _add(cast.officer_a, binh, PNG, name="anh.pdf", doc_type="khong-co", title="   ", document_number="x" * 61,
             document_date=TODAY + dt.timedelta(days=1))
    by_field = exc.value.by_field()
    assert by_field["doc_type"] == ["Loại tài liệu: “khong-co” không có trong danh mục."]
    assert by_field["title"] == ["Tiêu đề: bắt buộc nhập."]
    assert by_field["document_number"] == ["Số văn bản: tối đa 60 ký tự."]
    assert by_field["document_date"] == ["Ngày văn bản: không thể sau ngày hôm nay."]
    assert "có đuôi .pdf nhưng nội dung là tệp PNG" in by_field["file"][0]
    assert not MemberDocument.objects.exists() and not _files(media)


def test_jpeg_and_png_scans_are_accepted(cast, binh):
    jpeg = _add(cast.officer_a, binh, JPEG, name="scan.jpg", doc_type=DocumentType.DEATH_CERTIFICATE, title="Trích lục khai tử")
    png = _add(cast.officer_a, binh, PNG, name="scan", doc_type=DocumentType.OTHER, title="Ảnh chụp")
    assert (jpeg.content_type, png.content_type) == ("image/jpeg", "image/png")
    assert jpeg.file.name.endswith(".jpg") and png.file.name.endswith(".png")


@pytest.mark.parametrize("who, status", [("secretary_a1", RO), ("viewer_a", RO), ("member_a1", NF), ("officer_b", NF)])
def test_only_those_who_may_change_the_member_upload(client, cast, binh, media, who, status):
    client.force_login(getattr(cast, who))
    url = reverse("members:document_add", args=[binh.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"doc_type": "other", "title": "X", "file": _upload("x.pdf", PDF)}).status_code == status
    assert not MemberDocument.objects.exists() and not _files(media)
    with pytest.raises(PermissionDeniedInScope):
        _add(getattr(cast, who), binh)


def test_the_upload_form_is_offered_only_to_those_who_may_change(client, cast, binh):
    doc = _add(cast.officer_a, binh)
    client.force_login(cast.viewer_a)
    html = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=documents").content.decode()
    # A viewer sees the file's index, but neither the files nor the forms.
    assert "Quyết định kết nạp" in html and 'data-testid="download-' not in html
    assert 'data-testid="document-form"' not in html and f'data-testid="remove-{doc.pk}"' not in html
    assert "chỉ cán bộ tổ chức, cán bộ kiểm tra có thẩm quyền và chính đảng viên mới tải được tệp" in html


# ---------------------------------------------------------------- download

def test_download_over_the_cast(client, cast, binh):
    doc = _add(cast.officer_a, binh, name="Quyết định kết nạp.pdf")
    url = reverse("members:document", args=[binh.pk, doc.pk])
    failures = []
    for who, status in zip(CAST, READ, strict=True):
        client.force_login(getattr(cast, who))
        response = client.get(url)
        body = _body(response) if status == OK and response.status_code == OK else b""
        if response.status_code != status or (status == OK and body != PDF):
            failures.append(f"{who}: expected {status}, got {response.status_code}")
    assert not failures, "\n".join(failures)
    downloads = AuditEntry.objects.filter(action="members.document_download")
    assert sorted(downloads.values_list("actor__username", flat=True)) == ["admin", "officer_a"]
    assert all(e.object_id == str(binh.pk) and e.changes["_data"]["document"] == doc.pk for e in downloads)
    refused = AuditEntry.objects.filter(action="members.document_download_refused")
    assert sorted(refused.values_list("actor__username", flat=True)) == ["secretary_a1", "viewer_a"]


def test_the_member_downloads_their_own_file(client, cast, binh):
    doc = _add(cast.officer_a, binh)
    url = reverse("members:document", args=[binh.pk, doc.pk])
    client.force_login(cast.member_a1)
    assert client.get(url).status_code == NF
    Member.objects.filter(pk=binh.pk).update(user=cast.member_a1)
    response = client.get(url)
    assert response.status_code == OK and _body(response) == PDF
    assert "chính mình" in AuditEntry.objects.get(action="members.document_download").note


def test_download_is_an_attachment_that_no_cache_keeps(client, cast, binh):
    doc = _add(cast.officer_a, binh, name="Quyết định kết nạp.pdf")
    client.force_login(cast.officer_a)
    response = client.get(reverse("members:document", args=[binh.pk, doc.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;") and "filename*=utf-8''Quy" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and response["X-Content-Type-Options"] == "nosniff"
    _body(response)


def test_a_document_is_reached_only_through_its_member(client, cast, binh):
    other = register("Lê Thị Hoa", cast.tree.cell_a2, sex="female")
    doc = _add(cast.officer_a, binh)
    client.force_login(cast.officer_a)
    assert client.get(reverse("members:document", args=[other.pk, doc.pk])).status_code == NF
    assert client.get(reverse("members:document", args=[binh.pk, doc.pk + 1000])).status_code == NF


def test_media_files_have_no_public_url(cast, binh):
    doc = _add(cast.officer_a, binh)
    for path in (f"/media/{doc.file.name}", f"/{doc.file.name}", "/media/"):
        with pytest.raises(Resolver404):
            resolve(path)


# ---------------------------------------------------------------- removal

def test_removal_keeps_the_row_and_the_file(client, cast, binh, media):
    doc = _add(cast.officer_a, binh)
    url = reverse("members:document_remove", args=[binh.pk, doc.pk])
    client.force_login(cast.officer_a)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200 and "Lý do gỡ bỏ: bắt buộc nhập." in response.content.decode()
    response = client.post(url, {"reason": "Tải nhầm hồ sơ của người khác"})
    assert response.status_code == 302 and response["Location"].endswith("?tab=documents")
    doc.refresh_from_db()
    assert doc.removed_at is not None and doc.removal_reason == "Tải nhầm hồ sơ của người khác"
    assert (doc.removed_by, doc.removed_by_label) == (cast.officer_a, "Nguyễn Văn An (officer_a)")
    assert MemberDocument.objects.count() == 1 and [p.read_bytes() for p in _files(media)] == [PDF]
    entry = AuditEntry.objects.get(action="members.document_remove")
    assert entry.actor == cast.officer_a and "Tải nhầm" in entry.note and entry.changes["_data"]["document"] == doc.pk
    # Removing again is refused, and says when it was removed.
    with pytest.raises(RuleViolation, match="đã được gỡ bỏ ngày"):
        services.remove_document(by=cast.officer_a, document=doc, reason="Lần nữa")


def test_removed_documents_are_greyed_for_officers_and_hidden_from_others(client, cast, binh):
    kept = _add(cast.officer_a, binh, title="Lý lịch đảng viên", doc_type=DocumentType.MEMBER_STATEMENT)
    gone = _add(cast.officer_a, binh)
    services.remove_document(by=cast.officer_a, document=gone, reason="Tải nhầm")
    Member.objects.filter(pk=binh.pk).update(user=cast.member_a1)
    tab = reverse("members:detail", args=[binh.pk]) + "?tab=documents"
    client.force_login(cast.officer_a)
    html = client.get(tab).content.decode()
    assert f'data-testid="removed-{gone.pk}"' in html and "Đã gỡ bỏ" in html and "Tải nhầm" in html
    assert f'class="table-secondary text-body-secondary" data-testid="document-{gone.pk}"' in html
    assert f'data-testid="remove-{gone.pk}"' not in html and f'data-testid="remove-{kept.pk}"' in html
    assert _body(client.get(reverse("members:document", args=[binh.pk, gone.pk]))) == PDF
    for who in ("viewer_a", "member_a1"):
        client.force_login(getattr(cast, who))
        html = client.get(tab).content.decode()
        assert f'data-testid="document-{kept.pk}"' in html and f'data-testid="document-{gone.pk}"' not in html, who
    assert client.get(reverse("members:document", args=[binh.pk, gone.pk])).status_code == NF  # the member
    assert _body(client.get(reverse("members:document", args=[binh.pk, kept.pk]))) == PDF


@pytest.mark.parametrize("who, status", [("secretary_a1", RO), ("viewer_a", RO), ("officer_b", NF)])
def test_only_those_who_may_change_remove(client, cast, binh, who, status):
    doc = _add(cast.officer_a, binh)
    client.force_login(getattr(cast, who))
    assert client.post(reverse("members:document_remove", args=[binh.pk, doc.pk]), {"reason": "X"}).status_code == status
    doc.refresh_from_db()
    assert doc.removed_at is None


def test_the_database_refuses_a_removal_without_reason_and_a_member_with_documents_is_not_deleted(cast, binh):
    doc = _add(cast.officer_a, binh)
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberDocument.objects.filter(pk=doc.pk).update(removed_at=NOW)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError), transaction.atomic():
        MemberDocument.objects.filter(pk=doc.pk).first().member.delete()


def test_history_tab_names_document_actions_in_words(client, cast, binh):
    doc = _add(cast.officer_a, binh)
    client.force_login(cast.officer_a)
    _body(client.get(reverse("members:document", args=[binh.pk, doc.pk])))
    services.remove_document(by=cast.officer_a, document=doc, reason="Tải nhầm")
    html = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "Thêm tài liệu vào hồ sơ" in html and "Tải tài liệu hồ sơ" in html and "Gỡ bỏ tài liệu khỏi hồ sơ" in html
    assert "document_add" not in html and "sha256" not in html


def test_documents_tab_query_count_does_not_grow(client, cast, binh):
    tab = reverse("members:detail", args=[binh.pk]) + "?tab=documents"
    client.force_login(cast.officer_a)
    _add(cast.officer_a, binh)
    client.get(tab)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(tab).status_code == OK
        return len(ctx.captured_queries)

    small = count()
    for i in range(5):
        _add(cast.officer_a, binh, title=f"Bản tự kiểm điểm năm {2020 + i}", doc_type=DocumentType.SELF_REVIEW)
    assert count() == small


# ---------------------------------------------------------------- photo

def _photo_url(member):
    return reverse("members:photo", args=[member.pk])


def test_officer_uploads_a_photo_and_the_old_one_stays(client, cast, binh, media):
    client.force_login(cast.officer_a)
    url = reverse("members:photo_upload", args=[binh.pk])
    response = client.post(url, {"photo": _upload("anh.png", PNG, "image/png"), "version": binh.version})
    assert response.status_code == 302
    binh.refresh_from_db()
    first = binh.photo.name
    assert first.startswith("members/photos/") and first.endswith(".png") and binh.version == 2
    entry = AuditEntry.objects.get(action="members.update", object_id=str(binh.pk))
    assert entry.actor == cast.officer_a and entry.changes == {"photo": ["", first]} and "PNG" in entry.note
    response = client.post(url, {"photo": _upload("anh.jpg", JPEG, "image/jpeg"), "version": binh.version})
    assert response.status_code == 302
    binh.refresh_from_db()
    assert binh.photo.name != first and binh.version == 3
    assert sorted(p.read_bytes() for p in _files(media)) == sorted([PNG, JPEG])  # the old photo is kept on disk
    # The change history masks the photo like every sensitive field.
    html = client.get(reverse("members:detail", args=[binh.pk]) + "?tab=audit").content.decode()
    assert "Ảnh 3×4" in html and first not in html


@pytest.mark.parametrize("name, content, message", [
    ("anh.png", PDF, "Ảnh 3×4: “anh.png” không phải tệp JPEG hoặc PNG"),
    ("anh.png", PNG + b"0" * (3 * 1024 * 1024), "Ảnh 3×4: “anh.png” có dung lượng 3 MB, vượt quá giới hạn 2 MB."),
    ("anh.png", PNG + b"0" * (2 * 1024 * 1024 + 1 - len(PNG)), "Ảnh 3×4: “anh.png” có dung lượng 2.097.153 byte, vượt quá"),
])
def test_a_photo_that_is_not_a_small_image_is_refused(client, cast, binh, media, name, content, message):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:photo_upload", args=[binh.pk]), {"photo": _upload(name, content, "image/png")})
    assert response.status_code == 200 and " ".join(response.context["form"].errors["photo"]).startswith(message)
    binh.refresh_from_db()
    assert not binh.photo and binh.version == 1 and not _files(media)


def test_a_stale_photo_upload_is_refused(client, cast, binh):
    client.force_login(cast.officer_a)
    response = client.post(reverse("members:photo_upload", args=[binh.pk]),
                           {"photo": _upload("anh.png", PNG, "image/png"), "version": binh.version + 1})
    assert response.status_code == 200 and "vừa được người khác thay đổi" in response.content.decode()


@pytest.mark.parametrize("who, status", [("secretary_a1", RO), ("viewer_a", RO), ("officer_b", NF)])
def test_only_those_who_may_change_upload_a_photo(client, cast, binh, who, status):
    client.force_login(getattr(cast, who))
    assert client.post(reverse("members:photo_upload", args=[binh.pk]),
                       {"photo": _upload("anh.png", PNG, "image/png")}).status_code == status
    binh.refresh_from_db()
    assert not binh.photo


@pytest.fixture
def pictured(cast, binh):
    return services.set_photo(by=cast.officer_a, member=binh, file=ContentFile(PNG, name="anh.png"))


def test_photo_view_over_the_cast(client, cast, pictured):
    failures = []
    for who, status in zip(CAST, READ, strict=True):
        client.force_login(getattr(cast, who))
        response = client.get(_photo_url(pictured))
        ok = response.status_code == status and (status != OK or (
            _body(response) == PNG and response["Content-Type"] == "image/png"
            and response["Content-Disposition"].startswith("inline")))
        if not ok:
            failures.append(f"{who}: expected {status}, got {response.status_code}")
    assert not failures, "\n".join(failures)
    reveals = AuditEntry.objects.filter(action="members.reveal")
    assert sorted(reveals.values_list("actor__username", flat=True)) == ["admin", "officer_a"]
    assert all(e.changes["_data"] == {"field": "photo"} and "ảnh 3×4" in e.note for e in reveals)
    assert sorted(AuditEntry.objects.filter(action="members.reveal_refused").values_list("actor__username", flat=True)) == [
        "secretary_a1", "viewer_a"]
    # The member sees their own photo once the account is linked.
    Member.objects.filter(pk=pictured.pk).update(user=cast.member_a1)
    client.force_login(cast.member_a1)
    response = client.get(_photo_url(pictured))
    assert response.status_code == OK and _body(response) == PNG


def test_no_photo_is_not_found(client, cast, binh):
    client.force_login(cast.officer_a)
    assert client.get(_photo_url(binh)).status_code == NF


def test_record_tab_shows_the_photo_only_after_an_audited_click(client, cast, pictured):
    detail = reverse("members:detail", args=[pictured.pk])
    client.force_login(cast.viewer_a)
    html = client.get(detail).content.decode()
    assert "Ảnh đã ẩn" in html and 'data-testid="reveal-photo"' not in html and "<img" not in html
    assert 'data-testid="photo-form"' not in html
    client.force_login(cast.officer_a)
    html = client.get(detail).content.decode()
    assert 'data-testid="reveal-photo"' in html and "Hiện ảnh" in html and "<img" not in html and "/media/" not in html
    assert 'data-testid="photo-form"' in html and reverse("members:photo_upload", args=[pictured.pk]) in html
    assert not AuditEntry.objects.filter(action="members.reveal").exists()  # showing the page reveals nothing
    # The click is one audited reveal; loading the image it returns is that same reveal.
    fragment = client.post(reverse("members:reveal", args=[pictured.pk, "photo"]), HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="revealed-photo"' in fragment and "/media/" not in fragment
    src = fragment.split('src="')[1].split('"')[0].replace("&amp;", "&")
    assert src.startswith(_photo_url(pictured) + "?grant=")
    response = client.get(src)
    assert response.status_code == OK and _body(response) == PNG
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a).count() == 1
    # The grant is the officer's: anyone else loading that address is checked and audited afresh.
    client.force_login(cast.viewer_a)
    assert client.get(src).status_code == RO
    client.force_login(cast.admin)
    _body(client.get(src))
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.admin).count() == 1


def test_an_expired_grant_is_a_new_reveal(client, cast, pictured, monkeypatch):
    client.force_login(cast.officer_a)
    fragment = client.post(reverse("members:reveal", args=[pictured.pk, "photo"])).content.decode()
    src = fragment.split('src="')[1].split('"')[0].replace("&amp;", "&")
    monkeypatch.setattr(views, "PHOTO_GRANT_SECONDS", -1)
    _body(client.get(src))
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a).count() == 2


def test_own_record_hides_the_photo_until_the_member_asks(client, cast, pictured):
    Member.objects.filter(pk=pictured.pk).update(user=cast.member_a1)
    client.force_login(cast.member_a1)
    html = client.get(reverse("members:detail", args=[pictured.pk])).content.decode()
    assert pictured.citizen_id in html  # the rest of one's own record is shown…
    assert 'data-testid="reveal-photo"' in html and "<img" not in html  # …the photo after a click

