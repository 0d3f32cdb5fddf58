"""Reads of the register; every list, page, export and API call starts from `visible_to(user)`."""

import datetime as dt

from django.db import models
from django.db.models import Exists, OuterRef, Q

from dangvu.core.text import fold
from dangvu.members.kinds import IN_PARTY, Status

VIEW = "members.view"
# Every status but the two in the party, and "" (a record whose events are not written yet), as
# a list the status index can serve.
OUT_OF_PARTY = sorted({*Status.values, ""} - set(IN_PARTY))


class MemberQuerySet(models.QuerySet):
    # Set by visible_to: (the scope filter as it sits in the WHERE clause, the same rule as
    # per-row checks). search() swaps the first for the second; see `search`.
    _scope = None

    def _clone(self):
        clone = super()._clone()
        clone._scope = self._scope
        return clone

    def visible_to(self, user):
        """Members of organizations the user may see; a `member` role sees only their own record.

        Members who are, or once were, in those organizations (a member who moved to another
        district keeps their past readable to those who were responsible), plus the user's own
        record. Written as one semi-join over a UNION of three sets, which suits lists: the
        database reads the scope's members once (few for a cell, all of them for a province).
        """
        from dangvu.accounts import permissions
        from dangvu.members.models import MemberState

        if permissions.is_system_admin(user):
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        own = self.model.objects.filter(user=user).order_by().values_list("pk", flat=True)
        if not permissions.scope_orgs(user, VIEW):
            return self.filter(pk__in=own)
        orgs = _orgs_for(user, VIEW)
        # "Is in those organizations now" needs no set of its own: a member in the party has an
        # open state interval in their present cell (rules.replay ends with the present state), so
        # only members out of the party (whose ending leaves no interval) are looked up by cell.
        ever = MemberState.objects.filter(organization__in=orgs).order_by().values_list("member_id", flat=True)
        left = (self.model.objects.filter(organization__in=orgs, status__in=OUT_OF_PARTY).order_by()
                .values_list("pk", flat=True))
        # UNION, not UNION ALL: PostgreSQL then knows the set holds distinct ids and estimates its
        # size; after UNION ALL it guesses 200 rows and looks up a province's 300,000 members one by one.
        qs = self.filter(pk__in=ever.union(left, own))
        # The same rule row by row, for search(): in those organizations now, or a state interval
        # in an organization that was (a version) or is (its path) under the user's subtrees.
        states = MemberState.objects.filter(member=OuterRef("pk"))
        per_row = (Q(organization__in=orgs)
                   | Exists(states.filter(permissions.prefix_q("organization__versions__path",
                                                               permissions.historical_prefixes(user, VIEW))))
                   | Exists(states.filter(permissions.prefix_q("organization__path",
                                                               permissions.current_prefixes(user, VIEW))))
                   | Q(user=user))
        qs._scope = (qs.query.where.children[-1], per_row)
        return qs

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
        """Ignores case, diacritics and tone placement; matches name, other names, CCCD or card number.

        A search narrows the register to a few rows (found through the trigram index on
        PostgreSQL), so the scope of visible_to is then checked on each of those rows instead of
        as a semi-join: PostgreSQL cannot push a join condition into the UNION of visible_to and
        would otherwise hash every member of the user's scope (a whole province: ~0.7 s at
        300,000 members) to keep a few dozen. Both forms select the same members.
        """
        needle = fold(text)
        if not needle:
            return self
        return self.filter(search_text__contains=needle)._scope_per_row()

    def _scope_per_row(self):
        """visible_to's scope filter replaced by its per-row form (when it is still a top-level AND term)."""
        if self._scope is None:
            return self
        semi_join, per_row = self._scope
        where = self.query.where
        if where.connector != "AND" or where.negated or not any(c is semi_join for c in where.children):
            return self  # combined or negated since: keep the semi-join (same result, slower)
        qs = self._chain()
        qs.query.where.children = [c for c in qs.query.where.children if c is not semi_join]
        qs._scope = None
        return qs.filter(per_row)

    def in_organization(self, org):
        """Members whose cell is `org` or anywhere under it today."""
        return self.filter(organization__path__startswith=org.path)


def _orgs_for(user, action):
    """Ids of organizations inside the subtrees where the user's role allows `action` (now or before).

    A UNION of two index range scans (versions under any path the scope organizations ever had,
    organizations under their path today); an OR of the two would scan every organization.
    """
    from dangvu.accounts import permissions
    from dangvu.organizations.models import Organization, OrganizationVersion

    ever = OrganizationVersion.objects.filter(
        permissions.prefix_q("path", permissions.historical_prefixes(user, action))
    ).order_by().values_list("organization_id", flat=True)
    now = Organization.objects.filter(
        permissions.prefix_q("path", permissions.current_prefixes(user, action))
    ).order_by().values_list("pk", flat=True)
    return ever.union(now, all=True)


class StateQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
