"""Use cases that change the organization tree. The only code that writes it.

Each service: checks permission and the rules first (all violations at once), writes in one
transaction, keeps the dated versions in step, records a lifecycle event and an audit entry,
and re-checks after writing that the result is still inside the actor's scope. `by=SYSTEM` (accounts.system) is the
system itself (demo data, commands run by an administrator on the server).
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max

from dangvu.accounts import permissions
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.dates import today, vn_date
from dangvu.core.errors import PermissionDeniedInScope, RuleViolation, Violation, raise_if
from dangvu.core.models import lock_for_update
from dangvu.organizations import hooks, rules
from dangvu.organizations.kinds import EndReason, EventType, Kind, UnitType
from dangvu.organizations.models import Organization, OrganizationEvent, OrganizationVersion
from dangvu.rules.parameters import params_on

CHANGE = "organizations.change"


@dataclass(frozen=True)
class Decision:
    """The decision behind a lifecycle event: number, date, deciding body, note."""

    number: str = ""
    date: dt.date | None = None
    body: str = ""
    note: str = ""


NO_DECISION = Decision()


# ---------------------------------------------------------------------------- helpers

def _require(by, org: Organization, action: str = CHANGE) -> None:
    if permissions.is_system_admin(by):
        return
    if not permissions.can(by, action, org):
        raise PermissionDeniedInScope(f"Bạn không có quyền thay đổi “{org.name}”.")


def _recheck(by, org_ids: list[int], action: str = CHANGE) -> None:
    """After writing, inside the transaction: every touched organization is still ours."""
    if permissions.is_system_admin(by):
        return
    permissions.forget(by)
    for org in Organization.objects.filter(pk__in=org_ids):
        if not permissions.can(by, action, org):
            raise PermissionDeniedInScope(f"Sau thay đổi, “{org.name}” nằm ngoài phạm vi quyền của bạn: thay đổi bị hủy.")


def _open_version(org: Organization) -> OrganizationVersion | None:
    return OrganizationVersion.objects.filter(organization=org, valid_to__isnull=True).first()


def _last_change(org: Organization) -> dt.date:
    """The latest recorded change: a version it began, or an event that began none (absorb, split)."""
    latest = OrganizationVersion.objects.filter(organization=org).aggregate(m=Max("valid_from"))["m"]
    latest_event = OrganizationEvent.objects.filter(organization=org).aggregate(m=Max("effective_date"))["m"]
    return max(d for d in (latest, latest_event, org.established_on) if d is not None)


def _version_values(org: Organization) -> dict:
    return {
        "parent_id": org.parent_id, "path": org.path, "depth": org.depth, "code": org.code, "name": org.name,
        "short_name": org.short_name, "kind": org.kind, "unit_type": org.unit_type, "name_key": org.name_key,
    }


def _open_new_version(org: Organization, on: dt.date, event: OrganizationEvent | None) -> None:
    """Close the open version at `on` and open one holding the organization's state from `on`."""
    current = _open_version(org)
    values = _version_values(org)
    if current is not None and current.valid_from == on:
        for key, value in values.items():
            setattr(current, key, value)
        current.event = event or current.event
        current.save()
        return
    if current is not None:
        current.valid_to = on
        current.save(update_fields=["valid_to"])
    OrganizationVersion.objects.create(organization=org, valid_from=on, event=event, **values)


def _close_version(org: Organization, on: dt.date) -> None:
    current = _open_version(org)
    if current is not None:
        current.valid_to = on
        current.save(update_fields=["valid_to"])


def _event(org, event_type, on, decision: Decision, by, related=None, data=None) -> OrganizationEvent:
    return OrganizationEvent.objects.create(
        organization=org, event_type=event_type, effective_date=on, decision_number=decision.number,
        decision_date=decision.date, deciding_body=decision.body, note=decision.note, related=related,
        data=data or {}, recorded_by=by if getattr(by, "pk", None) else None,
        recorded_by_label=audit.actor_label(by),
    )


def _decision_data(decision: Decision) -> dict:
    return {"decision_number": decision.number, "decision_date": decision.date, "deciding_body": decision.body}


