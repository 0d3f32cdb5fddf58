"""Reads of candidates: every page, API call and to-do list starts from `visible_to(user)`.

A candidate is seen by those who may see the register of their cell (officers, inspectors, the
cell's secretary, viewers; not the `member` role), including after the cell moved elsewhere;
changed by those whose role allows the step's action over the cell today (accounts.permissions:
"admissions.propose" for the cell's steps, "admissions.decide" for the committees' steps).
"""

from django.db import models

VIEW = "members.view"
PROPOSE = "admissions.propose"
DECIDE = "admissions.decide"


def organizations_for(user, action: str, *, historical: bool):
    """Ids of organizations inside the subtrees where `user`'s role allows `action` (today, or
    also those that once were, for reading)."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization, OrganizationVersion

    now = Organization.objects.filter(permissions.prefix_q("path", permissions.current_prefixes(user, action))
                                      ).order_by().values_list("pk", flat=True)
    if not historical:
        return now
    ever = OrganizationVersion.objects.filter(
        permissions.prefix_q("path", permissions.historical_prefixes(user, action))
    ).order_by().values_list("organization_id", flat=True)
    return ever.union(now, all=True)


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated or not permissions.scope_orgs(user, VIEW):
            return self.none()
        return self.filter(organization__in=organizations_for(user, VIEW, historical=True))

    def changeable_by(self, user, action: str = PROPOSE):
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(organization__in=organizations_for(user, action, historical=False))
