"""Reads of the register; every list, page, export and API call starts from `visible_to(user)`."""

import dataclasses
import datetime as dt
import json

from django.db import models
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q

from dangvu.accounts.permissions import org_ids_ever
from dangvu.accounts.querysets import EVER, RestrictedQuerySet
from dangvu.core.lookups import pg_array
from dangvu.core.text import fold
from dangvu.members.kinds import IN_PARTY, Status

VIEW = "members.view"
# Every status but the two in the party, and "" (a record whose events are not written yet), as
# a list the status index can serve.
OUT_OF_PARTY = sorted({*Status.values, ""} - set(IN_PARTY))
# restrict(form=LIST): above this many members in the user's organizations today, a list walks the name
# index and checks the scope member by member; at or below it, the scope's members are found directly.
LARGE_SCOPE = 20_000
# restrict(form=LIST) writes ids into the SQL up to this many (a province at national scale has about 9,000
# organizations); beyond it a list keeps visible_to's subqueries.
MAX_LISTED_IDS = 30_000


# The SQL forms of the register's view scope (MemberQuerySet.restrict(user, form=…)); each selects the same members.
GENERAL = "general"  # a semi-join over a UNION of the scope's members: any use (counts, exports, pickers)
LIST = "list"  # a list read a page at a time in name order (the list page and the API's list)
ROW = "row"  # checked row by row: after a text search has narrowed the rows to a few


@dataclasses.dataclass(frozen=True)
class _LargeScope:
    """What bounded_count needs to count a large scope's list in one statement: the list before its
    scope filter, the ids of the user's organizations, and the user."""

    unscoped: models.QuerySet
    ids: frozenset[int]
    user: object


