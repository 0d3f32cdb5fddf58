"""The audit cannot be forgotten (issue 9 §3).

1. Every public function of a services module that writes is an `@audited` service (one transaction,
   one change set checked at its end); the few helpers that write no audited record are named here.
2. A service that changes an audited record without an entry is refused and rolls back.
3. During a web request an audited record cannot be written outside a service at all.
"""

import datetime as dt
import importlib
import inspect
import pkgutil
import re

import pytest

import dangvu
from dangvu.accounts.system import SYSTEM
from dangvu.audit import services as audit
from dangvu.audit.capture import UnauditedChange, audited, change_set, strict
from dangvu.audit.models import AuditEntry
from dangvu.organizations.models import Organization

SERVICE_MODULES = ["dangvu.organizations.committees"] + [
    f"dangvu.{m.name}.services" for m in pkgutil.iter_modules(dangvu.__path__) if m.ispkg
    and importlib.util.find_spec(f"dangvu.{m.name}.services") is not None and m.name != "audit"
]


def _public_functions(module):
    return [(name, fn) for name, fn in inspect.getmembers(module, inspect.isfunction)
            if not name.startswith("_") and fn.__module__ == module.__name__]


# A write in a function's own body (not through another service).
WRITE = re.compile(r"\.(save|delete|create|bulk_create|bulk_update|update|get_or_create|update_or_create)\(")
# Public helpers that write, but no audited record, and are not services of their own.
WRITES_NO_AUDITED_RECORD = {
    "dangvu.members.services.rebuild_state": "derived state intervals, called inside the audited member services",
    # An import's own log row (ImportRun, not an audited record) with its audit entry written by hand; every
    # row of the file goes through the audited services of its kind (the preview rolls them back).
    "dangvu.imports.services.preview": "the import run's log row; rows through the audited services, rolled back",
    "dangvu.imports.services.apply": "the import run's log row; rows through the audited services",
}


@pytest.mark.parametrize("module_name", SERVICE_MODULES)
def test_every_public_function_that_writes_is_an_audited_service(module_name):
    module = importlib.import_module(module_name)
    unaudited = [name for name, fn in _public_functions(module)
                 if not getattr(fn, "__audited__", False) and WRITE.search(inspect.getsource(fn))
                 and f"{module_name}.{name}" not in WRITES_NO_AUDITED_RECORD]
    assert unaudited == [], f"{module_name}: a function that writes must be an @audited service: {unaudited}"


def test_the_write_detector_sees_a_write():
    assert WRITE.search("    org.save()\n") and WRITE.search("X.objects.create(a=1)") and not WRITE.search("x.saved")


def test_the_walker_finds_the_services():
    assert {"dangvu.members.services", "dangvu.organizations.services", "dangvu.transfers.services",
            "dangvu.organizations.committees"} <= set(SERVICE_MODULES)


@audited
def _rename_quietly(org, name):
    org.name = name
    org.save()
    return org


@audited
def _rename_with_audit(org, name):
    before = audit.snapshot(org, ["name"])
    org.name = name
    org.save()
    audit.record(actor=None, action="organizations.update", obj=org, before=before, after=audit.snapshot(org, ["name"]))
    return org


def test_a_service_that_writes_without_audit_is_refused_and_nothing_is_written(tree):
    cell = tree.cell_a1
    with pytest.raises(UnauditedChange, match="Chi bộ|tổ chức đảng"):
        _rename_quietly(Organization.objects.get(pk=cell.pk), "Chi bộ đổi tên lặng lẽ")
    assert Organization.objects.get(pk=cell.pk).name == "Chi bộ thôn Đông"


def test_the_same_service_with_its_entry_commits(tree):
    cell = tree.cell_a1
    _rename_with_audit(Organization.objects.get(pk=cell.pk), "Chi bộ thôn Đông Mới")
    assert Organization.objects.get(pk=cell.pk).name == "Chi bộ thôn Đông Mới"
    entry = AuditEntry.objects.filter(object_type="organizations.organization", object_id=str(cell.pk)).first()
    assert entry.action == "organizations.update" and entry.changes["name"] == ["Chi bộ thôn Đông", "Chi bộ thôn Đông Mới"]


def test_an_entry_about_another_object_does_not_account_for_the_change(tree):
    cell, other = tree.cell_a1, tree.cell_a2

    @audited
    def wrong_entry():
        org = Organization.objects.get(pk=cell.pk)
        org.address = "Thôn Đông"
        org.save()
        audit.record(actor=None, action="organizations.update", obj=other)

    with pytest.raises(UnauditedChange):
        wrong_entry()
    assert Organization.objects.get(pk=cell.pk).address == ""


def test_a_badge_is_accounted_for_by_its_members_entry(tree):
    from dangvu.awards.models import BadgeAward
    from tests.members.test_services import register

    member = register(SYSTEM, tree.cell_a1)

    @audited
    def award(entry: bool):
        BadgeAward.objects.create(member=member, milestone=30, presentation_on=dt.date(2026, 2, 3), decision_number="1-QĐ/TU",
                                  decision_date=dt.date(2026, 1, 20))
        if entry:
            audit.record(actor=None, action="awards.badge", obj=member)

    with pytest.raises(UnauditedChange):
        award(False)
    assert not BadgeAward.objects.exists()
    award(True)
    assert BadgeAward.objects.count() == 1


def test_during_a_request_an_audited_record_is_written_only_by_a_service(tree):
    org = Organization.objects.get(pk=tree.cell_a1.pk)
    org.address = "Thôn Đông"
    with strict(), pytest.raises(UnauditedChange):
        org.save()
    with strict():
        _rename_with_audit(org, "Chi bộ thôn Đông")  # through a service: allowed


def test_nested_services_share_one_change_set(tree):
    with change_set() as outer:
        _rename_with_audit(Organization.objects.get(pk=tree.cell_a1.pk), "Chi bộ A")
        assert ("organizations.organization", str(tree.cell_a1.pk)) in outer.recorded
