"""Reads of the register; every list, page, export and API call starts from `visible_to(user)`."""

import datetime as dt

from django.db import models
from django.db.models import Q

from dangvu.core.text import fold


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of organizations the user may see; a `member` role sees only their own record."""
        from dangvu.accounts import permissions
        from dangvu.organizations.models import Organization

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        from dangvu.members.models import MemberState

        own = self.model.objects.filter(user=user).order_by().values_list("pk", flat=True)
        if not permissions.scope_orgs(user, "members.view"):
            return self.filter(pk__in=own)
        orgs = Organization.objects.filter(pk__in=_orgs_for(user, "members.view")).order_by().values("pk")
        # Members who are, or once were, in those organizations: history stays readable to those
        # who were responsible (a member who moved to another district keeps their past here).
        now = self.model.objects.filter(organization__in=orgs).order_by().values_list("pk", flat=True)
        before = MemberState.objects.filter(organization__in=orgs).order_by().values_list("member_id", flat=True)
        return self.filter(pk__in=now.union(before, own, all=True))

    def changeable_by(self, user, action: str = "members.change"):
        from dangvu.accounts import permissions
        from dangvu.organizations.models import Organization

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        orgs = Organization.objects.filter(permissions.prefix_q("path", permissions.current_prefixes(user, action)))
        return self.filter(organization__in=orgs.values("pk"))

    def search(self, text: str):
        """Ignores case, diacritics and tone placement; matches name, other names, CCCD or card number."""
        needle = fold(text)
        if not needle:
            return self
        return self.filter(search_text__contains=needle)

    def in_organization(self, org):
        """Members whose cell is `org` or anywhere under it today."""
        return self.filter(organization__path__startswith=org.path)


def _orgs_for(user, action):
    """Ids of organizations inside the subtrees where the user's role allows `action` (now or before)."""
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization, OrganizationVersion

    roles_orgs = permissions.scope_orgs(user, action)
    org_ids = [o.pk for o in roles_orgs]
    paths = set(OrganizationVersion.objects.filter(organization_id__in=org_ids).values_list("path", flat=True))
    paths |= {o.path for o in roles_orgs}
    ever = OrganizationVersion.objects.filter(permissions.prefix_q("path", sorted(paths))).values("organization_id")
    return Organization.objects.filter(Q(pk__in=ever) | permissions.prefix_q("path", [o.path for o in roles_orgs])).values("pk")


class StateQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
