"""The system as an actor: demo data, management commands run on the server, migrations of data.

Services take the acting user as `by`. There is no "no user, skip the checks": code that acts as the
system passes `SYSTEM` explicitly, the permission predicates (accounts/permissions.py) recognise it
(it may do anything, like a system administrator), and the audit records it as "Hệ thống". A
service called with `by=None` is refused like any user without a scope.
"""


class SystemActor:
    """Stands where a user would; not a database row (`pk` is None, so foreign keys stay empty)."""

    pk = None
    id = None
    username = "he-thong"
    full_name = "Hệ thống"
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    is_system_actor = True  # what the audit (below accounts) asks

    def __str__(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return "SYSTEM"

    def __reduce__(self):
        return "SYSTEM"  # one instance, also after copy and pickle


SYSTEM = SystemActor()


def is_system(actor) -> bool:
    return actor is SYSTEM
