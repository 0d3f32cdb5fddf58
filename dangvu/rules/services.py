"""Changing the rules engine's settings: administrators only, each change audited, nothing
overwritten (a parameter value is a new row from a date on; a calendar day can be removed, and
the audit keeps what it was)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from dangvu.accounts.permissions import is_system_admin
from dangvu.audit import services as audit
from dangvu.audit.capture import audited
from dangvu.core.errors import PermissionDeniedInScope, Violation, raise_if
from dangvu.rules.models import CalendarDay, DayKind, ParameterValue
from dangvu.rules.parameters import BY_KEY, RULE

NOT_ADMIN = "Chỉ quản trị hệ thống được thay đổi tham số và lịch ngày nghỉ."


def _require_admin(by) -> None:
    if not is_system_admin(by):
        raise PermissionDeniedInScope(NOT_ADMIN)


def _json(value):
    return value if isinstance(value, int) else str(value)


@audited
def set_parameter(*, by, key: str, value, effective_from: dt.date, reason: str, province=None) -> ParameterValue:
    """A new value of a parameter from a date on, nationally or (`province`, a provincial committee)
    for one province only; audited with its reason."""
    _require_admin(by)
    definition = BY_KEY.get(key)
    if definition is None:
        raise_if([Violation("rules.unknown_parameter", f"Tham số: không có tham số “{key}”.", "key")])
    v = []
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        v.append(Violation("rules.parameter_number", f"Giá trị: “{definition.label}” phải là một số.", "value"))
    elif number != definition.coerce(number):
        places = f"tối đa {definition.decimals} chữ số thập phân" if definition.decimals else "một số nguyên"
        v.append(Violation("rules.parameter_decimals", f"Giá trị: “{definition.label}” phải là {places}.", "value"))
    elif not definition.minimum <= number <= definition.maximum:
        v.append(Violation("rules.parameter_range", f"Giá trị: “{definition.label}” phải từ {definition.minimum} đến "
                           f"{definition.maximum} {definition.unit}.", "value"))
    if not (reason or "").strip():
        v.append(Violation("rules.reason_required", "Căn cứ, lý do: phải ghi văn bản hoặc lý do thay đổi tham số.", "reason"))
    if province is not None and province.kind != "provincial_committee":
        v.append(Violation("rules.parameter_province", f"Phạm vi: “{province.name}” không phải đảng bộ tỉnh, thành phố; "
                           "giá trị riêng của địa phương chỉ đặt cho cấp tỉnh.", "province"))
    if province is not None and definition.kind != RULE:
        v.append(Violation("rules.parameter_province_kind", "Phạm vi: chỉ đặt giá trị riêng của tỉnh cho quy định, "
                           "không cho thiết lập phần mềm hoặc việc xác nhận văn bản.", "province"))
    raise_if(v)
    row = ParameterValue.objects.create(key=key, value=number, effective_from=effective_from, reason=reason.strip(),
                                        province=province, created_by=by)
    audit.record(actor=by, action="rules.parameter_set", obj=row, object_label=definition.label,
                 data={"key": key, "value": _json(definition.coerce(number)), "effective_from": effective_from,
                       "default": _json(definition.default), "province": province.name if province else ""},
                 note=reason.strip())
    return row


@audited
def add_calendar_day(*, by, date: dt.date, kind: str, name: str, source: str = "") -> CalendarDay:
    _require_admin(by)
    v = []
    if kind not in DayKind.values:
        v.append(Violation("rules.day_kind", "Loại: phải là ngày nghỉ lễ, nghỉ bù hoặc ngày làm bù.", "kind"))
    if not (name or "").strip():
        v.append(Violation("rules.day_name", "Tên: phải ghi tên ngày nghỉ hoặc lý do làm bù.", "name"))
    if CalendarDay.objects.filter(date=date).exists():
        v.append(Violation("rules.day_exists", f"Ngày: {date:%d/%m/%Y} đã có trong lịch; hãy xóa ngày đó trước khi ghi lại.",
                           "date"))
    if kind == DayKind.MAKEUP_WORKDAY and date.weekday() < 5:
        v.append(Violation("rules.makeup_weekday", "Ngày: ngày làm bù phải là thứ Bảy hoặc Chủ nhật.", "date"))
    raise_if(v)
    day = CalendarDay.objects.create(date=date, kind=kind, name=name.strip(), source=source.strip())
    audit.record(actor=by, action="rules.day_added", obj=day, after={"date": date, "kind": kind, "name": day.name,
                                                                   "source": day.source})
    return day


@audited
def remove_calendar_day(*, by, day: CalendarDay, reason: str = "") -> None:
    _require_admin(by)
    audit.record(actor=by, action="rules.day_removed", obj=day,
                 before={"date": day.date, "kind": day.kind, "name": day.name, "source": day.source}, note=reason)
    day.delete()
