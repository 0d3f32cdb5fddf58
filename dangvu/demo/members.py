"""Demo members (manage.py seed_demo --members N): a believable register for the demo's cells.

Runs after the organizations of dangvu.demo.organizations exist, in two steps like it:
- `plan_members(rng, count, cells, today)` is pure: from the cells (read once from the database
  by `demo_cells()`) and `random.Random`, it draws people and their dated history. The same seed,
  cells and day give the same plan.
- `seed_members(rng, count)` writes the plan through the public services only
  (`services.register_member`, then `services.record_event` in date order) with `by=SYSTEM`, so
  every rule, derived state interval and audit entry is what a user's action would have made.

Who is drawn: about 60% men; ages 18–90 with more elderly people in the residential cells
(thôn, khu phố) and working ages in offices, schools, hospital, armed forces and companies;
mostly Kinh, with Mường, Thái, Tày, Dao, HMông and Thổ members (family names that go with them);
mostly no religion, some Catholics and Buddhists; occupation from the cell, education and
qualifications from occupation and age; a consistent CCCD (mostly Thanh Hóa, 038); an 8-digit
card for full members; a record number.

Their history: admission decisions from 1960 to today at 18–60 years of age, the ceremony 0–30
days later, recognition 12 months after the ceremony when the probation is over (a few are
struck off as probationary instead); members admitted in the last 12 months are still
probationary. A member is admitted in their present cell only when it already existed (as a cell)
then; otherwise they were admitted elsewhere: in a cell that was later merged into or dissolved
in favour of the present one (moved by an internal transfer on that date, e.g. the old ward
office cells on 1/7/2025), in another cell of the district (internal transfer later, e.g. on
retirement to the residential cell), or outside the demo (transferred in). Cells moved under the
new ward and commune committees in 2025 keep their members. A few elderly members are exempted,
a few die, leave, are struck off, expelled or transfer away, and a few are suspended.

Special people: "Trần Văn Bình" in a residential cell of phường Sơn Hà, "Nguyễn Thị Hoà" and
"Nguyễn Thị Hòa" (two tone placements), and the records of the demo users `bithu.khupho1` and
`dangvien.khupho1` in "Chi bộ khu phố 1", linked to their accounts.
"""

import datetime as dt
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from dangvu.accounts.system import SYSTEM
from dangvu.demo.organizations import A_WARD_CODES, B_COMMUNE_CODES, DEMO_USERNAMES, DEMO_USERS, KHU_PHO_1_CODE, REFORM
from dangvu.members import rules
from dangvu.members.kinds import ENDING_EVENTS, EventType, RemovalGround, Sex, Status
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.rules.parameters import BY_KEY

PROBATION_MONTHS = BY_KEY["probation.months"].default  # the demo follows the default rule

D = dt.date
EARLIEST_ADMISSION = D(1960, 1, 1)
SON_HA_WARD_CODE = A_WARD_CODES[0]  # Đảng bộ phường Sơn Hà
DEFAULT_MEMBERS = 2500

# ---------------------------------------------------------------------------- names

FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 10), ("Phạm", 6), ("Hoàng", 3), ("Huỳnh", 1), ("Phan", 3), ("Vũ", 3), ("Võ", 1),
    ("Đặng", 2), ("Bùi", 3), ("Đỗ", 3), ("Hồ", 1), ("Ngô", 2), ("Dương", 1), ("Lý", 1), ("Trịnh", 3), ("Mai", 2),
    ("Đinh", 2), ("Lương", 1), ("Cao", 1), ("Hà", 1), ("Tống", 1), ("Lưu", 1),
)
# Family names of the ethnic groups of western Thanh Hóa.
MINORITY_FAMILY = {
    "Mường": ("Bùi", "Đinh", "Quách", "Phạm", "Trương", "Hà"),
    "Thái": ("Lò", "Hà", "Lương", "Vi", "Cầm", "Lục"),
    "Tày": ("Hoàng", "Nông", "Ma", "Lưu"),
    "Dao": ("Bàn", "Triệu", "Đặng", "Lý"),
    "HMông": ("Giàng", "Thào", "Vàng", "Lầu"),
    "Thổ": ("Trương", "Lê", "Hồ"),
}
MALE_MIDDLE = (("Văn", 12), ("Hữu", 2), ("Đức", 2), ("Minh", 2), ("Đình", 2), ("Xuân", 1), ("Ngọc", 1), ("Công", 1),
               ("Quang", 1), ("Bá", 1), ("Trọng", 1), ("Duy", 1), ("Mạnh", 1), ("Thanh", 1), ("Tiến", 1))
FEMALE_MIDDLE = (("Thị", 14), ("Thu", 1), ("Ngọc", 1), ("Thanh", 1), ("Minh", 1), ("Hồng", 1), ("Bích", 1),
                 ("Thùy", 1), ("Kim", 1), ("Phương", 1), ("Hải", 1))
SECOND_MIDDLE_FEMALE = ("Thu", "Minh", "Ngọc", "Thanh", "Hồng", "Hải", "Phương", "Bích", "Kim", "Thúy")
MALE_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hùng", "Long", "Nam", "Sơn", "Tuấn", "Thắng", "Hải", "Hoà", "Hòa", "Hiếu",
              "Khánh", "Lâm", "Mạnh", "Phong", "Quân", "Thành", "Trung", "Việt", "Đạt", "Hưng", "Kiên", "Lợi", "Nghĩa",
              "Quang", "Tài", "Toàn", "Tùng", "Vinh", "Chiến", "Đông", "Giang", "Huy", "Tiến", "Thịnh", "Lực", "Sáng",
              "Thuỷ", "Thủy", "Khoa", "Hoàng", "Đức", "Tâm", "Thuận", "Phúc", "Lộc", "Hậu", "Minh", "Tú")
FEMALE_GIVEN = ("Hương", "Lan", "Hoa", "Hằng", "Thủy", "Thuỷ", "Hòa", "Hoà", "Mai", "Nga", "Ngọc", "Oanh", "Phương",
                "Thảo", "Trang", "Yến", "Dung", "Hà", "Liên", "Nhung", "Huyền", "Loan", "Minh", "Quyên", "Tâm", "Vân",
                "Xuân", "Chi", "Linh", "Hạnh", "Lý", "Tuyết", "Thoa", "Hiền", "Thúy", "Duyên", "Giang", "Nhàn", "Quỳnh")
