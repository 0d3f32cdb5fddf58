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


REFORM_2025 = dt.date(2025, 7, 1)

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
        code="four_levels_qd29", valid_from=None, valid_to=dt.date(2021, 7, 30),
        source="Điều lệ Đảng Điều 21; QĐ 29-QĐ/TW (25/7/2016)",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="four_levels_qd24", valid_from=dt.date(2021, 7, 30), valid_to=dt.date(2025, 1, 20),
        source="Điều lệ Đảng Điều 21; QĐ 24-QĐ/TW (30/7/2021)",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="four_levels_qd232", valid_from=dt.date(2025, 1, 20), valid_to=REFORM_2025,
        source="Điều lệ Đảng Điều 21; QĐ 232-QĐ/TW (20/1/2025)",
        allowed_parents=_FOUR_LEVEL_PARENTS, kinds_not_established=frozenset({K.COMMUNE_COMMITTEE}),
    ),
    StructureRegime(
        code="three_levels",
        valid_from=REFORM_2025,
        valid_to=None,
        source="QĐ 294-QĐ/TW (26/5/2025, hiệu lực 1/7/2025)",
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


def check_code(code: str) -> list[Violation]:
    if not CODE_PATTERN.fullmatch(code or ""):  # fullmatch: "$" alone lets a trailing newline through
        return [Violation("org.code_format", "Mã tổ chức: chỉ gồm chữ số, chữ cái, dấu chấm, gạch ngang; tối đa 40 ký tự "
                          "(ví dụ 38.168.053.000.001).", field="code")]
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


def check_chronology(last_change: dt.date, on: dt.date, label: str, field: str = "effective_date") -> list[Violation]:
    """Events are recorded in date order: a change may not precede the last one recorded."""
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
