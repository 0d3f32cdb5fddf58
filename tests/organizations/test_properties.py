"""Random lifecycles of the organization tree keep its dated history consistent.

A Hypothesis state machine applies random sequences of establish / rename / move / merge / split /
dissolve / change_kind with non-decreasing dates from 2015 to 2030 (so across the 1/7/2025
reform); now and then a change is back-dated (the clock itself never goes back), which the
services must refuse or record consistently. A refused change (RuleViolation) must leave the
database exactly as it was. After every step the invariants of tests/organizations/invariants.py
must hold: one open version per active organization, equal to its row; consistent paths; and for
every date a forest of versions whose paths agree with their parents' versions that day.

Each example runs inside a savepoint that is rolled back at the end: function-scoped database
fixtures are not reset between Hypothesis examples.
"""

import datetime as dt
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from dangvu.accounts.system import SYSTEM
from dangvu.core.errors import RuleViolation
from dangvu.organizations import rules
from dangvu.organizations import services as svc
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from tests.organizations.invariants import assert_tree_invariants, state_fingerprint

START = dt.date(2015, 1, 1)
END = dt.date(2030, 12, 31)
NAMES = ["Chi bộ thôn Đông", "Đảng bộ xã Hòa Bình", "Chi bộ Trường Tiểu học", "Tổ đảng xóm Thượng", "Đảng bộ phường Ánh Dương"]

SUCCEEDED: Counter = Counter()
REFUSED: Counter = Counter()

index = st.integers(min_value=0, max_value=10_000)
# Days to move the clock forward, or (negative) how far before "today" a back-dated change is dated.
days = st.one_of(st.just(0), st.integers(min_value=1, max_value=800), st.integers(min_value=-2000, max_value=-1))
any_kind = st.sampled_from(Kind.values)


class TreeLifecycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.today = START
        self.serial = 0
        self._base_tree()

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # ------------------------------------------------------------------ helpers

    def _new(self, parent, kind, name=None):
        self.serial += 1
        return svc.establish(by=SYSTEM, parent=parent, code=f"P{self.serial:03d}", name=name or f"{NAMES[self.serial % 5]} {self.serial}",
                             kind=kind, effective_date=START)

    def _base_tree(self):
        province = self._new(None, Kind.PROVINCIAL_COMMITTEE, "Đảng bộ tỉnh")
        district = self._new(province, Kind.DISTRICT_COMMITTEE)
        g1 = self._new(district, Kind.GRASSROOTS_COMMITTEE)
        self._new(g1, Kind.CELL)
        cell = self._new(g1, Kind.CELL)
        self._new(cell, Kind.PARTY_GROUP)
        gc = self._new(district, Kind.GRASSROOTS_CELL)
        self._new(gc, Kind.PARTY_GROUP)
        bloc = self._new(province, Kind.BLOC_COMMITTEE)
        g2 = self._new(bloc, Kind.GRASSROOTS_COMMITTEE)
        self._new(g2, Kind.CELL)
        partial = self._new(g2, Kind.PARTIAL_COMMITTEE)
        self._new(partial, Kind.CELL)

    def _advance(self, n_days: int) -> dt.date:
        """Move the clock forward and date the change today; a negative value back-dates the change."""
        if n_days < 0:
            return max(self.today + dt.timedelta(days=n_days), START)
        self.today = min(self.today + dt.timedelta(days=n_days), END)
        return self.today

    @staticmethod
    def _active() -> list[Organization]:
        return list(Organization.objects.filter(ended_on__isnull=True).order_by("pk"))

    @staticmethod
    def _pick(orgs, i):
        return orgs[i % len(orgs)] if orgs else None

    def _apply(self, name: str, call) -> None:
        before = state_fingerprint()
        try:
            call()
        except RuleViolation as exc:
            assert exc.violations, "a RuleViolation must say why"
            assert state_fingerprint() == before, f"refused {name} wrote to the database: {exc}"
            REFUSED[name] += 1
        else:
            SUCCEEDED[name] += 1

    # ------------------------------------------------------------------ lifecycle events

    @rule(parent_i=index, kind_i=index, fitting=st.booleans(), n_days=days)
    def establish(self, parent_i, kind_i, fitting, n_days):
        on = self._advance(n_days)
        parent = self._pick(self._active(), parent_i)
        if parent is None:
            return
        kinds = Kind.values
        if fitting:
            kinds = [k for k in Kind.values if not rules.check_placement(k, parent.kind, on) and not rules.check_can_establish(k, on)]
            kinds = kinds or Kind.values
        kind = kinds[kind_i % len(kinds)]
        self.serial += 1
        self._apply("establish", lambda: svc.establish(by=SYSTEM, parent=parent, code=f"N{self.serial:03d}",
                                                       name=f"{NAMES[self.serial % 5]} {self.serial}", kind=kind, effective_date=on))

    @rule(i=index, n_days=days)
    def rename(self, i, n_days):
        on = self._advance(n_days)
        org = self._pick(self._active(), i)
        if org is not None:
            self.serial += 1
            self._apply("rename", lambda: svc.rename(by=SYSTEM, org=org, name=f"{org.name.split(' (')[0]} ({self.serial})",
                                                     effective_date=on))

    @staticmethod
    def _fitting_parents(org, candidates, on):
        return [p for p in candidates if p.pk != org.parent_id and not p.path.startswith(org.path)
                and not rules.check_placement(org.kind, p.kind, on)]

    @rule(i=index, j=index, fitting=st.booleans(), n_days=days)
    def move(self, i, j, fitting, n_days):
        on = self._advance(n_days)
        active = self._active()
        org = self._pick(active, i)
        if org is None:
            return
        new_parent = self._pick((fitting and self._fitting_parents(org, active, on)) or active, j)
        if new_parent is not None:
            self._apply("move", lambda: svc.move(by=SYSTEM, org=org, new_parent=new_parent, effective_date=on))

    @rule(i=index, j=index, same_kind=st.booleans(), n_days=days)
    def merge(self, i, j, same_kind, n_days):
        on = self._advance(n_days)
        active = self._active()
        source = self._pick(active, i)
        if source is None:
            return
        peers = [o for o in active if o.kind == source.kind and o.pk != source.pk]
        target = self._pick((same_kind and peers) or active, j)
        if target is not None:
            self._apply("merge", lambda: svc.merge(by=SYSTEM, source=source, target=target, effective_date=on))

    @rule(i=index, take=st.lists(st.booleans(), max_size=6), dissolve_source=st.booleans(), n_days=days)
    def split(self, i, take, dissolve_source, n_days):
        on = self._advance(n_days)
        source = self._pick(self._active(), i)
        if source is None or source.parent_id is None:
            return
        children = [c for c, keep in zip(source.children.filter(ended_on__isnull=True).order_by("pk"), take, strict=False) if keep]
        self.serial += 1
        self._apply("split", lambda: svc.split(by=SYSTEM, source=source, code=f"S{self.serial:03d}", name=f"Tách {self.serial}",
                                               effective_date=on, children=children, dissolve_source=dissolve_source))

    @rule(i=index, n_days=days)
    def dissolve(self, i, n_days):
        on = self._advance(n_days)
        # Prefer leaves, which may actually be dissolved; inner nodes exercise the refusal.
        active = self._active()
        leaves = [o for o in active if not any(c.parent_id == o.pk for c in active)]
        org = self._pick(leaves if i % 3 else active, i)
        if org is not None:
            self._apply("dissolve", lambda: svc.dissolve(by=SYSTEM, org=org, effective_date=on))

    @rule(i=index, kind=any_kind, fitting=st.booleans(), n_days=days)
    def change_kind(self, i, kind, fitting, n_days):
        on = self._advance(n_days)
        org = self._pick(self._active(), i)
        if org is not None:
            if fitting:  # a kind that fits under the parent, e.g. a grassroots cell grown to 30 members
                parent_kind = org.parent.kind if org.parent_id else None
                kinds = [k for k in Kind.values if k != org.kind and not rules.check_placement(k, parent_kind, on)
                         and not rules.check_can_establish(k, on)]
                kind = kinds[Kind.values.index(kind) % len(kinds)] if kinds else kind
            self._apply("change_kind", lambda: svc.change_kind(by=SYSTEM, org=org, kind=kind, effective_date=on))

    # ------------------------------------------------------------------ invariants

    @invariant()
    def history_replays_to_the_current_state(self):
        assert_tree_invariants()


@pytest.mark.django_db
def test_random_lifecycles_keep_history_consistent():
    SUCCEEDED.clear()
    REFUSED.clear()
    run_state_machine_as_test(TreeLifecycle, settings=settings(
        max_examples=25, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    ))
    # The machine must exercise the services, not only their refusals.
    assert sum(SUCCEEDED.values()) >= 50, (SUCCEEDED, REFUSED)
    assert len(SUCCEEDED) >= 5, (SUCCEEDED, REFUSED)
