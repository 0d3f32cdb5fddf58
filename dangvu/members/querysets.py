"""Reads of the register; every list, page, export and API call starts from `visible_to(user)`."""

import dataclasses
import datetime as dt
import json

from django.db import connections, models
from django.db.models import BooleanField, Exists, Expression, F, OuterRef, Q
from django.db.models.query import ModelIterable

from dangvu.accounts.permissions import org_ids_ever
from dangvu.accounts.querysets import EVER, RestrictedQuerySet
from dangvu.core.lookups import pg_array
from dangvu.core.text import fold
from dangvu.members.kinds import IN_PARTY, Status

VIEW = "members.view"
# Every status but the two in the party, and "" (a record whose events are not written yet), as
# a list the status index can serve.
OUT_OF_PARTY = sorted({*Status.values, ""} - set(IN_PARTY))
# for_listing(): above this many members in the user's organizations today, a list walks the name
# index and checks the scope member by member; at or below it, the scope's members are found directly.
LARGE_SCOPE = 20_000
# for_listing() writes ids into the SQL up to this many (a province at national scale has about 9,000
# organizations); beyond it a list keeps visible_to's subqueries.
MAX_LISTED_IDS = 30_000


@dataclasses.dataclass(frozen=True)
class _Scope:
    """visible_to's filter: where it sits in the WHERE clause (a top-level AND term), the same rule as
    per-row checks (for search), and, once for_listing() has chosen a form, the organizations' ids."""

    node: object
    per_row: Q
    user: object
    ids: frozenset[int] | None = None
    large: bool = False