OTHER_NAMES_MALE = ("Cu Tý", "Tư", "Ba", "Hai")
OTHER_NAMES_FEMALE = ("Bé", "Út", "Hai")
RESERVED_NAMES = {u.full_name for u in DEMO_USERS if u.username in ("bithu.khupho1", "dangvien.khupho1")}

# ---------------------------------------------------------------------------- places and people

ETHNICITIES = (("Kinh", 900), ("Mường", 50), ("Thái", 28), ("Tày", 7), ("Dao", 7), ("HMông", 4), ("Thổ", 4))
RELIGIONS = (("Không", 93), ("Phật giáo", 4), ("Công giáo", 3))
# CCCD province of birth registration: Thanh Hóa (038) for most, neighbours and big cities for the rest.
PROVINCES = (("038", "Thanh Hóa", 88), ("040", "Nghệ An", 3), ("037", "Ninh Bình", 2), ("036", "Nam Định", 1),
             ("017", "Hòa Bình", 1), ("001", "Hà Nội", 2), ("042", "Hà Tĩnh", 1), ("014", "Sơn La", 1),
             ("079", "Hồ Chí Minh", 1))
OLD_PLACES = ("phường Bắc Sơn, thị xã Sơn Hà", "phường Trung Sơn, thị xã Sơn Hà", "xã Hải Hà, thị xã Sơn Hà",
              "xã Hà Lan, thị xã Sơn Hà", "xã Đông Ninh, huyện Đông Hà", "xã Đông Khê, huyện Đông Hà",
              "xã Quảng Tâm, huyện Quảng Xương", "xã Hoằng Quang, huyện Hoằng Hóa", "xã Thiệu Đô, huyện Thiệu Hóa",
              "xã Cẩm Châu, huyện Cẩm Thủy", "xã Ngọc Trạo, huyện Thạch Thành", "thị trấn Ngọc Lặc, huyện Ngọc Lặc")
OUTSIDE_PLACES = ("xã Diễn Châu, huyện Diễn Châu", "phường Trường Thi, thành phố Vinh", "xã Ninh Hải, huyện Hoa Lư",
                  "phường Láng Hạ, quận Đống Đa", "xã Mai Sơn, huyện Mai Sơn", "phường Tân Định, quận 1")
ARMY_UNITS = ("Trung đoàn 762", "Sư đoàn 341", "Trung đoàn 24, Sư đoàn 304", "Lữ đoàn 596", "Bộ Chỉ huy Quân sự tỉnh Thanh Hóa")
OUTSIDE_CELLS = ("Chi bộ Trường THPT Phan Bội Châu, Đảng bộ thành phố Vinh, tỉnh Nghệ An",
                 "Chi bộ Công ty Xi măng Bỉm Sơn, Đảng bộ thị xã Bỉm Sơn, tỉnh Thanh Hóa",
                 "Chi bộ Phòng Tài chính – Kế hoạch, Đảng bộ huyện Nga Sơn, tỉnh Thanh Hóa",
                 "Chi bộ khu phố 3, Đảng bộ phường Ba Đình, thành phố Thanh Hóa",
                 "Chi bộ Bệnh viện Đa khoa tỉnh, Đảng bộ Khối Cơ quan tỉnh Thanh Hóa",
                 "Chi bộ Trường Đại học Hồng Đức, tỉnh Thanh Hóa",
                 "Chi bộ thôn Đông, Đảng bộ xã Ninh Hải, tỉnh Ninh Bình",
                 "Chi bộ sinh viên, Đảng bộ Trường Đại học Bách khoa Hà Nội",
                 "Chi bộ Công an phường Điện Biên, thành phố Thanh Hóa",
                 "Chi bộ Nông trường Thống Nhất, huyện Yên Định, tỉnh Thanh Hóa")
AWAY_PLACES = ("Đảng bộ phường Trường Thi, tỉnh Nghệ An", "Đảng bộ Khối các cơ quan Trung ương, Hà Nội",
               "Đảng bộ phường Tân Định, Thành phố Hồ Chí Minh", "Đảng bộ thành phố Thanh Hóa, tỉnh Thanh Hóa",
               "Đảng bộ Quân khu 4", "Đảng bộ xã Ninh Hải, tỉnh Ninh Bình")
COMPANIES = ("Công ty Cổ phần Mía đường Lam Sơn", "Công ty TNHH Giày Sun Jade", "Công ty Cổ phần Xi măng Sơn Hà",
             "Hợp tác xã Nông nghiệp Đông Tiến", "Công ty TNHH May Hải Hà", "Công ty Cổ phần Vận tải Thanh Hóa")

# Occupation, qualification and position choices (names as in the reference lists).
OCC = {"office": "Cán bộ, công chức", "public": "Viên chức", "armed": "Lực lượng vũ trang", "worker": "Công nhân",
       "farmer": "Nông dân", "owner": "Chủ doanh nghiệp, doanh nhân", "employee": "Người lao động trong doanh nghiệp",
       "free": "Lao động tự do", "student": "Học sinh, sinh viên", "retired": "Hưu trí", "other": "Khác"}