def _audit(by, action, org, before, event: OrganizationEvent | None = None, note: str = ""):
    data = {"effective_date": event.effective_date, **_decision_data(_decision_of(event))} if event else None
    audit.record(actor=by, action=action, obj=org, before=before, after=audit.snapshot(org, Organization.AUDIT_FIELDS),
                 data=data, note=note)


def _decision_of(event: OrganizationEvent) -> Decision:
    return Decision(event.decision_number, event.decision_date, event.deciding_body, event.note)


def _chronology(last_change: dt.date, on: dt.date, label: str) -> list[Violation]:
    """rules.check_chronology as of today: in date order, and not after today."""
    return rules.check_chronology(last_change, on, label, today=today())


def _exists_on(org: Organization, on: dt.date, field: str, role: str = "Tổ chức") -> list[Violation]:
    violations = rules.check_exists_on(org.name, org.established_on, org.ended_on, on, field, role)
    if not violations and org.ended_on is not None:
        # Ended: its history is closed, even for a change dated while it still existed (the change
        # would leave an open version, or an active child, after its end).
        violations = rules.check_exists_on(org.name, org.established_on, org.ended_on, org.ended_on, field, role)
    return violations


def _subtree_last_change(org: Organization) -> dt.date:
    """The latest date on which anything under `org`'s current position changed, ends included."""
    agg = OrganizationVersion.objects.filter(path__tree_prefix=org.path).aggregate(f=Max("valid_from"), t=Max("valid_to"))
    return max(d for d in (agg["f"], agg["t"], _last_change(org)) if d is not None)


def _children_last_change(org: Organization) -> dt.date:
    """The latest date on which a child's version under `org` began or ended (children that left included)."""
    agg = OrganizationVersion.objects.filter(parent=org).aggregate(f=Max("valid_from"), t=Max("valid_to"))
    return max(d for d in (agg["f"], agg["t"], org.established_on) if d is not None)


def _move_subtree(org: Organization, new_parent: Organization | None, on: dt.date, event: OrganizationEvent) -> int:
    """Re-root the active subtree of `org` under `new_parent`; versions follow. Returns rows moved."""
    old_prefix = org.path
    new_prefix = f"{new_parent.path if new_parent else '/'}{org.pk}/"
    subtree = list(Organization.objects.filter(path__tree_prefix=old_prefix, ended_on__isnull=True).order_by("depth"))
    for node in subtree:
        node.path = new_prefix + node.path[len(old_prefix):]
        node.depth = node.path.count("/") - 1
        if node.pk == org.pk:
            node.parent = new_parent
    Organization.objects.bulk_update(subtree, ["path", "depth", "parent"])
    ids = [node.pk for node in subtree]
    by_id = {node.pk: node for node in subtree}
    same_day = list(OrganizationVersion.objects.filter(organization_id__in=ids, valid_to__isnull=True, valid_from=on))
    for version in same_day:
        node = by_id[version.organization_id]
        version.path, version.depth, version.parent_id = node.path, node.depth, node.parent_id
    OrganizationVersion.objects.bulk_update(same_day, ["path", "depth", "parent"])
    same_day_ids = {v.organization_id for v in same_day}
    OrganizationVersion.objects.filter(organization_id__in=ids, valid_to__isnull=True, valid_from__lt=on).update(valid_to=on)
    OrganizationVersion.objects.bulk_create(
        [OrganizationVersion(organization_id=node.pk, valid_from=on, event=event, **_version_values(node))
         for node in subtree if node.pk not in same_day_ids]
    )
    org.path, org.depth, org.parent = by_id[org.pk].path, by_id[org.pk].depth, new_parent
    return len(subtree)


def _move_rules(org: Organization, new_parent: Organization | None, on: dt.date) -> list[Violation]:
    violations = _exists_on(org, on, "effective_date")
    if new_parent is not None:
        violations += _exists_on(new_parent, on, "parent", role="Tổ chức cấp trên mới")
        violations += rules.check_not_descendant(org.path, new_parent.path)
        violations += _chronology(_last_change(new_parent), on, new_parent.name)
    violations += rules.check_new_placement(org.kind, new_parent.kind if new_parent else None, on)
    violations += _chronology(_subtree_last_change(org), on, org.name)
    return violations


