"""Rules of the organization tree: pure functions that return violations, write nothing.

Which kind of organization may sit under which depends on the date: since 1/7/2025 there is no
district level (QĐ 294-QĐ/TW), the commune/ward committee is the direct superior of grassroots
organizations, and its cells sit directly under it. Each structure regime names its source.
"""

import datetime as dt
import re
from dataclasses import dataclass

from dangvu.core.dates import vn_date
from dangvu.core.errors import Violation
from dangvu.organizations.kinds import Kind
from dangvu.rules.regimes import BY_CODE

K = Kind
ROOT = None  # "no parent"

_GRASSROOTS_PARENTS_BEFORE = {K.CENTRAL, K.PROVINCIAL_COMMITTEE, K.DISTRICT_COMMITTEE, K.BLOC_COMMITTEE}
_GRASSROOTS_PARENTS_FROM_2025 = {K.CENTRAL, K.PROVINCIAL_COMMITTEE, K.BLOC_COMMITTEE, K.COMMUNE_COMMITTEE}


@dataclass(frozen=True)
class StructureRegime:
    code: str
    valid_from: dt.date | None
    valid_to: dt.date | None  # exclusive
    source: str
    allowed_parents: dict[str, frozenset]
    kinds_not_established: frozenset  # kinds that may not be newly established under this regime

    def applies_on(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (self.valid_to is None or on < self.valid_to)


def _parents(**kw) -> dict[str, frozenset]:
    return {k: frozenset(v) for k, v in kw.items()}


# The dates and sources come from the one table of regimes (dangvu.rules.regimes, chain
# "implementing"): the structure changes with QĐ 294-QĐ/TW (in force 1/7/2025).
_QD29, _QD24, _QD232, _QD294 = (BY_CODE[c] for c in ("qd29", "qd24", "qd232", "qd294"))
REFORM_2025 = _QD294.effective

_FOUR_LEVEL_PARENTS = _parents(
    central={ROOT},
    provincial_committee={ROOT, K.CENTRAL},
    district_committee={ROOT, K.PROVINCIAL_COMMITTEE},
    bloc_committee={ROOT, K.CENTRAL, K.PROVINCIAL_COMMITTEE},
    commune_committee=set(),
    grassroots_committee=_GRASSROOTS_PARENTS_BEFORE,
    grassroots_cell=_GRASSROOTS_PARENTS_BEFORE,
    partial_committee={K.GRASSROOTS_COMMITTEE},
    cell={K.GRASSROOTS_COMMITTEE, K.PARTIAL_COMMITTEE},
    party_group={K.GRASSROOTS_CELL, K.CELL},
)

# The four-level structure is the same under the successive implementing regulations; each
# violation cites the one in force on its date (shared/domain-rules.md §0).
STRUCTURE_REGIMES = [
    StructureRegime(
        code="four_levels_qd29", valid_from=None, valid_to=_QD24.effective,
        source=f"Điều lệ Đảng Điều 21; {_QD29.short_dated}",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="four_levels_qd24", valid_from=_QD24.effective, valid_to=_QD232.effective,
        source=f"Điều lệ Đảng Điều 21; {_QD24.short_dated}",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="four_levels_qd232", valid_from=_QD232.effective, valid_to=REFORM_2025,
        source=f"Điều lệ Đảng Điều 21; {_QD232.short_dated}",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="three_levels",
        valid_from=REFORM_2025,
        valid_to=None,
        source=f"{_QD294.short} ({_QD294.issued.day}/{_QD294.issued.month}/{_QD294.issued.year}, hiệu lực "
               f"{_QD294.effective.day}/{_QD294.effective.month}/{_QD294.effective.year})",
        allowed_parents=_parents(
            central={ROOT},
            provincial_committee={ROOT, K.CENTRAL},
            # A district committee may still exist until it is dissolved (data entry lags the
            # decision), and what sits under it may change in place; nothing new is placed under
            # it any more (check_new_placement).
            district_committee={ROOT, K.PROVINCIAL_COMMITTEE},
            bloc_committee={ROOT, K.CENTRAL, K.PROVINCIAL_COMMITTEE},
            commune_committee={ROOT, K.PROVINCIAL_COMMITTEE},
            grassroots_committee=_GRASSROOTS_PARENTS_FROM_2025 | {K.DISTRICT_COMMITTEE},
            grassroots_cell=_GRASSROOTS_PARENTS_FROM_2025 | {K.DISTRICT_COMMITTEE},
            partial_committee={K.GRASSROOTS_COMMITTEE, K.COMMUNE_COMMITTEE},
            cell={K.GRASSROOTS_COMMITTEE, K.PARTIAL_COMMITTEE, K.COMMUNE_COMMITTEE},
            party_group={K.GRASSROOTS_CELL, K.CELL},
        ),
        kinds_not_established=frozenset({K.DISTRICT_COMMITTEE}),
    ),
]

# When a kind changes, children whose kind no longer fits follow this mapping (a grassroots cell
# upgraded to a grassroots committee turns its party groups into cells, and back).
CHILD_KIND_ON_CHANGE = {K.PARTY_GROUP: K.CELL, K.CELL: K.PARTY_GROUP}

CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")


def regime_on(on: dt.date) -> StructureRegime:
    for regime in STRUCTURE_REGIMES:
        if regime.applies_on(on):
            return regime
    raise LookupError(on)  # the regimes cover every date


# O10: the official party organization code [M1].[M2].[M3].[M4].[M5], 2+3+3+3+3 = 14 digits (M1 province, M2
# direct superior of the grassroots organization, M3 grassroots organization, M4 partial committee or 000,
# M5 cell). Kinds that have such a code; the others (province, district, commune, bloc, party group) keep free codes.
OFFICIAL_CODE = re.compile(r"\d{2}\.\d{3}\.\d{3}\.\d{3}\.\d{3}")
OFFICIAL_CODE_KINDS = frozenset({K.GRASSROOTS_COMMITTEE, K.GRASSROOTS_CELL, K.PARTIAL_COMMITTEE, K.CELL})
SOURCE_O10 = "Mã tổ chức đảng 14 chữ số (QĐ 208-QĐ/TW, theo kho mã nguồn năm 2026; văn bản chính thức chưa đối chiếu) (O10)"


def check_code(code: str, kind: str | None = None, params=None) -> list[Violation]:
    """O10: any code of 1–40 letters, digits, dots and dashes; where the parameter
    `organization.official_code_required` is on (from the date it is set: the format is REP-2026),
    grassroots organizations, partial committees and cells must have the official 14-digit code.
    Other kinds, and every kind while the parameter is off, keep the codes they have."""
    if not CODE_PATTERN.fullmatch(code or ""):  # fullmatch: "$" alone lets a trailing newline through
        return [Violation("org.code_format", "Mã tổ chức: chỉ gồm chữ số, chữ cái, dấu chấm, gạch ngang; tối đa 40 ký tự "
                          "(ví dụ 38.168.053.000.001).", field="code")]
    required = params is not None and params["organization.official_code_required"]
    if required and kind in OFFICIAL_CODE_KINDS and not OFFICIAL_CODE.fullmatch(code):
        return [Violation("org.code_official_required", f"Mã tổ chức “{code}”: {Kind(kind).label.lower()} phải có mã tổ chức "
                          "đảng 14 chữ số [M1].[M2].[M3].[M4].[M5] (ví dụ 38.168.053.000.001; M4 = 000 nếu không có đảng bộ "
                          "bộ phận).", field="code", source=SOURCE_O10)]
    return []


def check_placement(kind: str, parent_kind: str | None, on: dt.date, field: str = "parent") -> list[Violation]:
    """May an organization of `kind` sit under a parent of `parent_kind` on date `on`?"""
    regime = regime_on(on)
    allowed = regime.allowed_parents[kind]
    if parent_kind in allowed:
        return []
    kind_label = Kind(kind).label
    if parent_kind is None:
        msg = f"{kind_label} phải trực thuộc một tổ chức cấp trên, không thể là gốc của cây."
    else:
        names = ", ".join(sorted(Kind(k).label for k in allowed if k)) or "không loại nào"
        msg = (f"{kind_label} không thể trực thuộc {Kind(parent_kind).label.lower()} vào ngày {vn_date(on)}; "
               f"cấp trên hợp lệ: {names}.")
    return [Violation("org.placement", msg, field=field, source=regime.source)]


def check_new_placement(kind: str, parent_kind: str | None, on: dt.date, field: str = "parent") -> list[Violation]:
    """Placing an organization somewhere new (establish, move, merge): the placement rules, and
    from 1/7/2025 nothing new under a district committee (there is no district level)."""
    violations = check_placement(kind, parent_kind, on, field)
    if not violations and parent_kind == K.DISTRICT_COMMITTEE and on >= REFORM_2025:
        regime = regime_on(on)
        violations.append(Violation(
            "org.placement", f"Từ ngày {vn_date(REFORM_2025)} không còn cấp huyện: không thể đặt thêm tổ chức trực thuộc "
            f"một đảng bộ huyện (ngày {vn_date(on)}); hãy chọn đảng bộ xã, phường, đặc khu hoặc cấp tỉnh.", field, regime.source))
    return violations


def check_can_establish(kind: str, on: dt.date) -> list[Violation]:
    regime = regime_on(on)
    if kind in regime.kinds_not_established:
        if kind == K.DISTRICT_COMMITTEE:
            msg = f"Từ ngày {vn_date(REFORM_2025)} không còn cấp huyện: không thể thành lập đảng bộ huyện."
        else:
            msg = f"Loại hình “{Kind(kind).label}” chỉ có từ ngày {vn_date(REFORM_2025)}."
        return [Violation("org.kind_not_in_regime", msg, field="kind", source=regime.source)]
    return []


def check_exists_on(label: str, established_on: dt.date, ended_on: dt.date | None, on: dt.date, field: str,
                    role: str = "Tổ chức") -> list[Violation]:
    if on < established_on:
        return [Violation("org.not_yet_established",
                          f"{role} “{label}” chưa được thành lập vào ngày {vn_date(on)} (thành lập {vn_date(established_on)}).",
                          field=field)]
    if ended_on is not None and on >= ended_on:
        return [Violation("org.ended",
                          f"{role} “{label}” đã giải thể, sáp nhập hoặc hợp nhất từ ngày {vn_date(ended_on)}: "
                          "không thể nhận thêm tổ chức hay đảng viên.", field=field)]
    return []


def check_not_descendant(org_path: str, new_parent_path: str, field: str = "parent") -> list[Violation]:
    if new_parent_path.startswith(org_path):
        return [Violation("org.cycle", "Không thể chuyển một tổ chức vào chính nó hoặc vào tổ chức cấp dưới của nó "
                          "(cây tổ chức sẽ có vòng lặp).", field=field)]
    return []


def check_chronology(last_change: dt.date, on: dt.date, label: str, field: str = "effective_date", *,
                     today: dt.date | None = None) -> list[Violation]:
    """Events are recorded in date order: a change may not precede the last one recorded, nor lie
    after `today` (a decision is recorded once it has taken effect: the current name, tree and lists
    are those of today, and a mistyped year such as 9999 would block every later decision)."""
    if today is not None and on > today:
        return [Violation("org.future", f"Ngày hiệu lực {vn_date(on)}: không thể sau ngày hôm nay ({vn_date(today)}); "
                          "quyết định có hiệu lực về sau được ghi khi đến ngày hiệu lực.", field=field)]
    if on < last_change:
        return [Violation("org.out_of_order",
                          f"Ngày hiệu lực {vn_date(on)} sớm hơn thay đổi đã ghi nhận gần nhất của “{label}” "
                          f"({vn_date(last_change)}). Các sự kiện phải được ghi theo thứ tự thời gian.", field=field)]
    return []


def check_no_active_children(n_active_children: int, label: str) -> list[Violation]:
    if n_active_children:
        return [Violation("org.has_children",
                          f"“{label}” còn {n_active_children} tổ chức trực thuộc đang hoạt động: hãy chuyển, sáp nhập "
                          "hoặc giải thể các tổ chức đó trước khi giải thể.", field="__all__")]
    return []


def check_no_members(n_members: int, label: str) -> list[Violation]:
    if n_members:
        return [Violation("org.has_members",
                          f"“{label}” còn {n_members} đảng viên đang sinh hoạt: hãy chuyển sinh hoạt cho các đảng viên này "
                          "(hoặc sáp nhập tổ chức vào một chi bộ khác) trước khi giải thể.", field="__all__")]
    return []


def check_merge_pair(source_id: int, target_id: int, source_path: str, target_path: str) -> list[Violation]:
    if source_id == target_id:
        return [Violation("org.merge_self", "Không thể sáp nhập một tổ chức vào chính nó.", field="target")]
    if target_path.startswith(source_path):
        return [Violation("org.merge_into_descendant", "Không thể sáp nhập một tổ chức vào tổ chức cấp dưới của nó.",
                          field="target")]
    return []


def child_kind_after_change(child_kind: str, new_parent_kind: str, on: dt.date) -> str | None:
    """The kind a child takes when its parent's kind changes; None when no valid kind exists."""
    if not check_placement(child_kind, new_parent_kind, on):
        return child_kind
    mapped = CHILD_KIND_ON_CHANGE.get(child_kind)
    if mapped and not check_placement(mapped, new_parent_kind, on):
        return mapped
    return None


# ---------------------------------------------------------------- size of a grassroots organization (O2)

SOURCE_O2 = "Điều lệ Đảng Điều 21.3 (O2)"


def check_grassroots_size(old_kind: str, new_kind: str, members: int, threshold: int, on: dt.date,
                          exception_consent: str = "") -> list[Violation]:
    """O2: a grassroots organization with `threshold` (30) members or more is a grassroots committee, with
    fewer a grassroots cell; the other way needs the higher committee's written consent (recorded)."""
    pair = {old_kind, new_kind}
    if pair != {K.GRASSROOTS_CELL, K.GRASSROOTS_COMMITTEE} or exception_consent.strip():
        return []
    if new_kind == K.GRASSROOTS_COMMITTEE and members < threshold:
        return [Violation("org.grassroots_size", f"Loại hình mới: ngày {vn_date(on)} tổ chức có {members} đảng viên, chưa đủ "
                          f"{threshold} để là đảng bộ cơ sở; trường hợp đặc biệt cần văn bản đồng ý của cấp ủy cấp trên: ghi "
                          "số, ngày văn bản đó.", field="exception_consent", source=SOURCE_O2)]
    if new_kind == K.GRASSROOTS_CELL and members >= threshold:
        return [Violation("org.grassroots_size", f"Loại hình mới: ngày {vn_date(on)} tổ chức có {members} đảng viên (từ "
                          f"{threshold} trở lên là đảng bộ cơ sở); muốn là chi bộ cơ sở cần văn bản đồng ý của cấp ủy cấp "
                          "trên: ghi số, ngày văn bản đó.", field="exception_consent", source=SOURCE_O2)]
    return []