PROFESSIONAL = {
    "office": (("Đại học", 80), ("Cao đẳng", 5), ("Trung cấp", 15)),
    "public": (("Đại học", 75), ("Cao đẳng", 15), ("Trung cấp", 10)),
    "armed": (("Đại học", 45), ("Cao đẳng", 10), ("Trung cấp", 40), ("Sơ cấp", 5)),
    "worker": (("Trung cấp", 30), ("Sơ cấp", 40), ("Chưa qua đào tạo", 30)),
    "employee": (("Đại học", 35), ("Cao đẳng", 20), ("Trung cấp", 30), ("Sơ cấp", 15)),
    "owner": (("Đại học", 60), ("Cao đẳng", 20), ("Trung cấp", 20)),
    "farmer": (("Chưa qua đào tạo", 70), ("Sơ cấp", 25), ("Trung cấp", 5)),
    "free": (("Chưa qua đào tạo", 40), ("Sơ cấp", 25), ("Trung cấp", 20), ("Cao đẳng", 5), ("Đại học", 10)),
    "student": (("Chưa qua đào tạo", 100),),
    "retired_old": (("Trung cấp", 35), ("Sơ cấp", 25), ("Chưa qua đào tạo", 25), ("Đại học", 15)),
    "retired": (("Đại học", 35), ("Cao đẳng", 10), ("Trung cấp", 30), ("Sơ cấp", 10), ("Chưa qua đào tạo", 15)),
    "other": (("Chưa qua đào tạo", 50), ("Sơ cấp", 30), ("Trung cấp", 20)),
}
THEORY = {
    "office": ((None, 5), ("Sơ cấp", 35), ("Trung cấp", 45), ("Cao cấp", 12), ("Cử nhân", 3)),
    "public": ((None, 18), ("Sơ cấp", 60), ("Trung cấp", 20), ("Cao cấp", 2)),
    "armed": ((None, 10), ("Sơ cấp", 40), ("Trung cấp", 40), ("Cao cấp", 10)),
    "retired": ((None, 25), ("Sơ cấp", 40), ("Trung cấp", 30), ("Cao cấp", 5)),
    "other": ((None, 40), ("Sơ cấp", 55), ("Trung cấp", 5)),
}
POSITIONS = {
    "office": (("Chuyên viên", 55), ("Cán sự", 12), ("Phó Trưởng phòng", 15), ("Trưởng phòng", 8), ("Chuyên viên chính", 10)),
    "school": (("Giáo viên", 85), ("Phó Hiệu trưởng", 8), ("Hiệu trưởng", 3), ("Nhân viên văn phòng", 4)),
    "health": (("Bác sĩ", 35), ("Điều dưỡng", 35), ("Dược sĩ", 8), ("Kỹ thuật viên", 12), ("Trưởng khoa", 5),
               ("Phó Trưởng khoa", 5)),
    "public": (("Viên chức", 70), ("Phó Giám đốc", 10), ("Kế toán", 10), ("Giám đốc", 5), ("Chuyên viên", 5)),
    "military": (("Trợ lý", 40), ("Chỉ huy phó", 15), ("Chiến sĩ dân quân", 30), ("Chỉ huy trưởng", 5), ("Nhân viên", 10)),
    "police": (("Cán bộ", 55), ("Phó Đội trưởng", 20), ("Đội trưởng", 10), ("Chiến sĩ", 15)),
    "enterprise": (("Công nhân", 45), ("Nhân viên", 20), ("Kỹ sư", 15), ("Tổ trưởng sản xuất", 12), ("Quản đốc", 5),
                   ("Trưởng phòng", 3)),
}
LANGUAGES = (("", 40), ("Tiếng Anh B1", 25), ("Tiếng Anh trình độ B", 20), ("Tiếng Anh A2", 10), ("Tiếng Trung A2", 2),
             ("Tiếng Nga trình độ B", 3))
IT_LEVELS = (("", 35), ("Chứng chỉ ứng dụng CNTT cơ bản", 45), ("Tin học văn phòng trình độ B", 15),
             ("Chứng chỉ ứng dụng CNTT nâng cao", 5))

# How many members a cell has, relative to others, by role.
ROLE_WEIGHT = {"residential": 2.2, "office": 1.0, "school": 0.8, "health": 1.3, "public": 1.0, "military": 0.7,
               "police": 1.0, "enterprise": 1.0}
FEMALE_SHARE = {"residential": 0.4, "office": 0.45, "school": 0.7, "health": 0.65, "public": 0.5, "military": 0.08,
                "police": 0.15, "enterprise": 0.35}
MEMBER_KINDS = frozenset({Kind.CELL, Kind.GRASSROOTS_CELL})


@dataclass(frozen=True)
class Cell:
    """What the planner needs to know of a cell (read from the database by `demo_cells`)."""

    code: str
    name: str
    role: str  # residential, office, school, health, public, military, police, enterprise
    district: str  # "A" (Sơn Hà) or "B" (Đông Hà)
    commune: str  # code of today's ward or commune committee ("" for an ended cell)
    place: str  # "phường Sơn Hà"
    workplace: str
    eligible_from: dt.date  # since when it has been a cell (members may sit in it)
    ended_on: dt.date | None = None
    successor: str = ""  # for an ended cell: where its members went on `ended_on`
    end_reason: str = ""
    parent: str = ""

    def open_on(self, on: dt.date) -> bool:
        return self.eligible_from <= on and (self.ended_on is None or on < self.ended_on)


@dataclass
class PlannedEvent:
    event_type: str
    on: dt.date
    organization: str = ""  # code
    external_place: str = ""
    decision: tuple = ("", None, "", "")  # number, date, body, reason
    ground: str = ""  # RemovalGround of an ending event


@dataclass
class PlannedMember:
    fields: dict  # record fields; reference fields hold the item's name
    first_cell: str  # where the record is registered (admitted there, or transferred in on joined_on)
    joined_on: dt.date | None
    events: list[PlannedEvent] = field(default_factory=list)
    username: str = ""
    status: str = ""  # expected after replay
    cell: str = ""  # expected last cell