# ---------------------------------------------------------------------------- use cases

@audited
def establish(*, by, parent: Organization | None, code: str, name: str, kind: str, effective_date: dt.date,
              short_name: str = "", unit_type: str = UnitType.OTHER, address: str = "", has_youth_union: bool = True,
              decision: Decision = NO_DECISION, _event_type: str = EventType.ESTABLISH,
              _event_data: dict | None = None, _related: Organization | None = None) -> Organization:
    """Establish an organization under `parent` (or as a root, for a system administrator)."""
    if parent is None:
        if not permissions.is_system_admin(by):
            raise PermissionDeniedInScope("Chỉ quản trị hệ thống được tạo tổ chức gốc.")
    else:
        parent = lock_for_update(parent)
        _require(by, parent)
    code, name = (code or "").strip(), (name or "").strip()
    violations = rules.check_code(code, kind, params_on(effective_date, parent))
    if not name:
        violations.append(Violation("org.name_required", "Tên tổ chức: không được để trống.", field="name"))
    if code and Organization.objects.filter(code=code).exists():
        other = Organization.objects.get(code=code)
        violations.append(Violation("org.code_taken", f"Mã tổ chức “{code}” đã được dùng cho “{other.name}”.", field="code"))
    violations += rules.check_can_establish(kind, effective_date)
    if parent is not None:
        violations += _exists_on(parent, effective_date, "parent", role="Tổ chức cấp trên")
        violations += _chronology(_last_change(parent), effective_date, parent.name)
    violations += rules.check_new_placement(kind, parent.kind if parent else None, effective_date)
    raise_if(violations)

    org = Organization(
        code=code, name=name, short_name=short_name.strip(), kind=kind, unit_type=unit_type, address=address.strip(),
        has_youth_union=has_youth_union, parent=parent, path=f"/tmp-{uuid.uuid4().hex}/", depth=(parent.depth + 1) if parent else 1,
        established_on=effective_date,
    )
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as exc:
        raise RuleViolation([Violation("org.code_taken", f"Mã tổ chức “{code}” đã được dùng.", field="code")]) from exc
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    org.save(update_fields=["path"])
    data = {"name": name, "code": code, "kind": kind, "parent_name": parent.name if parent else "", **(_event_data or {})}
    event = _event(org, _event_type, effective_date, decision, by, related=_related or parent, data=data)
    _open_new_version(org, effective_date, event)
    _audit(by, "organizations.establish", org, None, event)
    _recheck(by, [org.pk])
    return org


CORRECTABLE_FIELDS = ("code", "name", "short_name", "unit_type", "address", "has_youth_union")


@audited
def correct(*, by, org: Organization, expected_version: int | None, **changes) -> Organization:
    """Correct data-entry errors in the current record; no dated event (use rename for a real rename)."""
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable: {sorted(unknown)}")
    org = lock_for_update(org, expected_version)
    _require(by, org)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    violations: list[Violation] = []
    if "code" in changes:
        changes["code"] = (changes["code"] or "").strip()
        violations += rules.check_code(changes["code"], org.kind, params_on(today(), org))
        if Organization.objects.filter(code=changes["code"]).exclude(pk=org.pk).exists():
            violations.append(Violation("org.code_taken", f"Mã tổ chức “{changes['code']}” đã được dùng.", field="code"))
    if "name" in changes and not (changes["name"] or "").strip():
        violations.append(Violation("org.name_required", "Tên tổ chức: không được để trống.", field="name"))
    raise_if(violations)
    for key, value in changes.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    if audit.diff(before, audit.snapshot(org, Organization.AUDIT_FIELDS)) == {}:
        return org
    org.save()
    latest = OrganizationVersion.objects.filter(organization=org).order_by("-valid_from").first()
    if latest is not None:
        for key in ("code", "name", "short_name", "unit_type", "name_key"):
            setattr(latest, key, getattr(org, key))
        latest.save()
    _audit(by, "organizations.update", org, before, note="Sửa thông tin (đính chính)")
    return org


