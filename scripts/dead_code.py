"""Dead code in the app and the bench (`make lint`, `make test`): vulture, with a whitelist for the names
Django and its libraries call for us. Exit status 1 when something is reported.

    .venv/bin/python scripts/dead_code.py

Reported: functions, methods, classes, properties and imports nothing refers to, and unreachable
code. Tests and migrations count as users (a helper only they call is not reported). Not reported:

- class-level variables and attributes: Django, DRF and django-filter read model fields, Meta
  options, form, serializer and filter fields, choices and settings by their names, which vulture
  cannot see (that would be most of its report);
- names a template reads (`{{ member.party_age }}`, `{% rule_param … %}`): templates are scanned here;
- the names and decorators of WHITELIST_NAMES / WHITELIST_DECORATORS below, each with the reason.

Keep the lists short: a name goes here only when a framework calls it by convention.
"""

import re
import sys
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["dangvu", "bench"]
USERS = ["tests"]  # read for references, never reported

WHITELIST_NAMES = [
    # Django: app configs (INSTALLED_APPS), their ready(); management commands and their hooks
    "*Config", "ready", "Command", "add_arguments", "handle",
    # Django: middleware and context processors are named in settings.py (strings); middleware hooks
    "*Middleware", "navigation", "process_exception", "process_view", "process_request", "process_response",
    # Django ORM extension points: custom lookups and expressions
    "as_sql", "as_sqlite", "as_postgresql", "get_prep_lookup", "get_source_expressions", "set_source_expressions",
    # Django forms (clean_<field>) and Paginator/Page overrides
    "clean_*", "end_index",
    # django-filter: `method="filter_…"` names a FilterSet method (a string)
    "filter_*",
    # DRF: SerializerMethodField calls get_<field>; validate / validate_<field>; viewset actions and hooks
    "get_*", "validate", "validate_*", "retrieve", "partial_update",
    # DRF: an authentication class's hooks
    "authenticate", "authenticate_credentials", "authenticate_header",
    # Django admin: a ModelAdmin's permission hooks (a read-only admin overrides them)
    "has_*_permission",
    # Not dead, not yet on a page: the audited service an administrator revokes a scope with (accounts.services)
    "revoke_scope",
]
WHITELIST_DECORATORS = [
    "@admin.register",  # the admin site registers the class
    "@admin.display",  # a ModelAdmin column, named in list_display (a string)
    "@register.*",  # template tags and filters
    "@*.register_lookup",  # custom lookups
    "@action",  # DRF viewset actions (routes)
    "@receiver",  # signal handlers
    "@checks.register",  # system checks (manage.py check)
]
# A name written as a dotted path in a string ("dangvu.accounts.tokens.ExpiringTokenAuthentication" in
# settings.py, a registry's "dangvu.todo.services.handled_keys"): Django or the registry imports it by name.
DOTTED = re.compile(r"[\"']dangvu(?:\.\w+)+\.(\w+)[\"']")
TEMPLATE_TAG = re.compile(r"{[{%](.*?)[%}]}", re.S)
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def template_names() -> set[str]:
    """Every identifier inside {{ … }} and {% … %} of the templates."""
    names = set()
    for path in (ROOT / "dangvu").rglob("templates/**/*.html"):
        for tag in TEMPLATE_TAG.findall(path.read_text(encoding="utf-8")):
            names.update(IDENTIFIER.findall(tag))
    return names


def dotted_names() -> set[str]:
    """The last part of every "dangvu.….name" string in the app (settings, registries)."""
    return {m.group(1) for path in (ROOT / "dangvu").rglob("*.py") for m in DOTTED.finditer(path.read_text(encoding="utf-8"))}


def unused() -> list[str]:
    vulture = Vulture(ignore_names=WHITELIST_NAMES + sorted(template_names() | dotted_names()),
                      ignore_decorators=WHITELIST_DECORATORS)
    vulture.scavenge([str(ROOT / p) for p in SCANNED + USERS])
    reported = []
    for item in vulture.get_unused_code(min_confidence=60):
        path = Path(item.filename).resolve().relative_to(ROOT)
        # Migrations are read (a data migration calls app code) but not reported: Django runs them by file name.
        if item.typ in ("variable", "attribute") or path.parts[0] in USERS or "migrations" in path.parts:
            continue
        reported.append(f"{path}:{item.first_lineno}: {item.message} ({item.confidence}% confidence)")
    return reported


def main() -> int:
    reported = unused()
    for line in reported:
        print(line)
    return 1 if reported else 0


if __name__ == "__main__":
    sys.exit(main())
