"""Query parameters: one validated reading for the pages, the API and the commands.

Every query parameter a view reads goes through one of these functions. A bad value raises
`BadParameter` ({parameter: Vietnamese message naming the parameter and the rule}); the API answers
400 with that body (dangvu.api.errors), a page answers 400 with the messages
(dangvu.core.middleware.BadParameterMiddleware): never a server error.

    text(params, "q")                             the stripped text ("" when absent)
    integer(params, "working_days", label=…, minimum=1, maximum=400)
    object_id(params, "parent", label=…)          an id: a whole number 1 … MAX_ID
    year(params, "year", label=…)                 a year within the date policy (core.dates)
    date(params, "as_of", label=…)                dd/mm/yyyy or yyyy-mm-dd within the date policy
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from dangvu.core.dates import MAX_DATE, MIN_DATE, parse_date

# The largest id a database key holds (a 64-bit signed integer): a larger number is refused before
# it reaches the database driver (SQLite raises OverflowError on it).
MAX_ID = 2**63 - 1


class BadParameter(ValueError):
    """One or more query parameters are invalid: {name: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def text(params: Mapping, name: str) -> str:
    """The stripped text ("" when absent); a control character is refused (PostgreSQL cannot even
    compare a text holding U+0000)."""
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    value = str(value).strip() if value not in (None, "") else ""
    if any(ch < " " for ch in value):
        raise BadParameter({name: f"{name}: không được chứa ký tự điều khiển."})
    return value


def whole_number(raw: str) -> int | None:
    """"42", "+42", "-42" → int; anything else (letters, "²", 30 digits) → None."""
    sign = -1 if raw[:1] == "-" else 1
    digits = raw[1:] if raw[:1] in ("+", "-") else raw
    return sign * int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 19 else None


def _required(name: str, label: str):
    return BadParameter({name: f"{name}: {label}: bắt buộc nhập."})


def integer(params: Mapping, name: str, *, label: str, minimum: int | None = None, maximum: int | None = None,
            default: int | None = None, required: bool = False) -> int | None:
    raw = text(params, name)
    if not raw:
        if required:
            raise _required(name, label)
        return default
    value = whole_number(raw)
    low = "" if minimum is None else f"từ {minimum}"
    high = "" if maximum is None else f"đến {maximum}"
    bounds = " ".join(p for p in (low, high) if p)
    if value is None or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise BadParameter({name: f"{name}: {label} “{raw[:40]}” không hợp lệ: ghi một số nguyên"
                                  f"{' ' + bounds if bounds else ''}."})
    return value


def object_id(params: Mapping, name: str, *, label: str) -> int | None:
    """An id (of an organization, a member…): absent → None."""
    raw = text(params, name)
    if not raw:
        return None
    value = whole_number(raw)
    if value is None or not 1 <= value <= MAX_ID:
        raise BadParameter({name: f"{name}: {label} “{raw[:40]}” không hợp lệ: ghi mã số (id), một số nguyên dương."})
    return value


def choice(params: Mapping, name: str, *, label: str, choices) -> str:
    """One of `choices` ("" when absent)."""
    raw = text(params, name)
    if raw and raw not in choices:
        raise BadParameter({name: f"{name}: {label} “{raw[:40]}” không hợp lệ; chọn {', '.join(choices)}."})
    return raw


def year(params: Mapping, name: str, *, label: str = "Năm", default: int | None = None,
         minimum: int | None = None) -> int | None:
    low = minimum or MIN_DATE.year
    raw = text(params, name)
    if not raw:
        return default
    value = whole_number(raw)
    if value is None or not low <= value <= MAX_DATE.year:
        raise BadParameter({name: f"{name}: {label} “{raw[:40]}” không hợp lệ: ghi năm bốn chữ số từ {low} "
                                  f"đến {MAX_DATE.year}."})
    return value


def date(params: Mapping, name: str, *, label: str = "Ngày", default: dt.date | None = None,
         required: bool = False) -> dt.date | None:
    raw = text(params, name)
    try:
        value = parse_date(raw)
    except ValueError as exc:
        raise BadParameter({name: f"{name}: {exc}"}) from exc
    if value is None and required:
        raise _required(name, f"{label} (dd/mm/yyyy hoặc yyyy-mm-dd)")
    return value if value is not None else default


def collect(*calls) -> list:
    """Run several readings and report all their faults at once: collect(lambda: …, lambda: …)."""
    values, errors = [], {}
    for call in calls:
        try:
            values.append(call())
        except BadParameter as exc:
            errors.update(exc.errors)
            values.append(None)
    if errors:
        raise BadParameter(errors)
    return values


def or_message(call, errors: list[str], fallback=None):
    """For a page that shows the faults above its content: the value of `call()`, or `fallback` with
    the messages appended to `errors`."""
    try:
        return call()
    except BadParameter as exc:
        errors.extend(exc.errors.values())
        return fallback