@audited
def correct_latest_date(*, by, org: Organization, effective_date: dt.date, reason: str,
                        expected_version: int | None = None) -> OrganizationEvent:
    """Correct the mistyped effective date of the organization's latest decision when it is a rename
    (which opened a version of this organization alone), as a recorded correction: the
    event keeps its place in history with the corrected date, the versions around it are moved to
    that date, and the audit entry says from which date to which and why. Nothing is deleted.

    A decision recorded before the date policy with a year such as 9999 blocked every later one
    (chronology); this is how it is put right."""
    org = lock_for_update(org, expected_version)
    _require(by, org)
    reason = (reason or "").strip()
    event = OrganizationEvent.objects.filter(organization=org).order_by("-effective_date", "-id").first()
    current = _open_version(org)
    violations: list[Violation] = []
    if not reason:
        violations.append(Violation("org.correction_reason", "Lý do đính chính: không được để trống.", field="reason"))
    if event is None or event.event_type != EventType.RENAME or current is None or current.event_id != event.pk:
        violations.append(Violation("org.correction_not_latest", f"Thay đổi gần nhất của “{org.name}” không phải là "
                                    "một quyết định đổi tên: chỉ đính chính được ngày của quyết định đổi tên gần nhất.",
                                    field="__all__"))
        raise_if(violations)
    previous = (OrganizationVersion.objects.filter(organization=org).exclude(pk=current.pk)
                .aggregate(m=Max("valid_from"))["m"]) or org.established_on
    violations += _exists_on(org, effective_date, "effective_date")
    violations += _chronology(previous, effective_date, org.name)
    if effective_date == previous:
        violations.append(Violation("org.correction_same_day", f"Ngày hiệu lực {vn_date(effective_date)} trùng ngày của "
                                    "thay đổi trước đó: hãy chọn ngày sau ngày đó.", field="effective_date"))
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    old_date = event.effective_date
    OrganizationVersion.objects.filter(organization=org, valid_to=current.valid_from).update(valid_to=effective_date)
    current.valid_from = effective_date
    current.save(update_fields=["valid_from"])
    event.effective_date = effective_date
    event.save(update_fields=["effective_date"])
    org.save()  # a new version number: a page opened before the correction is stale
    _audit(by, "organizations.correct_date", org, before, event,
           note=f"Đính chính ngày hiệu lực của quyết định {event.get_event_type_display().lower()}: "
                f"{vn_date(old_date)} → {vn_date(effective_date)}. Lý do: {reason}")
    return event


@audited
def rename(*, by, org: Organization, name: str, effective_date: dt.date, short_name: str | None = None,
           decision: Decision = NO_DECISION, expected_version: int | None = None) -> Organization:
    org = lock_for_update(org, expected_version)
    _require(by, org)
    name = (name or "").strip()
    violations = _exists_on(org, effective_date, "effective_date")
    if not name:
        violations.append(Violation("org.name_required", "Tên mới: không được để trống.", field="name"))
    elif name == org.name and (short_name is None or short_name == org.short_name):
        violations.append(Violation("org.same_name", "Tên mới trùng với tên hiện tại.", field="name"))
    violations += _chronology(_last_change(org), effective_date, org.name)
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    old_name = org.name
    org.name = name
    if short_name is not None:
        org.short_name = short_name.strip()
    org.save()
    event = _event(org, EventType.RENAME, effective_date, decision, by, data={"old_name": old_name, "new_name": name})
    _open_new_version(org, effective_date, event)
    _audit(by, "organizations.rename", org, before, event)
    return org