class MemberQuerySet(RestrictedQuerySet):
    # The form restrict() writes the scope in; set on the queryset restrict() works on (a fresh copy
    # made by restrict itself), read once by _in_scope.
    scope_form = GENERAL
    # Set by restrict(form=LIST) on the queryset it returns, for a large scope: bounded_count's faster
    # statement. A queryset derived from it (another filter, order…) does not inherit it and counts
    # the ordinary way, which is always right.
    large_scope: _LargeScope | None = None

    # accounts.querysets.RestrictedQuerySet: restrict(user, action) does the opening (administrators,
    # anonymous users, users without a scope); _in_scope below is the register's form of "view".
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = "members.change"
    owner_field = "user"

    def restrict(self, user, action: str = "view", *, fields=None, now: bool = False, form: str = GENERAL):
        """RestrictedQuerySet.restrict, with the SQL form of the register's view scope chosen here, once
        the list's own filters are applied (each form selects the same members):

        - GENERAL: one semi-join over a UNION of three sets (see _in_scope): suits any use;
        - ROW: the same rule checked on each row, for a text search (search()) that narrows the
          register to a few rows: PostgreSQL cannot push a join condition into the UNION and would
          otherwise hash every member of the user's scope (a whole province: ~0.7 s at 300,000
          members) to keep a few dozen;
        - LIST: for a list read a page at a time in name order (see _listed).
        """
        if form not in (GENERAL, LIST, ROW):
            raise ValueError(f"unknown scope form {form!r}")
        qs = self.all()
        qs.scope_form = form
        return super(MemberQuerySet, qs).restrict(user, action, fields=fields, now=now)

    def _in_scope(self, user, action, history, fields, own):
        """Members of organizations the user may see; a `member` role sees only their own record.

        Members who are, or once were, in those organizations (a member who moved to another
        district keeps their past readable to those who were responsible), plus the user's own
        record. In the GENERAL form, one semi-join over a UNION of three sets, which suits lists:
        the database reads the scope's members once (few for a cell, all of them for a province).
        """
        if not history or fields != self.scope_fields:
            return super()._in_scope(user, action, history, fields, own)
        if self.scope_form == ROW:
            return self.filter(_per_row(user))
        if self.scope_form == LIST:
            listed = self._listed(user)
            if listed is not None:
                return listed
        from dangvu.members.models import MemberState

        own = self.model.objects.filter(user=user).order_by().values_list("pk", flat=True)
        orgs = org_ids_ever(user, VIEW)
        # "Is in those organizations now" needs no set of its own: a member in the party has an
        # open state interval in their present cell (rules.replay ends with the present state), so
        # only members out of the party (whose ending leaves no interval) are looked up by cell.
        ever = MemberState.objects.filter(organization__in=orgs).order_by().values_list("member_id", flat=True)
        left = (self.model.objects.filter(organization__in=orgs, status__in=OUT_OF_PARTY).order_by()
                .values_list("pk", flat=True))
        # UNION, not UNION ALL: PostgreSQL then knows the set holds distinct ids and estimates its
        # size; after UNION ALL it guesses 200 rows and looks up a province's 300,000 members one by one.
        return self.filter(pk__in=ever.union(left, own))

    def _listed(self, user):
        """The LIST form of the view scope, or None when the user's organizations are too many to
        write their ids into the SQL (MAX_LISTED_IDS; GENERAL is then used).

        It reads the ids of the user's organizations (one query) and how many members are in them
        today, up to LARGE_SCOPE (one query), then writes the rule in one of two forms:

        - up to LARGE_SCOPE members (a cell, a commune, a district): "in these organizations now, or
          one of these few members who have since moved out, or the user's own record", with the ids
          written in. Those who moved out are read once (one more query: the members with a state
          interval there, EXCEPT those there now). Plain conditions, which the database serves from
          the (organization, name) index or the name index as it sees fit;
        - above it (a province: 300,000 members): one semi-join per member, `_InScope`. PostgreSQL
          then walks the name index and stops after one page, instead of hashing the whole scope
          (334,000 state intervals, about 300 ms) for every query of the page. It is a semi-join,
          not an OR of subqueries, so it is costed as a join: an OR of correlated subqueries is
          charged in full for every row and, at this size, sets off PostgreSQL's JIT compiler.
          The queryset returned carries `large_scope`, for bounded_count.
        """
        from dangvu.members.models import MemberState

        ids = frozenset(org_ids_ever(user, VIEW))
        if len(ids) > MAX_LISTED_IDS:
            return None
        now = self.model.objects.filter(organization_id__in_ids=ids).order_by()
        large = now[:LARGE_SCOPE + 1].count() > LARGE_SCOPE
        if not large:
            ever = MemberState.objects.filter(organization_id__in_ids=ids).order_by().values_list("member_id", flat=True)
            moved_out = frozenset(ever.difference(now.values_list("pk", flat=True)))
            large = len(ids) + len(moved_out) > MAX_LISTED_IDS
        if not large:
            return self.filter(Q(organization_id__in_ids=ids) | Q(pk__in_ids=moved_out) | Q(user=user))
        listed = self.filter(_InScope(ids, user.pk))
        listed.large_scope = _LargeScope(self, ids, user)
        return listed

    def bounded_count(self, bound: int) -> int:
        """How many members, or `bound` + 1 when there are more than `bound` (see core.pagination).

        For a large scope (restrict(form=LIST)), one statement counts the members in the user's
        organizations today first: a plain filter on the cell, no join. Those are visible, so when
        they alone reach the bound the answer is known. Only below the bound does the same statement
        go on to those visible for another reason (they were in those organizations before, or it is
        the user's own record). The three parts do not overlap; they are one UNION ALL under one
        LIMIT (QuerySet.union, documented API), which the database stops reading once bound + 1 rows
        are found, so the statement's cost follows the bound rather than the size of the register.
        """
        scope = self.large_scope
        if scope is None:
            return self.order_by()[: bound + 1].count()
        from dangvu.members.models import MemberState

        qs = scope.unscoped.order_by()
        now = Q(organization_id__in_ids=scope.ids)
        there_before = MemberState.objects.filter(member=OuterRef("pk"), organization_id__in_ids=scope.ids)
        in_scope_now = qs.filter(now).values("pk")
        were_there = qs.filter(~now & Exists(there_before)).values("pk")
        own = qs.filter(~now & ~Exists(there_before) & Q(user=scope.user)).values("pk")
        return in_scope_now.union(were_there, own, all=True)[: bound + 1].count()

    def search(self, text: str, numbers: Q | None = None):
        """Ignores case, diacritics and tone placement; matches name and other names (`search_text`),
        and `numbers`, the condition on identifying numbers built by members.search (whole numbers only
        for those who may not reveal them).

        Found through the trigram index on PostgreSQL. A search narrows the register to a few rows:
        restrict the result with `form=ROW` (the list page and the API do).
        """
        needle = fold(text)
        if not needle and numbers is None:
            return self
        qs = self.filter(search_text__contains=needle) if needle else self
        return qs if numbers is None else qs.filter(numbers)

    def in_organization(self, org):
        """Members whose cell is `org` or anywhere under it today."""
        return self.filter(organization__path__tree_prefix=org.path)


