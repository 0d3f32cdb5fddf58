"""Demo data: a believable slice of the Thanh Hóa provincial party organization, 1930 to today.

Two districts under Đảng bộ tỉnh Thanh Hóa (code 38) — the fictional thị xã Sơn Hà (38.168, about 29
grassroots organizations and 100 cells in 2020) and huyện Đông Hà (38.169, smaller) — with their
history: the huyện Sơn Hà becoming a thị xã in 2009, renames, merges, a consolidation, a move, an upgrade and a
dissolution in 2021–2025, committee terms and seats, and the 1/7/2025 restructuring (QĐ 294-QĐ/TW)
that ends both district committees and puts every grassroots organization under a new ward or
commune committee. Names of places, organizations and people are invented.

It is built in two steps:
- `plan_demo(seed)` is pure: from `random.Random(seed)` it produces the organizations and a list
  of dated operations. The same seed gives the same plan.
- `build_demo(seed)` runs the operations in date order through the public services only
  (organizations.services, organizations.committees, accounts.services) with `by=SYSTEM` (the
  system), so every rule, version, event and audit entry is exactly what a user's action would
  have produced. Then it creates the demo users.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dangvu.accounts.models import Role
from dangvu.accounts.system import SYSTEM
from dangvu.organizations.kinds import GRASSROOTS_KINDS, Kind, UnitType
from dangvu.organizations.models import CommitteePosition

D = dt.date
K = Kind
U = UnitType
P = CommitteePosition

DEMO_PASSWORD = "dangvu2025"
DEFAULT_SEED = 2025
DEMO_URL = "http://127.0.0.1:8000/"

PROVINCE_CODE = "38"
DISTRICT_A_CODE = "38.168"  # thị xã Sơn Hà
DISTRICT_B_CODE = "38.169"  # huyện Đông Hà
PROVINCE_BODY = "Ban Thường vụ Tỉnh ủy Thanh Hóa"
TOWN_DATE = D(2009, 4, 1)  # huyện Sơn Hà becomes thị xã Sơn Hà
HAI_BINH_WARD_DATE = D(2021, 5, 1)  # xã Hải Bình becomes phường Hải Bình
REFORM = D(2025, 7, 1)  # QĐ 294-QĐ/TW: no more district level
REFORM_DECIDED = D(2025, 6, 27)
REFORM_NOTE = "Sắp xếp tổ chức đảng khi kết thúc hoạt động cấp huyện (Quy định 294-QĐ/TW)"
AS_OF_2020 = D(2020, 12, 31)

# The 2025 ward/commune committees: code, place, area key, district.
NEW_COMMUNES = (
    ("38.701", "phường Sơn Hà", "son_ha", DISTRICT_A_CODE),
    ("38.702", "phường Hải Sơn", "hai_son", DISTRICT_A_CODE),
    ("38.703", "phường Nam Sơn", "nam_son", DISTRICT_A_CODE),
    ("38.704", "xã Đông Hà", "dong_ha", DISTRICT_B_CODE),
    ("38.705", "xã Đông Tiến", "dong_tien", DISTRICT_B_CODE),
)
A_WARD_CODES = tuple(c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_A_CODE)
B_COMMUNE_CODES = tuple(c for c, _, _, d in NEW_COMMUNES if d == DISTRICT_B_CODE)
# "Chi bộ khu phố 1" of phường Bắc Sơn (the first grassroots organization of Sơn Hà, first cell): its code until
# 1/7/2025, which stays the planner's handle for it, and its code under phường Sơn Hà since (after the new ward's
# three agency cells; the cells of the merged wards are renumbered in the order of their old codes).
KHU_PHO_1_OLD_CODE = "38.168.001.000.001"
KHU_PHO_1_CODE = "38.701.000.000.004"
# The province's committees that take the town's agencies in the reform (issue 10 §8). The two blocs were
# founded in 2/2025 (Kết luận 121-KL/TW); the police and military committees had always been under the Tỉnh ủy
# (the demo shows them from the dates below, without units of their own before the reform). The kind is the
# app's "Đảng bộ khối" (an upper-level committee directly under the province). Codes of the demo's own choosing.
BLOCS_DATE = D(2025, 2, 1)
BLOC_PARTY, BLOC_GOVERNMENT, BLOC_POLICE, BLOC_MILITARY = "38.901", "38.902", "38.903", "38.904"
PROVINCE_BLOCS = (
    (BLOC_PARTY, "Đảng bộ các cơ quan Đảng tỉnh Thanh Hóa", "Các cơ quan Đảng tỉnh", U.PARTY_MASS, BLOCS_DATE),
    (BLOC_GOVERNMENT, "Đảng bộ Ủy ban nhân dân tỉnh Thanh Hóa", "UBND tỉnh", U.STATE_AGENCY, BLOCS_DATE),
    (BLOC_POLICE, "Đảng bộ Công an tỉnh Thanh Hóa", "Công an tỉnh", U.ARMED_FORCES, D(1990, 8, 19)),
    (BLOC_MILITARY, "Đảng bộ Quân sự tỉnh Thanh Hóa", "Bộ CHQS tỉnh", U.ARMED_FORCES, D(1990, 3, 12)),
)
BLOC_CODES = tuple(code for code, *_ in PROVINCE_BLOCS)
# 1/7/2025: the town's agencies of that kind move into the province's committees under their new names
# (the district police, court, procuracy, hospital, tax office… became regional units of the province).
# Where domain.md does not state the real structure, this is a plausible one (README "Dữ liệu mẫu").
TO_BLOCS = (
    ("Đảng bộ Công an thị xã Sơn Hà", BLOC_POLICE, "Đảng bộ Công an khu vực Sơn Hà"),
    ("Đảng bộ Quân sự thị xã Sơn Hà", BLOC_MILITARY, "Đảng bộ Ban Chỉ huy Phòng thủ khu vực Sơn Hà"),
    ("Chi bộ Viện Kiểm sát nhân dân thị xã Sơn Hà", BLOC_PARTY, "Chi bộ Viện Kiểm sát nhân dân khu vực 7 – Thanh Hóa"),
    ("Chi bộ Tòa án nhân dân thị xã Sơn Hà", BLOC_PARTY, "Chi bộ Tòa án nhân dân khu vực 7 – Thanh Hóa"),
    ("Đảng bộ Bệnh viện Đa khoa thị xã Sơn Hà", BLOC_GOVERNMENT, "Đảng bộ Bệnh viện Đa khoa khu vực Sơn Hà"),
    ("Chi bộ Trung tâm Y tế thị xã Sơn Hà", BLOC_GOVERNMENT, "Chi bộ Trung tâm Y tế khu vực Sơn Hà"),
    ("Chi bộ Chi cục Thi hành án dân sự thị xã Sơn Hà", BLOC_GOVERNMENT,
     "Chi bộ Phòng Thi hành án dân sự khu vực 7 – Thanh Hóa"),
    ("Chi bộ Chi cục Thuế khu vực Sơn Hà – Đông Hà", BLOC_GOVERNMENT, "Chi bộ Thuế cơ sở 7 tỉnh Thanh Hóa"),
    ("Chi bộ Kho bạc Nhà nước thị xã Sơn Hà", BLOC_GOVERNMENT, "Chi bộ Kho bạc Nhà nước khu vực Sơn Hà"),
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    org_codes: tuple[str, ...]
    title: str


DEMO_USERS = (
    DemoUser("admin", "Quản trị Hệ thống", Role.ADMIN, (PROVINCE_CODE,), "Quản trị hệ thống"),
    DemoUser("canbo.sonha", "Lê Thị Thu Hà", Role.ORG_OFFICER, (DISTRICT_A_CODE, *A_WARD_CODES),
             "Cán bộ Ban Tổ chức Thị ủy Sơn Hà, nay ở các phường"),
    DemoUser("kiemtra.sonha", "Nguyễn Văn Kiên", Role.INSPECTION_OFFICER, (DISTRICT_A_CODE, *A_WARD_CODES),
             "Cán bộ Ủy ban Kiểm tra"),
    DemoUser("lanhdao.sonha", "Trịnh Minh Đức", Role.VIEWER, (DISTRICT_A_CODE, *A_WARD_CODES), "Lãnh đạo (chỉ xem)"),
    DemoUser("bithu.khupho1", "Phạm Văn Thắng", Role.CELL_SECRETARY, (KHU_PHO_1_CODE,), "Bí thư Chi bộ khu phố 1"),
    DemoUser("dangvien.khupho1", "Hoàng Thị Thuỷ", Role.MEMBER, (KHU_PHO_1_CODE,), "Đảng viên Chi bộ khu phố 1"),
    DemoUser("canbo.dongha", "Đỗ Văn Long", Role.ORG_OFFICER, (DISTRICT_B_CODE, *B_COMMUNE_CODES),
             "Cán bộ Ban Tổ chức Huyện ủy Đông Hà, nay ở các xã"),
)
DEMO_USERNAMES = tuple(u.username for u in DEMO_USERS)

# ---------------------------------------------------------------------------- names of people

FAMILY_NAMES = (
    ("Nguyễn", 30), ("Lê", 14), ("Trần", 9), ("Phạm", 7), ("Hoàng", 4), ("Trịnh", 4), ("Phan", 3), ("Vũ", 3),
    ("Bùi", 3), ("Đỗ", 3), ("Đặng", 2), ("Ngô", 2), ("Mai", 2), ("Đinh", 2), ("Huỳnh", 1), ("Võ", 1), ("Hồ", 1),
    ("Dương", 1), ("Lý", 1), ("Hà", 1), ("Lương", 1), ("Cao", 1), ("Tống", 1),
)
MALE_MIDDLE = (("Văn", 10), ("Hữu", 2), ("Đức", 2), ("Minh", 2), ("Thanh", 1), ("Quang", 1), ("Xuân", 1), ("Đình", 2),
               ("Ngọc", 1), ("Công", 1), ("Trọng", 1), ("Bá", 1), ("Duy", 1), ("Mạnh", 1))
FEMALE_MIDDLE = (("Thị", 12), ("Thu", 1), ("Ngọc", 1), ("Thanh", 1), ("Minh", 1), ("Hồng", 1), ("Bích", 1),
                 ("Thùy", 1), ("Kim", 1), ("Phương", 1))
MALE_GIVEN = ("An", "Bình", "Cường", "Dũng", "Hùng", "Long", "Nam", "Sơn", "Tuấn", "Thắng", "Hải", "Hoà", "Hòa", "Hiếu",
              "Khánh", "Lâm", "Mạnh", "Phong", "Quân", "Thành", "Trung", "Việt", "Đạt", "Hưng", "Kiên", "Lợi", "Nghĩa",
              "Quang", "Tài", "Toàn", "Tùng", "Vinh", "Chiến", "Đông", "Giang", "Huy", "Tiến", "Thịnh", "Lực", "Sáng")
FEMALE_GIVEN = ("Hương", "Lan", "Hoa", "Hằng", "Thủy", "Thuỷ", "Hòa", "Hoà", "Mai", "Nga", "Ngọc", "Oanh", "Phương",
                "Thảo", "Trang", "Yến", "Dung", "Hà", "Liên", "Nhung", "Huyền", "Loan", "Minh", "Quyên", "Tâm", "Vân",
                "Xuân", "Chi", "Linh", "Hạnh")
SECOND_MIDDLE_FEMALE = ("Thu", "Minh", "Ngọc", "Thanh", "Hồng", "Hải", "Phương", "Bích", "Kim")

# Villages and residential quarters (thôn, khu phố).
PLACE_NAMES = (
    "Trung Đông", "Đông Sơn", "Tây Sơn", "Phú Lâm", "Yên Thái", "Hồng Kỳ", "Tân Lập", "Quyết Thắng", "Thành Công",
    "Đồng Tâm", "Hợp Thành", "Thọ Lộc", "Nghĩa Hưng", "Kim Sơn", "Ngọc Hà", "Đông Cương", "Xuân Lai", "Tân Phong",
    "Liên Sơn", "Phúc Thịnh", "Vĩnh Thành", "Hòa Bình", "Thống Nhất", "Quang Trung", "Bình Minh", "Tiền Phong",
    "Đại Đồng", "Yên Bình", "Đồng Xuân", "Cẩm Vân", "Mỹ Lộc", "Phú Quý", "An Hòa", "Trung Chính", "Tân Thành",
    "Ngọc Lâm", "Hạ Vũ", "Thượng Vũ", "Đông Thành", "Hưng Long", "Bắc Thượng", "Nam Hải", "Vạn Lộc", "Đoài Thôn",
    "Phú Thượng", "Kiều Đại", "Sơn Vạn", "Ba Đình", "Cao Lũng", "Hải Tiến",
)

# ---------------------------------------------------------------------------- the structure

A_CTX = ((None, {"dv": "huyện Sơn Hà", "uy": "Huyện ủy"}), (TOWN_DATE, {"dv": "thị xã Sơn Hà", "uy": "Thị ủy"}))
B_CTX = ((None, {"dv": "huyện Đông Hà", "uy": "Huyện ủy"}),)


@dataclass(frozen=True)
class WardSpec:
    place: str  # "Bắc Sơn"
    levels: tuple  # ((None, "xã Trung Sơn"), (TOWN_DATE, "phường Trung Sơn")): the {w} placeholder through time
    founded: int
    area: str
    residential: str  # "khu phố" or "thôn"
    numbered: bool = False  # "Chi bộ khu phố 1", "… 2" instead of named quarters
    school: str = ""
    military: bool = True
    quarters: tuple = (4, 6)  # how many residential cells


WARDS_A = (
    WardSpec("Bắc Sơn", ((None, "thị trấn Sơn Hà"), (TOWN_DATE, "phường Bắc Sơn")), 1962, "son_ha", "khu phố", True,
             "Trường Tiểu học Bắc Sơn"),
    WardSpec("Trung Sơn", ((None, "xã Trung Sơn"), (TOWN_DATE, "phường Trung Sơn")), 1949, "son_ha", "khu phố",
             school="Trường THCS Trung Sơn"),
    WardSpec("Phú Sơn", ((None, "xã Phú Sơn"), (TOWN_DATE, "phường Phú Sơn")), 1951, "son_ha", "khu phố",
             school="Trường Mầm non Phú Sơn"),
    WardSpec("Hải Thanh", ((None, "xã Hải Thanh"), (TOWN_DATE, "phường Hải Thanh")), 1948, "hai_son", "khu phố",
             school="Trường Tiểu học Hải Thanh"),
    WardSpec("Hải Hà", ((None, "xã Hải Hà"),), 1950, "hai_son", "thôn", school="Trường THCS Hải Hà"),
    WardSpec("Hải Bình", ((None, "xã Hải Bình"), (HAI_BINH_WARD_DATE, "phường Hải Bình")), 1953, "hai_son", "thôn",
             school="Trường Tiểu học Hải Bình"),
    WardSpec("Nam Tiến", ((None, "xã Nam Tiến"), (TOWN_DATE, "phường Nam Tiến")), 1955, "nam_son", "khu phố",
             school="Trường THCS Nam Tiến"),
    WardSpec("Hà Lan", ((None, "xã Hà Lan"),), 1958, "nam_son", "thôn", school="Trường Tiểu học Hà Lan"),
)
WARDS_B = (
    WardSpec("Đông Hà", ((None, "thị trấn Đông Hà"),), 1960, "dong_ha", "khu phố", military=False, quarters=(3, 4)),
    WardSpec("Đông Ninh", ((None, "xã Đông Ninh"),), 1949, "dong_ha", "thôn", military=False, quarters=(3, 4)),
    WardSpec("Đông Thịnh", ((None, "xã Đông Thịnh"),), 1952, "dong_tien", "thôn", military=False, quarters=(3, 4)),
    WardSpec("Đông Khê", ((None, "xã Đông Khê"),), 1956, "dong_tien", "thôn", military=False, quarters=(3, 4)),
)


@dataclass(frozen=True)
class AgencySpec:
    name: str  # may hold {dv} / {uy}
    kind: str
    unit_type: str
    founded: int
    area: str
    cells: tuple = ()  # names, or (name, earliest year)
    partials: tuple = ()  # (name, cells)
    groups: int = 0  # party groups (tổ đảng) of a grassroots cell


GC, GCELL = K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL
AGENCIES_A = (
    AgencySpec("Đảng bộ Cơ quan Đảng – Mặt trận – Đoàn thể {dv}", GC, U.PARTY_MASS, 1977, "son_ha", cells=(
        "Chi bộ Văn phòng {uy}", "Chi bộ Ban Tổ chức – Ủy ban Kiểm tra {uy}", "Chi bộ Ban Tuyên giáo – Dân vận {uy}",
        "Chi bộ Ủy ban Mặt trận Tổ quốc và các đoàn thể", "Chi bộ Trung tâm Chính trị {dv}")),
    AgencySpec("Đảng bộ Cơ quan Chính quyền {dv}", GC, U.STATE_AGENCY, 1977, "son_ha", cells=(
        "Chi bộ Văn phòng HĐND và UBND", "Chi bộ Phòng Nội vụ", "Chi bộ Phòng Tài chính – Kế hoạch",
        "Chi bộ Phòng Tài nguyên và Môi trường", ("Chi bộ Phòng Kinh tế", 2009), ("Chi bộ Phòng Quản lý đô thị", 2009),
        "Chi bộ Phòng Giáo dục và Đào tạo", "Chi bộ Phòng Lao động – Thương binh và Xã hội",
        "Chi bộ Phòng Văn hóa và Thông tin", "Chi bộ Thanh tra {dv}", ("Chi bộ Ban Quản lý các chợ", 2005))),
    AgencySpec("Đảng bộ Bệnh viện Đa khoa {dv}", GC, U.PUBLIC_SERVICE, 1965, "son_ha", cells=(
        "Chi bộ Khối Nội", "Chi bộ Khối Ngoại – Sản", "Chi bộ Khoa Khám bệnh – Hồi sức cấp cứu",
        "Chi bộ Cận lâm sàng – Dược", "Chi bộ Phòng chức năng")),
    AgencySpec("Đảng bộ Công an {dv}", GC, U.ARMED_FORCES, 1975, "son_ha", cells=(
        "Chi bộ Đội An ninh", "Chi bộ Đội Tham mưu – Tổng hợp", "Chi bộ Đội Quản lý hành chính về trật tự xã hội"),
        partials=(("Đảng bộ bộ phận Cảnh sát", (
            "Chi bộ Đội Cảnh sát giao thông – Trật tự", "Chi bộ Đội Cảnh sát hình sự", "Chi bộ Đội Cảnh sát kinh tế – Ma túy")),)),
    AgencySpec("Đảng bộ Quân sự {dv}", GC, U.ARMED_FORCES, 1960, "nam_son", cells=(
        "Chi bộ Cơ quan Ban Chỉ huy Quân sự", "Chi bộ Trung đội Dân quân cơ động", "Chi bộ Hậu cần – Kỹ thuật")),
    AgencySpec("Đảng bộ Công ty Cổ phần Xi măng Sơn Hà", GC, U.NON_STATE_ENTERPRISE, 1996, "nam_son", cells=(
        "Chi bộ Khối Văn phòng", "Chi bộ Phòng Kinh doanh – Tiêu thụ"), partials=(
        ("Đảng bộ bộ phận Nhà máy Clinker", ("Chi bộ Phân xưởng Lò nung", "Chi bộ Phân xưởng Nguyên liệu",
                                             "Chi bộ Phân xưởng Vận tải")),
        ("Đảng bộ bộ phận Nhà máy Nghiền – Đóng bao", ("Chi bộ Phân xưởng Nghiền", "Chi bộ Phân xưởng Đóng bao")))),
    AgencySpec("Chi bộ Viện Kiểm sát nhân dân {dv}", GCELL, U.STATE_AGENCY, 1961, "son_ha"),
    AgencySpec("Chi bộ Tòa án nhân dân {dv}", GCELL, U.STATE_AGENCY, 1962, "son_ha"),
    AgencySpec("Chi bộ Chi cục Thi hành án dân sự {dv}", GCELL, U.STATE_AGENCY, 1993, "son_ha"),
    AgencySpec("Chi bộ Chi cục Thuế {dv}", GCELL, U.STATE_AGENCY, 1990, "son_ha"),
    AgencySpec("Chi bộ Kho bạc Nhà nước {dv}", GCELL, U.STATE_AGENCY, 1990, "son_ha"),
    AgencySpec("Chi bộ Trung tâm Y tế {dv}", GCELL, U.PUBLIC_SERVICE, 2006, "son_ha"),
    AgencySpec("Chi bộ Trường THPT Sơn Hà", GCELL, U.PUBLIC_SERVICE, 1965, "son_ha"),
    AgencySpec("Chi bộ Trường THPT Sơn Hà 2", GCELL, U.PUBLIC_SERVICE, 1999, "hai_son"),
    AgencySpec("Chi bộ Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {dv}", GCELL, U.PUBLIC_SERVICE, 2015, "son_ha"),
    AgencySpec("Chi bộ Trung tâm Văn hóa, Thông tin và Thể thao {dv}", GCELL, U.PUBLIC_SERVICE, 2012, "son_ha"),
    AgencySpec("Chi bộ Ban Quản lý dự án đầu tư xây dựng {dv}", GCELL, U.PUBLIC_SERVICE, 2008, "son_ha"),
    AgencySpec("Chi bộ Công ty TNHH May Hải Hà", GCELL, U.NON_STATE_ENTERPRISE, 2010, "hai_son", groups=3),
    AgencySpec("Chi bộ Điện lực Sơn Hà", GCELL, U.STATE_ENTERPRISE, 1985, "son_ha"),
    AgencySpec("Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn Chi nhánh Sơn Hà", GCELL, U.STATE_ENTERPRISE, 1993,
               "son_ha", groups=2),
    AgencySpec("Chi bộ Công ty Cổ phần Môi trường và Công trình đô thị Sơn Hà", GCELL, U.NON_STATE_ENTERPRISE, 2005, "nam_son"),
)
AGENCIES_B = (
    AgencySpec("Đảng bộ Cơ quan Chính quyền {dv}", GC, U.STATE_AGENCY, 1978, "dong_ha", cells=(
        "Chi bộ Văn phòng HĐND và UBND", "Chi bộ Phòng Nội vụ", "Chi bộ Phòng Tài chính – Kế hoạch",
        "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn")),
    AgencySpec("Chi bộ Trường THPT Đông Hà", GCELL, U.PUBLIC_SERVICE, 1972, "dong_ha"),
)

# ---------------------------------------------------------------------------- the plan


@dataclass
class OrgSpec:
    code: str
    template: str
    ctx: tuple
    kind: str
    unit_type: str
    parent: str | None
    established_on: dt.date
    short_name: str = ""
    address: str = ""
    area: str = ""
    role: str = ""  # "residential", "office", "military", "school", … for the planner's own use
    renames: list = field(default_factory=list)  # [(date, name, short_name | None)]
    kinds: list = field(default_factory=list)  # [(date, kind)] after establishment
    parents: list = field(default_factory=list)  # [(date, parent code)] after establishment
    ended_on: dt.date | None = None
    codes: list = field(default_factory=list)  # [(date, new code)]: renumbered; `code` stays the plan's handle

    def code_on(self, on: dt.date) -> str:
        return _latest(self.codes, on, self.code)

    def name_on(self, on: dt.date) -> str:
        explicit = [name for d, name, _ in self.renames if d <= on]
        if explicit:
            return explicit[-1]
        values: dict = {}
        for since, mapping in self.ctx:
            if since is None or since <= max(on, self.established_on):
                values.update(mapping)
        return self.template.format(**values)

    def kind_on(self, on: dt.date) -> str:
        return _latest(self.kinds, on, self.kind)

    def parent_on(self, on: dt.date) -> str | None:
        return _latest(self.parents, on, self.parent)

    def active_on(self, on: dt.date) -> bool:
        return self.established_on <= on and (self.ended_on is None or on < self.ended_on)


def _latest(changes: list, on: dt.date, initial):
    value = initial
    for since, new in changes:
        if since <= on:
            value = new
    return value


@dataclass
class Op:
    """One dated operation; `args` hold only plain values (codes, names, dates)."""

    on: dt.date
    seq: int
    action: str
    args: dict


@dataclass
class Plan:
    seed: int
    specs: dict
    ops: list

    def sorted_ops(self) -> list[Op]:
        return sorted(self.ops, key=lambda op: (op.on, op.seq))


def roman(n: int) -> str:
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


def _place(name: str) -> str:
    """"Đảng bộ phường Bắc Sơn" → "phường Bắc Sơn"."""
    return name.removeprefix("Đảng bộ ")


class _Planner:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.specs: dict[str, OrgSpec] = {}
        self.ops: list[Op] = []
        self._seq = 0
        self._names_used = {u.full_name for u in DEMO_USERS}
        self._numbers: dict = {}
        self._shared: dict = {}
        self._child_numbers: Counter = Counter()
        self._people: dict[str, list] = {}
        self.terms: dict[str, list[dict]] = {}

    # --- small helpers

    def op(self, on: dt.date, action: str, **args) -> Op:
        self._seq += 1
        op = Op(on, self._seq, action, args)
        self.ops.append(op)
        return op

    def day(self, start: dt.date, end: dt.date, workday: bool = False) -> dt.date:
        day = start + dt.timedelta(days=self.rng.randint(0, (end - start).days))
        while workday and day.weekday() >= 5:
            day -= dt.timedelta(days=1)
        return max(day, start)

    def year_day(self, year: int, earliest: dt.date | None = None) -> dt.date:
        start = max(D(year, 1, 1), earliest or D(year, 1, 1))
        return self.day(start, max(start, D(year, 12, 31)))

    def person(self, female: bool | None = None) -> str:
        rng = self.rng
        for _ in range(200):
            is_female = rng.random() < 0.35 if female is None else female
            family = rng.choices([n for n, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])[0]
            middle_pool = FEMALE_MIDDLE if is_female else MALE_MIDDLE
            middle = rng.choices([n for n, _ in middle_pool], [w for _, w in middle_pool])[0]
            if middle == "Thị" and rng.random() < 0.3:  # "Lê Thị Thu Hà"
                middle = f"{middle} {rng.choice(SECOND_MIDDLE_FEMALE)}"
            given = rng.choice(FEMALE_GIVEN if is_female else MALE_GIVEN)
            name = f"{family} {middle} {given}"
            if name not in self._names_used:
                self._names_used.add(name)
                return name
        raise RuntimeError("ran out of names")  # pragma: no cover

    def issuer(self, code: str | None, on: dt.date) -> tuple[str, str]:
        """The body that decides for the children of organization `code`, and its number suffix."""
        if code is None:
            return "", ""
        spec = self.specs[code]
        kind = spec.kind_on(on)
        place = _place(spec.name_on(on))
        if kind == K.PROVINCIAL_COMMITTEE:
            return PROVINCE_BODY, "TU"
        if kind == K.DISTRICT_COMMITTEE:
            if place.startswith("thị xã "):
                return f"Ban Thường vụ Thị ủy {place.removeprefix('thị xã ')}", "TU"
            return f"Ban Thường vụ Huyện ủy {place.removeprefix('huyện ')}", "HU"
        if kind == K.COMMUNE_COMMITTEE:
            return f"Ban Thường vụ Đảng ủy {place}", "ĐU"
        if kind == K.BLOC_COMMITTEE:
            return f"Ban Thường vụ Đảng ủy {place.removesuffix(' Thanh Hóa').removesuffix(' tỉnh')} tỉnh", "ĐU"
        if kind == K.GRASSROOTS_COMMITTEE:
            return f"Đảng ủy {place}", "ĐU"
        if kind == K.PARTIAL_COMMITTEE:
            return self.issuer(spec.parent_on(on), on)
        return spec.name_on(on), ""  # a cell decides by resolution, not by a numbered decision

    def number(self, body: str, suffix: str, year: int) -> str:
        if not suffix or year < 1990:
            return ""
        key = (body, year)
        current = self._numbers.get(key) or self.rng.randint(5, 150)
        current += self.rng.randint(1, 9)
        self._numbers[key] = current
        return f"{current}-QĐ/{suffix}"

    def decision(self, issuer: tuple[str, str], on: dt.date, note: str = "", decided: dt.date | None = None,
                 shared_key=None) -> dict:
        body, suffix = issuer
        if shared_key is not None and shared_key in self._shared:
            return self._shared[shared_key]
        decided = decided or on
        result = {"number": self.number(body, suffix, decided.year), "date": decided if decided.year >= 1990 else None,
                  "body": body, "note": note}
        if shared_key is not None:
            self._shared[shared_key] = result
        return result

    def child_code(self, parent: str, kind: str, on: dt.date | None = None) -> str:
        """The next code under `parent` (a handle); `on`: the parent's kind and code on that date."""
        parent_spec = self.specs[parent]
        parent_kind = parent_spec.kind if on is None else parent_spec.kind_on(on)
        if kind in GRASSROOTS_KINDS:
            bucket, fmt = "grassroots", "{p}.{n:03d}"
        elif kind == K.PARTIAL_COMMITTEE:
            bucket, fmt = "partial", "{p}.{n:03d}"
        elif parent_kind == K.COMMUNE_COMMITTEE:
            bucket, fmt = "cell", "{p}.000.000.{n:03d}"
        elif parent_kind == K.PARTIAL_COMMITTEE:
            bucket, fmt = "cell", "{p}.{n:03d}"
        else:  # cells under a grassroots committee, party groups under a grassroots cell
            bucket, fmt = "cell", "{p}.000.{n:03d}"
        self._child_numbers[(parent, bucket)] += 1
        return fmt.format(p=parent if on is None else parent_spec.code_on(on), n=self._child_numbers[(parent, bucket)])

    # --- organizations and events

    def org(self, *, parent: str | None, template: str, kind: str, established_on: dt.date, ctx: tuple = (),
            unit_type: str = U.OTHER, code: str | None = None, short_name: str = "", area: str = "", role: str = "",
            address: str = "", decision: dict | None = None) -> OrgSpec:
        code = code or self.child_code(parent, kind)
        spec = OrgSpec(code=code, template=template, ctx=ctx, kind=kind, unit_type=unit_type, parent=parent,
                       established_on=established_on, short_name=short_name, address=address, area=area, role=role)
        self.specs[code] = spec
        if decision is None:
            issuer = self.issuer(parent, established_on)
            decision = self.decision(issuer, established_on, decided=established_on)
        self.op(established_on, "establish", code=code, parent=parent, name=spec.name_on(established_on), kind=kind,
                unit_type=unit_type, short_name=short_name, address=address, decision=decision)
        return spec

    def rename(self, code: str, on: dt.date, name: str, short_name: str | None = None, note: str = "",
               decision: dict | None = None) -> None:
        spec = self.specs[code]
        spec.renames.append((on, name, short_name))
        decision = decision or self.decision(self.issuer(spec.parent_on(on), on), on, note=note)
        self.op(on, "rename", code=code, name=name, short_name=short_name, decision=decision)

    def move(self, code: str, new_parent: str, on: dt.date, decision: dict) -> None:
        self.specs[code].parents.append((on, new_parent))
        self.op(on, "move", code=code, new_parent=new_parent, decision=decision)

    def merge(self, source: str, target: str, on: dt.date, decision: dict) -> None:
        for spec in self.specs.values():
            if spec.parent_on(on) == source and spec.active_on(on):
                spec.parents.append((on, target))
        self.specs[source].ended_on = on
        self.op(on, "merge", source=source, target=target, decision=decision)

    def consolidate(self, sources: list[str], *, parent: str, on: dt.date, template: str, kind: str, unit_type: str,
                    decision: dict, area: str = "", role: str = "") -> OrgSpec:
        """Hợp nhất: the sources end and a NEW organization takes their children (and members) on `on`."""
        code = self.child_code(parent, kind)
        spec = OrgSpec(code=code, template=template, ctx=(), kind=kind, unit_type=unit_type, parent=parent,
                       established_on=on, area=area, role=role)
        for source in sources:
            for child in self.specs.values():
                if child.parent_on(on) == source and child.active_on(on):
                    child.parents.append((on, code))
            self.specs[source].ended_on = on
        self.specs[code] = spec
        self.op(on, "consolidate", sources=list(sources), code=code, parent=parent, name=spec.name_on(on), kind=kind,
                unit_type=unit_type, decision=decision)
        return spec

    def dissolve(self, code: str, on: dt.date, decision: dict) -> None:
        self.specs[code].ended_on = on
        self.op(on, "dissolve", code=code, decision=decision)

    def change_kind(self, code: str, kind: str, on: dt.date, decision: dict) -> None:
        self.specs[code].kinds.append((on, kind))
        for spec in self.specs.values():
            if spec.parent_on(on) == code and spec.active_on(on) and spec.kind_on(on) == K.PARTY_GROUP:
                spec.kinds.append((on, K.CELL))
        self.op(on, "change_kind", code=code, kind=kind, decision=decision)

    def children(self, code: str, on: dt.date, role: str | None = None) -> list[OrgSpec]:
        return [s for s in self.specs.values()
                if s.parent_on(on) == code and s.active_on(on) and (role is None or s.role == role)]

    def find(self, name_part: str, on: dt.date) -> OrgSpec:
        found = [s for s in self.specs.values() if name_part in s.name_on(on) and s.active_on(on)]
        assert len(found) == 1, (name_part, [s.name_on(on) for s in found])
        return found[0]

    # --- the story

    def build(self) -> Plan:
        self.plan_roots()
        self.plan_district(DISTRICT_A_CODE, A_CTX, WARDS_A, AGENCIES_A)
        self.plan_district(DISTRICT_B_CODE, B_CTX, WARDS_B, AGENCIES_B)
        self.plan_context_renames()
        self.plan_events_2021_2025()
        self.plan_reform()
        self.plan_terms()
        self.plan_end_of_committees()
        return Plan(self.seed, self.specs, self.ops)

    def plan_roots(self) -> None:
        self.org(parent=None, code=PROVINCE_CODE, template="Đảng bộ tỉnh Thanh Hóa", kind=K.PROVINCIAL_COMMITTEE,
                 established_on=D(1930, 7, 29), short_name="Tỉnh Thanh Hóa", decision={})
        self.org(parent=PROVINCE_CODE, code=DISTRICT_A_CODE, template="Đảng bộ {dv}", ctx=A_CTX, kind=K.DISTRICT_COMMITTEE,
                 established_on=D(1947, 3, 15), short_name="Huyện Sơn Hà", decision={})
        self.org(parent=PROVINCE_CODE, code=DISTRICT_B_CODE, template="Đảng bộ {dv}", ctx=B_CTX, kind=K.DISTRICT_COMMITTEE,
                 established_on=D(1948, 6, 10), short_name="Huyện Đông Hà", decision={})
        # The district's own name and short name change with the thị xã (explicit, with its short name).
        self.rename(DISTRICT_A_CODE, TOWN_DATE, "Đảng bộ thị xã Sơn Hà", short_name="Thị xã Sơn Hà",
                    note="Thành lập thị xã Sơn Hà trên cơ sở toàn bộ huyện Sơn Hà",
                    decision=self.decision((PROVINCE_BODY, "TU"), TOWN_DATE, decided=D(2009, 3, 20),
                                           note="Thành lập thị xã Sơn Hà trên cơ sở toàn bộ huyện Sơn Hà"))

    def plan_district(self, district: str, ctx: tuple, wards: tuple, agencies: tuple) -> None:
        places = list(PLACE_NAMES)
        self.rng.shuffle(places)
        for ward in wards:
            wctx = ctx + tuple((since, {"w": level}) for since, level in ward.levels)
            founded = self.year_day(ward.founded)
            spec = self.org(parent=district, template="Đảng bộ {w}", ctx=wctx, kind=K.GRASSROOTS_COMMITTEE,
                            unit_type=U.COMMUNE_WARD, established_on=founded, area=ward.area, role="ward")
            n_residential = self.rng.randint(*ward.quarters)
            for i in range(n_residential):
                label = str(i + 1) if ward.numbered else places.pop()
                self.org(parent=spec.code, template=f"Chi bộ {ward.residential} {label}", kind=K.CELL,
                         unit_type=U.RESIDENTIAL, established_on=self.year_day(self.rng.randint(max(ward.founded, 1955), 2012),
                                                                             founded), role="residential")
            # Offices of the ward are named after it (so renamed with it); those of a ward that became a
            # phường with the thị xã were organized anew then.
            became_ward_2009 = any(since == TOWN_DATE for since, _ in ward.levels)
            office_from = TOWN_DATE if became_ward_2009 else founded
            office_year = (self.rng.randint(2009, 2010) if became_ward_2009
                           else self.rng.randint(max(founded.year, 1975), 2012))
            self.org(parent=spec.code, template="Chi bộ Cơ quan {w}", ctx=wctx, kind=K.CELL, unit_type=U.STATE_AGENCY,
                     established_on=self.year_day(office_year, office_from), role="office")
            if ward.military:
                self.org(parent=spec.code, template="Chi bộ Quân sự {w}", ctx=wctx, kind=K.CELL, unit_type=U.ARMED_FORCES,
                         established_on=self.year_day(max(office_year, 1980), office_from), role="military")
            if ward.school:
                self.org(parent=spec.code, template=f"Chi bộ {ward.school}", kind=K.CELL, unit_type=U.PUBLIC_SERVICE,
                         established_on=self.year_day(self.rng.randint(1985, 2010), founded), role="school")
        for agency in agencies:
            founded = self.year_day(agency.founded)
            spec = self.org(parent=district, template=agency.name, ctx=ctx, kind=agency.kind, unit_type=agency.unit_type,
                            established_on=founded, area=agency.area, role="agency")
            for partial_name, partial_cells in agency.partials:
                partial = self.org(parent=spec.code, template=partial_name, ctx=ctx, kind=K.PARTIAL_COMMITTEE,
                                   unit_type=agency.unit_type, established_on=self.year_day(max(agency.founded, 2000), founded))
                for cell in partial_cells:
                    self.plan_cell(partial.code, cell, ctx, agency, partial.established_on)
            for cell in agency.cells:
                self.plan_cell(spec.code, cell, ctx, agency, founded)
            for i in range(agency.groups):
                self.org(parent=spec.code, template=f"Tổ đảng số {i + 1}", kind=K.PARTY_GROUP, unit_type=agency.unit_type,
                         established_on=self.year_day(self.rng.randint(max(agency.founded, 2012), 2016), founded),
                         role="group")

    def plan_cell(self, parent: str, cell, ctx: tuple, agency: AgencySpec, earliest: dt.date) -> None:
        name, first_year = (cell, agency.founded) if isinstance(cell, str) else cell
        year = self.rng.randint(max(first_year, earliest.year), max(first_year, earliest.year, min(2015, earliest.year + 12)))
        self.org(parent=parent, template=name, ctx=ctx, kind=K.CELL, unit_type=agency.unit_type,
                 established_on=self.year_day(year, earliest), role="unit")

    def plan_context_renames(self) -> None:
        """Organizations whose name follows the district or the ward ("huyện" → "thị xã", "xã" → "phường")."""
        dates = sorted({since for spec in self.specs.values() for since, _ in spec.ctx if since is not None})
        for on in dates:
            for spec in list(self.specs.values()):
                if not spec.ctx or spec.code == DISTRICT_A_CODE or not spec.established_on < on:
                    continue
                if not any(since == on for since, _ in spec.ctx):
                    continue
                old, new = spec.name_on(on - dt.timedelta(days=1)), spec.name_on(on)
                if old == new:
                    continue
                note = ("Đổi tên theo việc thành lập thị xã Sơn Hà" if on == TOWN_DATE
                        else "Đổi tên theo việc thành lập phường Hải Bình")
                issuer = self.issuer(spec.parent_on(on), on)
                decision = self.decision(issuer, on, note=note, shared_key=(issuer, on))
                self.op(on, "rename", code=spec.code, name=new, short_name=None, decision=decision)

    def plan_events_2021_2025(self) -> None:
        rng = self.rng
        # 2021: the tax office becomes a regional office.
        tax = self.find("Chi cục Thuế", D(2021, 7, 1))
        self.rename(tax.code, D(2021, 7, 1), "Chi bộ Chi cục Thuế khu vực Sơn Hà – Đông Hà",
                    note="Hợp nhất Chi cục Thuế thị xã Sơn Hà và Chi cục Thuế huyện Đông Hà")
        # 10/2021: two residential quarters of phường Trung Sơn are merged, the merged cell takes a new name.
        on = D(2021, 10, 1)
        trung_son = self.find("Đảng bộ phường Trung Sơn", on)
        quarters = self.children(trung_son.code, on, "residential")
        target, source = rng.sample(quarters, 2)
        decision = self.decision(self.issuer(trung_son.code, on), on, note="Sáp nhập khu phố")
        self.merge(source.code, target.code, on, decision)
        first, last = target.name_on(on).split()[-2], source.name_on(on).split()[-1]
        merged_name = f"Chi bộ khu phố {first} {last}"
        if first != last and all(merged_name != s.name_on(on) for s in self.specs.values()) and merged_name != source.name_on(on):
            self.rename(target.code, on, merged_name, decision=decision)
        # 12/2021: a new village cell in xã Đông Khê.
        on = D(2021, 12, 1)
        dong_khe = self.find("Đảng bộ xã Đông Khê", on)
        village = [p for p in PLACE_NAMES if not any(p in s.name_on(on) for s in self.specs.values())][0]
        self.org(parent=dong_khe.code, template=f"Chi bộ thôn {village}", kind=K.CELL, unit_type=U.RESIDENTIAL,
                 established_on=on, role="residential")
        # 4/2022: a new workshop at the cement company.
        on = D(2022, 4, 1)
        grinding = self.find("Nhà máy Nghiền", on)
        self.org(parent=grinding.code, template="Chi bộ Phân xưởng Cơ điện", kind=K.CELL,
                 unit_type=U.NON_STATE_ENTERPRISE, established_on=on, role="unit")
        # 7/2022: the markets' management board is handed to phường Bắc Sơn.
        on = D(2022, 7, 1)
        markets = self.find("Ban Quản lý các chợ", on)
        bac_son = self.find("Đảng bộ phường Bắc Sơn", on)
        self.move(markets.code, bac_son.code, on, self.decision(self.issuer(DISTRICT_A_CODE, on), on,
                                                               note="Chuyển Ban Quản lý các chợ về phường Bắc Sơn quản lý"))
        # 9/2022: the second high school takes the name of a national hero.
        on = D(2022, 9, 1)
        school = self.find("Trường THPT Sơn Hà 2", on)
        self.rename(school.code, on, "Chi bộ Trường THPT Lê Lai", note="Đổi tên trường theo quyết định của UBND tỉnh")
        # 3/2023: the garment company has grown past 30 members: its cell becomes a grassroots committee,
        # its party groups become cells.
        on = D(2023, 3, 15)
        garment = self.find("May Hải Hà", on)
        decision = self.decision(self.issuer(DISTRICT_A_CODE, on), on,
                                 note="Nâng cấp chi bộ cơ sở thành đảng bộ cơ sở (đủ 30 đảng viên)")
        groups = self.children(garment.code, on, "group")
        self.change_kind(garment.code, K.GRASSROOTS_COMMITTEE, on, decision)
        self.rename(garment.code, on, "Đảng bộ Công ty TNHH May Hải Hà", decision=decision)
        for i, group in enumerate(groups):
            self.rename(group.code, on, f"Chi bộ Phân xưởng May {i + 1}", decision=decision)
        # 6/2023: a new residential quarter in phường Bắc Sơn.
        on = D(2023, 6, 1)
        numbered = self.children(bac_son.code, on, "residential")
        self.org(parent=bac_son.code, template=f"Chi bộ khu phố {len(numbered) + 1}", kind=K.CELL, unit_type=U.RESIDENTIAL,
                 established_on=on, role="residential")
        # 2/2024: a new department at the hospital.
        on = D(2024, 2, 1)
        hospital = self.find("Bệnh viện Đa khoa", on)
        self.org(parent=hospital.code, template="Chi bộ Khoa Nhi", kind=K.CELL, unit_type=U.PUBLIC_SERVICE,
                 established_on=on, role="unit")
        # 9/2024: the cement company gives up its own transport workshop.
        on = D(2024, 9, 1)
        transport = self.find("Phân xưởng Vận tải", on)
        self.dissolve(transport.code, on, self.decision(self.issuer(self.find("Xi măng", on).code, on), on,
                                                        note="Giải thể do công ty thuê ngoài dịch vụ vận tải"))
        # 3/2025: streamlining of the town's departments (Nghị quyết 18-NQ/TW).
        on = D(2025, 3, 1)
        labour = self.find("Phòng Lao động", on)
        interior = self.find("Đảng bộ Cơ quan Chính quyền thị xã Sơn Hà", on)
        home = [s for s in self.children(interior.code, on) if s.name_on(on) == "Chi bộ Phòng Nội vụ"][0]
        self.merge(labour.code, home.code, on, self.decision(self.issuer(interior.code, on), on,
                                                             note="Sắp xếp tổ chức bộ máy theo Nghị quyết 18-NQ/TW"))
        # 4/2025: hợp nhất — the town's two agency party committees combine into a NEW one (Nghị quyết 18-NQ/TW);
        # their cells and members move to it. The decision's number is drawn on the side: the rest of the plan
        # (and so the committees and numbers that follow) stays as it was before this example.
        on = D(2025, 4, 1)
        party_mass = self.find("Đảng bộ Cơ quan Đảng – Mặt trận – Đoàn thể thị xã Sơn Hà", on)
        interior = self.find("Đảng bộ Cơ quan Chính quyền thị xã Sơn Hà", on)
        state = self.rng.getstate()
        decision = self.decision(self.issuer(DISTRICT_A_CODE, on), on,
                                 note="Hợp nhất Đảng bộ Cơ quan Đảng – Mặt trận – Đoàn thể và Đảng bộ Cơ quan Chính quyền "
                                      "thị xã (Nghị quyết 18-NQ/TW)")
        self.rng.setstate(state)
        self.consolidate([party_mass.code, interior.code], parent=DISTRICT_A_CODE, on=on,
                         template="Đảng bộ Khối cơ quan thị xã Sơn Hà", kind=K.GRASSROOTS_COMMITTEE,
                         unit_type=U.STATE_AGENCY, decision=decision, area=interior.area, role="agency")

    def plan_reform(self) -> None:
        on = REFORM
        # The province's committees and the moves into them draw their numbers on the side: the rest of the
        # plan (committees, people, numbers) stays as it was before them.
        state = self.rng.getstate()
        self.plan_province_blocs(on)
        self.rng.setstate(state)
        # The town's own agencies (its party committee's offices and its government departments, one Đảng bộ
        # Khối cơ quan since 4/2025) end with the town: nothing of the dissolved thị xã issues letters after it.
        # So do the government departments of huyện Đông Hà (Đảng bộ Cơ quan Chính quyền huyện).
        town_blocs = {spec.code for district in (DISTRICT_A_CODE, DISTRICT_B_CODE)
                      for spec in self.children(district, on, "agency")
                      if spec.name_on(on).startswith(("Đảng bộ Khối cơ quan", "Đảng bộ Cơ quan Chính quyền huyện"))}
        for code, place, area, district in NEW_COMMUNES:
            decision = self.decision((PROVINCE_BODY, "TU"), on, note=f"Thành lập Đảng bộ {place}. {REFORM_NOTE}",
                                     decided=REFORM_DECIDED, shared_key=("reform", code))
            commune = self.org(parent=PROVINCE_CODE, code=code, template=f"Đảng bộ {place}", kind=K.COMMUNE_COMMITTEE,
                               unit_type=U.COMMUNE_WARD, established_on=on, short_name=place[0].upper() + place[1:],
                               address=f"{place[0].upper() + place[1:]}, tỉnh Thanh Hóa", area=area, role="commune",
                               decision=decision)
            cell_decision = self.decision(self.issuer(code, on), on, note="Thành lập chi bộ cơ quan")
            old_wards = [s for s in self.children(district, on, "ward") if s.area == area]
            targets = {}
            targets["office"] = self.org(parent=code, template=f"Chi bộ Cơ quan HĐND và UBND {place}", kind=K.CELL,
                                         unit_type=U.STATE_AGENCY, established_on=on, role="office", decision=cell_decision)
            party_office = self.org(parent=code, template=f"Chi bộ Cơ quan Đảng – Mặt trận – Đoàn thể {place}", kind=K.CELL,
                                    unit_type=U.PARTY_MASS, established_on=on, role="office2", decision=cell_decision)
            if any(self.children(w.code, on, "military") for w in old_wards):
                targets["military"] = self.org(parent=code, template=f"Chi bộ Quân sự {place}", kind=K.CELL,
                                               unit_type=U.ARMED_FORCES, established_on=on, role="military",
                                               decision=cell_decision)
            # The old wards' office cells merge into the new ward's, then the old wards merge into it.
            for ward in old_wards:
                for role, target in targets.items():
                    for old_cell in self.children(ward.code, on, role):
                        self.merge(old_cell.code, target.code, on, decision)
                self.merge(ward.code, commune.code, on, decision)
            for agency in self.children(district, on, "agency"):
                if agency.area != area:
                    continue
                if agency.code in town_blocs:
                    self.end_town_bloc(agency, on, decision, office=targets["office"], party_office=party_office)
                else:
                    self.move(agency.code, commune.code, on, decision)
                    # A unit of the town handed to the ward no longer carries the town's name.
                    name = agency.name_on(on)
                    if "thị xã Sơn Hà" in name:
                        self.rename(agency.code, on, name.replace("thị xã Sơn Hà", "khu vực Sơn Hà"), decision=decision)
        for district in (DISTRICT_A_CODE, DISTRICT_B_CODE):
            name = self.specs[district].name_on(on)
            self.dissolve(district, on, self.decision((PROVINCE_BODY, "TU"), on, decided=REFORM_DECIDED,
                                                      note=f"Kết thúc hoạt động của {name}. {REFORM_NOTE}"))
        # Codes follow the new superior (O10: M2 is the direct superior of the grassroots organization): every
        # organization placed under a new ward, commune or province committee is renumbered on the reform date,
        # by that committee's decision; the old code stays in the history. Numbers drawn on the side, as above.
        state = self.rng.getstate()
        for code, place, *_ in NEW_COMMUNES:
            self.renumber_under(code, on, f"Đánh số lại mã tổ chức đảng trực thuộc Đảng bộ {place}")
        for code, name, *_ in PROVINCE_BLOCS:
            self.renumber_under(code, on, f"Đánh số lại mã tổ chức đảng trực thuộc {name}")
        self.rng.setstate(state)

    def plan_province_blocs(self, on: dt.date) -> None:
        """The province's committees of the 2025 reform, and the town's agencies that move into them (TO_BLOCS)."""
        for code, name, short_name, unit_type, founded in PROVINCE_BLOCS:
            decision = (self.decision((PROVINCE_BODY, "TU"), founded, note=f"Thành lập {name} (Kết luận 121-KL/TW)")
                        if founded >= D(1990, 1, 1) else {})
            self.org(parent=PROVINCE_CODE, code=code, template=name, kind=K.BLOC_COMMITTEE, unit_type=unit_type,
                     established_on=founded, short_name=short_name, role="bloc", decision=decision)
        for old_name, bloc, new_name in TO_BLOCS:
            agency = self.find(old_name, on)
            decision = self.decision((PROVINCE_BODY, "TU"), on, decided=REFORM_DECIDED, shared_key=("to-bloc", bloc),
                                     note=f"Chuyển tổ chức đảng về trực thuộc {self.specs[bloc].name_on(on)}. {REFORM_NOTE}")
            self.move(agency.code, bloc, on, decision)
            self.rename(agency.code, on, new_name, decision=decision)

    def renumber_under(self, parent: str, on: dt.date, note: str) -> None:
        """Each organization under `parent` on `on` that was there before takes the next code under it; its
        subtree keeps its own numbering under the new prefix (38.168.006.001.002 → 38.701.002.001.002)."""
        decision = None
        for child in sorted(self.children(parent, on), key=lambda s: s.code_on(on)):
            if child.established_on >= on:
                continue  # founded under the new committee, numbered so
            decision = decision or self.decision(self.issuer(parent, on), on, note=note)
            self.renumber_subtree(child, self.child_code(parent, child.kind_on(on), on), on, decision)

    def renumber_subtree(self, spec: OrgSpec, new: str, on: dt.date, decision: dict) -> None:
        old = spec.code_on(on)
        spec.codes.append((on, new))
        self.op(on, "renumber", code=spec.code, new_code=new, decision=decision)
        for child in sorted(self.children(spec.code, on), key=lambda s: s.code_on(on)):
            child_old = child.code_on(on)
            assert child_old.startswith(old + "."), (old, child_old)  # the demo's codes nest
            self.renumber_subtree(child, new + child_old[len(old):], on, decision)

    def end_town_bloc(self, bloc: OrgSpec, on: dt.date, decision: dict, *, office: OrgSpec, party_office: OrgSpec) -> None:
        """1/7/2025: the cells of the town's Đảng bộ Khối cơ quan are merged (sáp nhập) into the new ward's
        agency cells — the party, Front and mass-organization offices into "Chi bộ Cơ quan Đảng – Mặt
        trận – Đoàn thể", the government departments into "Chi bộ Cơ quan HĐND và UBND" — whose members
        they become; then the committee, left with no cell and no member, is dissolved, by the province's
        decision of the reform (no number drawn: the rest of the plan stays as it was)."""
        for cell in self.children(bloc.code, on):
            target = party_office if cell.unit_type == U.PARTY_MASS else office
            self.merge(cell.code, target.code, on, decision)
        self.dissolve(bloc.code, on, {**decision, "note": f"Giải thể {bloc.name_on(on)} khi kết thúc hoạt động cấp huyện; "
                                                         f"các chi bộ sáp nhập vào chi bộ cơ quan của phường. {REFORM_NOTE}"})

    # --- committees

    def layout(self, kind: str, spec: OrgSpec) -> list[str]:
        rng = self.rng
        # The standing committee (secretary, deputies, standing members) is at most a third of the committee (O7).
        if kind == K.DISTRICT_COMMITTEE:
            return [P.SECRETARY] + [P.DEPUTY_SECRETARY] * 2 + [P.STANDING_MEMBER] * 3 + [P.MEMBER] * 12
        if kind == K.COMMUNE_COMMITTEE:
            return [P.SECRETARY] + [P.DEPUTY_SECRETARY] * 2 + [P.STANDING_MEMBER] * 2 + [P.MEMBER] * rng.randint(10, 12)
        if kind == K.GRASSROOTS_COMMITTEE:
            if spec.role == "ward":
                return [P.SECRETARY] + [P.DEPUTY_SECRETARY] * 2 + [P.STANDING_MEMBER] + [P.MEMBER] * rng.randint(8, 10)
            return [P.SECRETARY, P.DEPUTY_SECRETARY] + [P.MEMBER] * rng.randint(3, 5)
        if kind == K.PARTIAL_COMMITTEE:
            return [P.SECRETARY, P.DEPUTY_SECRETARY] + [P.MEMBER] * rng.randint(1, 3)
        if kind == K.GRASSROOTS_CELL:
            return [P.SECRETARY, P.DEPUTY_SECRETARY, P.MEMBER] if rng.random() < 0.8 else [P.SECRETARY]
        # a cell: a secretary, often a deputy, sometimes a chi ủy of five
        r = rng.random()
        if r < 0.15:
            return [P.SECRETARY, P.DEPUTY_SECRETARY] + [P.MEMBER] * 3
        if r < 0.7:
            return [P.SECRETARY, P.DEPUTY_SECRETARY]
        return [P.SECRETARY]

    def seats(self, spec: OrgSpec, layout: list[str]) -> list[tuple[str, str]]:
        """Some members of the last committee are re-elected and rise to the top positions."""
        previous = self._people.get(spec.code, [])
        keepers = [name for name in previous if self.rng.random() < 0.55][: len(layout)]
        people = keepers + [self.person() for _ in range(len(layout) - len(keepers))]
        self._people[spec.code] = people
        return list(zip(people, layout, strict=True))

    def term(self, spec: OrgSpec, name: str, start: dt.date, resolution: str, approval: dict,
             kind: str | None = None) -> dict:
        kind = kind or spec.kind_on(start)
        seats = self.seats(spec, self.layout(kind, spec))
        if spec.code == KHU_PHO_1_OLD_CODE and start.year >= 2022:
            secretary = DEMO_USERS[DEMO_USERNAMES.index("bithu.khupho1")].full_name
            seats = [(secretary if pos == P.SECRETARY else person, pos) for person, pos in seats]
        term = {"code": spec.code, "name": name, "start": start, "end": None, "resolution": resolution[:100],
                "decision_number": approval.get("number", ""), "seats": seats}
        self.terms.setdefault(spec.code, []).append(term)
        return term

    def _province_bloc_terms(self, spec: OrgSpec) -> None:
        saved, self.rng = self.rng, random.Random(f"terms {spec.code}")
        try:
            if spec.established_on >= D(2020, 1, 1):
                approval = self.decision((PROVINCE_BODY, "TU"), spec.established_on, shared_key=("appoint", spec.code))
                self.term(spec, "2025–2030", spec.established_on, f"Chỉ định theo Quyết định {approval['number']}", approval)
                return
            for name, first, last in (("2020–2025", D(2020, 5, 4), D(2020, 6, 30)),
                                      ("2025–2030", D(2025, 5, 12), D(2025, 6, 27))):
                on = self.day(first, last, workday=True)
                approval = self.decision((PROVINCE_BODY, "TU"), on, decided=on + dt.timedelta(days=10))
                self.term(spec, name, on, self.congress_resolution(spec, on, name, None), approval)
        finally:
            self.rng = saved

    def congress_resolution(self, spec: OrgSpec, on: dt.date, term_name: str, nth: int | None) -> str:
        nth_text = f" lần thứ {roman(nth)}" if nth else ""
        text = f"Nghị quyết Đại hội {spec.name_on(on)}{nth_text}, nhiệm kỳ {term_name}"
        if len(text) > 100:
            text = f"Nghị quyết Đại hội{nth_text}, nhiệm kỳ {term_name}"
        return text

    def plan_terms(self) -> None:
        rng = self.rng
        cell_kinds = {K.CELL, K.PARTIAL_COMMITTEE}
        for spec in list(self.specs.values()):
            kind = spec.kind
            if kind == K.DISTRICT_COMMITTEE:
                on = self.day(D(2020, 8, 3), D(2020, 8, 28), workday=True)
                nth = 23 if spec.code == DISTRICT_A_CODE else 25
                approval = self.decision((PROVINCE_BODY, "TU"), on, decided=on + dt.timedelta(days=7))
                self.term(spec, "2020–2025", on, self.congress_resolution(spec, on, "2020–2025", nth), approval)
            elif kind in GRASSROOTS_KINDS:
                on = self.day(D(2020, 5, 4), D(2020, 6, 30), workday=True)
                # A committee founded after the 2020 congresses holds its first congress in 2025.
                nth = 0 if spec.established_on > D(2020, 6, 30) else max(1, (2020 - spec.established_on.year) // 3 + 1)
                if spec.active_on(on):
                    approval = self.decision(self.issuer(spec.parent_on(on), on), on, decided=on + dt.timedelta(days=10))
                    self.term(spec, "2020–2025", on, self.congress_resolution(spec, on, "2020–2025", nth), approval)
                for since, new_kind in spec.kinds:  # an upgrade brings an appointed committee
                    approval = self.decision(self.issuer(spec.parent_on(since), since), since)
                    self.term(spec, "2023–2025", since, f"Chỉ định theo Quyết định {approval['number']}", approval,
                              kind=new_kind)
                on = self.day(D(2025, 5, 12), D(2025, 6, 27), workday=True)
                if spec.ended_on is None and spec.active_on(on):
                    approval = self.decision(self.issuer(spec.parent_on(on), on), on, decided=on + dt.timedelta(days=10))
                    self.term(spec, "2025–2030", on, self.congress_resolution(spec, on, "2025–2030", nth + 1), approval)
            elif kind == K.BLOC_COMMITTEE and spec.code in BLOC_CODES:
                # The province's committees: the 2025 ones with a committee appointed at their founding (KL 121),
                # the police and military ones elected at their 2020 and 2025 congresses. Drawn from their own
                # generator, so that the rest of the demo draws what it drew before.
                self._province_bloc_terms(spec)
            elif kind == K.COMMUNE_COMMITTEE:
                approval = self.decision((PROVINCE_BODY, "TU"), REFORM, decided=REFORM_DECIDED,
                                         shared_key=("appoint", spec.code))
                self.term(spec, "2025–2030", REFORM, f"Chỉ định theo Quyết định {approval['number']}", approval)
            elif kind in cell_kinds or any(k in cell_kinds for _, k in spec.kinds):
                if spec.established_on >= REFORM:
                    approval = self.decision(self.issuer(spec.parent_on(REFORM), REFORM), REFORM,
                                             shared_key=("appoint-cells", spec.parent_on(REFORM)))
                    self.term(spec, "2025–2027", REFORM, f"Chỉ định theo Quyết định {approval['number']}", approval)
                    continue
                for name, first, last in (("2020–2022", D(2020, 3, 2), D(2020, 4, 29)),
                                          ("2022–2025", D(2022, 3, 1), D(2022, 5, 31)),
                                          ("2025–2027", D(2025, 3, 3), D(2025, 5, 9))):
                    on = self.day(first, last, workday=True)
                    if not spec.active_on(on) or spec.kind_on(on) not in cell_kinds:
                        continue
                    parent = spec.parent_on(on)
                    approval = self.decision(self.issuer(parent, on), on, decided=on + dt.timedelta(days=rng.randint(5, 15)))
                    self.term(spec, name, on, self.congress_resolution(spec, on, name, None), approval)
        # Mid-term: the district A secretary moves to the province in 10/2023.
        district_term = self.terms[DISTRICT_A_CODE][0]
        old_secretary = district_term["seats"][0][0]
        on = D(2023, 10, 5)
        decision = self.decision((PROVINCE_BODY, "TU"), on)
        district_term.setdefault("later", []).append(("end_seat", on, old_secretary, P.SECRETARY,
                                                     "Được điều động, phân công công tác khác", ""))
        district_term["later"].append(("add_seat", on, self.person(), P.SECRETARY, "", decision["number"]))
        # Terms end with their organization.
        for code, terms in self.terms.items():
            ended = self.specs[code].ended_on
            terms.sort(key=lambda t: t["start"])
            if ended is not None and terms and terms[-1]["start"] < ended:
                terms[-1]["end"] = ended
        for terms in self.terms.values():
            for term in terms:
                self.op(term["start"], "term", **{k: v for k, v in term.items() if k != "later"})
                for action, on, full_name, position, reason, number in term.get("later", []):
                    self.op(on, action, code=term["code"], term=term["name"], full_name=full_name, position=position,
                            reason=reason, decision_number=number)

    def plan_end_of_committees(self) -> None:
        merged_into = {op.args["source"]: op.args["target"] for op in self.ops if op.action == "merge"}
        consolidated_into = {source: op.args["code"] for op in self.ops if op.action == "consolidate"
                             for source in op.args["sources"]}
        for code, terms in self.terms.items():
            spec = self.specs[code]
            if spec.ended_on is None or not terms:
                continue
            if code in merged_into:
                reason = f"Sáp nhập vào {self.specs[merged_into[code]].name_on(spec.ended_on)}"
            elif code in consolidated_into:
                reason = f"Hợp nhất thành {self.specs[consolidated_into[code]].name_on(spec.ended_on)}"
            elif spec.kind == K.DISTRICT_COMMITTEE:
                reason = "Kết thúc hoạt động cấp huyện (Quy định 294-QĐ/TW)"
            else:
                reason = "Tổ chức đảng giải thể"
            self.op(spec.ended_on, "end_seats", code=code, reason=reason)


def plan_demo(seed: int = DEFAULT_SEED) -> Plan:
    """The demo as data: organizations and dated operations. Pure: the same seed, the same plan."""
    return _Planner(seed).build()


# ---------------------------------------------------------------------------- running the plan


@dataclass
class DemoResult:
    seed: int
    organizations: int
    operations: int
    counts_2020: dict
    counts_today: dict
    today: dt.date
    users_created: list
    users_existing: list

    def summary_lines(self) -> list[str]:
        lines = [f"Đã tạo dữ liệu mẫu (seed {self.seed}): {self.organizations} tổ chức, {self.operations} thao tác.",
                 f"Số tổ chức theo loại — ngày 31/12/2020 | hôm nay {self.today:%d/%m/%Y}:"]
        for kind in Kind:
            a, b = self.counts_2020.get(kind.value, 0), self.counts_today.get(kind.value, 0)
            if a or b:
                lines.append(f"  {kind.label:<52} {a:>4} | {b:>4}")
        lines.append(f"Người dùng mẫu: {len(self.users_created)} tạo mới (mật khẩu chung “{DEMO_PASSWORD}”)"
                     + (f", {len(self.users_existing)} đã có, giữ nguyên mật khẩu: {', '.join(self.users_existing)}"
                        if self.users_existing else "") + ".")
        lines.append(f"Xem tài khoản đăng nhập: manage.py demo_logins — mở {DEMO_URL}")
        return lines


def _decision(args: dict):
    from dangvu.organizations.services import Decision

    d = args.get("decision") or {}
    return Decision(d.get("number", ""), d.get("date"), d.get("body", ""), d.get("note", ""))


DEMO_KIND_CONSENT = "Dữ liệu mẫu: số đảng viên được ghi sau cây tổ chức"
EXTENSION_UNTIL_END = "Cấp ủy cấp trên cho kéo dài nhiệm kỳ đến khi sắp xếp, kết thúc hoạt động của tổ chức"


def _run(op: Op, handles: dict) -> None:
    """Run one operation; `handles` maps the plan's handle of an organization (its first code) to its id,
    since an organization renumbered in the reform no longer answers to it."""
    from dangvu.organizations import committees, services
    from dangvu.organizations.models import CommitteeMember, CommitteeTerm, Organization
    from dangvu.rules.parameters import params_on

    def org(code):
        return Organization.objects.get(pk=handles[code]) if code else None

    a = op.args
    if op.action == "establish":
        handles[a["code"]] = services.establish(
            by=SYSTEM, parent=org(a["parent"]), code=a["code"], name=a["name"], kind=a["kind"], effective_date=op.on,
            short_name=a["short_name"], unit_type=a["unit_type"], address=a["address"], decision=_decision(a)).pk
    elif op.action == "rename":
        services.rename(by=SYSTEM, org=org(a["code"]), name=a["name"], short_name=a["short_name"], effective_date=op.on,
                        decision=_decision(a))
    elif op.action == "move":
        services.move(by=SYSTEM, org=org(a["code"]), new_parent=org(a["new_parent"]), effective_date=op.on,
                      decision=_decision(a))
    elif op.action == "merge":
        services.merge(by=SYSTEM, source=org(a["source"]), target=org(a["target"]), effective_date=op.on,
                       decision=_decision(a))
    elif op.action == "consolidate":
        handles[a["code"]] = services.consolidate(
            by=SYSTEM, sources=[org(code) for code in a["sources"]], parent=org(a["parent"]), code=a["code"],
            name=a["name"], kind=a["kind"], unit_type=a["unit_type"], effective_date=op.on, decision=_decision(a)).pk
    elif op.action == "renumber":
        services.renumber(by=SYSTEM, org=org(a["code"]), code=a["new_code"], effective_date=op.on, decision=_decision(a))
    elif op.action == "dissolve":
        services.dissolve(by=SYSTEM, org=org(a["code"]), effective_date=op.on, decision=_decision(a))
    elif op.action == "change_kind":
        # The members are written after the tree: the count of O2 is not known yet, so the demo records the consent.
        services.change_kind(by=SYSTEM, org=org(a["code"]), kind=a["kind"], effective_date=op.on, decision=_decision(a),
                             exception_consent=DEMO_KIND_CONSENT)
    elif op.action == "term":
        organization = org(a["code"])
        # A term that ends with its organization past its length was prolonged until the reorganization (O6).
        long = a["end"] and committees.check_term_length(organization.kind, a["start"], a["end"], params_on(a["start"]))
        term = committees.create_term(by=SYSTEM, organization=organization, name=a["name"], start_date=a["start"],
                                      end_date=a["end"], congress_resolution=a["resolution"],
                                      extension_decision=EXTENSION_UNTIL_END if long else "", size=len(a["seats"]))
        for full_name, position in a["seats"]:
            committees.add_seat(by=SYSTEM, term=term, full_name=full_name, position=position, start_date=a["start"],
                                decision_number=a["decision_number"])
    elif op.action == "add_seat":
        term = CommitteeTerm.objects.get(organization=org(a["code"]), name=a["term"])
        committees.add_seat(by=SYSTEM, term=term, full_name=a["full_name"], position=a["position"], start_date=op.on,
                            decision_number=a["decision_number"])
    elif op.action == "end_seat":
        seat = CommitteeMember.objects.get(term__organization=org(a["code"]), term__name=a["term"],
                                           full_name=a["full_name"], position=a["position"], end_date__isnull=True)
        committees.end_seat(by=SYSTEM, seat=seat, end_date=op.on, reason=a["reason"])
    elif op.action == "end_seats":
        for seat in CommitteeMember.objects.filter(term__organization=org(a["code"]), end_date__isnull=True).order_by("id"):
            committees.end_seat(by=SYSTEM, seat=seat, end_date=op.on, reason=a["reason"])
    else:  # pragma: no cover
        raise ValueError(op.action)


def _create_users() -> tuple[list[str], list[str]]:
    from dangvu.accounts import services as account_services
    from dangvu.accounts.models import User
    from dangvu.organizations.models import Organization

    created, existing = [], []
    for demo_user in DEMO_USERS:
        user = User.objects.filter(username=demo_user.username).first()
        if user is None:
            extra = {"is_staff": True, "is_superuser": True} if demo_user.role == Role.ADMIN else {}
            user = User.objects.create_user(username=demo_user.username, password=DEMO_PASSWORD,
                                            full_name=demo_user.full_name, **extra)
            created.append(demo_user.username)
        else:
            existing.append(demo_user.username)
        for code in demo_user.org_codes:
            account_services.grant_scope(by=SYSTEM, user=user, organization=Organization.objects.get(code=code),
                                         role=demo_user.role)
    return created, existing


def kind_counts(on: dt.date) -> dict[str, int]:
    from dangvu.organizations.models import OrganizationVersion

    rows = OrganizationVersion.objects.valid_on(on).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def build_demo(seed: int = DEFAULT_SEED, log=None) -> DemoResult:
    """Write the demo into the database (expected empty of organizations), in one transaction."""
    plan = plan_demo(seed)
    ops = plan.sorted_ops()
    handles: dict[str, int] = {}
    with transaction.atomic():
        for i, op in enumerate(ops):
            try:
                _run(op, handles)
            except Exception as exc:
                what = op.args.get("code") or op.args.get("source")
                raise RuntimeError(f"Thao tác {i + 1}/{len(ops)} ({op.action} {what} ngày {op.on:%d/%m/%Y}) thất bại: {exc}") from exc
            if log is not None and (i + 1) % 500 == 0:
                log(f"  … {i + 1}/{len(ops)} thao tác")
        created, existing = _create_users()
    today = timezone.localdate()
    return DemoResult(seed=seed, organizations=len(plan.specs), operations=len(ops), counts_2020=kind_counts(AS_OF_2020),
                      counts_today=kind_counts(today), today=today, users_created=created, users_existing=existing)
