"""The demo data (manage.py seed_demo): deterministic, shaped like the brief, and scoped per district.

The demo is written once for the module inside a transaction that is rolled back at the end.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from dangvu.accounts.models import User
from dangvu.demo.organizations import (
    BLOC_CODES,
    DISTRICT_A_CODE,
    DISTRICT_B_CODE,
    KHU_PHO_1_CODE,
    KHU_PHO_1_OLD_CODE,
    NEW_COMMUNES,
    REFORM,
    build_demo,
    plan_demo,
)
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization, OrganizationVersion
from tests.clock import TODAY
from tests.organizations.invariants import assert_tree_invariants

pytestmark = pytest.mark.django_db
SEED = 7
END_2020 = dt.date(2020, 12, 31)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # MD5 as in this folder's conftest, so the demo users' passwords check inside the tests.
    with django_db_blocker.unblock(), transaction.atomic():
        result = build_demo(SEED)
        yield result
        transaction.set_rollback(True)


def _ever_under(*codes) -> set[int]:
    """Ids of organizations that were, at any time, one of `codes` or below one of them."""
    ids = set()
    for org in Organization.objects.filter(code__in=codes):
        paths = set(OrganizationVersion.objects.filter(organization=org).values_list("path", flat=True)) | {org.path}
        for path in paths:
            ids |= set(OrganizationVersion.objects.filter(path__startswith=path).values_list("organization_id", flat=True))
    return ids


def test_same_seed_same_demo_and_the_database_follows_the_plan(demo):
    today = TODAY
    first, again, other = plan_demo(SEED), plan_demo(SEED), plan_demo(SEED + 1)
    listing = sorted((s.code_on(today), s.name_on(today)) for s in first.specs.values())
    assert listing == sorted((s.code_on(today), s.name_on(today)) for s in again.specs.values())
    assert [(op.on, op.action, op.args) for op in first.sorted_ops()] == [(op.on, op.action, op.args) for op in again.sorted_ops()]
    people = [op.args["seats"] for op in first.ops if op.action == "term"]
    assert people != [op.args["seats"] for op in other.ops if op.action == "term"]  # another seed, other people
    assert sorted(Organization.objects.values_list("code", "name")) == listing
    assert demo.organizations == len(listing)

    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "Dữ liệu mẫu đã có, bỏ qua." in out.getvalue()
    assert Organization.objects.count() == len(listing)


def test_tree_in_2020_and_today(demo):
    in_2020 = OrganizationVersion.objects.valid_on(END_2020)
    district_a = Organization.objects.get(code=DISTRICT_A_CODE)
    district_b = Organization.objects.get(code=DISTRICT_B_CODE)
    assert set(in_2020.filter(kind=Kind.DISTRICT_COMMITTEE).values_list("name", flat=True)) == {
        "Đảng bộ thị xã Sơn Hà", "Đảng bộ huyện Đông Hà"}
    under_a = in_2020.filter(path__startswith=district_a.path)
    assert 25 <= under_a.filter(kind__in=GRASSROOTS_KINDS).count() <= 32
    assert 85 <= under_a.filter(kind=Kind.CELL).count() <= 115
    assert under_a.filter(kind=Kind.PARTIAL_COMMITTEE).count() == 3
    assert under_a.filter(kind=Kind.PARTY_GROUP).exists()
    under_b = in_2020.filter(path__startswith=district_b.path)
    assert 5 <= under_b.filter(kind__in=GRASSROOTS_KINDS).count() <= 7
    assert 15 <= under_b.filter(kind=Kind.CELL).count() <= 25
    assert not in_2020.filter(kind=Kind.COMMUNE_COMMITTEE).exists()
    # 2021–2024 left history: a rename, a merge, a move, an upgrade, a dissolution.
    events = set(Organization.objects.filter(events__effective_date__range=(dt.date(2021, 1, 1), dt.date(2024, 12, 31)))
                 .values_list("events__event_type", flat=True))
    assert {"rename", "merge", "move", "change_kind", "dissolve"} <= events
    # 4/2025: a hợp nhất — the town's two agency committees ended, a NEW one took their cells (then moved in the reform).
    new = Organization.objects.get(name="Đảng bộ Khối cơ quan thị xã Sơn Hà")
    sources = Organization.objects.filter(successor=new, end_reason="consolidated")
    assert new.established_on == dt.date(2025, 4, 1) and sources.count() == 2
    assert {s.ended_on for s in sources} == {dt.date(2025, 4, 1)}
    moved = OrganizationVersion.objects.valid_on(dt.date(2025, 4, 1)).filter(parent=new)
    assert moved.count() >= 10 and not Organization.objects.filter(parent__in=sources, ended_on__isnull=True).exists()
    # 1/7/2025: the town's agencies end with the town (issue 10 §8): the Khối's cells are merged into the new
    # ward's agency cells, by the province's dated decision, and the Khối itself is dissolved.
    assert (new.ended_on, new.end_reason) == (REFORM, "dissolved")
    assert not Organization.objects.filter(parent=new, ended_on__isnull=True).exists()
    office = Organization.objects.get(name="Chi bộ Văn phòng Thị ủy")
    assert (office.ended_on, office.end_reason) == (REFORM, "merged")
    assert office.successor.name == "Chi bộ Cơ quan Đảng – Mặt trận – Đoàn thể phường Sơn Hà"
    assert office.events.get(event_type="merge").decision_number
    departments = Organization.objects.filter(successor__name="Chi bộ Cơ quan HĐND và UBND phường Sơn Hà",
                                              name__startswith="Chi bộ Phòng")
    assert departments.count() >= 5
    assert not Organization.objects.active().filter(name__contains="Thị ủy").exists()

    today = TODAY
    now = OrganizationVersion.objects.valid_on(today)
    assert not now.filter(kind=Kind.DISTRICT_COMMITTEE).exists()
    assert not Organization.objects.active().filter(kind=Kind.DISTRICT_COMMITTEE).exists()
    assert now.filter(kind=Kind.COMMUNE_COMMITTEE).count() == len(NEW_COMMUNES)
    grassroots = Organization.objects.active().filter(kind__in=GRASSROOTS_KINDS).select_related("parent")
    assert grassroots.count() >= 20  # the old wards and communes merged into the new ones
    # under the new wards and communes, or the province's committees (the town's police, hospital, court…)
    assert {g.parent.kind for g in grassroots} == {Kind.COMMUNE_COMMITTEE, Kind.BLOC_COMMITTEE}
    # the residential cell of the demo secretary: under phường Bắc Sơn in 2020, under phường Sơn Hà today
    cell = Organization.objects.get(code=KHU_PHO_1_CODE)
    assert in_2020.get(organization=cell).parent.name == "Đảng bộ phường Bắc Sơn"
    assert in_2020.get(organization=cell).code == KHU_PHO_1_OLD_CODE  # renumbered under the new ward on 1/7/2025
    assert cell.parent.name == "Đảng bộ phường Sơn Hà"
    assert cell.terms.filter(start_date__lte=today, end_date__isnull=True).get().seats.get(position="secretary").full_name == \
        User.objects.get(username="bithu.khupho1").full_name


def test_each_district_officer_sees_only_their_own_district_through_time(demo):
    a_codes = [DISTRICT_A_CODE] + [c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_A_CODE]
    b_codes = [DISTRICT_B_CODE] + [c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_B_CODE]
    ever_a, ever_b = _ever_under(*a_codes), _ever_under(*b_codes)
    assert ever_a and ever_b and not ever_a & ever_b
    for username, own, other in (("canbo.sonha", ever_a, ever_b), ("canbo.dongha", ever_b, ever_a)):
        user = User.objects.get(username=username)
        visible = set(Organization.objects.visible_to(user).values_list("pk", flat=True))
        assert own <= visible, username
        assert not visible & other, username
        assert not visible & set(Organization.objects.filter(code__startswith="38.169" if own is ever_a else "38.168")
                                 .values_list("pk", flat=True))
    secretary = User.objects.get(username="bithu.khupho1")
    assert list(Organization.objects.visible_to(secretary).values_list("code", flat=True)) == [KHU_PHO_1_CODE]

    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/" in text
    for username in ("admin", "canbo.sonha", "kiemtra.sonha", "lanhdao.sonha", "bithu.khupho1", "dangvien.khupho1",
                     "canbo.dongha"):
        assert username in text
    assert "dangvu2025" in text and "Đảng bộ phường Sơn Hà" in text


def test_reform_renumbers_under_the_new_committees_and_moves_agencies_to_the_province(demo):
    """Issue 10 §8: no organization under a new ward keeps its district-based code; the town's police,
    military, court, procuracy, hospital and vertical agencies are in the province's committees."""
    today = TODAY
    under_new = [o for o in Organization.objects.active().exclude(code__in=[c for c, *_ in NEW_COMMUNES] + list(BLOC_CODES))
                 .select_related("parent") if o.kind != Kind.PROVINCIAL_COMMITTEE]
    assert under_new and not [o.code for o in under_new if o.code.startswith(("38.168", "38.169"))]
    for org in under_new:  # each code follows its parent's (the demo's codes nest)
        assert org.code.startswith(org.parent.code + "."), (org.code, org.parent.code)
    # The renumbering is a dated event with a decision; the old code stays in the 2024 version.
    cell = Organization.objects.get(code=KHU_PHO_1_CODE)
    event = cell.events.get(event_type="renumber")
    assert event.effective_date == REFORM and event.decision_number
    assert event.data == {"old_code": KHU_PHO_1_OLD_CODE, "new_code": KHU_PHO_1_CODE}
    assert OrganizationVersion.objects.valid_on(dt.date(2024, 12, 31)).get(organization=cell).code == KHU_PHO_1_OLD_CODE
    # The province's committees: two blocs of 2/2025, police and military; what moved into them and when.
    blocs = {o.code: o for o in Organization.objects.filter(code__in=BLOC_CODES)}
    assert {o.kind for o in blocs.values()} == {Kind.BLOC_COMMITTEE}
    assert {o.parent.code for o in blocs.values()} == {"38"}
    hospital = Organization.objects.get(name="Đảng bộ Bệnh viện Đa khoa khu vực Sơn Hà")
    police = Organization.objects.get(name="Đảng bộ Công an khu vực Sơn Hà")
    court = Organization.objects.get(name="Chi bộ Tòa án nhân dân khu vực 7 – Thanh Hóa")
    assert hospital.parent.name == "Đảng bộ Ủy ban nhân dân tỉnh Thanh Hóa"
    assert police.parent.name == "Đảng bộ Công an tỉnh Thanh Hóa"
    assert court.parent.name == "Đảng bộ các cơ quan Đảng tỉnh Thanh Hóa"
    move = hospital.events.get(event_type="move")
    assert move.effective_date == REFORM and move.decision_number and move.deciding_body == "Ban Thường vụ Tỉnh ủy Thanh Hóa"
    in_2024, in_2026 = OrganizationVersion.objects.valid_on(dt.date(2024, 12, 31)), OrganizationVersion.objects.valid_on(today)
    before = in_2024.get(organization=hospital)
    assert (before.name, before.parent.code) == ("Đảng bộ Bệnh viện Đa khoa thị xã Sơn Hà", DISTRICT_A_CODE)
    assert in_2026.get(organization=hospital).parent.code == blocs["38.902"].code
    # 2024: the blocs are not there yet, the police and military committees have no unit; 2026: all four have.
    assert not in_2024.filter(organization__code__in=BLOC_CODES[:2]).exists()
    assert not in_2024.filter(parent__code__in=BLOC_CODES).exists()
    for code in BLOC_CODES:
        assert in_2026.filter(parent__code=code).exists(), code
    # Nothing active carries the dissolved town's name any more; no quarter is named "Trung Trung".
    assert not Organization.objects.active().filter(name__contains="thị xã").exists()
    assert not Organization.objects.active().filter(name__contains="huyện").exists()
    assert not Organization.objects.filter(name__regex=r"(\w+) \1$").exists()


def test_the_demo_tree_keeps_the_tree_invariants(demo):
    """The renumbering and the moves into the province's committees leave a consistent dated tree."""
    assert_tree_invariants()
