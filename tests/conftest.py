"""The named cast every feature is tested with (style.md §12).

Tree (all established 01/01/2010):
    Đảng bộ tỉnh Thử Nghiệm (province, code 99)
    ├── Đảng bộ huyện An Lạc (district A, 99.001)
    │   └── Đảng bộ xã An Lạc (grassroots committee, 99.001.001)
    │       ├── Chi bộ thôn Đông (cell A1, 99.001.001.000.001)
    │       └── Chi bộ thôn Tây  (cell A2, 99.001.001.000.002)
    └── Đảng bộ huyện Bình Minh (district B, 99.002)
        └── Đảng bộ xã Bình Minh (grassroots committee, 99.002.001)
            └── Chi bộ thôn Bắc (cell B1, 99.002.001.000.001)
Users: officer_a (cán bộ tổ chức of A), secretary_a1 (bí thư of A1), member_a1 (đảng viên of A1),
viewer_a (lãnh đạo, read-only, of A), officer_b (cán bộ tổ chức of B), admin (quản trị hệ thống).
"""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from dangvu import settings as project_settings
from dangvu.accounts import services as account_services
from dangvu.accounts.models import Role, User
from dangvu.accounts.system import SYSTEM
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from tests.clock import NOW, moment

# Property tests time themselves with the real clock (perf_counter): on a loaded CI machine a slow
# example is not a failure of the property.
hypothesis_settings.register_profile("dangvu", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("dangvu")

# Argon2 (production) costs ~0.15 s a hash by design; the cast alone hashes six passwords per test, which
# made hashing the largest single cost of the suite. Tests hash with MD5 unless marked
# `production_hashers` (the test that checks what production stores).
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

PASSWORD = "Mat-khau-thu-nghiem-2025"
FOUNDED = dt.date(2010, 1, 1)


@pytest.fixture(scope="session", autouse=True)
def frozen_session_clock():
    """Module- and session-scoped fixtures (the demo data sets) are built at NOW too: they are set up
    before any test's own clock, and once ran on the real date (a demo seeded on 04/12 in Hà Nội
    against a plan for 03/12)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def production_password_hashing(request):
    if request.node.get_closest_marker("production_hashers") is None:
        yield
        return
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def frozen_clock(request, frozen_session_clock):
    """Every test runs at a frozen moment: NOW, or the day its `@pytest.mark.on_date(...)` names.

    time-machine patches the clock process-wide, so the live server's thread (browser tests) reads
    the same moment. The clock does not tick (`tick=False`).
    """
    marker = request.node.get_closest_marker("on_date")
    with time_machine.travel(moment(marker.args[0]) if marker else NOW, tick=False) as traveller:
        yield traveller


def _org(parent, code, name, kind, unit_type=UnitType.OTHER):
    return org_services.establish(by=SYSTEM, parent=parent, code=code, name=name, kind=kind, effective_date=FOUNDED,
                                  unit_type=unit_type)


def _user(username, full_name, org=None, role=None, **extra):
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name, **extra)
    if org is not None:
        account_services.grant_scope(by=SYSTEM, user=user, organization=org, role=role)
    return user


@pytest.fixture
def official_lists(transactional_db):
    """A transactional test runs in a database that a previous transactional test emptied (the rows of
    the data migrations included): the official reference lists and the calendar of days off
    (working-day deadlines) are put back. Request it before `data` or `tree`."""
    from dangvu.references import data
    from dangvu.references.models import ReferenceItem
    from dangvu.rules import holidays
    from dangvu.rules.models import CalendarDay

    data.seed(ReferenceItem)
    holidays.seed(CalendarDay)


@pytest.fixture
def tree(db):
    province = _org(None, "99", "Đảng bộ tỉnh Thử Nghiệm", Kind.PROVINCIAL_COMMITTEE)
    district_a = _org(province, "99.001", "Đảng bộ huyện An Lạc", Kind.DISTRICT_COMMITTEE)
    grassroots_a = _org(district_a, "99.001.001", "Đảng bộ xã An Lạc", Kind.GRASSROOTS_COMMITTEE, UnitType.COMMUNE_WARD)
    cell_a1 = _org(grassroots_a, "99.001.001.000.001", "Chi bộ thôn Đông", Kind.CELL, UnitType.RESIDENTIAL)
    cell_a2 = _org(grassroots_a, "99.001.001.000.002", "Chi bộ thôn Tây", Kind.CELL, UnitType.RESIDENTIAL)
    district_b = _org(province, "99.002", "Đảng bộ huyện Bình Minh", Kind.DISTRICT_COMMITTEE)
    grassroots_b = _org(district_b, "99.002.001", "Đảng bộ xã Bình Minh", Kind.GRASSROOTS_COMMITTEE, UnitType.COMMUNE_WARD)
    cell_b1 = _org(grassroots_b, "99.002.001.000.001", "Chi bộ thôn Bắc", Kind.CELL, UnitType.RESIDENTIAL)
    return SimpleNamespace(
        province=province, district_a=district_a, grassroots_a=grassroots_a, cell_a1=cell_a1, cell_a2=cell_a2,
        district_b=district_b, grassroots_b=grassroots_b, cell_b1=cell_b1,
    )


@pytest.fixture
def cast(tree):
    return SimpleNamespace(
        tree=tree,
        admin=_user("admin", "Quản trị Hệ thống", tree.province, Role.ADMIN),
        officer_a=_user("officer_a", "Nguyễn Văn An", tree.district_a, Role.ORG_OFFICER),
        secretary_a1=_user("secretary_a1", "Trần Thị Bình", tree.cell_a1, Role.CELL_SECRETARY),
        member_a1=_user("member_a1", "Lê Văn Cường", tree.cell_a1, Role.MEMBER),
        viewer_a=_user("viewer_a", "Phạm Thị Dung", tree.district_a, Role.VIEWER),
        officer_b=_user("officer_b", "Hoàng Văn Em", tree.district_b, Role.ORG_OFFICER),
    )


@pytest.fixture
def qd208_confirmed(db):
    """An administrator has checked the official text of QĐ 208-QĐ/TW (kept off by default: REP-2026)."""
    import datetime as dt

    from dangvu.rules.models import ParameterValue

    ParameterValue.objects.create(key="regimes.qd208_confirmed", value=1, effective_from=dt.date(2026, 7, 26),
                                  reason="Đã đối chiếu bản chính thức")
