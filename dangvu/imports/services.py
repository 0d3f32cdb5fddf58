"""The use cases of the import: check a file (preview), apply it, and the one permission rule.

Who may import: whoever may change what the file changes in the chosen organization: organization
officers (and administrators) for organizations ("organizations.change"), for members and their events
("members.change"). A cell secretary runs the cell's meetings and dues but does not keep the register
(domain: the register is kept by the committee's organization office): a secretary may not import.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.core import bulk, memory
from dangvu.core.errors import PermissionDeniedInScope
from dangvu.imports import engine
from dangvu.imports.kinds import KINDS
from dangvu.imports.models import ImportRow, ImportRun, RunStatus
from dangvu.organizations.models import Organization

ACTIONS = {"organizations": "organizations.change", "members": "members.change", "events": "members.change",
           "cards": "awards.change", "badges": "awards.change",
           # the dues history is imported by whoever keeps the register; each row is then written by dues' service,
           # which asks "dues.collect" of the cell of that month (a secretary collects dues but does not import)
           "dues": "members.change", "org_grades": "evaluations.manage", "member_grades": "evaluations.manage",
           # classes and their learners are kept by the officers who open classes (training's own permission)
           "training_classes": "training.manage", "training_results": "training.manage",
           # decisions taken before the application: whoever decides discipline in the organization (organization and
           # inspection officers); each row is then written by discipline's service, which asks it of the subject's place
           "discipline": "discipline.decide"}


def may_import(user, kind: str, organization: Organization) -> bool:
    return permissions.is_system_admin(user) or permissions.can(user, ACTIONS[kind], organization)


def _require(by, kind: str, organization: Organization) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown import kind {kind!r}")
    if not may_import(by, kind, organization):
        raise PermissionDeniedInScope(f"Bạn không có quyền nhập dữ liệu loại này vào “{organization.name}”.")


def _record(by, run: ImportRun, action: str) -> None:
    audit.record(actor=by, action=action, obj=run.organization, data={
        "import_id": run.pk, "kind": run.kind, "file_name": run.file_name, "sha256": run.sha256, "counts": run.counts,
        "status": run.status})


@contextmanager
def _memory_given_back(size: int):
    """Around the check or the apply of a large file (RELEASE_FROM_BYTES or more), the process's free memory given back
    to the system before and after (core.memory.release): the file's work starts from what the process holds, not
    from the peak of the work before it (the preview's, another file's), and the next starts from there too; a
    worker running one import after another stays at the size of the largest one (100.000 rows: ~250 MB each
    time, instead of growing). Not for a small file: a collection of the whole process costs ~0,1 s."""
    large = size >= RELEASE_FROM_BYTES
    if large:
        memory.release()
    try:
        yield
    finally:
        if large:
            memory.release()


RELEASE_FROM_BYTES = 1_000_000  # an XLSX of ~20.000 member rows


def preview(*, by, kind: str, organization: Organization, file_name: str, content: bytes,
            mapping: dict | None = None, progress: engine.Progress | None = None) -> ImportRun:
    """Check every row (the apply, rolled back) and keep the file and the result for the apply step."""
    _require(by, kind, organization)
    with _memory_given_back(len(content)):
        return _preview(by, kind, organization, file_name, content, mapping, progress)


def _preview(by, kind, organization, file_name, content, mapping, progress) -> ImportRun:
    result = engine.run(kind=KINDS[kind], content=content, file_name=file_name, by=by, organization=organization,
                        apply=False, mapping=mapping, progress=progress)
    status = RunStatus.REJECTED if result.error or result.rejected else RunStatus.PREVIEWED
    return _kept(by, kind, organization, file_name, content, mapping, result, status, "imports.preview")


def _kept(by, kind, organization, file_name, content, mapping, result: engine.Result, status: str, action: str) -> ImportRun:
    """The run of a file checked (and applied, when its status says so), with its report, audited."""
    with transaction.atomic():
        run = ImportRun.objects.create(kind=kind, organization=organization, file_name=file_name[:255], sha256=result.sha256,
                                       size=len(content), content=content, status=status, counts=result.counts,
                                       report=result.as_json() | {"mapping": mapping or {}}, created_by=_user(by),
                                       created_by_label=audit.actor_label(by),
                                       applied_at=timezone.now() if status == RunStatus.APPLIED else None)
        _keep_rows(run, result)
        _record(by, run, action)
    return run


ROW_FIELDS = ["run_id", "row", "status", "label", "diff", "errors"]


def _keep_rows(run: ImportRun, result: engine.Result) -> None:
    """The run's rows that add, change or were refused (ImportRow), in place of those its check kept (removed by one
    statement: a queryset's delete() would load and signal each of 100.000 rows, the audit listening to every model)."""
    bulk.delete_where(ImportRow, "run", [run.pk])
    bulk.insert_rows(ImportRow, ROW_FIELDS, [(run.pk, r.row, r.status, r.label, r.diff, r.errors) for r in result.kept_rows()])