def pick(rng: random.Random, weighted):
    """One value of `weighted` ((value, weight), …), drawn by weight (the demo's and the bench's draws)."""
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def draw_name(rng: random.Random, sex: str, born: dt.date, ethnicity: str = "Kinh") -> str:
    """A full name from the demo's lists (younger people carry fewer "Văn" and "Thị"); the demo and
    the bench (bench/members.py) draw their people's names here."""
    if ethnicity in MINORITY_FAMILY and rng.random() < 0.8:
        family = rng.choice(MINORITY_FAMILY[ethnicity])
    else:
        family = pick(rng, FAMILY_NAMES)
    pool = FEMALE_MIDDLE if sex == Sex.FEMALE else MALE_MIDDLE
    if born.year >= 1985:  # fewer "Văn" and "Thị" in the younger generation
        pool = tuple((n, w // 2 if n in ("Văn", "Thị") else w) for n, w in pool)
    middle = pick(rng, pool)
    if middle == "Thị" and rng.random() < 0.25:
        middle = f"Thị {rng.choice(SECOND_MIDDLE_FEMALE)}"
    return f"{family} {middle} {rng.choice(FEMALE_GIVEN if sex == Sex.FEMALE else MALE_GIVEN)}"


def draw_citizen_id(rng: random.Random, province: str, sex: str, born: dt.date, taken: set[str]) -> str:
    """A 12-digit CCCD (province, century and sex, year, serial) not yet in `taken`, which it joins."""
    digit = (0 if born.year < 2000 else 2) + (1 if sex == Sex.FEMALE else 0)
    while True:
        value = f"{province}{digit}{born.year % 100:02d}{rng.randint(0, 999999):06d}"
        if value not in taken:
            taken.add(value)
            return value


def _years(d: dt.date, years: int) -> dt.date:
    return rules.add_months(d, 12 * years)


class _Planner:
    def __init__(self, rng: random.Random, cells: list[Cell], today: dt.date):
        self.rng = rng
        self.today = today
        self.cells = {c.code: c for c in sorted(cells, key=lambda c: c.code)}
        self.active = [c for c in self.cells.values() if c.ended_on is None]
        self.weights = [ROLE_WEIGHT[c.role] * (2.0 if c.code.endswith(".000.000.001") else 1.0) for c in self.active]
        self.predecessors: dict[str, list[Cell]] = {}
        for c in self.cells.values():
            if c.ended_on is not None and c.successor in self.cells:
                self.predecessors.setdefault(c.successor, []).append(c)
        # The new ward offices of 1/7/2025 without a merged cell of their own take people from the old
        # ward office cells merged into their sibling.
        for c in self.active:
            if c.code not in self.predecessors and c.eligible_from == REFORM:
                siblings = [s for s in self.active if s.parent == c.parent and s.eligible_from == REFORM and s.role == "office"]
                pool = [p for s in siblings for p in self.predecessors.get(s.code, []) if p.role == "office"]
                if pool:
                    self.predecessors[c.code] = pool
        self.citizen_ids: set[str] = set()
        self.cards: set[str] = set()
        self.record_seq = rng.randint(1000, 5000)
        self.decision_numbers: Counter = Counter()

    # --- small draws

    def date_between(self, start: dt.date, end: dt.date) -> dt.date | None:
        if end < start:
            return None
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def name(self, sex: str, born: dt.date, ethnicity: str = "Kinh", reserved: bool = True) -> str:
        for _ in range(100):
            full = draw_name(self.rng, sex, born, ethnicity)
            if not reserved or full not in RESERVED_NAMES:
                return full
        raise RuntimeError("no name")  # pragma: no cover

    def citizen_id(self, province: str, sex: str, born: dt.date) -> str:
        return draw_citizen_id(self.rng, province, sex, born, self.citizen_ids)

    def card(self) -> str:
        while True:
            value = f"{self.rng.randint(10_000_000, 99_999_999)}"
            if value not in self.cards:
                self.cards.add(value)
                return value

    def decision(self, body: str, on: dt.date, reason: str, numbered: bool = True, suffix: str = "ĐU") -> tuple:
        decided = max(on - dt.timedelta(days=self.rng.randint(0, 20)), EARLIEST_ADMISSION)
        number = ""
        if numbered:
            self.decision_numbers[(body, decided.year)] += self.rng.randint(1, 6)
            number = f"{self.decision_numbers[(body, decided.year)] + 10}-QĐ/{suffix}"
        return (number, decided, body, reason)

    def body_for(self, cell: Cell) -> str:
        return f"Ban Thường vụ Đảng ủy {cell.place}" if cell.place else "Ban Thường vụ Tỉnh ủy Thanh Hóa"

    # --- one person

    def person(self, cell: Cell, *, full_name: str = "", sex: str = "", age: tuple | None = None, keep: bool = False,
               username: str = "", admitted_by: tuple | None = None) -> PlannedMember:
        """Draw a member whose present (or last) cell is `cell`. `keep`: stays in the party, no ending."""
        rng, today = self.rng, self.today
        role = cell.role
        sex = sex or (Sex.FEMALE if rng.random() < FEMALE_SHARE[role] else Sex.MALE)
        if age is None:
            if role == "residential":
                r = rng.random()
                age = (66, 90) if r < 0.38 else (45, 65) if r < 0.72 else (18, 44)
            elif role in ("military", "police"):
                age = (21, 50)
            else:
                age = (23, 60)
        years = rng.randint(*age)
        born = _years(today, -years) - dt.timedelta(days=rng.randint(45, 360))  # admissible 40 days ago at the latest
        ethnicity = pick(rng, ETHNICITIES)
        full_name = full_name or self.name(sex, born, ethnicity)

        # Admission: 18–60 years old (counted in months), from 1960, a share admitted in the last year.
        low = max(EARLIEST_ADMISSION, _years(born, 18) + dt.timedelta(days=1))
        high = min(today - dt.timedelta(days=40), _years(born, 60) - dt.timedelta(days=1))
        settled = min(high, today - dt.timedelta(days=420))  # probation long over
        if admitted_by is not None:
            decided = self.date_between(max(low, admitted_by[0]), min(high, admitted_by[1])) or low
        elif settled < low or (not keep and rng.random() < 0.045):
            decided = self.date_between(max(low, today - dt.timedelta(days=360)), high) or high
        else:
            decided = born + dt.timedelta(days=int(rng.triangular(18.2, 50, 24) * 365.25))
            if not low <= decided <= settled:  # redrawn, not clamped: no pile of people on one day
                decided = self.date_between(low, settled)
        ceremony = min(decided + dt.timedelta(days=rng.randint(0, 30)), today - dt.timedelta(days=1))
        probation_over = rules.add_months(ceremony, PROBATION_MONTHS) <= today
        struck_probationary = probation_over and not keep and rng.random() < 0.012
        recognition = rules.add_months(ceremony, PROBATION_MONTHS) if probation_over and not struck_probationary else None
        settled_on = recognition or ceremony  # transfers come after the record's own events

        plan = PlannedMember(fields={}, first_cell=cell.code, joined_on=None, username=username)
        occupation_kind = self.occupation(role, sex, years, cell)
        admitted_in = self.place_admission(plan, cell, born, ceremony, settled_on, occupation_kind, struck_probationary)
        self.fill_record(plan, cell, full_name, sex, born, years, ethnicity, occupation_kind)
        plan.fields.update({
            "admission_decision_date": decided, "ceremony_date": ceremony, "recognition_date": recognition,
            "admitted_in": admitted_in,
            "introducer_1": self.name(pick(rng, ((Sex.MALE, 6), (Sex.FEMALE, 4))), born),
            "introducer_2": self.name(pick(rng, ((Sex.MALE, 6), (Sex.FEMALE, 4))), born),
            "party_card_number": self.card() if recognition and rng.random() < 0.97 else None,
        })
        youth_from, youth_to = _years(born, 15), min(_years(born, 17), decided - dt.timedelta(days=30))
        if born.year >= 1945 and rng.random() < 0.85:
            plan.fields["youth_union_date"] = self.date_between(youth_from, youth_to)
        plan.status = Status.FULL if recognition else Status.PROBATIONARY
        if struck_probationary:
            on = self.date_between(rules.add_months(ceremony, 9), rules.add_months(ceremony, 12) - dt.timedelta(days=1))
            body = self.body_for(self.cells[plan.first_cell])
            plan.events.append(PlannedEvent(EventType.STRUCK_OFF, on, decision=self.decision(
                body, on, "Không đủ tư cách đảng viên chính thức: xóa tên trong danh sách đảng viên dự bị"),
                ground=RemovalGround.PROBATION_FAILED))
            plan.status = Status.STRUCK_OFF
        elif not keep:
            self.later_life(plan, cell, born, years)
        return plan

    def occupation(self, role: str, sex: str, years: int, cell: Cell) -> str:
        rng = self.rng
        if role == "office":
            return "office"
        if role in ("school", "health", "public"):
            return "public"
        if role in ("military", "police"):
            return "armed"
        if role == "enterprise":
            return pick(rng, (("employee", 65), ("worker", 30), ("owner", 5)))
        retirement = 60 if sex == Sex.MALE else 55
        if years >= retirement and rng.random() < 0.85:
            return "retired"
        if years <= 22 and rng.random() < 0.5:
            return "student"
        village = cell.name.startswith("Chi bộ thôn")
        return pick(rng, (("farmer", 45 if village else 3), ("free", 25), ("employee", 15), ("worker", 10), ("owner", 5),
                           ("office", 4), ("other", 5)))

    def place_admission(self, plan: PlannedMember, cell: Cell, born: dt.date, ceremony: dt.date, settled_on: dt.date,
                        occupation_kind: str, struck: bool) -> str:
        """Where the member was admitted and how they came to `cell`; returns the record's "chi bộ kết nạp"."""
        rng, today = self.rng, self.today
        direct = cell.open_on(ceremony)
        preds = [p for p in self.predecessors.get(cell.code, []) if p.open_on(ceremony) and settled_on <= p.ended_on]
        others = [c for c in self.active if c.code != cell.code and c.district == cell.district and c.open_on(ceremony)]
        transfer_from = max(settled_on + dt.timedelta(days=1), cell.eligible_from)
        r = rng.random()
        if struck:  # struck off while probationary: stays where admitted
            if direct:
                plan.cell = cell.code
                return cell.name
            if others:
                home = rng.choice(others)
                plan.first_cell = plan.cell = home.code
                return home.name
            return cell.name  # pragma: no cover (the oldest cells are open since before 1960 + 18 years)
        plan.cell = cell.code
        mode = "external"
        if direct:
            retiree = cell.role == "residential" and occupation_kind == "retired"
            mode = "direct" if r < (0.6 if retiree else 0.84) else "internal" if r < (0.8 if retiree else 0.92) else "external"
        elif preds:
            mode = "predecessor" if r < 0.85 else "external"
        elif r < 0.45:
            mode = "internal"
        if mode == "internal" and (not others or transfer_from > today):
            mode = "direct" if direct else "external"
        if mode == "direct":
            return cell.name
        if mode == "predecessor":
            home = rng.choice(preds)
            plan.first_cell = home.code
            reason = ("Sắp xếp tổ chức đảng khi kết thúc hoạt động cấp huyện (Quy định 294-QĐ/TW)" if home.ended_on == REFORM
                      else "Giải thể chi bộ" if home.end_reason == "dissolved" else "Sáp nhập chi bộ")
            plan.events.append(PlannedEvent(EventType.TRANSFERRED_INTERNAL, home.ended_on, cell.code,
                                            decision=self.decision(self.body_for(cell), home.ended_on, reason)))
            return home.name
        if mode == "internal":
            if cell.role == "residential" and occupation_kind == "retired":
                pool = [c for c in others if c.role != "residential"] or others
            else:
                siblings = [c for c in others if c.parent == cell.parent]
                pool = siblings if siblings and rng.random() < 0.6 else others
            home = rng.choice(pool)
            plan.first_cell = home.code
            if occupation_kind == "retired":
                on = min(max(_years(born, 60) + dt.timedelta(days=rng.randint(0, 200)), transfer_from), today)
            else:
                on = self.date_between(transfer_from, today)
            reason = "Nghỉ hưu, về sinh hoạt nơi cư trú" if occupation_kind == "retired" else "Điều động, chuyển công tác"
            plan.events.append(PlannedEvent(EventType.TRANSFERRED_INTERNAL, on, cell.code,
                                            decision=self.decision(self.body_for(cell), on, reason)))
            return home.name
        # Transferred in from outside the demo (army, another district or province, a university).
        joined_from = max(ceremony + dt.timedelta(days=1), cell.eligible_from)
        plan.joined_on = self.date_between(joined_from, today) or today
        if ceremony.year < 1990 and rng.random() < 0.5:
            return f"Chi bộ Đại đội {rng.randint(1, 12)}, {rng.choice(ARMY_UNITS)}"
        return rng.choice(OUTSIDE_CELLS)

    def fill_record(self, plan: PlannedMember, cell: Cell, full_name: str, sex: str, born: dt.date, years: int,
                    ethnicity: str, occupation_kind: str) -> None:
        rng = self.rng
        province, province_name, _ = rng.choices(PROVINCES, [w for _, _, w in PROVINCES])[0]
        if province == "038":
            origin = f"{rng.choice(OLD_PLACES)}, tỉnh Thanh Hóa"
        else:
            origin = f"{rng.choice(OUTSIDE_PLACES)}, {'tỉnh ' if province not in ('001', '079') else 'thành phố '}{province_name}"
        home_town = origin if rng.random() < 0.8 else f"{rng.choice(OLD_PLACES)}, tỉnh Thanh Hóa"
        residential = cell if cell.role == "residential" else self.home_quarter(cell)
        quarter = residential.name.removeprefix("Chi bộ ")
        house = f"Số {rng.randint(1, 180)}, " if quarter.startswith("khu phố") else ""
        address = f"{house}{quarter[0].upper()}{quarter[1:]}, {residential.place}, tỉnh Thanh Hóa"
        born_before_1955, born_before_1975 = born.year < 1955, born.year < 1975
        if occupation_kind in ("office", "public", "armed"):
            education = "Trung học phổ thông"
        elif born_before_1955:
            education = pick(rng, (("Tiểu học", 10), ("Trung học cơ sở", 50), ("Trung học phổ thông", 40)))
        elif born_before_1975:
            education = pick(rng, (("Trung học cơ sở", 30), ("Trung học phổ thông", 70)))
        else:
            education = pick(rng, (("Trung học cơ sở", 8), ("Trung học phổ thông", 92)))
        prof_key = "retired_old" if occupation_kind == "retired" and born.year < 1950 else occupation_kind
        professional = pick(rng, PROFESSIONAL[prof_key])
        degree = title = None
        if professional == "Đại học":
            share = {"office": 0.15, "public": 0.14, "armed": 0.08}.get(occupation_kind, 0.03)
            if rng.random() < share:
                degree = "Tiến sĩ" if cell.role in ("health", "school", "public") and rng.random() < 0.1 else "Thạc sĩ"
                if degree == "Tiến sĩ" and cell.role == "health" and rng.random() < 0.3:
                    title = "Phó Giáo sư"
        theory_key = occupation_kind if occupation_kind in THEORY else "other"
        theory = pick(rng, THEORY[theory_key])
        white_collar = occupation_kind in ("office", "public", "armed", "owner") or degree is not None
        position = ""
        if cell.role != "residential":
            position = pick(rng, POSITIONS[cell.role])
        elif occupation_kind == "retired" and rng.random() < 0.2:
            position = rng.choice(("Nguyên cán bộ xã", "Nguyên giáo viên", "Cựu chiến binh", "Nguyên công nhân"))
        workplace = cell.workplace
        if cell.role == "residential":
            workplace = rng.choice(COMPANIES) if occupation_kind in ("employee", "worker", "owner") else ""
        elderly = years >= 75
        plan.fields.update({
            "full_name": full_name,
            "other_names": rng.choice(OTHER_NAMES_FEMALE if sex == Sex.FEMALE else OTHER_NAMES_MALE)
            if born.year < 1960 and rng.random() < 0.05 else "",
            "sex": sex,
            "date_of_birth": born,
            "place_of_birth": origin,
            "home_town": home_town,
            "permanent_address": address,
            "current_address": address if rng.random() < 0.9 else f"{self.home_quarter(cell).name.removeprefix('Chi bộ ')}, "
                                                                  f"{cell.place}, tỉnh Thanh Hóa",
            "ethnicity": ethnicity,
            "religion": pick(rng, RELIGIONS),
            "citizen_id": self.citizen_id(province, sex, born),
            "record_number": f"{self.next_record():06d}-TH",
            "general_education": education,
            "professional": professional,
            "academic_degree": degree,
            "academic_title": title,
            "theory_level": theory,
            "foreign_language": pick(rng, LANGUAGES) if white_collar and born.year >= 1965 else "",
            "it_level": pick(rng, IT_LEVELS) if white_collar and born.year >= 1965 else "",
            "occupation": OCC[occupation_kind],
            "workplace": workplace,
            "position": position,
            "is_army": cell.role == "military",
            "is_police": cell.role == "police",
            "is_retired": occupation_kind == "retired",
            "health": pick(rng, (("Tốt", 60), ("Trung bình", 30), ("Yếu", 10))) if elderly else pick(
                rng, (("Tốt", 85), ("Khá", 12), ("Trung bình", 3))),
            "war_invalid_grade": rng.choice(("2/4", "3/4", "4/4")) if born.year < 1958 and sex == Sex.MALE
            and rng.random() < 0.06 else "",
            "martyr_family": rng.random() < 0.04,
            "merit_family": rng.random() < 0.06,
        })

    def next_record(self) -> int:
        self.record_seq += self.rng.randint(1, 40)
        return self.record_seq

    def home_quarter(self, cell: Cell) -> Cell:
        quarters = [c for c in self.active if c.role == "residential" and (c.commune == cell.commune or not cell.commune)]
        return self.rng.choice(quarters or [c for c in self.active if c.role == "residential"])

    def later_life(self, plan: PlannedMember, cell: Cell, born: dt.date, years: int) -> None:
        """Exemption, suspension, and the end of membership, after the events already planned."""
        rng, today = self.rng, self.today
        last = max([plan.fields["ceremony_date"], plan.fields["recognition_date"] or plan.fields["ceremony_date"],
                    plan.joined_on or plan.fields["ceremony_date"], *[e.on for e in plan.events]])
        home = self.cells[plan.cell or plan.first_cell]
        body = self.body_for(home)
        if years >= 72 and rng.random() < 0.25:
            on = self.date_between(max(last + dt.timedelta(days=1), _years(born, 70)), today)
            if on is not None:
                plan.events.append(PlannedEvent(EventType.EXEMPTED, on, decision=self.decision(
                    home.name, on, "Tuổi cao, sức yếu; tự nguyện xin miễn công tác và sinh hoạt đảng", numbered=False)))
                last = on
        # One draw, in bands: death (mostly the elderly), transfer away, struck off, left, expelled, suspended.
        bands = [
            ("deceased", (0.05 + (0.10 if years >= 80 else 0.0)) if years >= 65 else 0.002),
            ("away", 0.04 if years < 62 else 0.005),
            ("struck_off", 0.006), ("left", 0.004), ("expelled", 0.002), ("suspended", 0.004),
        ]
        r, outcome = rng.random(), None
        for name, share in bands:
            if r < share:
                outcome = name
                break
            r -= share
        ending = {
            "deceased": (EventType.DECEASED, "Từ trần", False, "", ""),
            "away": (EventType.TRANSFERRED_OUT, "Chuyển công tác, chuyển nơi cư trú ra ngoài tỉnh", True, rng.choice(AWAY_PLACES),
                     ""),
            "struck_off": (EventType.STRUCK_OFF, "Bỏ sinh hoạt đảng 3 tháng trong năm không có lý do chính đáng", True, "",
                           RemovalGround.ABSENT),
            "left": (EventType.LEFT, "Xin ra khỏi Đảng vì hoàn cảnh gia đình đặc biệt khó khăn", True, "", RemovalGround.HARDSHIP),
            "expelled": (EventType.EXPELLED, "Vi phạm Quy định 69-QĐ/TW, mức khai trừ", True, "", RemovalGround.OTHER_DISCIPLINE),
        }.get(outcome)
        if outcome == "suspended":
            on = self.date_between(max(last + dt.timedelta(days=1), today - dt.timedelta(days=300)), today)
            if on is not None:
                plan.events.append(PlannedEvent(EventType.SUSPENDED, on, decision=self.decision(
                    f"Ủy ban Kiểm tra Đảng ủy {home.place}", on, "Bị khởi tố, điều tra")))
        if ending is not None:
            event_type, reason, numbered, place, ground = ending
            earliest = last + dt.timedelta(days=1)
            if event_type == EventType.DECEASED:
                earliest = max(earliest, _years(born, 60 if years >= 65 else 25))
            on = self.date_between(earliest, today)
            if on is not None:
                plan.events.append(PlannedEvent(event_type, on, external_place=place,
                                                decision=self.decision(body, on, reason, numbered=numbered), ground=ground))
                plan.status = ENDING_EVENTS[event_type]
                if event_type == EventType.DECEASED and on.year < 2016:  # died before the CCCD existed
                    plan.fields["citizen_id"] = None
        plan.events.sort(key=lambda e: e.on)  # already in order: each date is drawn after the last one

    # --- everyone

    def build(self, count: int) -> list[PlannedMember]:
        rng = self.rng
        people: list[PlannedMember] = []
        khu_pho_1 = self.cells[KHU_PHO_1_CODE]
        by_user = {u.username: u for u in DEMO_USERS}
        people.append(self.person(khu_pho_1, full_name=by_user["bithu.khupho1"].full_name, sex=Sex.MALE, age=(55, 58),
                                  keep=True, username="bithu.khupho1", admitted_by=(khu_pho_1.eligible_from, D(2004, 12, 31))))
        people.append(self.person(khu_pho_1, full_name=by_user["dangvien.khupho1"].full_name, sex=Sex.FEMALE, age=(36, 40),
                                  keep=True, username="dangvien.khupho1", admitted_by=(D(2010, 1, 1), D(2016, 12, 31))))
        son_ha = [c for c in self.active if c.commune == SON_HA_WARD_CODE and c.role == "residential"
                  and c.code != KHU_PHO_1_CODE and c.eligible_from < D(1990, 1, 1)]
        people.append(self.person(rng.choice(son_ha), full_name="Trần Văn Bình", sex=Sex.MALE, age=(62, 70), keep=True))
        a_cells = [c for c in self.active if c.district == "A" and c.role != "military"]
        for given in ("Hoà", "Hòa"):
            people.append(self.person(rng.choice(a_cells), full_name=f"Nguyễn Thị {given}", sex=Sex.FEMALE, age=(30, 55),
                                      keep=True))
        people = people[:count]
        while len(people) < count:
            people.append(self.person(rng.choices(self.active, self.weights)[0]))
        return people


def plan_members(rng: random.Random, count: int, cells: list[Cell], today: dt.date) -> list[PlannedMember]:
    """The members as data. Pure: the same generator state, cells and day give the same plan."""
    return _Planner(rng, cells, today).build(count)


# ---------------------------------------------------------------------------- reading the cells


def demo_cells() -> list[Cell]:
    """The demo's cells today, and the ended cells whose members moved to one of them."""
    from dangvu.organizations.models import Organization, OrganizationVersion

    orgs = {o.pk: o for o in Organization.objects.all()}
    runs: dict[int, dt.date] = {}
    last_kind: dict[int, str] = {}
    for v in OrganizationVersion.objects.order_by("organization_id", "valid_from").only("organization_id", "valid_from", "kind"):
        if v.kind in MEMBER_KINDS and last_kind.get(v.organization_id) in MEMBER_KINDS:
            pass  # the run of being a cell goes on
        elif v.kind in MEMBER_KINDS:
            runs[v.organization_id] = v.valid_from
        last_kind[v.organization_id] = v.kind

    def ancestors(org):
        return [orgs[i] for i in org.ancestor_ids() if i in orgs]

    def describe(org, successor: str = "") -> Cell:
        chain = ancestors(org)
        names = " ".join(a.name for a in chain)
        commune = next((a for a in chain if a.kind == Kind.COMMUNE_COMMITTEE), None)
        if org.unit_type == UnitType.RESIDENTIAL:
            role = "residential"
        elif org.unit_type == UnitType.ARMED_FORCES:
            role = "police" if "Công an" in names or "Công an" in org.name else "military"
        elif org.unit_type == UnitType.PUBLIC_SERVICE:
            role = "school" if "Trường" in names or "Trường" in org.name else (
                "health" if any(w in names or w in org.name for w in ("Bệnh viện", "Y tế")) else "public")
        elif org.unit_type in (UnitType.STATE_AGENCY, UnitType.PARTY_MASS):
            role = "office"
        else:
            role = "enterprise"
        unit = org.name.removeprefix("Chi bộ ")
        parent = orgs.get(org.parent_id)
        for up in (parent, orgs.get(parent.parent_id) if parent else None):
            if up is not None and up.kind == Kind.GRASSROOTS_COMMITTEE and up.unit_type != UnitType.COMMUNE_WARD:
                unit = f"{unit}, {up.name.removeprefix('Đảng bộ ')}"
                break
        # Huyện Đông Hà's organizations end, or are renumbered, under its communes; the rest (Sơn Hà's wards
        # and the town's agencies now in the province's committees) are of district A.
        district = "B" if (commune.code if commune else org.code).startswith(B_COMMUNE_CODES) or org.code.startswith("38.169") else "A"
        place = commune.name.removeprefix("Đảng bộ ") if commune else ""
        return Cell(code=org.code, name=org.name, role=role, district=district, commune=commune.code if commune else "",
                    place=place, workplace=unit, eligible_from=runs[org.pk], ended_on=org.ended_on, successor=successor,
                    end_reason=org.end_reason, parent=parent.code if parent else "")

    cells = []
    for org in orgs.values():
        if org.kind not in MEMBER_KINDS or org.pk not in runs:
            continue
        if org.ended_on is None:
            cells.append(describe(org))
        elif org.successor_id and orgs[org.successor_id].ended_on is None and orgs[org.successor_id].kind in MEMBER_KINDS:
            cells.append(describe(org, successor=orgs[org.successor_id].code))
        elif org.end_reason == "dissolved" and org.parent_id:
            # A dissolved cell hands its members to a sibling that lives on.
            siblings = sorted(o.code for o in orgs.values() if o.parent_id == org.parent_id and o.ended_on is None
                              and o.kind in MEMBER_KINDS and o.pk in runs and runs[o.pk] <= org.ended_on)
            if siblings:
                cells.append(describe(org, successor=siblings[0]))
    return sorted(cells, key=lambda c: c.code)


# ---------------------------------------------------------------------------- writing


@dataclass
class MembersResult:
    count: int
    by_status: dict
    events: int
    seconds: float
    linked: list
    seats_linked: int = 0

    def summary_lines(self) -> list[str]:
        in_party = self.by_status.get(Status.PROBATIONARY, 0) + self.by_status.get(Status.FULL, 0)
        others = ", ".join(f"{Status(s).label.lower()} {n}" for s, n in sorted(self.by_status.items())
                           if s not in (Status.PROBATIONARY, Status.FULL))
        return [
            f"Đảng viên mẫu: {self.count} hồ sơ, {self.events} sự kiện ({self.seconds:.1f} giây) — đang sinh hoạt {in_party} "
            f"(chính thức {self.by_status.get(Status.FULL, 0)}, dự bị {self.by_status.get(Status.PROBATIONARY, 0)})"
            + (f"; {others}" if others else "") + ".",
            f"Tài khoản gắn với hồ sơ đảng viên: {', '.join(self.linked)}." if self.linked else "",
            f"Cấp ủy viên gắn với hồ sơ đảng viên: {self.seats_linked}." if self.seats_linked else "",
        ]


def seed_members(rng: random.Random, count: int = DEFAULT_MEMBERS, log=None) -> MembersResult:
    """Plan `count` members with `rng` and write them through the services (call inside the seed's
    transaction, after the organizations and the demo users exist)."""
    from django.db import transaction

    from dangvu.accounts.models import User
    from dangvu.core.dates import today
    from dangvu.members import services
    from dangvu.members.models import Member, MembershipEvent
    from dangvu.organizations.models import Organization
    from dangvu.references.models import ReferenceItem

    started = time.monotonic()
    plans = plan_members(rng, count, demo_cells(), today())
    refs = {(item.list_code, item.name): item for item in ReferenceItem.objects.all()}
    codes = {p.first_cell for p in plans} | {e.organization for p in plans for e in p.events if e.organization}
    orgs = {o.code: o for o in Organization.objects.filter(code__in=codes)}
    users = {u.username: u for u in User.objects.filter(username__in=[p.username for p in plans if p.username])}
    reference_fields = {"ethnicity", "religion", "general_education", "professional", "academic_degree", "academic_title",
                        "theory_level", "occupation"}
    linked = []
    with transaction.atomic():
        for i, plan in enumerate(plans):
            fields = {k: (refs[(k, v)] if k in reference_fields and v else None if k in reference_fields else v)
                      for k, v in plan.fields.items()}
            try:
                member = services.register_member(by=SYSTEM, organization=orgs[plan.first_cell], joined_on=plan.joined_on,
                                                  **fields)
                for e in plan.events:
                    number, decided, body, reason = e.decision
                    services.record_event(by=SYSTEM, member=member, event_type=e.event_type, effective_date=e.on,
                                          organization=orgs.get(e.organization), external_place=e.external_place,
                                          decision=services.Decision(number, decided, body, reason, e.ground))
            except Exception as exc:
                raise RuntimeError(f"Đảng viên {i + 1}/{len(plans)} ({plan.fields['full_name']}, "
                                   f"{plan.first_cell}): {exc}") from exc
            if plan.username and plan.username in users:
                member.user = users[plan.username]
                member.save(update_fields=["user"])
                linked.append(plan.username)
            if log is not None and (i + 1) % 500 == 0:
                log(f"  … {i + 1}/{len(plans)} đảng viên")
        seats_linked = link_committee_seats(rng, today())
    by_status = Counter(Member.objects.values_list("status", flat=True))
    return MembersResult(count=len(plans), by_status=dict(by_status), events=MembershipEvent.objects.count(),
                         seconds=time.monotonic() - started, linked=sorted(linked, key=DEMO_USERNAMES.index),
                         seats_linked=seats_linked)


def link_committee_seats(rng: random.Random, on: dt.date) -> int:
    """Seats held on `on` go to members of the register (the organizations' demo names them before the
    members exist): a holder named like a full member of the organization's subtree is that member,
    any other seat a full member of the subtree drawn at random; seats where no one fits stay outside
    the register. Through committees.link_seat, so M3 and the subtree hold."""
    from django.db.models import Q

    from dangvu.members.models import MemberState
    from dangvu.organizations import committees
    from dangvu.organizations.models import CommitteeMember

    seats = list(CommitteeMember.objects.filter(member__isnull=True, start_date__lte=on)
                 .filter(Q(end_date__isnull=True) | Q(end_date__gt=on)).select_related("term__organization")
                 .order_by("term__organization__path", "id"))
    taken: set[tuple[int, int]] = set()
    n = 0
    for seat in seats:
        org = seat.term.organization
        states = list(MemberState.objects.valid_on(seat.start_date).filter(
            status=Status.FULL, organization__path__startswith=org.path).select_related("member").order_by("member_id"))
        free = [s.member for s in states if (seat.term_id, s.member_id) not in taken]
        if not free:
            continue
        named = [m for m in free if m.full_name == seat.full_name]
        member = named[0] if named else rng.choice(free)
        committees.link_seat(by=SYSTEM, seat=seat, member=member)
        taken.add((seat.term_id, member.pk))
        n += 1
    return n
