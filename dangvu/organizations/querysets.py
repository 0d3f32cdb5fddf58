"""Reads of the tree that every view, form, export and API call starts from."""

import datetime as dt

from django.db import models
from django.db.models import Q

from dangvu.accounts.querysets import EVER, RestrictedQuerySet


class OrganizationQuerySet(RestrictedQuerySet):
    """Organizations a user may see: inside a scope's subtree now or at any time before; change:
    inside it now, with a role that allows the action (accounts.querysets.RestrictedQuerySet)."""

    scope_fields = {"pk": EVER}
    change_action = "organizations.change"

    def _scope_q(self, user, action, field, *, ever):
        from dangvu.accounts import permissions

        if not ever:  # the organization's own path: one index range scan per subtree
            return permissions.prefix_q("path", permissions.current_prefixes(user, action))
        return super()._scope_q(user, action, field, ever=ever)  # pk IN (ever UNION now)

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