def _per_row(user) -> Q:
    """The view scope row by row (the ROW form): in the user's organizations now, or a state interval
    in an organization that was (a version) or is (its path) under the user's subtrees, or their own record."""
    from dangvu.accounts import permissions
    from dangvu.members.models import MemberState

    states = MemberState.objects.filter(member=OuterRef("pk"))
    return (Q(organization__in=org_ids_ever(user, VIEW))
            | Exists(states.filter(permissions.prefix_q("organization__versions__path",
                                                        permissions.historical_prefixes(user, VIEW))))
            | Exists(states.filter(permissions.prefix_q("organization__path", permissions.current_prefixes(user, VIEW))))
            | Q(user=user))


class _InScope(Expression):
    """EXISTS (a state interval of the member in one of `ids`, or the member's own row with its cell
    today in `ids`, or the member is the user's own record), as one correlated semi-join:

        EXISTS (SELECT 1 FROM (SELECT member_id, organization_id FROM <states>
                               UNION ALL SELECT id, organization_id FROM <members>) c
                WHERE c.member_id = <member>.id AND (c.organization_id IN (…ids) OR <member>.user_id = %s))

    The member's own row stands for "in those organizations now", which also covers members out of
    the party (whose ending leaves no interval) and the user's own record: so there is no OR of
    subqueries, and PostgreSQL pulls the EXISTS up into a semi-join that probes two primary-key or
    member_id indexes per member. The Django ORM has no subquery in FROM, hence the SQL here.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, ids, user_id):
        super().__init__()
        self.ids, self.user_id = tuple(sorted(ids)), user_id
        self.member_pk, self.member_user = F("pk"), F("user_id")

    def get_source_expressions(self):
        return [self.member_pk, self.member_user]

    def set_source_expressions(self, exprs):
        self.member_pk, self.member_user = exprs

    def as_sql(self, compiler, connection):
        from dangvu.members.models import Member, MemberState

        qn = connection.ops.quote_name
        pk_sql, pk_params = compiler.compile(self.member_pk)
        user_sql, user_params = compiler.compile(self.member_user)
        states, members = qn(MemberState._meta.db_table), qn(Member._meta.db_table)
        # The ids as one parameter, as the in_ids lookup does (dangvu/core/lookups.py).
        if not self.ids:
            in_ids, ids_params = "1 = 0", []
        elif connection.vendor == "postgresql":
            column_type = Member._meta.get_field("organization").db_type(connection)
            in_ids, ids_params = f"c.organization_id = ANY(%s::{column_type}[])", [pg_array(self.ids)]
        elif connection.vendor == "sqlite":
            in_ids, ids_params = "c.organization_id IN (SELECT value FROM json_each(%s))", [json.dumps(self.ids)]
        else:
            in_ids, ids_params = f"c.organization_id IN ({', '.join(['%s'] * len(self.ids))})", list(self.ids)
        sql = (f"EXISTS (SELECT 1 FROM (SELECT member_id, organization_id FROM {states} UNION ALL "
               f"SELECT id, organization_id FROM {members}) c "
               f"WHERE c.member_id = {pk_sql} AND ({in_ids} OR {user_sql} = %s))")
        return sql, (*pk_params, *ids_params, *user_params, self.user_id)


def reference_fields() -> tuple[str, ...]:
    """The member's foreign keys to reference lists (ethnicity, religion, levels, occupation…)."""
    from dangvu.members.models import Member
    from dangvu.references.models import ReferenceItem

    return tuple(f.name for f in Member._meta.concrete_fields if f.is_relation and f.related_model is ReferenceItem)


def attach_references(members, fields) -> None:
    """Put each member's reference items in place (as select_related would) from one query."""
    from dangvu.members.models import Member
    from dangvu.references.models import ReferenceItem

    model_fields = [Member._meta.get_field(name) for name in fields]
    ids = {getattr(m, f.attname) for m in members for f in model_fields} - {None}
    items = ReferenceItem.objects.in_bulk(list(ids)) if ids else {}
    for member in members:
        for f in model_fields:
            item = items.get(getattr(member, f.attname))
            if item is not None:
                f.set_cached_value(member, item)


class StateQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))
