"""The member file through a real browser: upload a photo and show it after "Hiện ảnh"; file a
document, download it, remove it with a reason."""

import datetime as dt
import struct
import zlib

import pytest
from playwright.sync_api import expect

from dangvu.audit.models import AuditEntry
from dangvu.members.models import MemberDocument
from tests.browser.conftest import login
from tests.conftest import PASSWORD
from tests.members import register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _png(width=3, height=4) -> bytes:
    """A real (decodable) grey PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_photo_and_documents(page, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    binh = register("Trần Văn Bình", cast.tree.cell_a1, admitted=dt.date(2010, 6, 1))
    login(page, "officer_a", PASSWORD)
    page.goto(f"/dang-vien/{binh.pk}/")

    # Photo: upload on the record tab, hidden until "Hiện ảnh", then shown from members:photo.
    page.locator("[data-testid=photo-form] input[type=file]").set_input_files(
        {"name": "anh.png", "mimeType": "image/png", "buffer": _png()})
    page.locator("[data-testid=photo-form] button").click()
    page.wait_for_load_state("networkidle")
    photo = page.locator("[data-testid=field-photo]")
    expect(photo).to_contain_text("Ảnh đã ẩn")
    page.locator("[data-testid=reveal-photo]").click()
    image = page.locator("[data-testid=revealed-photo] img")
    expect(image).to_be_visible()
    # A function, not an expression: Playwright would eval() an expression in the page, which the CSP refuses.
    page.wait_for_function("() => document.querySelector('[data-testid=revealed-photo] img').naturalWidth === 3")
    assert AuditEntry.objects.filter(action="members.reveal", actor=cast.officer_a).count() == 1  # one click, one entry

    # Documents: file one, download it, remove it with a reason.
    page.get_by_role("link", name="Tài liệu", exact=True).click()
    page.wait_for_load_state("networkidle")
    form = page.locator("[data-testid=document-form]")
    form.locator("select[name=doc_type]").select_option("admission_decision")
    form.locator("input[name=title]").fill("Quyết định kết nạp")
    form.locator("input[name=document_number]").fill("12-QĐ/ĐU")
    form.locator("input[name=document_date]").fill("20/05/2010")
    # the file input speaks Vietnamese whatever the browser's language, and names the chosen file
    expect(form.get_by_test_id("file-name-file")).to_have_text("Chưa chọn tệp nào")
    expect(form.get_by_text("Chọn tệp", exact=True)).to_be_visible()
    form.locator("input[name=file]").set_input_files({"name": "Quyết định.pdf", "mimeType": "application/pdf", "buffer": PDF})
    expect(form.get_by_test_id("file-name-file")).to_have_text("Quyết định.pdf")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    doc = MemberDocument.objects.get()
    row = page.locator(f"[data-testid=document-{doc.pk}]")
    expect(row).to_contain_text("Quyết định kết nạp đảng viên")
    expect(row).to_contain_text("20/05/2010")
    with page.expect_download() as info:
        row.locator(f"[data-testid=download-{doc.pk}]").click()
    download = info.value
    assert download.suggested_filename == "Quyết định.pdf"
    with open(download.path(), "rb") as f:
        assert f.read() == PDF
    row.locator("input[name=reason]").fill("Tải nhầm")
    row.get_by_role("button", name="Gỡ bỏ").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(f"[data-testid=removed-{doc.pk}]")).to_contain_text("Tải nhầm")
    doc.refresh_from_db()
    assert doc.removed_at is not None and doc.file.storage.exists(doc.file.name)
