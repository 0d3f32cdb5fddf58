"""The register changed: mark the summary of the stock figures stale where it changed (dangvu.statistics.summaries).

Connected from `StatisticsConfig.ready()`. Every write of the register goes through a service, in one
transaction; the marks (`SummaryMark`) are written by these signal handlers in that same transaction, so
they become visible exactly when the change does (no moment where the engine serves an old count beside
a committed change), and vanish with it on a rollback. Within one service call an organization is marked
once (the audit change set carries what was marked). Nothing is written while no day is summarized.
A call that wrote marks asks, on commit, for the background refresh (`dangvu.statistics.jobs.schedule_refresh`,
coalesced: no second job while one is pending); a rollback drops the marks and the request together.

What marks what:
- a member's state interval deleted or saved: its organization (the service replaces a member's
  intervals by deleting them, which marks the old organizations, and `bulk_create`, which sends no
  signal: the new organizations are marked by the event and the member below);
- a membership event saved or deleted: its organization and the organization left, and the
  organizations of the member's intervals (the temporary-transfer figure reads the events);
- a member record saved (sex, ethnicity, dates… the make-up figures read it): the organizations of
  the member's intervals;
- a residence contact: the organizations of its member's intervals;
- a candidate of the admission pipeline: its proposing cell, before and after the change;
- a set-based write of the register (members.signals.register_written, sent once by the write, which
  saves no row one by one): the organizations of the events and intervals it wrote;
- the tree (an organization, its version or its event): everything (paths and placements change).
Not marked: an edit of a reference list's code (the dimension figures group by it); run a full
`refresh_statistics` after one.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from dangvu.audit.capture import current_changeset

ALL = None


def _enabled() -> bool:
    from dangvu.statistics.models import SummaryDay, SummaryFlowRun

    return SummaryDay.objects.exists() or SummaryFlowRun.objects.exists()


def mark(org_ids) -> None:
    """Mark the summary rows of the organizations `org_ids` stale (`ALL` in the list: the whole tree)."""
    from dangvu.statistics.models import SummaryMark

    wanted = set(org_ids)
    changes = current_changeset()
    if changes is not None:  # once per organization and service call (the change set lives as long as the call)
        done = getattr(changes, "summary_marked", None)
        if done is None:
            done = changes.summary_marked = set()
        wanted -= done
        done |= wanted
    if not wanted or not _enabled():
        return
    SummaryMark.objects.bulk_create([SummaryMark(organization_id=org_id) for org_id in sorted(wanted, key=str)])
    if changes is None or not getattr(changes, "summary_scheduled", False):
        if changes is not None:
            changes.summary_scheduled = True
        transaction.on_commit(_schedule, robust=True)  # a failure to schedule is logged; the write stands


def _schedule() -> None:
    from dangvu.statistics.jobs import schedule_refresh

    schedule_refresh()


def _member_orgs(member_id) -> set:
    from dangvu.members.models import MemberState

    return set(MemberState.objects.filter(member_id=member_id).order_by().values_list("organization_id", flat=True)
               .distinct())


def _raw(kwargs) -> bool:
    return bool(kwargs.get("raw"))


def on_state(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark({instance.organization_id} - {None})


def on_event(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark(({instance.organization_id, instance.from_organization_id} | _member_orgs(instance.member_id)) - {None})


def on_member(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark(_member_orgs(instance.pk) - {None})


def on_contact(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark(_member_orgs(instance.member_id) - {None})


def before_candidate(sender, instance, **kwargs):
    if instance.pk is not None and not _raw(kwargs):
        instance._summary_old_org = (sender.objects.filter(pk=instance.pk).values_list("organization_id", flat=True)
                                     .first())


def on_candidate(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark({instance.organization_id, getattr(instance, "_summary_old_org", None)} - {None})


def on_register_written(sender, organization_ids, **kwargs):
    mark(set(organization_ids) - {None})


def on_tree(sender, instance, **kwargs):
    if not _raw(kwargs):
        mark([ALL])


def connect() -> None:
    from dangvu.admissions.models import Candidate
    from dangvu.members.models import Member, MembershipEvent, MemberState
    from dangvu.members.signals import register_written
    from dangvu.organizations.models import Organization, OrganizationEvent, OrganizationVersion
    from dangvu.residence.models import ResidenceContact

    for model, handler in [(MemberState, on_state), (MembershipEvent, on_event), (Member, on_member),
                           (ResidenceContact, on_contact), (Candidate, on_candidate), (Organization, on_tree),
                           (OrganizationVersion, on_tree), (OrganizationEvent, on_tree)]:
        uid = f"dangvu.statistics.invalidation.{model._meta.label_lower}"
        post_save.connect(handler, sender=model, dispatch_uid=uid + ".save")
        post_delete.connect(handler, sender=model, dispatch_uid=uid + ".delete")
    pre_save.connect(before_candidate, sender=Candidate, dispatch_uid="dangvu.statistics.invalidation.candidate.pre")
    register_written.connect(on_register_written, dispatch_uid="dangvu.statistics.invalidation.register_written")
