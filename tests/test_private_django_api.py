"""App code reaches Django's querysets through their public API only.

Scoping (accounts/querysets.py, members/querysets.py) once overrode QuerySet internals (`_clone`,
`_fetch_all`) and rewrote the compiled WHERE tree (`query.where.children`): a Django upgrade could then
change what a user sees without any error. This test fails when app or bench code names one of those
private pieces again. No database needed.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Private attributes and methods of QuerySet, Query and WhereNode that app code has no business with.
PRIVATE = re.compile(
    r"\b_clone\b|\b_fetch_all\b|\b_chain\b|\b_result_cache\b|\b_iterable_class\b|\b_prefetch_related_lookups\b"
    r"|\b_known_related_objects\b|\b_sticky_filter\b|\b_next_is_sticky\b|\b_for_write\b|\b_filter_or_exclude\b"
    r"|\b_hints\b|\b_prefetch_done\b|\b_deferred_filter\b|\bwhere\.children\b|\.query\.where\b|\bModelIterable\b"
)


def _offenders() -> list[str]:
    found = []
    for folder in ("dangvu", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if PRIVATE.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    return found


def test_the_pattern_finds_what_it_looks_for():
    for line in ("    def _clone(self):", "super()._fetch_all()", "qs.query.where.children = []", "qs = self._chain()",
                 "self._iterable_class is ModelIterable", "if self._result_cache is None:"):
        assert PRIVATE.search(line), line
    for line in ("qs.filter(x=1).all()", "self.large_scope = scope", "def clone_organization(org):", "members_chain"):
        assert not PRIVATE.search(line), line


def test_no_app_code_touches_private_queryset_api():
    assert _offenders() == []
