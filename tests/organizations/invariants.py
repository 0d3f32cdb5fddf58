"""Invariants of the dated organization tree, shared by the service and property tests.

"History replays to the same state": the versions valid on any date form a forest whose paths
agree with their parents' versions on that date, and the open versions are the current rows.
"""

import datetime as dt
from collections import defaultdict

from dangvu.organizations import rules
from dangvu.organizations.models import Organization, OrganizationEvent, OrganizationVersion


def _segments(path: str) -> list[str]:
    return path.strip("/").split("/")


def _valid_on(version, on: dt.date) -> bool:
    return version.valid_from <= on and (version.valid_to is None or on < version.valid_to)


def state_fingerprint() -> tuple:
    """Everything the lifecycle services write, to prove a refused change wrote nothing."""
    from dangvu.audit.models import AuditEntry

    return (
        tuple(Organization.objects.order_by("pk").values_list(
            "pk", "code", "name", "kind", "parent_id", "path", "depth", "established_on", "ended_on", "end_reason",
            "successor_id", "version")),
        tuple(OrganizationVersion.objects.order_by("pk").values_list(
            "pk", "organization_id", "valid_from", "valid_to", "parent_id", "path", "depth", "name", "kind")),
        tuple(OrganizationEvent.objects.order_by("pk").values_list("pk", "organization_id", "event_type", "effective_date")),
        AuditEntry.objects.count(),
    )


def assert_current_rows_consistent() -> None:
    orgs = {o.pk: o for o in Organization.objects.all()}
    open_versions = defaultdict(list)
    for v in OrganizationVersion.objects.filter(valid_to__isnull=True):
        open_versions[v.organization_id].append(v)
    for org in orgs.values():
        if org.ended_on is not None:
            assert not open_versions[org.pk], f"{org.name} ended on {org.ended_on} but still has an open version"
            continue
        assert len(open_versions[org.pk]) == 1, f"{org.name}: {len(open_versions[org.pk])} open versions"
        v = open_versions[org.pk][0]
        assert (v.parent_id, v.path, v.depth, v.name, v.kind, v.code) == (
            org.parent_id, org.path, org.depth, org.name, org.kind, org.code), f"open version of {org.name} differs from the row"
        assert v.valid_from >= org.established_on
        if org.parent_id is None:
            assert org.path == f"/{org.pk}/"
        else:
            parent = orgs[org.parent_id]
            assert parent.ended_on is None, f"{org.name} is active under ended {parent.name}"
            assert org.path == f"{parent.path}{org.pk}/"
        assert org.depth == len(_segments(org.path))


def assert_history_consistent() -> None:
    """For every date, the versions valid that day form a forest with consistent paths and valid placements."""
    versions = list(OrganizationVersion.objects.all())
    by_org = defaultdict(list)
    for v in versions:
        assert v.valid_to is None or v.valid_to > v.valid_from
        assert v.depth == len(_segments(v.path))
        assert _segments(v.path)[-1] == str(v.organization_id)
        by_org[v.organization_id].append(v)
    for org_versions in by_org.values():
        org_versions.sort(key=lambda v: v.valid_from)
        for earlier, later in zip(org_versions, org_versions[1:], strict=False):
            assert earlier.valid_to is not None and earlier.valid_to <= later.valid_from, "overlapping versions"
    boundaries = sorted({v.valid_from for v in versions} | {v.valid_to for v in versions if v.valid_to})
    for on in boundaries:
        day = [v for v in versions if _valid_on(v, on)]
        by_id = {}
        for v in day:
            assert v.organization_id not in by_id, f"two versions of organization {v.organization_id} valid on {on}"
            by_id[v.organization_id] = v
        for v in day:
            if v.parent_id is None:
                assert v.path == f"/{v.organization_id}/"
                continue
            parent = by_id.get(v.parent_id)
            assert parent is not None, f"{v.name} on {on}: parent {v.parent_id} has no version that day"
            assert v.path == f"{parent.path}{v.organization_id}/", f"{v.name} on {on}: path {v.path} vs parent {parent.path}"
            assert rules.check_placement(v.kind, parent.kind, on) == [], (
                f"{v.name} ({v.kind}) under {parent.name} ({parent.kind}) on {on}")
    # The query the app uses agrees with the Python reading above.
    for on in boundaries[:3] + boundaries[-3:]:
        expected = sorted(v.pk for v in versions if _valid_on(v, on))
        assert sorted(OrganizationVersion.objects.valid_on(on).values_list("pk", flat=True)) == expected


def assert_events_in_date_order() -> None:
    """Per organization, events were recorded in date order (domain: events are dated decisions)."""
    last: dict[int, dt.date] = {}
    for event in OrganizationEvent.objects.order_by("pk"):
        previous = last.get(event.organization_id)
        assert previous is None or previous <= event.effective_date, (
            f"{event} recorded after an event of {previous}")
        last[event.organization_id] = event.effective_date


def assert_tree_invariants() -> None:
    assert_current_rows_consistent()
    assert_history_consistent()
    assert_events_in_date_order()
