"""A national-like organization tree, written straight into the database.

The services (`dangvu.organizations.services.establish`) take several queries per organization,
far too slow for 300,000 rows; this module writes the same rows with `bulk_create`:

- `Organization` with ids computed here (after the current maximum, never reused), so the
  materialized path "/<id>/<id>/…/" is known before the insert; `depth` = number of segments,
  `search_text` = fold(name + " " + short_name + " " + code), `name_key` = sort_key(name),
  exactly what `Organization.save()` computes;
- one `OrganizationEvent` (establish, by the system) per organization, as `establish` records;
- one open `OrganizationVersion` per organization (valid_from = established_on, valid_to NULL,
  same parent/path/depth/code/name/short_name/kind/unit_type/name_key, pointing at the event).

Not written: the audit entries `establish` also records (no measured read touches them).
Every row is checked against the placement rules of its date before anything is inserted.

Shape at scale 1.0 (about 290,000 organizations, the "~300,000" of the scale path):
the central root; the 34 provinces and centrally-run cities; in each ~98 commune/ward committees
(3,321 communes, wards and special zones nationwide since 1/7/2025), 3 bloc-type committees
(~200 grassroots organizations each, two thirds of them committees with ~5 cells) and 2
grassroots committees (police, military; ~40 cells each). Every commune: ~8 grassroots
organizations (three quarters committees with ~5 cells each, the rest grassroots cells) and
~21 cells directly under it. `scale` multiplies the fan-outs that make a province big
(communes per province, grassroots per bloc, cells per provincial grassroots committee); a
commune looks the same at every scale, so the commune-level numbers are comparable.

Ids are assigned level by level across the whole country (all provinces, then all their
children, ...), so a province's subtree is spread over the whole table, as it is after years of
data entry; a depth-first order would put each subtree in adjacent pages and flatter the reads.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import CharField, F, Max, Value
from django.db.models.functions import Cast, Concat

from dangvu.accounts.models import Role, Scope, User
from dangvu.audit.services import actor_label
from dangvu.core.text import fold, sort_key
from dangvu.organizations import rules
from dangvu.organizations.kinds import EventType, Kind, UnitType
from dangvu.organizations.models import Organization, OrganizationEvent, OrganizationVersion

BATCH_SIZE = 5000
SEED = 2025

FOUNDING = dt.date(1930, 2, 3)
REFORM = rules.REFORM_2025  # communes exist from 1/7/2025; their subtrees are established then
BEFORE_REFORM = REFORM - dt.timedelta(days=1)

# Fan-outs at scale 1.0. "scaled" ones are multiplied by --scale.
SHAPE = {
    "communes_per_province": 98,        # scaled
    "bloc_grassroots": 200,             # scaled (per bloc committee)
    "provincial_grassroots_cells": 40,  # scaled (per police / military committee)
    "commune_grassroots": 8,            # per commune
    "commune_grassroots_committee_share": 0.75,
    "commune_cells": 21,                # cells directly under a commune
    "committee_cells": 5,               # cells per grassroots committee
    "bloc_grassroots_committee_share": 2 / 3,
}

PROVINCES = [  # (name, centrally-run city?) — the 34 units since 1/7/2025
    ("Hà Nội", True), ("Huế", True), ("Lai Châu", False), ("Điện Biên", False), ("Sơn La", False),
    ("Lạng Sơn", False), ("Quảng Ninh", False), ("Thanh Hóa", False), ("Nghệ An", False), ("Hà Tĩnh", False),
    ("Cao Bằng", False), ("Tuyên Quang", False), ("Lào Cai", False), ("Thái Nguyên", False), ("Phú Thọ", False),
    ("Bắc Ninh", False), ("Hưng Yên", False), ("Hải Phòng", True), ("Ninh Bình", False), ("Quảng Trị", False),
    ("Đà Nẵng", True), ("Quảng Ngãi", False), ("Gia Lai", False), ("Khánh Hòa", False), ("Lâm Đồng", False),
    ("Đắk Lắk", False), ("Hồ Chí Minh", True), ("Đồng Nai", False), ("Tây Ninh", False), ("Cần Thơ", True),
    ("Vĩnh Long", False), ("Đồng Tháp", False), ("Cà Mau", False), ("An Giang", False),
]

SYLLABLES = (
    "An Bình Hòa Phú Tân Long Thạnh Hưng Xuân Thành Đông Tây Nam Bắc Trung Mỹ Phước Thuận Quang Minh "
    "Hải Sơn Lộc Khánh Vĩnh Hiệp Nghĩa Đức Thịnh Lạc Yên Định Hà Kim Ngọc Cẩm Thủy Lâm Tiến Hồng "
    "Phong Cường Thắng Lợi Hạnh Phúc Đoàn Kết Quyết Chiến Việt Hùng Sơn Châu Giang Trường Xá"
).split()

BLOCS = [  # (name before the province, unit type)
    ("Đảng bộ các cơ quan Đảng", UnitType.PARTY_MASS),
    ("Đảng bộ Ủy ban nhân dân", UnitType.STATE_AGENCY),
    ("Đảng bộ Khối doanh nghiệp", UnitType.STATE_ENTERPRISE),
]
PROVINCIAL_GRASSROOTS = ["Đảng bộ Công an", "Đảng bộ Quân sự"]
BLOC_UNITS = {
    UnitType.PARTY_MASS: ["Ban Tuyên giáo và Dân vận", "Báo", "Ủy ban Mặt trận Tổ quốc", "Hội Nông dân", "Trường Chính trị"],
    UnitType.STATE_AGENCY: ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Bệnh viện", "Trường THPT"],
    UnitType.STATE_ENTERPRISE: ["Công ty TNHH MTV", "Tổng công ty", "Công ty cổ phần", "Ngân hàng", "Công ty Điện lực"],
}
COMMUNE_COMMITTEES = [
    ("Đảng bộ Trường THPT", UnitType.PUBLIC_SERVICE), ("Đảng bộ Công ty cổ phần", UnitType.NON_STATE_ENTERPRISE),
    ("Đảng bộ Bệnh viện đa khoa khu vực", UnitType.PUBLIC_SERVICE), ("Đảng bộ Quân sự", UnitType.ARMED_FORCES),
    ("Đảng bộ Công an", UnitType.ARMED_FORCES), ("Đảng bộ Hợp tác xã", UnitType.NON_STATE_ENTERPRISE),
]
COMMUNE_GRASSROOTS_CELLS = [
    ("Chi bộ Trường Mầm non", UnitType.PUBLIC_SERVICE), ("Chi bộ Trạm Y tế", UnitType.PUBLIC_SERVICE),
    ("Chi bộ Trường Tiểu học", UnitType.PUBLIC_SERVICE), ("Chi bộ Công ty TNHH", UnitType.NON_STATE_ENTERPRISE),
]
DEPARTMENTS = ["Phòng Hành chính", "Phòng Kế toán", "Phòng Kỹ thuật", "Tổ Chuyên môn", "Khoa Nội", "Phân xưởng",
               "Đội Nghiệp vụ", "Ban Chỉ huy"]


@dataclass(slots=True)
class Node:
    id: int
    parent: Node | None
    code: str
    name: str
    kind: str
    unit_type: str
    established_on: dt.date
    short_name: str = ""
    path: str = ""
    depth: int = 0
    children: list[Node] = field(default_factory=list)
    subtree: int = 0  # organizations below, filled in after generation
    name_key: str = ""


@dataclass
class Generated:
    """What the runner needs to know about the data it measures."""

    total: int
    by_kind: dict[str, int]
    root_id: int
    province_id: int
    province_path: str
    province_subtree: int
    commune_id: int
    commune_subtree: int
    cell_id: int
    users: dict[str, int]
    seconds: dict[str, float]


class _Builder:
    def __init__(self, scale: float, seed: int, first_id: int):
        self.scale = scale
        self.rng = random.Random(seed)
        self.next_id = first_id
        self.levels: list[list[Node]] = []

    # -- helpers ------------------------------------------------------------------------------
    def around(self, mean: float, scaled: bool = False) -> int:
        """A count near `mean` (±25 %), at least 1; `scaled` multiplies the mean by the scale."""
        m = mean * self.scale if scaled else mean
        lo = max(1, round(m * 0.75))
        hi = max(lo, round(m * 1.25))
        return self.rng.randint(lo, hi)

    def date_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def place(self) -> str:
        a, b = self.rng.sample(SYLLABLES, 2)
        return f"{a} {b}"

    def add(self, level: int, parent: Node | None, code: str, name: str, kind: str, unit_type: str,
            established_on: dt.date, short_name: str = "") -> Node:
        node = Node(self.next_id, parent, code, name, kind, unit_type, established_on, short_name)
        self.next_id += 1
        node.path = f"{parent.path if parent else '/'}{node.id}/"
        node.depth = node.path.count("/") - 1
        while len(self.levels) <= level:
            self.levels.append([])
        self.levels[level].append(node)
        if parent is not None:
            parent.children.append(node)
        return node

    def cells(self, level: int, parent: Node, count: int, first_date: dt.date, last_date: dt.date) -> None:
        for i in range(count):
            dept = DEPARTMENTS[i % len(DEPARTMENTS)] + (f" {i // len(DEPARTMENTS) + 1}" if i >= len(DEPARTMENTS) else "")
            self.add(level, parent, f"{parent.code}.{i + 1:03d}", f"Chi bộ {dept}", Kind.CELL, parent.unit_type,
                     self.date_between(first_date, last_date))

    # -- the tree, level by level -------------------------------------------------------------
    def build(self) -> list[list[Node]]:
        s = SHAPE
        root = self.add(0, None, "TW", "Đảng Cộng sản Việt Nam", Kind.CENTRAL, UnitType.PARTY_MASS, FOUNDING,
                        short_name="ĐCSVN")
        for i, (pname, city) in enumerate(PROVINCES, start=1):
            word = "thành phố" if city else "tỉnh"
            self.add(1, root, f"{i:02d}", f"Đảng bộ {word} {pname}", Kind.PROVINCIAL_COMMITTEE, UnitType.OTHER,
                     self.date_between(dt.date(1945, 9, 2), dt.date(1997, 1, 1)), short_name=f"ĐB {word} {pname}")
        # Level 2: communes, blocs and provincial grassroots committees of every province.
        for province in self.levels[1]:
            pname = province.name.removeprefix("Đảng bộ ")
            for j in range(self.around(s["communes_per_province"], scaled=True)):
                word = "phường" if self.rng.random() < 0.3 else "xã"
                self.add(2, province, f"{province.code}.{j + 1:03d}", f"Đảng bộ {word} {self.place()}",
                         Kind.COMMUNE_COMMITTEE, UnitType.COMMUNE_WARD, REFORM)
            for k, (bname, unit) in enumerate(BLOCS, start=1):
                self.add(2, province, f"{province.code}.K{k}", f"{bname} {pname}", Kind.BLOC_COMMITTEE, unit,
                         self.date_between(max(province.established_on, dt.date(1990, 1, 1)), dt.date(2015, 12, 31)))
            for k, gname in enumerate(PROVINCIAL_GRASSROOTS, start=1):
                self.add(2, province, f"{province.code}.L{k}", f"{gname} {pname}", Kind.GRASSROOTS_COMMITTEE,
                         UnitType.ARMED_FORCES, self.date_between(max(province.established_on, dt.date(1976, 1, 1)),
                                                                  dt.date(2010, 12, 31)))
        # Level 3: grassroots organizations and cells under communes and blocs; cells of the
        # provincial grassroots committees.
        for node in self.levels[2]:
            if node.kind == Kind.COMMUNE_COMMITTEE:
                word, place = node.name.removeprefix("Đảng bộ ").split(" ", 1)
                for g in range(self.around(s["commune_grassroots"])):
                    if self.rng.random() < s["commune_grassroots_committee_share"]:
                        gname, unit = self.rng.choice(COMMUNE_COMMITTEES)
                        kind = Kind.GRASSROOTS_COMMITTEE
                    else:
                        gname, unit = self.rng.choice(COMMUNE_GRASSROOTS_CELLS)
                        kind = Kind.GRASSROOTS_CELL
                    suffix = f"{word} {place}" if unit == UnitType.ARMED_FORCES or "Y tế" in gname else self.place()
                    self.add(3, node, f"{node.code}.{g + 1:03d}", f"{gname} {suffix}", kind, unit, REFORM)
                for c in range(self.around(s["commune_cells"])):
                    cname = f"Chi bộ thôn {self.place()}" if word == "xã" else f"Chi bộ khu phố {c + 1}"
                    self.add(3, node, f"{node.code}.000.{c + 1:03d}", cname, Kind.CELL, UnitType.RESIDENTIAL, REFORM)
            elif node.kind == Kind.BLOC_COMMITTEE:
                units = BLOC_UNITS[node.unit_type]
                for g in range(self.around(s["bloc_grassroots"], scaled=True)):
                    committee = self.rng.random() < s["bloc_grassroots_committee_share"]
                    kind = Kind.GRASSROOTS_COMMITTEE if committee else Kind.GRASSROOTS_CELL
                    prefix = "Đảng bộ" if committee else "Chi bộ"
                    self.add(3, node, f"{node.code}.{g + 1:03d}", f"{prefix} {self.rng.choice(units)} {self.place()}",
                             kind, node.unit_type, self.date_between(node.established_on, dt.date(2024, 12, 31)))
            else:  # provincial police / military committee
                self.cells(3, node, self.around(s["provincial_grassroots_cells"], scaled=True), node.established_on,
                           BEFORE_REFORM)
        # Level 4: cells of grassroots committees under communes and blocs.
        for node in self.levels[3]:
            if node.kind == Kind.GRASSROOTS_COMMITTEE:
                last = REFORM if node.established_on >= REFORM else BEFORE_REFORM
                self.cells(4, node, self.around(s["committee_cells"]), node.established_on, last)
        return self.levels


def _check(levels: list[list[Node]]) -> None:
    """Every row as the services would accept it: code format, kind allowed then, placement, dates."""
    problems = []
    codes = set()
    for level in levels:
        for n in level:
            violations = rules.check_code(n.code) + rules.check_can_establish(n.kind, n.established_on)
            violations += rules.check_placement(n.kind, n.parent.kind if n.parent else None, n.established_on)
            if n.parent is not None and n.established_on < n.parent.established_on:
                problems.append(f"{n.code}: established before its parent")
            if n.code in codes:
                problems.append(f"{n.code}: duplicate code")
            codes.add(n.code)
            problems += [f"{n.code}: {v.message}" for v in violations]
    if problems:
        raise AssertionError("generated tree breaks the rules:\n" + "\n".join(problems[:20]))


def _batches(items, size=BATCH_SIZE):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model, rows, log) -> None:
    n = 0
    with transaction.atomic():
        for batch in _batches(rows):
            model.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            n += len(batch)
    log(f"  {model.__name__}: {n:,} rows")


def _organizations(nodes):
    for n in nodes:
        n.name_key = sort_key(n.name)[:800]
        yield Organization(
            id=n.id, code=n.code, name=n.name, short_name=n.short_name, kind=n.kind, unit_type=n.unit_type,
            parent_id=n.parent.id if n.parent else None, path=n.path, depth=n.depth, established_on=n.established_on,
            search_text=fold(f"{n.name} {n.short_name} {n.code}")[:400], name_key=n.name_key, version=1,
        )


def _events(nodes, first_event_id: int, system_label: str):
    for i, n in enumerate(nodes):
        yield OrganizationEvent(
            id=first_event_id + i, organization_id=n.id, event_type=EventType.ESTABLISH, effective_date=n.established_on,
            related_id=n.parent.id if n.parent else None, recorded_by=None, recorded_by_label=system_label,
            data={"name": n.name, "code": n.code, "kind": str(n.kind), "parent_name": n.parent.name if n.parent else ""},
        )


def _versions(nodes, first_event_id: int):
    for i, n in enumerate(nodes):
        yield OrganizationVersion(
            organization_id=n.id, valid_from=n.established_on, valid_to=None, parent_id=n.parent.id if n.parent else None,
            path=n.path, depth=n.depth, code=n.code, name=n.name, short_name=n.short_name, kind=n.kind,
            unit_type=n.unit_type, name_key=n.name_key, event_id=first_event_id + i,
        )


def _median(nodes: list[Node]) -> Node:
    ordered = sorted(nodes, key=lambda n: (n.subtree, n.id))
    return ordered[len(ordered) // 2]


def _user(username: str, full_name: str, org: Organization, role: str) -> User:
    user = User.objects.create_user(username=username, full_name=full_name)  # no password: force_login
    Scope.objects.create(user=user, organization=org, role=role)
    return user


def generate(scale: float = 1.0, seed: int = SEED, log=print) -> Generated:
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    first_id = (Organization.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    first_event_id = (OrganizationEvent.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    levels = _Builder(scale, seed, first_id).build()
    nodes = [n for level in levels for n in level]
    _check(levels)
    for level in reversed(levels):
        for n in level:
            if n.parent is not None:
                n.parent.subtree += 1 + n.subtree
    seconds["plan"] = time.perf_counter() - t0
    log(f"  plan: {len(nodes):,} organizations in {seconds['plan']:.1f} s")

    t1 = time.perf_counter()
    _insert(Organization, _organizations(nodes), log)
    _insert(OrganizationEvent, _events(nodes, first_event_id, actor_label(None)), log)
    _insert(OrganizationVersion, _versions(nodes, first_event_id), log)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Organization, OrganizationEvent, OrganizationVersion]):
                cursor.execute(sql)
    seconds["insert"] = time.perf_counter() - t1
    log(f"  insert: {seconds['insert']:.1f} s")

    # Cheap check of what was written: every path is its parent's path + own id.
    broken = (Organization.objects.filter(parent__isnull=False, id__gte=first_id)
              .exclude(path=Concat(F("parent__path"), Cast("id", CharField()), Value("/"))).count())
    if broken:
        raise AssertionError(f"{broken} organizations whose path is not parent.path + id")

    root = levels[0][0]
    province = _median(levels[1])
    communes = [c for c in province.children if c.kind == Kind.COMMUNE_COMMITTEE]
    commune = _median(communes)
    cell = next(c for c in commune.children if c.kind == Kind.CELL)
    with transaction.atomic():
        org = Organization.objects.in_bulk([root.id, province.id, commune.id, cell.id])
        users = {
            "admin": _user("bench_admin", "Quản trị hệ thống", org[root.id], Role.ADMIN),
            "province_officer": _user("bench_province", "Cán bộ tổ chức tỉnh", org[province.id], Role.ORG_OFFICER),
            "commune_officer": _user("bench_commune", "Cán bộ tổ chức xã", org[commune.id], Role.ORG_OFFICER),
            "cell_secretary": _user("bench_cell", "Bí thư chi bộ", org[cell.id], Role.CELL_SECRETARY),
        }
    seconds["total"] = time.perf_counter() - t0
    return Generated(
        total=len(nodes), by_kind=dict(Counter(str(n.kind) for n in nodes)), root_id=root.id,
        province_id=province.id, province_path=province.path, province_subtree=province.subtree,
        commune_id=commune.id, commune_subtree=commune.subtree, cell_id=cell.id,
        users={k: u.pk for k, u in users.items()}, seconds=seconds,
    )
