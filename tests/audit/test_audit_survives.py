import datetime as dt

import pytest

from dangvu.accounts.models import User
from dangvu.accounts.system import SYSTEM
from dangvu.audit.context import request_context
from dangvu.audit.models import AuditEntry
from dangvu.organizations import services

pytestmark = pytest.mark.django_db


def test_entries_survive_deletion_of_the_actor(cast):
    with request_context("req-abc"):
        services.rename(by=cast.officer_a, org=cast.tree.cell_a1, name="Chi bộ thôn Đông Mới", effective_date=dt.date(2026, 1, 5))
    entry = AuditEntry.objects.get(action="organizations.rename")
    assert entry.request_id == "req-abc"
    assert entry.changes["name"] == ["Chi bộ thôn Đông", "Chi bộ thôn Đông Mới"]
    assert entry.changes["_data"]["effective_date"] == "2026-01-05"
    User.objects.filter(pk=cast.officer_a.pk).delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_label == "Nguyễn Văn An (officer_a)"
    assert entry.object_label == "Chi bộ thôn Đông Mới"


def test_system_actor_is_named(cast):
    services.rename(by=SYSTEM, org=cast.tree.cell_a2, name="Chi bộ thôn Tây Mới", effective_date=dt.date(2026, 1, 5))
    assert AuditEntry.objects.get(action="organizations.rename").actor_label == "Hệ thống"
