"""The one write path (issue 9 §3): the versioned base model, lock_for_update, validation from the model.

Run on both databases: `DATABASE_URL=postgres://… pytest tests/core/test_write_path.py`.
"""

import pytest
from django.db import transaction
from django.utils import translation

from dangvu.audit.models import AuditEntry
from dangvu.core.errors import ConcurrentEditError, RuleViolation
from dangvu.core.models import VersionedModel, field_violations, full_clean, lock_for_update
from dangvu.members.models import MemberDocument
from dangvu.organizations import services as org_services
from dangvu.organizations.models import CommitteeMember, CommitteeTerm, Organization
from dangvu.residence.models import ResidenceContact
from dangvu.transfers.models import TransferLetter


def _org(tree) -> Organization:
    return Organization.objects.get(pk=tree.cell_a1.pk)


@pytest.mark.parametrize("model", [Organization, CommitteeTerm, CommitteeMember, TransferLetter, ResidenceContact])
def test_edited_records_share_the_versioned_base(model):
    assert issubclass(model, VersionedModel)
    assert {f.name for f in model._meta.fields} >= {"version", "created_at", "updated_at"}


def test_a_new_record_starts_at_version_1_with_timestamps(tree):
    org = _org(tree)
    assert org.version == 1 and org.created_at is not None and org.updated_at >= org.created_at


def test_lock_for_update_refuses_a_stale_version_and_nothing_is_written(tree):
    org = _org(tree)
    with pytest.raises(ConcurrentEditError) as caught, transaction.atomic():
        fresh = lock_for_update(org, expected_version=7)
        fresh.address = "never written"
        fresh.save()
    assert caught.value.current_version == 1
    assert "“Chi bộ thôn Đông” vừa được người khác thay đổi" in str(caught.value)
    fresh = _org(tree)
    assert fresh.version == 1 and fresh.address == ""


def test_the_version_is_bumped_once_by_the_next_save_after_the_lock(tree):
    with transaction.atomic():
        fresh = lock_for_update(_org(tree), expected_version=1)
        fresh.address = "Thôn Đông"
        fresh.save(update_fields=["address"])  # version and updated_at are added to the saved fields
        fresh.save()  # a second save in the same edit is the same version
    stored = _org(tree)
    assert stored.version == 2 and stored.address == "Thôn Đông"
    with transaction.atomic():
        plain = _org(tree)
        plain.save()  # a save without the lock is no edit of the version
    assert _org(tree).version == 2


def test_lock_without_an_expected_version_only_locks(tree):
    with transaction.atomic():
        fresh = lock_for_update(_org(tree))
    assert fresh.version == 1 and _org(tree).version == 1


def test_a_stale_edit_through_a_service_writes_nothing_and_audits_nothing(cast):
    org = _org(cast.tree)
    org_services.correct(by=cast.officer_a, org=org, expected_version=1, address="Thôn Đông")
    entries = AuditEntry.objects.count()
    with pytest.raises(ConcurrentEditError) as caught:
        org_services.correct(by=cast.officer_a, org=org, expected_version=1, address="Thôn Tây")
    assert caught.value.current_version == 2
    stored = _org(cast.tree)
    assert stored.address == "Thôn Đông" and stored.version == 2 and AuditEntry.objects.count() == entries


def test_the_api_answers_409_and_the_page_a_vietnamese_message_for_the_same_error():
    from dangvu.api.errors import exception_handler

    response = exception_handler(ConcurrentEditError("Chi bộ thôn Đông", 3), {})
    assert response.status_code == 409 and response.data["current_version"] == 3
    assert "hãy tải lại trang" in response.data["detail"]


def test_field_violations_name_the_field_in_vietnamese():
    v = field_violations(TransferLetter, {"number": "9" * 61, "signer_name": "Nguyễn Văn A", "destination_text": ""},
                         code_prefix="transfer")
    assert [(x.field, x.message, x.code) for x in v] == [("number", "Số giấy giới thiệu: tối đa 60 ký tự.", "transfer.max_length")]
    v = field_violations(ResidenceContact, {"residence_address": "x" * 256, "receiving_text": "y" * 300})
    assert [x.message for x in v] == ["Địa chỉ nơi cư trú: tối đa 255 ký tự.", "Nơi cư trú (ngoài hệ thống): tối đa 255 ký tự."]


def test_messages_stay_vietnamese_whatever_the_page_language():
    with translation.override("en"):
        v = field_violations(TransferLetter, {"signer_title": "x" * 121})
    assert v[0].message == "Chức vụ người ký: tối đa 120 ký tự."


def test_full_clean_raises_rule_violations_that_name_the_field():
    doc = MemberDocument(doc_type="bogus", title="x" * 256, document_number="1", original_name="a.pdf", size=1,
                         content_type="application/pdf", sha256="0" * 64)
    with pytest.raises(RuleViolation) as caught:
        full_clean(doc, exclude=["file", "uploaded_by", "member"])
    by_field = caught.value.by_field()
    assert by_field["title"] == ["Tiêu đề: tối đa 255 ký tự."]
    assert by_field["doc_type"] == ["Loại tài liệu: “bogus” không có trong danh mục."]


def test_no_lengths_dictionary_is_left_in_the_services():
    import pathlib

    import dangvu

    root = pathlib.Path(dangvu.__file__).parent
    assert [str(p) for p in root.glob("*/services.py") if "LENGTHS" in p.read_text()] == []