@audited
def renumber(*, by, org: Organization, code: str, effective_date: dt.date, decision: Decision = NO_DECISION,
             expected_version: int | None = None) -> Organization:
    """A new code from `effective_date` by a dated decision (a cell placed under a new ward after the
    1/7/2025 reform takes the ward's numbering); the old code stays in the history (versions, event)."""
    org = lock_for_update(org, expected_version)
    _require(by, org)
    code = (code or "").strip()
    violations = _exists_on(org, effective_date, "effective_date")
    violations += rules.check_code(code, org.kind, params_on(effective_date, org))
    if code and code == org.code:
        violations.append(Violation("org.same_code", f"Mã mới trùng với mã hiện tại ({code}).", field="code"))
    elif code and Organization.objects.filter(code=code).exclude(pk=org.pk).exists():
        other = Organization.objects.get(code=code)
        violations.append(Violation("org.code_taken", f"Mã tổ chức “{code}” đã được dùng cho “{other.name}”.", field="code"))
    violations += _chronology(_last_change(org), effective_date, org.name)
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    old_code = org.code
    org.code = code
    org.save()
    event = _event(org, EventType.RENUMBER, effective_date, decision, by, data={"old_code": old_code, "new_code": code})
    _open_new_version(org, effective_date, event)
    _audit(by, "organizations.renumber", org, before, event)
    return org


@audited
def move(*, by, org: Organization, new_parent: Organization, effective_date: dt.date,
         decision: Decision = NO_DECISION, expected_version: int | None = None) -> Organization:
    """Move `org` and its active subtree under `new_parent` from `effective_date`."""
    org = lock_for_update(org, expected_version)
    new_parent = lock_for_update(new_parent)
    _require(by, org)
    _require(by, new_parent)
    violations = []
    if org.parent_id == new_parent.pk:
        violations.append(Violation("org.same_parent", f"“{org.name}” đã trực thuộc “{new_parent.name}”.", field="parent"))
    violations += _move_rules(org, new_parent, effective_date)
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    old_parent = org.parent
    event = _event(org, EventType.MOVE, effective_date, decision, by, related=new_parent, data={
        "old_parent_id": old_parent.pk if old_parent else None, "old_parent_name": old_parent.name if old_parent else "",
        "new_parent_id": new_parent.pk, "new_parent_name": new_parent.name,
    })
    moved = _move_subtree(org, new_parent, effective_date, event)
    org.save(update_fields=["updated_at"])
    event.data["subtree_size"] = moved
    event.save(update_fields=["data"])
    _audit(by, "organizations.move", org, before, event)
    _recheck(by, [org.pk])
    return org


def _merge_violations(source: Organization, target: Organization, on: dt.date, role: str) -> list[Violation]:
    """What refuses moving ``source``'s children and members into ``target`` and ending ``source`` on ``on``."""
    violations = rules.check_merge_pair(source.pk, target.pk, source.path, target.path)
    if violations:
        return violations
    violations += _exists_on(source, on, "effective_date")
    violations += _exists_on(target, on, "target", role=role)
    violations += _chronology(_last_change(target), on, target.name)
    last = _last_change(source)
    if on <= last:
        violations.append(Violation("org.out_of_order", f"Ngày hiệu lực phải sau thay đổi gần nhất của “{source.name}” "
                                    f"({last:%d/%m/%Y}).", field="effective_date"))
    else:
        violations += _chronology(_subtree_last_change(source), on, source.name)
    violations += hooks.register().check_members_can_follow(source, target, on)
    for child in source.children.filter(ended_on__isnull=True):
        violations += [Violation(v.code, f"{child.name}: {v.message}", "target", v.source)
                       for v in rules.check_new_placement(child.kind, target.kind, on, field="target")]
        violations += _chronology(_subtree_last_change(child), on, child.name)
    return violations


