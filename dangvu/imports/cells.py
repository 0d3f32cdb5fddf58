"""One cell's raw value (as openpyxl or csv gave it) → the value a service takes, or a Vietnamese reason.

Each converter returns the value or raises `CellError(reason)`; the kind adds the row and column.
Nothing ambiguous is guessed: a citizen ID of 11 digits lost its leading zero in Excel (a CCCD has 12
digits and the first is the province code, "0xx"), so it is restored; any other length is refused.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal, InvalidOperation

from django.utils import translation

from dangvu.core.dates import ImpossibleDate, NotADate, out_of_range, parse_date, today, vn_date
from dangvu.core.text import clean_text, fold
from dangvu.imports.reading import Formula

EXCEL_EPOCH = dt.date(1899, 12, 30)
CITIZEN_ID_DIGITS = 12  # the format of the chip-based CCCD / personal identification number (Luật Căn cước 2023)


class CellError(ValueError):
    pass


def text(raw) -> str:
    """Text as typed: NFC (NFD from some Mac programs and either tone placement compose alike), spaces
    collapsed, a leading apostrophe (Excel's "keep as text" mark) dropped, whole numbers without ".0"."""
    if raw is None:
        return ""
    if isinstance(raw, Formula):
        raise CellError(f"ô chứa công thức ({raw.text[:40]}); hãy sao chép rồi dán dạng giá trị.")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return vn_date(raw)
    value = clean_text(str(raw)).strip()
    if value.startswith("'"):
        value = value[1:].strip()
    return " ".join(value.split())


def date(raw) -> dt.date | None:
    """dd/mm/yyyy, d/m/yy, yyyy-mm-dd, an Excel date cell or an Excel serial number (days since 30/12/1899)."""
    if isinstance(raw, Formula):
        text(raw)
    if raw is None or raw == "":
        return None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if not float(raw).is_integer() or raw < 1:
            raise CellError(f"“{raw}” không phải một ngày (dd/mm/yyyy).")
        value = EXCEL_EPOCH + dt.timedelta(days=int(raw))
    else:
        s = text(raw)
        if not s:
            return None
        if re.fullmatch(r"\d{4,6}", s):
            return date(int(s))
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})", s)
        if m:  # d/m/yy: a two-digit year of a past event is 19yy when 20yy would lie in the future
            day, month, yy = (int(x) for x in m.groups())
            year = 2000 + yy if 2000 + yy <= today().year else 1900 + yy
            s = f"{day}/{month}/{year}"
        s = s.replace(".", "/")
        try:
            return parse_date(s)
        except (NotADate, ImpossibleDate) as exc:
            raise CellError(str(exc)) from exc
    fault = out_of_range(value)
    if fault:
        raise CellError(fault)
    return value


def whole_number_text(raw, *, label: str) -> str:
    """A number written with digits only, whether Excel stored it as a number or as text."""
    if isinstance(raw, Formula):
        text(raw)
    if isinstance(raw, float):
        if not raw.is_integer():
            raise CellError(f"{label} “{raw}” không phải một dãy chữ số.")
        raw = int(raw)
    s = text(raw).replace(" ", "").replace(".", "") if not isinstance(raw, int) else str(raw)
    if s and not s.isdigit():
        try:  # "1.23457E+11": Excel shortened the number; the digits are lost
            Decimal(s)
        except InvalidOperation:
            raise CellError(f"{label} “{s}” chỉ được gồm chữ số.") from None
        raise CellError(f"{label} “{s}” đã bị Excel rút gọn thành dạng số mũ, mất chữ số: hãy định dạng cột là Văn bản "
                        "và nhập lại.")
    return s


def citizen_id(raw) -> str:
    s = whole_number_text(raw, label="Số CCCD")
    if not s:
        return ""
    if len(s) == CITIZEN_ID_DIGITS - 1:
        return "0" + s  # Excel dropped the leading zero of the province code: unambiguous
    if len(s) != CITIZEN_ID_DIGITS:
        raise CellError(f"Số CCCD “{s}” có {len(s)} chữ số; số định danh cá nhân có {CITIZEN_ID_DIGITS} chữ số "
                        "(không tự đoán số bị thiếu).")
    return s


def yes_no(raw, *, label: str) -> bool | None:
    """Có / Không (also x, an Excel TRUE/FALSE cell, 1/0); blank: not recorded."""
    s = text(raw)
    if not s:
        return None
    key = fold(s)
    if key in ("co", "x", "true", "1"):
        return True
    if key in ("khong", "false", "0"):
        return False
    raise CellError(f"{label} “{s}”: ghi Có hoặc Không (để trống nếu chưa ghi).")


def choice(raw, choices, *, label: str) -> str:
    """A value of `choices` (TextChoices) given by its label ("Chi bộ trực thuộc") or its code ("cell")."""
    s = text(raw)
    if not s:
        return ""
    value = _choice_index(choices, translation.get_language()).get(fold(s))
    if value is not None:
        return value
    allowed = "; ".join(str(name) for _, name in choices.choices)
    raise CellError(f"{label} “{s}” không có trong danh mục ({allowed}).")



@functools.lru_cache(maxsize=64)
def _choice_index(choices, language) -> dict[str, str]:
    """Folded label and folded code → value, the first choice winning (as a scan in order would): made once a
    choice list and language (the labels are translated), not once a cell."""
    index: dict[str, str] = {}
    for value, name in choices.choices:
        index.setdefault(fold(str(name)), value)
        index.setdefault(fold(value), value)
    return index
