"""The kinds of import: their columns (the template), how a row is matched and applied, and their export.

A row is applied by calling the same service as the form (organizations.services.establish / correct /
dissolve, members.services.register_member / update_member / record_event): the rules, the audit
and the derived history are theirs. A kind only turns cells into arguments and says what would change.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from dangvu.accounts import permissions
from dangvu.core.errors import ConcurrentEditError, PermissionDeniedInScope, RuleViolation
from dangvu.core.text import fold
from dangvu.imports import cells
from dangvu.members import services as member_services
from dangvu.members.kinds import IN_PARTY, EventType, RemovalGround, Sex
from dangvu.members.models import Member, MembershipEvent, MemberState
from dangvu.members.querysets import ROW
from dangvu.organizations import services as org_services
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem

NEW, CHANGED, UNCHANGED, REJECTED = "new", "changed", "unchanged", "rejected"


class RowError(Exception):
    """A row refused before any service is called: (column key, Vietnamese reason)."""

    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column, self.message = column, message


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    convert: Callable
    description: str
    example: str = ""
    required: bool = False


@dataclass
class Outcome:
    status: str
    label: str
    diff: list[tuple[str, str, str]] = field(default_factory=list)  # (column header, before, after)


def _text(raw):
    return cells.text(raw)


@functools.lru_cache(maxsize=32)
def reference_index(list_code: str) -> dict[str, ReferenceItem]:
    """The items of a reference list by folded name and by code (cleared at the start of every run)."""
    items = list(ReferenceItem.objects.filter(list_code=list_code))
    return {**{item.code: item for item in items}, **{fold(item.name): item for item in items}}


def _ref(list_code: str, label: str):
    def convert(raw):
        name = cells.text(raw)
        if not name:
            return None
        index = reference_index(list_code)
        item = index.get(fold(name)) or index.get(name)
        if item is None:
            raise cells.CellError(f"{label} “{name}” không có trong danh mục.")
        return item
    return convert


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return cells.vn_date(value)
    if isinstance(value, bool):
        return "Có" if value else ""
    return str(value)


class ImportKind:
    code: str
    label: str
    columns: list[Column]
    sheet_name: str

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def header_of(self, field_name: str | None) -> str:
        for c in self.columns:
            if c.key == field_name:
                return c.header
        return ""

    def apply_row(self, values: dict, *, by, root: Organization) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def export_rows(self, root: Organization, on: dt.date | None) -> Iterable[dict]:  # pragma: no cover - abstract
        raise NotImplementedError

    def row_key(self, values: dict) -> tuple | None:
        """What must be unique inside one file (None: no check)."""
        return None

    # A kind with a set-based apply sets this: apply_rows([(row number, values)], by=, root=) → {row number: Outcome or
    # the errors [(column header, reason)]}; it raises OneByOne when the file needs the row-by-row path.
    apply_rows: Callable | None = None


class OneByOne(Exception):
    """The set-based apply cannot promise the row-by-row result for this file: apply it row by row."""


def org_in_scope(code: str, *, root: Organization, by, column: str, action: str) -> Organization:
    """The organization with `code`, under `root` and within what `by` may change; else the row is refused
    with the same words whether the code exists elsewhere or not (existence does not leak)."""
    org = Organization.objects.filter(code=code, path__tree_prefix=root.path).first()
    if org is None or not (permissions.is_system_admin(by) or permissions.can(by, action, org)):
        raise RowError(column, f"Mã tổ chức “{code}” không có trong {root.name} hoặc ngoài phạm vi quyền của bạn.")
    return org


# ---------------------------------------------------------------------------- organizations

class OrganizationsKind(ImportKind):
    code = "organizations"
    label = _("Tổ chức đảng")
    sheet_name = "To chuc dang"
    columns = [
        Column("code", "Mã tổ chức", _text, "Mã của tổ chức theo quy định đánh mã (duy nhất). Dùng để nhận ra tổ chức khi nhập "
               "lại.", "99.001.001.000.003", True),
        Column("name", "Tên tổ chức", _text, "Tên đầy đủ.", "Chi bộ thôn Nam", True),
        Column("short_name", "Tên viết tắt", _text, "Không bắt buộc.", "CB thôn Nam"),
        Column("kind", "Loại hình tổ chức", lambda r: cells.choice(r, Kind, label="Loại hình tổ chức"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in Kind.choices) + ".", str(Kind.CELL.label), True),
        Column("parent", "Mã tổ chức cấp trên", _text, "Mã của tổ chức cấp trên trực tiếp; phải là tổ chức được chọn khi nhập "
               "hoặc tổ chức cấp dưới của nó (đặt dòng tổ chức cấp trên lên trước).", "99.001.001", True),
        Column("unit_type", "Loại hình đơn vị", lambda r: cells.choice(r, UnitType, label="Loại hình đơn vị"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in UnitType.choices) + ". Để trống: Khác.",
               str(UnitType.RESIDENTIAL.label)),
        Column("address", "Địa chỉ", _text, "Không bắt buộc.", "Thôn Nam, xã An Lạc"),
        Column("established_on", "Ngày thành lập", cells.date, "dd/mm/yyyy.", "15/03/2010", True),
        Column("ended_on", "Ngày giải thể", cells.date, "dd/mm/yyyy, để trống nếu đang hoạt động. Tổ chức được ghi thành lập "
               "rồi giải thể vào ngày này (lịch sử đúng như thực tế).", ""),
    ]
    CORRECTABLE = ("name", "short_name", "unit_type", "address")

    def row_key(self, values):
        return ("code", values.get("code"))

    def apply_row(self, values, *, by, root):
        values["unit_type"] = values.get("unit_type") or UnitType.OTHER
        existing = Organization.objects.filter(code=values["code"]).first()
        if existing is not None:
            return self._update(existing, values, by=by, root=root)
        parent = org_in_scope(values["parent"], root=root, by=by, column="parent", action=org_services.CHANGE)
        org = org_services.establish(by=by, parent=parent, code=values["code"], name=values["name"], kind=values["kind"],
                                     effective_date=values["established_on"], short_name=values["short_name"],
                                     unit_type=values["unit_type"], address=values["address"])
        if values.get("ended_on"):
            org_services.dissolve(by=by, org=org, effective_date=values["ended_on"])
        return Outcome(NEW, f"{org.code} {org.name}")

    def _update(self, org, values, *, by, root):
        org_in_scope(org.code, root=root, by=by, column="code", action=org_services.CHANGE)
        fixed = {"kind": org.kind, "parent": org.parent.code if org.parent else "", "established_on": org.established_on,
                 "ended_on": org.ended_on}
        for key, current in fixed.items():
            if values.get(key) != current:
                raise RowError(key, f"{self.header_of(key)}: “{org.name}” đang ghi “{_shown(current)}”, tệp ghi "
                               f"“{_shown(values.get(key))}”. Đây là thay đổi có ngày hiệu lực (đổi loại hình, chuyển "
                               "trực thuộc, giải thể): hãy làm trên trang của tổ chức, không qua nhập tệp.")
        changes = {k: values[k] for k in self.CORRECTABLE if values[k] != getattr(org, k)}
        if not changes:
            return Outcome(UNCHANGED, f"{org.code} {org.name}")
        diff = [(self.header_of(k), _shown(getattr(org, k)), _shown(v)) for k, v in changes.items()]
        org_services.correct(by=by, org=org, expected_version=None, **changes)
        return Outcome(CHANGED, f"{org.code} {values['name']}", diff)

    def export_rows(self, root, on):
        orgs = Organization.objects.filter(path__tree_prefix=root.path).exclude(pk=root.pk).select_related("parent")
        if on is not None:
            orgs = orgs.filter(established_on__lte=on)
        for org in sorted(orgs, key=lambda o: (o.depth, o.established_on, o.code)):
            yield {"code": org.code, "name": org.name, "short_name": org.short_name, "kind": str(Kind(org.kind).label),
                   "parent": org.parent.code if org.parent else "", "unit_type": str(UnitType(org.unit_type).label),
                   "address": org.address, "established_on": org.established_on,
                   "ended_on": org.ended_on if org.ended_on and (on is None or org.ended_on <= on) else None}


# ---------------------------------------------------------------------------- members

def _citizen_id(raw):
    return cells.citizen_id(raw)


def _card(raw):
    return cells.whole_number_text(raw, label="Số thẻ đảng viên")


def _member_of(values, *, column_order=("citizen_id", "party_card_number")) -> Member | None:
    for key in column_order:
        if values.get(key):
            found = Member.objects.filter(**{key: values[key]}).select_related("organization").first()
            if found is not None:
                return found
    return None


def _members_matching(rows: list[dict]) -> dict[tuple[str, str], Member]:
    """The members of the register that rows name, by ("citizen_id" | "party_card_number", number): one query a chunk."""
    found: dict[tuple[str, str], Member] = {}
    places: dict[int, Organization] = {}  # one instance an organization (select_related made one a member: memory)
    for key in ("citizen_id", "party_card_number"):
        wanted = sorted({values[key] for values in rows if values.get(key)})
        for start in range(0, len(wanted), member_services.BULK_LOOKUP):
            members = list(Member.objects.filter(**{f"{key}__in": wanted[start:start + member_services.BULK_LOOKUP]}))
            missing = {m.organization_id for m in members} - set(places) - {None}
            places |= Organization.objects.in_bulk(sorted(missing))
            for member in members:
                if member.organization_id is not None:
                    member.organization = places[member.organization_id]
                found[(key, getattr(member, key))] = member
    return found


class _OrgScope:
    """org_in_scope for many rows: each code looked up and checked once."""

    def __init__(self, *, root, by):
        self.root, self.by, self.known = root, by, {}

    def get(self, code):
        if code not in self.known:
            try:
                self.known[code] = org_in_scope(code, root=self.root, by=self.by, column="organization",
                                                action=member_services.CHANGE)
            except RowError as exc:
                self.known[code] = exc
        if isinstance(self.known[code], RowError):
            raise self.known[code]
        return self.known[code]


MEMBER_RECORD_COLUMNS = [
    Column("full_name", "Họ và tên", _text, "Họ, chữ đệm và tên khai sinh (Unicode dựng sẵn hay tổ hợp đều được).",
           "Nguyễn Thị Hoà", True),
    Column("other_names", "Tên gọi khác", _text, "Không bắt buộc.", ""),
    Column("sex", "Giới tính", lambda r: cells.choice(r, Sex, label="Giới tính"), "Nam hoặc Nữ.", "Nữ", True),
    Column("date_of_birth", "Ngày sinh", cells.date, "dd/mm/yyyy (cũng nhận d/m/yy và ô ngày của Excel).", "12/05/1985", True),
    Column("citizen_id", "Số CCCD", _citizen_id, "12 chữ số. Nếu Excel làm mất số 0 đầu (còn 11 chữ số) thì được khôi phục; "
           "độ dài khác bị từ chối. Dùng để nhận ra đảng viên khi nhập lại.", "'001185012345"),
    Column("party_card_number", "Số thẻ đảng viên", _card, "Không bắt buộc; phải có Số CCCD hoặc số thẻ.", ""),
    Column("record_number", "Số lý lịch", _text, "Không bắt buộc.", ""),
    Column("place_of_birth", "Nơi đăng ký khai sinh", _text, "", "Xã An Lạc"),
    Column("home_town", "Quê quán", _text, "", "Xã An Lạc"),
    Column("permanent_address", "Nơi thường trú", _text, "", ""),
    Column("current_address", "Nơi ở hiện nay", _text, "", ""),
    Column("ethnicity", "Dân tộc", _ref("ethnicity", "Dân tộc"), "Tên trong danh mục dân tộc.", "Kinh"),
    Column("religion", "Tôn giáo", _ref("religion", "Tôn giáo"), "Tên trong danh mục tôn giáo; để trống nếu không.", ""),
    Column("workplace", "Nơi làm việc", _text, "", ""),
    Column("position", "Chức vụ", _text, "", ""),
    Column("youth_union_date", "Ngày vào Đoàn", cells.date, "dd/mm/yyyy.", ""),
    Column("admission_decision_date", "Ngày quyết định kết nạp", cells.date, "dd/mm/yyyy.", "03/02/2015", True),
    Column("ceremony_date", "Ngày lễ kết nạp", cells.date, "dd/mm/yyyy; để trống: bằng ngày quyết định.", "15/02/2015"),
    Column("admitted_in", "Chi bộ kết nạp", _text, "Bắt buộc khi kết nạp ở nơi khác (ngày đến sinh hoạt sau ngày kết nạp).", ""),
    Column("introducer_1", "Người giới thiệu thứ nhất", _text, "", ""),
    Column("introducer_2", "Người giới thiệu thứ hai", _text, "", ""),
    Column("recognition_date", "Ngày công nhận chính thức", cells.date, "dd/mm/yyyy; để trống nếu còn dự bị.", "15/02/2016"),
]


class MembersKind(ImportKind):
    code = "members"
    label = _("Đảng viên (phiếu 2-HSĐV)")
    sheet_name = "Dang vien"
    columns = [
        *MEMBER_RECORD_COLUMNS,
        Column("organization", "Mã chi bộ", _text, "Mã chi bộ (hoặc chi bộ cơ sở) nơi đảng viên vào sổ. Chỉ dùng khi vào sổ "
               "lần đầu; chuyển sinh hoạt sau đó nhập bằng tệp sự kiện.", "99.001.001.000.001", True),
        Column("joined_on", "Ngày đến sinh hoạt", cells.date, "dd/mm/yyyy; để trống: ngày lễ kết nạp (kết nạp tại chi bộ này).",
               ""),
    ]
    RECORD = [c.key for c in MEMBER_RECORD_COLUMNS]

    def row_key(self, values):
        return ("citizen_id", values["citizen_id"]) if values.get("citizen_id") else None

    def apply_row(self, values, *, by, root):
        if not values.get("citizen_id") and not values.get("party_card_number"):
            raise RowError("citizen_id", "Số CCCD hoặc Số thẻ đảng viên: phải có ít nhất một, để nhận ra đảng viên khi nhập lại.")
        record, label = self._record(values)
        existing = _member_of(values)
        if existing is None:
            org = org_in_scope(values["organization"], root=root, by=by, column="organization", action=member_services.CHANGE)
            member_services.register_member(by=by, organization=org, joined_on=values.get("joined_on"), **record)
            return Outcome(NEW, label)
        changes = self._compare(existing, record, label, root=root)
        if isinstance(changes, Outcome):
            return changes
        diff = [(self.header_of(k), _shown(getattr(existing, k)), _shown(v)) for k, v in changes.items()]
        member_services.update_member(by=by, member=existing, expected_version=None, **changes)
        return Outcome(CHANGED, label, diff)

    def apply_rows(self, rows, *, by, root):
        """The set-based apply_row of every row (engine.run): the same outcomes and errors as row by row, with the
        lookups made once (the members matched, the organizations in scope) and the new members registered
        together (members.services.register_members). Corrections stay one by one (update_member): they are few.
        A file whose rows depend on each other in ways only the row order settles (a row matching a member
        another row of the file registers, a correction that changes a citizen ID or card number) is left to
        the row-by-row path (OneByOne)."""
        matched = _members_matching([values for _, values in rows])
        scope = _OrgScope(root=root, by=by)
        outcomes: dict[int, Outcome | list] = {}
        new: list[tuple[int, str, member_services.Registration]] = []
        corrections: list[tuple[int, str, Member, dict]] = []
        new_numbers: set[tuple[str, str]] = set()
        for number, values in rows:
            try:
                if not values.get("citizen_id") and not values.get("party_card_number"):
                    raise RowError("citizen_id", "Số CCCD hoặc Số thẻ đảng viên: phải có ít nhất một, để nhận ra đảng viên khi "
                                   "nhập lại.")
                code, joined_on = values.get("organization"), values.get("joined_on")
                record, label = self._record(values, in_place=True)
                numbers = [(k, record[k]) for k in ("citizen_id", "party_card_number") if record[k]]  # _member_of's order
                existing = next((matched[n] for n in numbers if n in matched), None)
                if existing is None:
                    if new_numbers.intersection(numbers):
                        raise OneByOne  # this row is the member an earlier row of the file registers
                    org = scope.get(code)
                    new.append((number, label, member_services.Registration(org, record, joined_on)))
                    new_numbers.update(numbers)
                    continue
                status = self._compare(existing, record, label, root=root)
                if isinstance(status, Outcome):
                    outcomes[number] = status
                elif {"citizen_id", "party_card_number"} & set(status):
                    raise OneByOne  # a number changes hands: which later row it matches depends on the order
                else:
                    corrections.append((number, label, existing, status))
            except RowError as exc:
                outcomes[number] = [(self.header_of(exc.column), exc.message)]
        found = member_services.register_members(by=by, registrations=[r for _n, _l, r in new])
        for (number, label, _r), violations in zip(new, found, strict=True):
            outcomes[number] = ([(self.header_of(v.field), v.text()) for v in violations] if violations
                                else Outcome(NEW, label))
        for number, label, existing, changes in corrections:
            outcomes[number] = self._correct(existing, changes, label, by=by)
        return outcomes

    def _record(self, values, *, in_place=False):
        """The record's fields and the row's label. `in_place` (the set-based path, which reads the row no more):
        the row's own dict becomes the record, the other columns dropped (100.000 copies of a record hold much memory)."""
        if in_place:
            label = f"{values['full_name']} ({values.get('citizen_id') or values.get('party_card_number')})"
            for key in [k for k in values if k not in self.RECORD]:
                del values[key]
            record = values
            for key in ("citizen_id", "party_card_number"):
                record[key] = record[key] or None
            return record, label
        record = {k: values[k] for k in self.RECORD}
        for key in ("citizen_id", "party_card_number"):
            record[key] = record[key] or None
        return record, f"{values['full_name']} ({values.get('citizen_id') or values.get('party_card_number')})"

    def _compare(self, existing, record, label, *, root):
        """UNCHANGED, or the changes to make (the row refused when the member is kept elsewhere)."""
        changes = {k: v for k, v in record.items() if v != getattr(existing, k) and not (v in ("", None) and
                                                                                       getattr(existing, k) in ("", None))}
        if not changes:  # nothing to write: the row is the register as it is (the cell column is the first placement)
            return Outcome(UNCHANGED, label)
        if existing.organization is None or not existing.organization.path.startswith(root.path):
            raise RowError("citizen_id", f"Số CCCD/số thẻ này thuộc hồ sơ một đảng viên không sinh hoạt trong {root.name}: "
                           "không sửa qua tệp này.")
        return changes

    def _correct(self, existing, changes, label, *, by):
        diff = [(self.header_of(k), _shown(getattr(existing, k)), _shown(v)) for k, v in changes.items()]
        try:
            with transaction.atomic():
                member_services.update_member(by=by, member=existing, expected_version=None, **changes)
        except RuleViolation as exc:
            return [(self.header_of(v.field), v.text()) for v in exc.violations]
        except (PermissionDeniedInScope, ConcurrentEditError) as exc:
            return [("", str(exc))]
        return Outcome(CHANGED, label, diff)

    def export_rows(self, root, on):
        yield from (row for member, row in self._export(root, on))

    def _export(self, root, on):
        if on is None:  # everyone the subtree's register has held, with their history
            members = Member.objects.filter(states__organization__path__tree_prefix=root.path)
        else:  # the members in the party in the subtree on that day (one state interval: the same row, one join)
            members = Member.objects.filter(pk__in=MemberState.objects.valid_on(on).filter(
                status__in=IN_PARTY, organization__path__tree_prefix=root.path).values("member_id"))
        members = members.distinct().select_related("ethnicity", "religion").prefetch_related("events__organization")
        for member in members.order_by("name_key", "id"):
            placed = next((e for e in member.events.all() if e.organization_id), None)
            row = {k: getattr(member, k) for k in self.RECORD}
            row.update(sex=str(Sex(member.sex).label), ethnicity=member.ethnicity.name if member.ethnicity else "",
                       religion=member.religion.name if member.religion else "",
                       organization=placed.organization.code if placed else "",
                       joined_on=placed.effective_date if placed and placed.event_type != EventType.ADMITTED else None)
            yield member, row