def _merge_write(by, source: Organization, target: Organization, on: dt.date, decision: Decision, *,
                 consolidation: str = "") -> None:
    """Move ``source``'s active children and members into ``target``, end ``source`` with a pointer
    to it, and record the events and audit entries on both sides. ``consolidation`` is the sentence
    of a hợp nhất ("Hợp nhất A, B thành C"); empty for a sáp nhập."""
    what = consolidation or f"Sáp nhập {source.name} vào {target.name}"
    children = list(source.children.filter(ended_on__isnull=True))
    before_source = audit.snapshot(source, Organization.AUDIT_FIELDS)
    before_target = audit.snapshot(target, Organization.AUDIT_FIELDS)
    event_type = EventType.CONSOLIDATE if consolidation else EventType.MERGE
    merge_event = _event(source, event_type, on, decision, by, related=target, data={
        "target_id": target.pk, "target_name": target.name, "children_moved": len(children),
    })
    for child in children:
        child = lock_for_update(child)
        child_before = audit.snapshot(child, Organization.AUDIT_FIELDS)
        move_event = _event(child, EventType.MOVE, on, decision, by, related=target, data={
            "old_parent_id": source.pk, "old_parent_name": source.name, "new_parent_id": target.pk,
            "new_parent_name": target.name, "because": "consolidate" if consolidation else "merge",
        })
        _move_subtree(child, target, on, move_event)
        child.version += 1
        child.save(update_fields=["version", "updated_at"])
        _audit(by, "organizations.move", child, child_before, move_event, note=f"Do {what[0].lower()}{what[1:]}")
    members_moved = hooks.register().transfer_members_on_merge(
        by=by, source=source, target=target, on=on, number=decision.number, date=decision.date, body=decision.body,
        reason=decision.note or what)
    merge_event.data["members_moved"] = members_moved
    merge_event.save(update_fields=["data"])
    _close_version(source, on)
    source.ended_on, source.successor = on, target
    source.end_reason = EndReason.CONSOLIDATED if consolidation else EndReason.MERGED
    source.save()
    absorb_event = _event(target, EventType.ABSORB, on, decision, by, related=source, data={
        "source_id": source.pk, "source_name": source.name, "children_moved": len(children),
        "consolidation": bool(consolidation),
    })
    target.save(update_fields=["updated_at"])
    action = "organizations.consolidate" if consolidation else "organizations.merge"
    _audit(by, action, source, before_source, merge_event, note=what)
    _audit(by, action, target, before_target, absorb_event, note=f"Tiếp nhận {source.name}")


@audited
def merge(*, by, source: Organization, target: Organization, effective_date: dt.date,
          decision: Decision = NO_DECISION, expected_version: int | None = None) -> Organization:
    """Sáp nhập: ``source`` is absorbed into the existing ``target``: its active children and its
    members move to ``target`` and ``source`` ends (end reason "merged", successor ``target``).

    The code keeps the name ``merge`` (API action ``…/merge/``); the words shown are "sáp nhập".
    Two or more organizations combining into a NEW one is ``consolidate`` (hợp nhất)."""
    source = lock_for_update(source, expected_version)
    target = lock_for_update(target)
    _require(by, source)
    _require(by, target)
    raise_if(_merge_violations(source, target, effective_date, "Tổ chức sáp nhập vào"))
    _merge_write(by, source, target, effective_date, decision)
    _recheck(by, [target.pk])
    return target


@audited
def consolidate(*, by, sources: list[Organization], parent: Organization | None, code: str, name: str, kind: str,
                effective_date: dt.date, short_name: str = "", unit_type: str | None = None, address: str = "",
                decision: Decision = NO_DECISION, expected_versions: dict[int, int] | None = None) -> Organization:
    """Hợp nhất: two or more organizations combine into a NEW organization established under
    ``parent`` on ``effective_date``; the children and members of every source move to it and each
    source ends (end reason "consolidated", successor the new organization). All or nothing.

    ``expected_versions`` maps a source's id to the version the editor loaded (concurrent edits)."""
    expected_versions = expected_versions or {}
    unique = {s.pk: s for s in sources}
    locked = [lock_for_update(s, expected_versions.get(pk)) for pk, s in sorted(unique.items())]
    for source in locked:
        _require(by, source)
    violations: list[Violation] = []
    if len(locked) < 2:
        violations.append(Violation("org.consolidate_sources", "Các tổ chức hợp nhất: chọn ít nhất hai tổ chức để hợp "
                                    "nhất thành một tổ chức mới (đưa một tổ chức vào tổ chức đã có là sáp nhập).",
                                    field="sources"))
    for source in locked:
        violations += _exists_on(source, effective_date, "effective_date")
        violations += _chronology(_subtree_last_change(source), effective_date, source.name)
        for other in locked:
            if other.pk != source.pk and other.path.startswith(source.path):
                violations.append(Violation("org.consolidate_nested", f"“{other.name}” trực thuộc “{source.name}”: không "
                                            "hợp nhất một tổ chức với tổ chức cấp trên của nó.", field="sources"))
        if parent is not None and parent.path.startswith(source.path):
            violations.append(Violation("org.consolidate_parent", f"Tổ chức cấp trên của tổ chức mới không được là "
                                        f"“{source.name}” hoặc tổ chức trực thuộc nó.", field="parent"))
    raise_if(violations)
    names = ", ".join(s.name for s in locked)
    what = f"Hợp nhất {names} thành {(name or '').strip()}"
    new_org = establish(
        by=by, parent=parent, code=code, name=name, kind=kind, effective_date=effective_date, short_name=short_name,
        unit_type=unit_type or locked[0].unit_type, address=address, decision=decision,
        _event_data={"consolidated_from": [{"id": s.pk, "name": s.name} for s in locked]})
    violations = []
    for source in locked:
        violations += _merge_violations(source, new_org, effective_date, "Tổ chức mới")
    raise_if(violations)
    for source in locked:
        _merge_write(by, source, new_org, effective_date, decision, consolidation=what)
    _recheck(by, [new_org.pk])
    new_org.refresh_from_db()
    return new_org


