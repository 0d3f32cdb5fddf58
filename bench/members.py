"""Members for the benchmark, written straight into the database (`python -m bench --members N`).

`services.register_member` takes about 15 queries per member, far too slow for 300,000 rows; this
module writes the same rows with `bulk_create` (batches of 5,000, one transaction per table):

- `Member`: every field `register_member` fills for a record typed in from the form (identity,
  addresses, reference items, CCCD, card, qualifications, work, admission dates, introducers), plus
  what `Member.save()` and `services.rebuild_state` derive: `search_text` =
  fold(full_name, other_names), `name_key` =
  person_sort_key(full_name), `status`, `organization`, `is_exempted`, `is_suspended`,
  `days_outside` and `first_admission_date` (= the admission decision date); `version` 1.
- `MembershipEvent`: the events `register_member` records from the record's dates, in the same
  order (so the same ids order): ADMITTED at the ceremony in the cell, or, when the member came
  from elsewhere, ADMITTED outside the system ("chi bộ kết nạp") then TRANSFERRED_IN on the day
  they joined the cell; RECOGNIZED 12 months after the ceremony when that day has passed.
  `recorded_by` NULL, `recorded_by_label` "hệ thống" (by=None, as the demo seeding).
- `MemberState`: the intervals of `rules.replay` over exactly those events.

Not written: the audit entry `register_member` also records (no measured read touches it).

Every record passes `rules.check_record` (ages 18–60 at admission counted in months, CCCD
province/century-and-sex/year digits consistent with sex and birth date, 8-digit card, ceremony
after decision, recognition ≥ 12 months after the ceremony, nothing in the future) and
`services.check_destination` (the cell exists on the day the member joins it) before anything is
inserted. Two checks tie the bulk rows to the real code path:
- before the insert, a few planned members (admitted in their cell, transferred in, still
  probationary) are registered through `services.register_member` inside a transaction that is
  rolled back, and the member row, events and states are compared field by field with the rows
  this module would insert for them;
- after the insert, `services.rebuild_state` is run (and rolled back) on a random sample and must
  reproduce the cached fields on the member and the stored states exactly.

Where the members are: `count` members in the cells (kinds cell and grassroots_cell) of the
measured province, so one province officer sees the whole `count`; plus `elsewhere_share` × count
spread over the cells of all the other provinces, which the visibility filter must leave out (and
which the trigram index still returns for a name search). Cells get members in proportion to a
weight by unit type (residential cells 2.2, armed forces 0.7, others 1.0).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from dangvu.accounts.system import SYSTEM
from dangvu.audit.services import actor_label
from dangvu.core.dates import today as local_today
from dangvu.core.text import fold, person_sort_key
from dangvu.demo.members import (
    ARMY_UNITS,
    ETHNICITIES,
    IT_LEVELS,
    LANGUAGES,
    OCC,
    OTHER_NAMES_FEMALE,
    OTHER_NAMES_MALE,
    OUTSIDE_CELLS,
    PROBATION_MONTHS,
    PROFESSIONAL,
    RELIGIONS,
    THEORY,
    draw_citizen_id,
    draw_name,
    pick,
)
from dangvu.members import rules, services
from dangvu.members.kinds import EventType, Sex
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.organizations.kinds import UnitType
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem

BATCH_SIZE = 5000
EARLIEST_ADMISSION = dt.date(1960, 1, 1)
REFERENCE_FIELDS = ("ethnicity", "religion", "general_education", "professional", "academic_degree", "academic_title",
                    "theory_level", "occupation")

# Members per cell, relative; women's share; age ranges (weight, (from, to)) by the cell's unit type.
CELL_WEIGHT = {UnitType.RESIDENTIAL: 2.2, UnitType.ARMED_FORCES: 0.7}
FEMALE_SHARE = {UnitType.RESIDENTIAL: 0.4, UnitType.PUBLIC_SERVICE: 0.62, UnitType.ARMED_FORCES: 0.12,
                UnitType.STATE_ENTERPRISE: 0.35, UnitType.NON_STATE_ENTERPRISE: 0.35}
AGES = {UnitType.RESIDENTIAL: ((38, (66, 90)), (34, (45, 65)), (28, (18, 44))), UnitType.ARMED_FORCES: ((1, (21, 50)),)}
WORKING_AGES = ((1, (23, 60)),)
OCCUPATION_BY_UNIT = {
    UnitType.PARTY_MASS: "office", UnitType.STATE_AGENCY: "office", UnitType.COMMUNE_WARD: "office",
    UnitType.PUBLIC_SERVICE: "public", UnitType.ARMED_FORCES: "armed",
}
POSITIONS = {
    "office": (("Chuyên viên", 55), ("Cán sự", 12), ("Phó Trưởng phòng", 15), ("Trưởng phòng", 8), ("Chuyên viên chính", 10)),
    "public": (("Viên chức", 60), ("Giáo viên", 15), ("Bác sĩ", 10), ("Phó Giám đốc", 5), ("Kế toán", 10)),
    "armed": (("Cán bộ", 55), ("Phó Đội trưởng", 20), ("Đội trưởng", 10), ("Chiến sĩ", 15)),
    "employee": (("Nhân viên", 50), ("Kỹ sư", 25), ("Trưởng phòng", 5), ("Tổ trưởng sản xuất", 20)),
    "worker": (("Công nhân", 80), ("Tổ trưởng sản xuất", 15), ("Quản đốc", 5)),
}


def _years(d: dt.date, years: int) -> dt.date:
    return rules.add_months(d, 12 * years)


@dataclass(slots=True)
class Cell:
    id: int
    name: str
    established_on: dt.date
    unit_type: str
    place: str  # "tỉnh Thanh Hóa"


@dataclass(slots=True)
class Planned:
    """One member as register_member would be called for them, and what it would write."""

    fields: dict  # record fields; reference fields hold the item's id (key "<name>_id")
    cell: Cell
    joined_on: dt.date | None  # None: admitted in the cell at the ceremony
    events: list = field(default_factory=list)  # (event_type, date, organization_id, external_place)


@dataclass
class MembersGenerated:
    """What the runner needs to know about the members it measures."""

    total: int
    in_province: int
    elsewhere: int
    cells_in_province: int
    events: int
    states: int
    by_status: dict[str, int]
    by_sex: dict[str, int]
    transferred_in: int
    cell_secretary_cell_members: int
    search_terms: dict[str, str]  # name, a CCCD fragment, a card number (all from measured-province members)
    search_hits: dict[str, int]  # matches of each term in the whole register
    checks: dict[str, str]
    seconds: dict[str, float] = field(default_factory=dict)


class _Planner:
    def __init__(self, rng: random.Random, on: dt.date, refs: dict[tuple[str, str], int], total: int):
        self.rng = rng
        self.today = on
        self.refs = refs
        self.citizen_ids: set[str] = set()
        self.cards = iter(rng.sample(range(10_000_000, 100_000_000), total + 10))
        self.record_seq = rng.randint(1000, 5000)
        codes = sorted(rules.PROVINCE_CODES)
        self.home_code = rng.choice(codes)
        self.codes = codes

    def ref(self, list_code: str, name: str | None) -> int | None:
        return self.refs[(list_code, name)] if name else None

    def name(self, sex: str, born: dt.date, ethnicity: str) -> str:
        return draw_name(self.rng, sex, born, ethnicity)

    def citizen_id(self, sex: str, born: dt.date) -> str:
        rng = self.rng
        province = self.home_code if rng.random() < 0.85 else rng.choice(self.codes)
        return draw_citizen_id(rng, province, sex, born, self.citizen_ids)

    def date_between(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def member(self, cell: Cell) -> Planned:
        rng, today = self.rng, self.today
        unit = cell.unit_type
        sex = Sex.FEMALE if rng.random() < FEMALE_SHARE.get(unit, 0.4) else Sex.MALE
        years = rng.randint(*pick(rng, [(a, w) for w, a in AGES.get(unit, WORKING_AGES)]))
        born = _years(today, -years) - dt.timedelta(days=rng.randint(45, 360))
        ethnicity = pick(rng, ETHNICITIES)
        full_name = self.name(sex, born, ethnicity)

        # Admission decision: 18–60 years old (in months), from 1960; 4.5 % in the last year (probationary).
        low = max(EARLIEST_ADMISSION, _years(born, 18) + dt.timedelta(days=1))
        high = min(today - dt.timedelta(days=40), _years(born, 60) - dt.timedelta(days=1))
        settled = min(high, today - dt.timedelta(days=420))
        recent = max(low, today - dt.timedelta(days=360))
        if settled < low or (recent <= high and rng.random() < 0.045):
            decided = self.date_between(recent, high)
        else:
            decided = born + dt.timedelta(days=int(rng.triangular(18.2, 50, 24) * 365.25))
            if not low <= decided <= settled:
                decided = self.date_between(low, settled)
        ceremony = min(decided + dt.timedelta(days=rng.randint(0, 30)), today - dt.timedelta(days=1))
        end_of_probation = rules.add_months(ceremony, PROBATION_MONTHS)
        recognition = end_of_probation if end_of_probation <= today else None

        # Admitted in this cell when it existed then (mostly); otherwise admitted elsewhere and
        # transferred in: on the day the cell was set up (the cells of the new communes on
        # 1/7/2025 got their members then) or later.
        if cell.established_on <= ceremony and rng.random() < 0.85:
            joined_on, admitted_in = None, cell.name
        else:
            first = max(ceremony + dt.timedelta(days=1), cell.established_on)
            joined_on = first if rng.random() < 0.7 else self.date_between(first, today)
            joined_on = min(joined_on, today)
            if ceremony.year < 1990 and rng.random() < 0.5:
                admitted_in = f"Chi bộ Đại đội {rng.randint(1, 12)}, {rng.choice(ARMY_UNITS)}"
            else:
                admitted_in = rng.choice(OUTSIDE_CELLS)

        occupation = OCCUPATION_BY_UNIT.get(unit)
        if occupation is None:
            if unit in (UnitType.STATE_ENTERPRISE, UnitType.NON_STATE_ENTERPRISE):
                occupation = pick(rng, (("employee", 65), ("worker", 30), ("owner", 5)))
            elif years >= (60 if sex == Sex.MALE else 55) and rng.random() < 0.85:
                occupation = "retired"
            elif years <= 22 and rng.random() < 0.5:
                occupation = "student"
            else:
                occupation = pick(rng, (("farmer", 35), ("free", 25), ("employee", 15), ("worker", 10), ("owner", 5),
                                         ("office", 5), ("other", 5)))
        prof_key = "retired_old" if occupation == "retired" and born.year < 1950 else occupation
        white_collar = occupation in ("office", "public", "armed", "owner")
        if white_collar:
            education = "Trung học phổ thông"
        elif born.year < 1955:
            education = pick(rng, (("Tiểu học", 10), ("Trung học cơ sở", 50), ("Trung học phổ thông", 40)))
        else:
            education = pick(rng, (("Trung học cơ sở", 15), ("Trung học phổ thông", 85)))
        professional = pick(rng, PROFESSIONAL[prof_key])
        degree = "Thạc sĩ" if professional == "Đại học" and white_collar and rng.random() < 0.12 else None
        theory = pick(rng, THEORY[occupation if occupation in THEORY else "other"])
        place = cell.name.removeprefix("Chi bộ ")
        address = f"Số {rng.randint(1, 250)}, {place}, {cell.place}"
        self.record_seq += rng.randint(1, 9)
        fields = {
            "full_name": full_name,
            "other_names": rng.choice(OTHER_NAMES_FEMALE if sex == Sex.FEMALE else OTHER_NAMES_MALE)
            if born.year < 1960 and rng.random() < 0.05 else "",
            "sex": sex,
            "date_of_birth": born,
            "place_of_birth": cell.place,
            "home_town": cell.place,
            "permanent_address": address,
            "current_address": address,
            "ethnicity_id": self.ref("ethnicity", ethnicity),
            "religion_id": self.ref("religion", pick(rng, RELIGIONS)),
            "citizen_id": self.citizen_id(sex, born),
            "party_card_number": f"{next(self.cards)}" if recognition and rng.random() < 0.97 else None,
            "record_number": f"{self.record_seq:07d}-{self.home_code}",
            "general_education_id": self.ref("general_education", education),
            "professional_id": self.ref("professional", professional),
            "academic_degree_id": self.ref("academic_degree", degree),
            "academic_title_id": None,
            "theory_level_id": self.ref("theory_level", theory),
            "foreign_language": pick(rng, LANGUAGES) if white_collar and born.year >= 1965 else "",
            "it_level": pick(rng, IT_LEVELS) if white_collar and born.year >= 1965 else "",
            "occupation_id": self.ref("occupation", OCC[occupation]),
            "workplace": "" if unit == UnitType.RESIDENTIAL else place,
            "position": pick(rng, POSITIONS[occupation]) if occupation in POSITIONS else "",
            "youth_union_date": self.date_between(_years(born, 15), min(_years(born, 17), decided - dt.timedelta(days=30)))
            if born.year >= 1945 and rng.random() < 0.85 else None,
            "admission_decision_date": decided,
            "ceremony_date": ceremony,
            "admitted_in": admitted_in,
            "introducer_1": self.name(pick(rng, ((Sex.MALE, 6), (Sex.FEMALE, 4))), born, "Kinh"),
            "introducer_2": self.name(pick(rng, ((Sex.MALE, 6), (Sex.FEMALE, 4))), born, "Kinh"),
            "recognition_date": recognition,
            "is_army": False,
            "is_police": False,
            "is_retired": occupation == "retired",
            "health": pick(rng, (("Tốt", 85), ("Khá", 12), ("Trung bình", 3))),
            "war_invalid_grade": "",
            "martyr_family": rng.random() < 0.04,
            "merit_family": rng.random() < 0.06,
        }
        # The events register_member records, in its order (stable sort by date).
        if joined_on is None:
            events = [(EventType.ADMITTED, ceremony, cell.id, "")]
        else:
            events = [(EventType.ADMITTED, ceremony, None, admitted_in), (EventType.TRANSFERRED_IN, joined_on, cell.id, "")]
        if recognition:
            events.append((EventType.RECOGNIZED, recognition, None, ""))
        return Planned(fields, cell, joined_on, sorted(events, key=lambda e: e[1]))


def _check_planned(planned: list[Planned], on: dt.date) -> None:
    """Every record as register_member would accept it."""
    problems = []
    for p in planned:
        v = rules.check_record(p.fields, on)
        joined = p.joined_on or p.fields["ceremony_date"]
        if joined < p.cell.established_on or joined > on:
            problems.append(f"{p.fields['full_name']}: joins {p.cell.name} on {joined}, outside its life")
        if p.joined_on is not None and p.joined_on <= p.fields["ceremony_date"]:
            problems.append(f"{p.fields['full_name']}: transferred in before the ceremony")
        problems += [f"{p.fields['full_name']}: {x.message}" for x in v]
        if len(problems) > 20:
            break
    if problems:
        raise AssertionError("generated members break the rules:\n" + "\n".join(problems[:20]))


def _rows(planned: list[Planned], first_member_id: int, first_event_id: int, label: str):
    """(members, events, states) as ORM objects, ids computed here; replay gives the states."""
    members, events, states = [], [], []
    event_id = first_event_id
    for i, p in enumerate(planned):
        member_id = first_member_id + i
        facts = []
        for event_type, on, org_id, place in p.events:
            events.append(MembershipEvent(
                id=event_id, member_id=member_id, event_type=event_type, effective_date=on, organization_id=org_id,
                external_place=place, recorded_by=None, recorded_by_label=label))
            facts.append(rules.EventFact(event_type, on, org_id, event_id, place))
            event_id += 1
        result = rules.replay(facts)
        if result.violations:
            raise AssertionError(f"{p.fields['full_name']}: {[v.message for v in result.violations]}")
        for s in result.intervals:
            states.append(MemberState(member_id=member_id, valid_from=s.valid_from, valid_to=s.valid_to, status=s.status,
                                      organization_id=s.organization_id,
                                      temporary_organization_id=s.temporary_organization_id,
                                      is_exempted=s.is_exempted, is_suspended=s.is_suspended))
        f = p.fields
        members.append(Member(
            id=member_id, **f, status=result.status, organization_id=result.organization_id,
            is_exempted=result.is_exempted, is_suspended=result.is_suspended, days_outside=result.days_outside,
            first_admission_date=f["admission_decision_date"],
            search_text=fold(" ".join(filter(None, [f["full_name"], f["other_names"]])))[:400],
            name_key=person_sort_key(f["full_name"])[:500], version=1,
        ))
    return members, events, states


# ------------------------------------------------------------------------------ checks

MEMBER_COMPARE_EXCLUDE = {"id", "created_at", "updated_at"}


def _member_values(m: Member) -> dict:
    return {f.attname: getattr(m, f.attname) for f in Member._meta.concrete_fields if f.attname not in MEMBER_COMPARE_EXCLUDE}


def _event_values(e: MembershipEvent) -> tuple:
    return (e.event_type, e.effective_date, e.organization_id, e.from_organization_id, e.external_place, e.decision_number,
            e.decision_date, e.deciding_body, e.reason, e.recorded_by_id, e.recorded_by_label)


def _state_values(s: MemberState) -> tuple:
    return (s.valid_from, s.valid_to, s.status, s.organization_id, s.temporary_organization_id, s.is_exempted, s.is_suspended)


class _Rollback(Exception):
    pass


def check_against_service(samples: list[Planned], label: str) -> str:
    """Register `samples` through services.register_member (rolled back); compare with our rows."""
    refs = {}
    compared = 0
    try:
        with transaction.atomic():
            for p in samples:
                fields = {k: v for k, v in p.fields.items() if not k.endswith("_id") or k == "citizen_id"}
                for name in REFERENCE_FIELDS:
                    item_id = p.fields[f"{name}_id"]
                    if item_id is not None and item_id not in refs:
                        refs[item_id] = ReferenceItem.objects.get(pk=item_id)
                    fields[name] = refs.get(item_id) if item_id is not None else None
                org = Organization.objects.get(pk=p.cell.id)
                real = services.register_member(by=SYSTEM, organization=org, joined_on=p.joined_on, **fields)
                real = Member.objects.get(pk=real.pk)
                first_event = MembershipEvent.objects.filter(member=real).order_by("id").first().pk
                ours, our_events, our_states = _rows([p], real.pk, first_event, label)
                diff = {k: (v, _member_values(ours[0])[k]) for k, v in _member_values(real).items()
                        if _member_values(ours[0])[k] != v}
                if diff:
                    raise AssertionError(f"member row differs from register_member's: {diff}")
                real_events = list(MembershipEvent.objects.filter(member=real).order_by("id"))
                if [(e.pk, *_event_values(e)) for e in real_events] != [(e.pk, *_event_values(e)) for e in our_events]:
                    raise AssertionError(f"events differ: {real_events} vs {our_events}")
                real_states = [_state_values(s) for s in MemberState.objects.filter(member=real).order_by("valid_from")]
                if real_states != [_state_values(s) for s in our_states]:
                    raise AssertionError(f"states differ: {real_states} vs {[_state_values(s) for s in our_states]}")
                compared += 1
            raise _Rollback
    except _Rollback:
        pass
    return f"{compared} members registered through services.register_member (rolled back): identical rows, events, states"


def check_rebuild(member_ids: list[int]) -> str:
    """services.rebuild_state on stored members (rolled back) reproduces their cached fields and states."""
    cached = ("status", "organization_id", "is_exempted", "is_suspended", "days_outside", "first_admission_date")
    try:
        with transaction.atomic():
            for member in Member.objects.filter(pk__in=member_ids):
                before = {f: getattr(member, f) for f in cached}
                states_before = [_state_values(s) for s in member.states.order_by("valid_from")]
                services.rebuild_state(member)
                after = {f: getattr(member, f) for f in cached}
                states_after = [_state_values(s) for s in member.states.order_by("valid_from")]
                if before != after or states_before != states_after:
                    raise AssertionError(f"member {member.pk}: rebuild_state gives {after} {states_after}, "
                                         f"stored {before} {states_before}")
            raise _Rollback
    except _Rollback:
        pass
    return f"services.rebuild_state on {len(member_ids)} stored members (rolled back): same cached fields and states"


# ------------------------------------------------------------------------------ generation

def _cells(province_path: str, inside: bool) -> list[Cell]:
    qs = Organization.objects.filter(kind__in=services.MEMBER_ORG_KINDS, ended_on__isnull=True)
    qs = qs.filter(path__tree_prefix=province_path) if inside else qs.exclude(path__tree_prefix=province_path)
    provinces = {o.path: o.name.removeprefix("Đảng bộ ") for o in Organization.objects.filter(depth=2)}
    rows = qs.order_by("id").values_list("id", "name", "established_on", "unit_type", "path")
    return [Cell(i, name, est, unit, provinces.get("/".join(path.split("/")[:3]) + "/", ""))
            for i, name, est, unit, path in rows]


def _draw_cells(rng: random.Random, cells: list[Cell], count: int) -> list[Cell]:
    weights = [CELL_WEIGHT.get(c.unit_type, 1.0) for c in cells]
    return rng.choices(cells, weights, k=count) if cells and count else []


def _insert(model, rows, log) -> None:
    with transaction.atomic():
        for start in range(0, len(rows), BATCH_SIZE):
            model.objects.bulk_create(rows[start:start + BATCH_SIZE], batch_size=BATCH_SIZE)
    log(f"  {model.__name__}: {len(rows):,} rows")


def generate_members(gen, count: int, seed: int, log=print, elsewhere_share: float = 0.1) -> MembersGenerated:
    """`count` members in the measured province `gen.province_id`, `elsewhere_share` × count in the others."""
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    on = local_today()
    rng = random.Random(seed + 1)
    refs = {(li, name): pk for pk, li, name in ReferenceItem.objects.values_list("pk", "list_code", "name")}
    inside, outside = _cells(gen.province_path, True), _cells(gen.province_path, False)
    elsewhere = round(count * elsewhere_share) if outside else 0
    planner = _Planner(rng, on, refs, count + elsewhere)
    # The measured province first, in a shuffled cell order so the ids of a cell's members spread.
    targets = _draw_cells(rng, inside, count) + _draw_cells(rng, outside, elsewhere)
    planned = [planner.member(cell) for cell in targets]
    seconds["plan"] = time.perf_counter() - t0
    log(f"  plan: {len(planned):,} members ({count:,} in the province, {elsewhere:,} elsewhere) in {seconds['plan']:.1f} s")
    t = time.perf_counter()
    _check_planned(planned, on)
    seconds["check_rules"] = time.perf_counter() - t
    log(f"  check_record on every member: {seconds['check_rules']:.1f} s")

    label = actor_label(SYSTEM)
    samples = _service_samples(planned[:count])
    t = time.perf_counter()
    service_check = check_against_service(samples, label)
    seconds["check_service"] = time.perf_counter() - t
    log(f"  {service_check}")

    t = time.perf_counter()
    first_member_id = (Member.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    first_event_id = (MembershipEvent.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    members, events, states = _rows(planned, first_member_id, first_event_id, label)
    seconds["rows"] = time.perf_counter() - t
    log(f"  rows (replay, fold, sort keys): {seconds['rows']:.1f} s")
    t = time.perf_counter()
    _insert(Member, members, log)
    _insert(MembershipEvent, events, log)
    _insert(MemberState, states, log)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Member, MembershipEvent, MemberState]):
                cursor.execute(sql)
    seconds["insert"] = time.perf_counter() - t
    log(f"  insert: {seconds['insert']:.1f} s")

    t = time.perf_counter()
    sample_ids = sorted(rng.sample(range(first_member_id, first_member_id + len(members)), min(300, len(members))))
    rebuild_check = check_rebuild(sample_ids)
    seconds["check_rebuild"] = time.perf_counter() - t
    log(f"  {rebuild_check}")

    # Search terms: a frequent full name, a CCCD fragment and a card number of the measured province.
    province_members = members[:count]
    card_holder = next(m for m in province_members[len(province_members) // 2:] if m.party_card_number)
    someone = province_members[len(province_members) // 3]
    terms = {"name": "tran van binh", "cccd": someone.citizen_id[2:9], "card": card_holder.party_card_number,
             "api_name": "nguyen thi hoa"}
    hits = {k: sum(1 for m in members if fold(v) in m.search_text) for k, v in terms.items()}
    seconds["total"] = time.perf_counter() - t0
    return MembersGenerated(
        total=len(members), in_province=count, elsewhere=elsewhere, cells_in_province=len(inside), events=len(events),
        states=len(states), by_status=dict(Counter(str(m.status) for m in members)),
        by_sex=dict(Counter(str(m.sex) for m in members)),
        transferred_in=sum(1 for p in planned if p.joined_on is not None),
        cell_secretary_cell_members=sum(1 for m in members if m.organization_id == gen.cell_id),
        search_terms=terms, search_hits=hits, checks={"service": service_check, "rebuild_state": rebuild_check},
        seconds={k: round(v, 1) for k, v in seconds.items()},
    )


def _service_samples(planned: list[Planned]) -> list[Planned]:
    """A member admitted in their cell, one transferred in, one still probationary (when there are)."""
    picks = []
    for test in (lambda p: p.joined_on is None and p.fields["recognition_date"],
                 lambda p: p.joined_on is not None and p.fields["recognition_date"]
                 and p.fields["recognition_date"] < p.joined_on,
                 lambda p: p.joined_on is not None and p.fields["recognition_date"],
                 lambda p: p.fields["recognition_date"] is None):
        p = next((p for p in planned if test(p) and p not in picks), None)
        if p is not None:
            picks.append(p)
    return picks