# ---------------------------------------------------------------------------- membership events

class EventsKind(ImportKind):
    """Dated events after the entry in the register (the admission, the arrival and the recognition come with the
    member's row): transfers, exemptions, removals, deaths… applied through record_event, or all together through
    record_events (apply_rows: the same checks, each event against the history the earlier rows leave)."""

    code = "events"
    label = _("Sự kiện của đảng viên")
    sheet_name = "Su kien"
    columns = [
        Column("citizen_id", "Số CCCD", _citizen_id, "Số CCCD của đảng viên (hoặc số thẻ ở cột sau).", "'001185012345"),
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD.", ""),
        Column("full_name", "Họ và tên", _text, "Để đối chiếu: phải khớp với hồ sơ.", "Nguyễn Thị Hoà"),
        Column("event_type", "Sự kiện", lambda r: cells.choice(r, EventType, label="Sự kiện"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in EventType.choices) + ".",
               str(EventType.TRANSFERRED_INTERNAL.label), True),
        Column("effective_date", "Ngày hiệu lực", cells.date, "dd/mm/yyyy.", "01/07/2020", True),
        Column("organization", "Mã chi bộ đến", _text, "Với chuyển sinh hoạt đến, nội bộ, tạm thời, kết nạp lại.",
               "99.001.001.000.002"),
        Column("external_place", "Nơi đến/nơi đi ngoài hệ thống", _text, "Bắt buộc với chuyển sinh hoạt đi ngoài hệ thống.", ""),
        Column("decision_number", "Số quyết định", _text, "", "12-QĐ/ĐU"),
        Column("decision_date", "Ngày quyết định", cells.date, "dd/mm/yyyy.", "25/06/2020"),
        Column("deciding_body", "Cơ quan quyết định", _text, "", "Đảng ủy xã An Lạc"),
        Column("reason", "Lý do", _text, "", ""),
        Column("ground", "Căn cứ ra khỏi Đảng", lambda r: cells.choice(r, RemovalGround, label="Căn cứ"),
               "Với xóa tên, ra khỏi Đảng, khai trừ: một trong các căn cứ của danh mục.", ""),
    ]

    def apply_row(self, values, *, by, root):
        member = _member_of(values)
        who = values.get("citizen_id") or values.get("party_card_number")
        if not who:
            raise RowError("citizen_id", "Số CCCD hoặc Số thẻ đảng viên: bắt buộc, để tìm đảng viên.")
        if member is None or not Member.objects.visible_to(by).filter(pk=member.pk).exists():
            raise RowError("citizen_id", f"Không có đảng viên số {who} trong phạm vi quyền của bạn.")
        if values.get("full_name") and fold(values["full_name"]) != fold(member.full_name):
            raise RowError("full_name", f"Họ và tên “{values['full_name']}” không khớp hồ sơ số {who} (“{member.full_name}”).")
        label = f"{member.full_name}: {EventType(values['event_type']).label} {cells.vn_date(values['effective_date'])}"
        if MembershipEvent.objects.filter(member=member, event_type=values["event_type"],
                                          effective_date=values["effective_date"]).exists():
            return Outcome(UNCHANGED, label)  # already in the history: nothing to write
        if not (permissions.is_system_admin(by) or permissions.may_change_member(by, member)):
            raise RowError("citizen_id", f"Đảng viên số {who} không sinh hoạt trong tổ chức bạn quản lý: không ghi sự kiện mới.")
        org = None
        if values.get("organization"):
            org = org_in_scope(values["organization"], root=root, by=by, column="organization", action=member_services.CHANGE)
        decision = member_services.Decision(number=values["decision_number"], date=values["decision_date"],
                                            body=values["deciding_body"], reason=values["reason"], ground=values["ground"] or "")
        member_services.record_event(by=by, member=member, event_type=values["event_type"],
                                     effective_date=values["effective_date"], organization=org,
                                     external_place=values["external_place"], decision=decision)
        return Outcome(NEW, label)

    def apply_rows(self, rows, *, by, root):
        """The set-based apply_row of every row (engine.run): the same checks in the same order, with the members,
        their visibility and the organizations looked up once, and the events recorded together
        (members.services.record_events, which checks each against the history the earlier rows leave)."""
        matched = _members_matching([values for _, values in rows])
        one = {}  # a member named by citizen ID on one row and by card number on another: one history
        for key, member in matched.items():
            matched[key] = one.setdefault(member.pk, member)
        pks = sorted(one)
        visible = set()
        for start in range(0, len(pks), member_services.BULK_LOOKUP):
            # the scope checked on the few rows the keys select (ROW): the general form builds the user's whole scope
            # for each chunk, a cost that grows with the register (a district's 100.000 members: seconds a chunk)
            visible |= set(Member.objects.filter(pk__in=pks[start:start + member_services.BULK_LOOKUP])
                           .restrict(by, form=ROW).values_list("pk", flat=True))
        scope = _OrgScope(root=root, by=by)
        outcomes: dict[int, Outcome | list] = {}
        entries: list[member_services.EventEntry] = []
        pending: list[tuple[int, str, str, RowError | None]] = []  # number, label, who, the organization's refusal
        for number, values in rows:
            who = values.get("citizen_id") or values.get("party_card_number")
            member = next((matched[(k, values[k])] for k in ("citizen_id", "party_card_number")
                           if values.get(k) and (k, values[k]) in matched), None)
            try:
                if not who:
                    raise RowError("citizen_id", "Số CCCD hoặc Số thẻ đảng viên: bắt buộc, để tìm đảng viên.")
                if member is None or member.pk not in visible:
                    raise RowError("citizen_id", f"Không có đảng viên số {who} trong phạm vi quyền của bạn.")
                if values.get("full_name") and fold(values["full_name"]) != fold(member.full_name):
                    raise RowError("full_name", f"Họ và tên “{values['full_name']}” không khớp hồ sơ số {who} "
                                   f"(“{member.full_name}”).")
            except RowError as exc:
                outcomes[number] = [(self.header_of(exc.column), exc.message)]
                continue
            org, refused = None, None
            if values.get("organization"):
                try:
                    org = scope.get(values["organization"])
                except RowError as exc:
                    refused = exc
            label = f"{member.full_name}: {EventType(values['event_type']).label} {cells.vn_date(values['effective_date'])}"
            pending.append((number, label, who, refused))
            entries.append(member_services.EventEntry(
                member, values["event_type"], values["effective_date"], org, values["external_place"],
                member_services.Decision(number=values["decision_number"], date=values["decision_date"],
                                         body=values["deciding_body"], reason=values["reason"], ground=values["ground"] or "")))

        def check(index, member, facts):  # apply_row's checks between the lookups and record_event
            _number, label, who, refused = pending[index]
            entry = entries[index]
            if any(f.event_type == entry.event_type and f.effective_date == entry.effective_date for f in facts):
                return Outcome(UNCHANGED, label)  # already in the history: nothing to write
            if not (permissions.is_system_admin(by) or permissions.may_change_member(by, member)):
                return RowError("citizen_id", f"Đảng viên số {who} không sinh hoạt trong tổ chức bạn quản lý: không ghi sự kiện mới.")
            return refused

        found = member_services.record_events(by=by, entries=entries, check=check)
        for (number, label, _who, _refused), answer in zip(pending, found, strict=True):
            if isinstance(answer, Outcome):
                outcomes[number] = answer
            elif isinstance(answer, RowError):
                outcomes[number] = [(self.header_of(answer.column), answer.message)]
            elif isinstance(answer, Exception):
                outcomes[number] = [("", str(answer))]
            elif answer:
                outcomes[number] = [(self.header_of(v.field), v.text()) for v in answer]
            else:
                outcomes[number] = Outcome(NEW, label)
        return outcomes

    def export_rows(self, root, on):
        for member, _row in MembersKind()._export(root, on):
            events = list(member.events.all())
            implied = _implied_events(member, events)
            for e in events:
                if e.pk in implied or (on is not None and e.effective_date > on):
                    continue
                yield {"citizen_id": member.citizen_id or "", "party_card_number": member.party_card_number or "",
                       "full_name": member.full_name, "event_type": str(EventType(e.event_type).label),
                       "effective_date": e.effective_date, "organization": e.organization.code if e.organization else "",
                       "external_place": e.external_place, "decision_number": e.decision_number,
                       "decision_date": e.decision_date, "deciding_body": e.deciding_body, "reason": e.reason,
                       "ground": str(RemovalGround(e.ground).label) if e.ground else ""}


def _implied_events(member: Member, events: list[MembershipEvent]) -> set[int]:
    """The events that the member's row recreates when imported (register_member): the admission, the arrival
    when admitted elsewhere, and the recognition at the record's date."""
    implied: set[int] = set()
    admitted = next((e for e in events if e.event_type == EventType.ADMITTED), None)
    if admitted is not None:
        implied.add(admitted.pk)
        if admitted.organization_id is None:
            arrival = next((e for e in events if e.event_type == EventType.TRANSFERRED_IN), None)
            if arrival is not None:
                implied.add(arrival.pk)
    recognized = next((e for e in events if e.event_type == EventType.RECOGNIZED and e.effective_date == member.recognition_date),
                      None)
    if recognized is not None:
        implied.add(recognized.pk)
    return implied


KINDS: dict[str, ImportKind] = {k.code: k for k in (OrganizationsKind(), MembersKind(), EventsKind())}
