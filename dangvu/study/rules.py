"""Rules of resolution study: pure functions returning violations (no database).

Rule ids (the violation codes):
- study.number: a document's number in the official form "<số>-<ký hiệu loại>/<cơ quan>" (57-NQ/TW, 21-KL/TW,
  05-CT/TW, 144-QĐ/TW; a number below 10 with a leading zero), the kind's abbreviation matching the kind
  (Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng về thể thức văn bản của Đảng).
- study.future: attendance and make-ups are recorded on or after the day they took place.
- study.not_expected: only members expected on the session's date (in the party, belonging to the organizer's
  subtree on that date) are on its attendance list.
- study.makeup_absent: a make-up covers members absent from the session, not yet made up, on or after its date.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from dangvu.core.dates import vn_date
from dangvu.core.errors import Violation
from dangvu.core.numbers import percent
from dangvu.study.kinds import ABBREVIATIONS

SOURCE_NUMBER = "Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng"
NUMBER_RE = re.compile(r"^(?P<n>[0-9]{1,4})-(?P<abbr>[A-ZĐ]{2,3})/(?P<body>[A-ZĐ]{1,8}(-[A-ZĐ]{1,8})?)$")


def normalize_number(raw: str | None) -> str:
    """Spaces out, upper case: " 57-nq/tw " → "57-NQ/TW"."""
    return re.sub(r"\s+", "", raw or "").upper()


def check_number(number: str, kind: str) -> list[Violation]:
    if not number:
        return [Violation("study.number", "Số, ký hiệu: bắt buộc nhập (ví dụ 57-NQ/TW).", "number")]
    match = NUMBER_RE.match(number)
    if match is None:
        return [Violation("study.number", f"Số, ký hiệu: “{number}” không đúng dạng số-ký hiệu loại văn bản/cơ quan ban "
                          f"hành, ví dụ 57-NQ/TW, 21-KL/TW, 05-CT/TW, 144-QĐ/TW ({SOURCE_NUMBER}).", "number")]
    n = match.group("n")
    if int(n) == 0 or (int(n) < 10 and len(n) != 2) or (int(n) >= 10 and n.startswith("0")):
        return [Violation("study.number", f"Số, ký hiệu: số “{n}” không đúng; số nhỏ hơn 10 ghi thêm số 0 phía trước "
                          f"(05-CT/TW), số từ 10 trở lên không có số 0 phía trước ({SOURCE_NUMBER}).", "number")]
    abbr = match.group("abbr")
    if abbr not in ABBREVIATIONS:
        known = ", ".join(ABBREVIATIONS)
        return [Violation("study.number", f"Số, ký hiệu: “{abbr}” không phải ký hiệu loại văn bản học tập ({known}) "
                          f"({SOURCE_NUMBER}).", "number")]
    if kind and ABBREVIATIONS[abbr] != kind:
        return [Violation("study.number", f"Số, ký hiệu: ký hiệu “{abbr}” là của {ABBREVIATIONS[abbr].label.lower()}, "
                          f"không khớp loại văn bản đã chọn ({SOURCE_NUMBER}).", "number")]
    return []


def check_not_future(date: dt.date, today: dt.date, field: str = "date") -> list[Violation]:
    if date > today:
        return [Violation("study.future", f"Ngày học tập: {vn_date(date)} chưa tới; ghi danh sách tham dự từ ngày học tập "
                          "trở đi.", field)]
    return []


def check_absent(expected: set[int], absent: set[int]) -> list[Violation]:
    if absent - expected:
        return [Violation("study.not_expected", "Danh sách tham dự: có người không phải đảng viên thuộc tổ chức vào ngày "
                          "học tập.", "absent")]
    return []


def check_makeup(*, session_date: dt.date, date: dt.date, today: dt.date, absent: set[int], chosen: set[int]) -> list[Violation]:
    v: list[Violation] = []
    if not chosen:
        v.append(Violation("study.makeup_absent", "Học bù: chọn ít nhất một đảng viên vắng chưa học bù.", "members"))
    elif chosen - absent:
        v.append(Violation("study.makeup_absent", "Học bù: chỉ đảng viên vắng buổi học tập và chưa học bù mới học bù.",
                           "members"))
    if date < session_date:
        v.append(Violation("study.makeup_absent", f"Ngày học bù: không trước ngày học tập {vn_date(session_date)}.", "date"))
    v += check_not_future(date, today)
    return v


def rate(studied: int, expected: int) -> Fraction | None:
    """The exact participation rate (None without anyone expected)."""
    return Fraction(studied, expected) if expected else None


def rate_text(studied: int, expected: int, rounding: str = "half_up") -> str:
    """"98,8%": one decimal, as the published reports print it."""
    return percent(studied, expected, decimals=1, rounding=rounding)