@audited
def split(*, by, source: Organization, code: str, name: str, effective_date: dt.date, kind: str | None = None,
          short_name: str = "", children: list[Organization] = (), dissolve_source: bool = False,
          decision: Decision = NO_DECISION, expected_version: int | None = None) -> Organization:
    """Split a new organization off `source` (same parent), taking the chosen child organizations."""
    source = lock_for_update(source, expected_version)
    _require(by, source)
    child_ids = {c.pk for c in children}
    own_children = {c.pk: c for c in source.children.filter(ended_on__isnull=True)}
    violations = _exists_on(source, effective_date, "effective_date")
    violations += _chronology(_last_change(source), effective_date, source.name)
    strangers = child_ids - set(own_children)
    if strangers:
        violations.append(Violation("org.split_child", "Chỉ được chuyển các tổ chức đang trực thuộc tổ chức bị chia tách.",
                                    field="children"))
    if dissolve_source and len(child_ids & set(own_children)) < len(own_children):
        violations.append(Violation("org.has_children", "Muốn giải thể tổ chức bị chia tách thì phải chuyển hết các tổ chức "
                                    "trực thuộc của nó sang tổ chức mới.", field="dissolve_source"))
    raise_if(violations)
    new_org = establish(
        by=by, parent=source.parent, code=code, name=name, kind=kind or source.kind, effective_date=effective_date,
        short_name=short_name, unit_type=source.unit_type, address=source.address, decision=decision,
        _event_type=EventType.SPLIT, _event_data={"role": "new", "source_id": source.pk, "source_name": source.name},
        _related=source,
    )
    for child in [own_children[i] for i in sorted(child_ids)]:
        move(by=by, org=child, new_parent=new_org, effective_date=effective_date, decision=decision)
    source.refresh_from_db()
    before = audit.snapshot(source, Organization.AUDIT_FIELDS)
    event = _event(source, EventType.SPLIT, effective_date, decision, by, related=new_org, data={
        "role": "source", "new_id": new_org.pk, "new_name": new_org.name, "children_moved": len(child_ids),
    })
    source.save(update_fields=["updated_at"])
    _audit(by, "organizations.split", source, before, event)
    if dissolve_source:
        dissolve(by=by, org=source, effective_date=effective_date, decision=decision, _allow_same_day=True)
    return new_org


@audited
def dissolve(*, by, org: Organization, effective_date: dt.date, decision: Decision = NO_DECISION,
             expected_version: int | None = None, _allow_same_day: bool = False) -> Organization:
    org = lock_for_update(org, expected_version)
    _require(by, org)
    violations = _exists_on(org, effective_date, "effective_date")
    last = _last_change(org)
    if effective_date < last or (effective_date == last and not _allow_same_day):
        violations.append(Violation("org.out_of_order", f"Ngày giải thể phải sau thay đổi gần nhất của “{org.name}” "
                                    f"({last:%d/%m/%Y}).", field="effective_date"))
    else:
        violations += _chronology(_subtree_last_change(org), effective_date, org.name)
    violations += rules.check_no_active_children(org.children.filter(ended_on__isnull=True).count(), org.name)
    violations += rules.check_no_members(hooks.register().in_party_count(org), org.name)
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    event = _event(org, EventType.DISSOLVE, effective_date, decision, by)
    current = _open_version(org)
    if current is not None and current.valid_from >= effective_date:
        current.delete()  # a state that lasted no day at all
    else:
        _close_version(org, effective_date)
    org.ended_on, org.end_reason = effective_date, EndReason.DISSOLVED
    org.save()
    _audit(by, "organizations.dissolve", org, before, event)
    return org


