"""Reads for the reports: which organizations a user may report on, and which jobs they see."""

from dangvu.accounts import permissions
from dangvu.accounts.querysets import org_ids
from dangvu.organizations.models import Organization

from .models import VIEW, ReportJob


def reportable(user):
    """The organizations whose report `user` may make and read: those whose register they may read,
    now or before (a district dissolved in 2025 still has its 2024 report)."""
    visible = Organization.objects.restrict(user)
    if permissions.is_system_admin(user):
        return visible
    return visible.filter(pk__in=org_ids(user, VIEW, ever=True))


def jobs_for(user):
    """The report jobs `user` may see (restricted by the job's organization)."""
    return ReportJob.objects.restrict(user).select_related("organization", "requested_by")
