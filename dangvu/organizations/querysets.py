"""Reads of the tree that every view, form, export and API call starts from."""

import datetime as dt

from django.db import models
from django.db.models import Q


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organizations the user may see: inside a scope's subtree now or at any time before."""
        from dangvu.accounts import permissions
        from dangvu.organizations.models import OrganizationVersion

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        # One semi-join over a UNION of two index range scans; an OR of the two forces a full scan.
        ever = OrganizationVersion.objects.filter(
            permissions.prefix_q("path", permissions.historical_prefixes(user))
        ).order_by().values_list("organization_id", flat=True)
        now = self.model.objects.filter(
            permissions.prefix_q("path", permissions.current_prefixes(user, "view"))
        ).order_by().values_list("pk", flat=True)
        return self.filter(pk__in=ever.union(now, all=True))

    def changeable_by(self, user, action: str = "organizations.change"):
        """Organizations inside a subtree where the user's role allows `action` today."""
        from dangvu.accounts import permissions

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(permissions.prefix_q("path", permissions.current_prefixes(user, action)))

    def active(self, on: dt.date | None = None):
        if on is None:
            return self.filter(ended_on__isnull=True)
        return self.filter(established_on__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))

    def within(self, org):
        """Organization `org` and everything below it today."""
        return self.filter(path__tree_prefix=org.path)


class VersionQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


# Ids of the organizations in a user's subtrees, for semi-joins from other registers (letters,
# residence contacts): `…__in=org_ids_ever(user)`.
def org_ids_ever(user, action: str = "members.view"):
    """Ids of organizations inside the user's subtrees for `action`, now or at any time before."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization, OrganizationVersion

    ever = OrganizationVersion.objects.filter(
        permissions.prefix_q("path", permissions.historical_prefixes(user, action))
    ).order_by().values_list("organization_id", flat=True)
    now = Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, action))
    ).order_by().values_list("pk", flat=True)
    # A UNION of two index range scans (an OR of the two would scan every organization).
    return ever.union(now, all=True)


def org_ids_now(user, action: str = "members.view"):
    """Ids of organizations inside the user's subtrees for `action` today."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization

    return Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, action))
    ).order_by().values("pk")