class MemberQuerySet(RestrictedQuerySet):
    _scope: _Scope | None = None
    _references: tuple[str, ...] = ()

    def _clone(self):
        clone = super()._clone()
        clone._scope = self._scope
        clone._references = self._references
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._references and self._iterable_class is ModelIterable:
            attach_references(self._result_cache, self._references)

    # accounts.querysets.RestrictedQuerySet: restrict(user, action) does the opening (administrators,
    # anonymous users, users without a scope); _in_scope below is the register's form of "view".
    scope_fields = {"organization": EVER}
    view_action = VIEW
    change_action = "members.change"
    owner_field = "user"

    def _in_scope(self, user, action, history, fields, own):
        """Members of organizations the user may see; a `member` role sees only their own record.

        Members who are, or once were, in those organizations (a member who moved to another
        district keeps their past readable to those who were responsible), plus the user's own
        record. Written as one semi-join over a UNION of three sets, which suits lists: the
        database reads the scope's members once (few for a cell, all of them for a province).
        """
        from dangvu.accounts import permissions
        from dangvu.members.models import MemberState

        if not history or fields != self.scope_fields:
            return super()._in_scope(user, action, history, fields, own)
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
        qs._scope = _Scope(qs.query.where.children[-1], per_row, user)
        return qs

    def for_listing(self):
        """visible_to's filter in the form that suits a list read a page at a time in name order.

        Call it once the list's own filters are applied. It reads the ids of the user's
        organizations (one query) and how many members are in them today, up to LARGE_SCOPE (one
        query), then writes the same rule in one of two forms:

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

        Both forms select exactly visible_to's members; `bounded_count` counts them.
        """
        scope = self._scope
        if scope is None or scope.ids is not None or not self._scope_is_top_level():
            return self
        from dangvu.members.models import MemberState

        ids = frozenset(org_ids_ever(scope.user, VIEW))
        if len(ids) > MAX_LISTED_IDS:
            return self
        now = self.model.objects.filter(organization_id__in_ids=ids).order_by()
        large = now[:LARGE_SCOPE + 1].count() > LARGE_SCOPE
        if not large:
            ever = MemberState.objects.filter(organization_id__in_ids=ids).order_by().values_list("member_id", flat=True)
            moved_out = frozenset(ever.difference(now.values_list("pk", flat=True)))
            large = len(ids) + len(moved_out) > MAX_LISTED_IDS
        if large:
            condition = _InScope(ids, scope.user.pk)
        else:
            condition = Q(organization_id__in_ids=ids) | Q(pk__in_ids=moved_out) | Q(user=scope.user)
        return self._with_scope(condition, dataclasses.replace(scope, ids=ids, large=large))

    def bounded_count(self, bound: int) -> int:
        """How many members, or `bound` + 1 when there are more than `bound` (see core.pagination).

        For a large scope (for_listing), one statement counts the members in the user's
        organizations today first: a plain filter on the cell, no join. Those are visible, so when
        they alone exceed the bound the answer is known. Only below the bound does the same
        statement add, exactly, those visible for another reason (they were in those organizations
        before, or it is the user's own record): the database evaluates that branch of the CASE
        only when it is taken.
        """
        qs = self.order_by()
        scope = self._scope
        if scope is None or not scope.large or not self._scope_is_top_level():
            return qs[: bound + 1].count()
        from dangvu.members.models import MemberState

        now = Q(organization_id__in_ids=scope.ids)
        there_before = MemberState.objects.filter(member=OuterRef("pk"), organization_id__in_ids=scope.ids)
        # Each part stops after bound + 1 rows (the sum is cut there anyway); so the statement's cost, and
        # PostgreSQL's decision to JIT-compile it, follows the bound rather than the size of the register.
        in_scope_now = qs._with_scope(now).values("pk")[: bound + 1]
        were_there = qs._with_scope(~now & Exists(there_before)).values("pk")[: bound + 1]
        own = qs._with_scope(~now & ~Exists(there_before) & Q(user=scope.user)).values("pk")
        (first, first_params), (more, more_params), (mine, own_params) = (
            part.query.get_compiler(using=qs.db).as_sql() for part in (in_scope_now, were_there, own))
        sql = (f"SELECT CASE WHEN n.a > %s THEN n.a ELSE n.a + (SELECT COUNT(*) FROM ({more}) m) "
               f"+ (SELECT COUNT(*) FROM ({mine}) o) END FROM (SELECT COUNT(*) AS a FROM ({first}) f) n")
        with connections[qs.db].cursor() as cursor:
            cursor.execute(sql, (bound, *more_params, *own_params, *first_params))
            return min(cursor.fetchone()[0], bound + 1)

    def with_references(self, *fields: str):
        """Fetched members get their reference-list items (ethnicity, religion, levels, occupation…,
        all of REFERENCE_FIELDS by default) from one query for all of them, instead of one join each.

        Nine joins are more than PostgreSQL's join_collapse_limit (8): it then joins every member to
        the reference tables before applying the scope (the cell secretary's API page took 540 ms).
        """
        clone = self._chain()
        clone._references = fields or reference_fields()
        return clone

    def search(self, text: str, numbers: Q | None = None):
        """Ignores case, diacritics and tone placement; matches name and other names (`search_text`),
        and `numbers`, the condition on identifying numbers built by members.search (whole numbers only
        for those who may not reveal them).

        A search narrows the register to a few rows (found through the trigram index on
        PostgreSQL), so the scope of visible_to is then checked on each of those rows instead of
        as a semi-join: PostgreSQL cannot push a join condition into the UNION of visible_to and
        would otherwise hash every member of the user's scope (a whole province: ~0.7 s at
        300,000 members) to keep a few dozen. Both forms select the same members.
        """
        needle = fold(text)
        if not needle and numbers is None:
            return self
        qs = self.filter(search_text__contains=needle) if needle else self
        return (qs if numbers is None else qs.filter(numbers))._scope_per_row()

    def _scope_per_row(self):
        """visible_to's scope filter replaced by its per-row form (when it is still a top-level AND term)."""
        if self._scope is None or not self._scope_is_top_level():
            return self  # combined or negated since: keep the semi-join (same result, slower)
        return self._with_scope(self._scope.per_row, None)

    def _scope_is_top_level(self) -> bool:
        where = self.query.where
        return (self._scope is not None and where.connector == "AND" and not where.negated
                and any(c is self._scope.node for c in where.children))

    def _with_scope(self, condition, scope: _Scope | None = None):
        """This queryset with visible_to's filter replaced by `condition` (the caller checked that it is
        still a top-level AND term); `scope` describes the new filter (None: no longer swappable)."""
        qs = self._chain()
        qs.query.where.children = [c for c in qs.query.where.children if c is not self._scope.node]
        qs._scope = None
        qs = qs.filter(condition)
        if scope is not None:
            qs._scope = dataclasses.replace(scope, node=qs.query.where.children[-1])
        return qs

    def in_organization(self, org):
        """Members whose cell is `org` or anywhere under it today."""
        return self.filter(organization__path__tree_prefix=org.path)


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