def check_and_apply(*, by, kind: str, organization: Organization, file_name: str, content: bytes,
                    mapping: dict | None = None, progress: engine.Progress | None = None) -> ImportRun:
    """Check every row and, when none is refused, apply the file in the same pass and the same transaction; else
    nothing is written and the run is kept refused, with the report a preview gives. For whoever does not look at
    the preview first (the command line without --dry-run): the file's work is done once, not twice (100.000
    members: half the time)."""
    _require(by, kind, organization)
    with _memory_given_back(len(content)):
        return _check_and_apply(by, kind, organization, file_name, content, mapping, progress)


def _check_and_apply(by, kind, organization, file_name, content, mapping, progress) -> ImportRun:
    with transaction.atomic():
        result = engine.run(kind=KINDS[kind], content=content, file_name=file_name, by=by, organization=organization,
                            apply=True, mapping=mapping, progress=progress)
        return _kept(by, kind, organization, file_name, content, mapping, result,
                     RunStatus.APPLIED if result.applied else RunStatus.REJECTED,
                     "imports.apply" if result.applied else "imports.rejected")


def saved_mapping(kind: str, organization: Organization) -> dict:
    """The column mapping last used for this kind in this organization (reused for the next file)."""
    for report in (ImportRun.objects.filter(kind=kind, organization=organization).order_by("-created_at", "-id")
                   .values_list("report", flat=True)[:20]):
        if report.get("mapping"):
            return report["mapping"]
    return {}


def apply(*, by, run: ImportRun, progress: engine.Progress | None = None) -> ImportRun:
    """Apply a checked file in one transaction; if any row is now refused, nothing is written."""
    _require(by, run.kind, run.organization)
    if run.status != RunStatus.PREVIEWED:
        raise PermissionDeniedInScope("Chỉ nhập được tệp đã kiểm tra không có dòng lỗi và chưa nhập.")
    with _memory_given_back(run.size):
        return _apply(by, run, progress)


def _apply(by, run: ImportRun, progress) -> ImportRun:
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.PREVIEWED:
            raise PermissionDeniedInScope("Tệp này đã được nhập hoặc đã bị từ chối.")
        mapping = run.report.get("mapping") or {}
        result = engine.run(kind=KINDS[run.kind], content=bytes(run.content), file_name=run.file_name, by=by,
                            organization=run.organization, apply=True, mapping=mapping or None, progress=progress)
        run.counts = result.counts
        run.report = result.as_json() | {"mapping": mapping}
        run.status = RunStatus.APPLIED if result.applied else RunStatus.REJECTED
        run.applied_at = timezone.now() if result.applied else None
        run.save()
        _keep_rows(run, result)
        _record(by, run, "imports.apply" if result.applied else "imports.rejected")
    return run


def _user(by):
    return by if getattr(by, "pk", None) else None
