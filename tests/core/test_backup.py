"""Issue 8 §6: `manage.py backup` and `manage.py restore` (dangvu/core/backup.py) on both databases.

A restore into an empty database reproduces every row of every table, the audit trail included.
"""

import gzip
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from dangvu.accounts import tokens
from dangvu.audit.models import AuditEntry
from dangvu.core import backup
from dangvu.organizations import services as org_services
from dangvu.references import data
from dangvu.references.models import ReferenceItem
from tests.clock import TODAY


def everything() -> dict:
    return {m._meta.label_lower: [tuple(sorted(row.items())) for row in m._base_manager.order_by("pk").values()]
            for m in backup.models_in_order()}


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_empty_database_reproduces_every_row(cast, tmp_path, client):
    data.seed(ReferenceItem)  # a transactional test before this one may have emptied the lists
    org_services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới", effective_date=TODAY)
    tokens.create(by=cast.officer_a, name="máy báo cáo", channel="test")
    client.post("/tai-khoan/dang-nhap/", {"username": "officer_a", "password": "sai"})  # an axes row, audit entries
    before = everything()
    assert len(before["audit.auditentry"]) > 10 and before["accounts.apitoken"] and before["axes.accessattempt"]
    assert before["references.referenceitem"] and before["organizations.organization"]

    call_command("backup", "--output", str(tmp_path / "dangvu.backup"))
    call_command("flush", "--no-input")  # an empty database
    assert AuditEntry.objects.count() == 0
    call_command("restore", str(tmp_path / "dangvu.backup"))

    assert everything() == before
    # The ids go on after the restored ones.
    org_services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông", effective_date=TODAY)
    assert AuditEntry.objects.count() == len(before["audit.auditentry"]) + 1


@pytest.mark.django_db
def test_the_backup_file_names_its_rows_and_migrations(cast, tmp_path):
    header = backup.backup(tmp_path / "b")
    assert header == backup.read_header(tmp_path / "b")
    with gzip.open(tmp_path / "b", "rt", encoding="utf-8") as source:
        lines = source.readlines()
    assert len(lines) - 1 == sum(header["counts"].values())
    assert header["counts"]["accounts.user"] == 6 and ["accounts", "0001_initial"] in header["migrations"]
    labels = {json.loads(line)["model"] for line in lines[1:]}
    assert "audit.auditentry" in labels and "contenttypes.contenttype" not in labels


@pytest.mark.django_db
def test_a_restore_never_overwrites_a_database_in_use(cast, tmp_path):
    call_command("backup", "--output", str(tmp_path / "b"))
    with pytest.raises(CommandError, match="đang được dùng"):
        call_command("restore", str(tmp_path / "b"))
    (tmp_path / "junk").write_bytes(gzip.compress(b'{"format": "other"}\n'))
    with pytest.raises(CommandError, match="không phải tệp sao lưu"):
        call_command("restore", str(tmp_path / "junk"))