@audited
def change_kind(*, by, org: Organization, kind: str, effective_date: dt.date, decision: Decision = NO_DECISION,
                expected_version: int | None = None, exception_consent: str = "") -> Organization:
    """Change the kind (e.g. upgrade a grassroots cell to a grassroots committee); children follow.
    O2: between grassroots cell and grassroots committee the member count on the date decides (30),
    unless the higher committee consented in writing (`exception_consent`, recorded on the event)."""
    org = lock_for_update(org, expected_version)
    _require(by, org)
    violations = _exists_on(org, effective_date, "effective_date")
    if kind == org.kind:
        violations.append(Violation("org.same_kind", "Loại hình mới trùng với loại hình hiện tại.", field="kind"))
    violations += rules.check_can_establish(kind, effective_date)
    violations += rules.check_placement(kind, org.parent.kind if org.parent else None, effective_date, field="kind")
    violations += _chronology(max(_last_change(org), _children_last_change(org)), effective_date, org.name)
    exception_consent = (exception_consent or "").strip()
    n_members = hooks.register().in_party_under_on(org, effective_date)
    violations += rules.check_grassroots_size(org.kind, kind, n_members,
                                              params_on(effective_date, org)["organization.grassroots_committee_min_members"],
                                              effective_date, exception_consent)
    children = list(org.children.filter(ended_on__isnull=True))
    changes_for_children: list[tuple[Organization, str]] = []
    for child in children:
        new_child_kind = rules.child_kind_after_change(child.kind, kind, effective_date)
        if new_child_kind is None:
            violations.append(Violation("org.child_kind", f"Tổ chức trực thuộc “{child.name}” ({child.get_kind_display()}) "
                                        "không thể trực thuộc loại hình mới; hãy chuyển nó đi trước.", field="kind"))
        elif new_child_kind != child.kind:
            changes_for_children.append((child, new_child_kind))
            violations += _chronology(_last_change(child), effective_date, child.name)
            for grandchild in child.children.filter(ended_on__isnull=True):
                if rules.check_placement(grandchild.kind, new_child_kind, effective_date):
                    violations.append(Violation(
                        "org.child_kind", f"“{grandchild.name}” ({grandchild.get_kind_display()}) không thể trực thuộc "
                        f"“{child.name}” khi tổ chức này thành {Kind(new_child_kind).label.lower()}; hãy chuyển nó đi trước.",
                        field="kind"))
    raise_if(violations)
    before = audit.snapshot(org, Organization.AUDIT_FIELDS)
    old_kind = org.kind
    org.kind = kind
    org.save()
    data = {"old_kind": old_kind, "new_kind": kind, "members": n_members}
    if exception_consent:
        data["exception_consent"] = exception_consent
    event = _event(org, EventType.CHANGE_KIND, effective_date, decision, by, data=data)
    _open_new_version(org, effective_date, event)
    _audit(by, "organizations.change_kind", org, before, event)
    for child, new_child_kind in changes_for_children:
        child = lock_for_update(child)
        child_before = audit.snapshot(child, Organization.AUDIT_FIELDS)
        old_child_kind = child.kind
        child.kind = new_child_kind
        child.save()
        child_event = _event(child, EventType.CHANGE_KIND, effective_date, decision, by, related=org,
                             data={"old_kind": old_child_kind, "new_kind": new_child_kind, "because": "parent_kind"})
        _open_new_version(child, effective_date, child_event)
        _audit(by, "organizations.change_kind", child, child_before, child_event, note=f"Theo việc đổi loại hình của {org.name}")
    return org
