"""The rules of targets, pure (no database): the status of a target on a date, and the checks of a
target's definition.

TG1 (status). After the period (the day after its end) a target is met when the actual satisfies the
comparison, missed otherwise. During the period:
- a cumulative measure (a count of things done over the period: admissions, cells established) that
  already satisfies "at least" is met (it cannot go down); one that already exceeds "at most" is
  missed (it cannot come back);
- otherwise it is compared with the linear progress expected by the day: the lower threshold times the
  share of the period elapsed (days, both ends included) for a cumulative measure, the lower threshold
  itself for a level (a stock, a percentage); below the expected value less the tolerance (a percentage
  of it, the parameter `targets.at_risk_tolerance_percent`, UNCONFIRMED: no rule of the Party fixes it;
  rounded down to a whole number for a count) it is at risk, else on track; above the upper threshold
  (at most, between) it is at risk.
A target without an actual has no status of its own: "chưa có số liệu".
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

from dangvu.core.errors import Violation
from dangvu.targets.kinds import Comparison, Measure, TargetStatus

TOLERANCE = "targets.at_risk_tolerance_percent"


def _f(value) -> Fraction | None:
    if value is None:
        return None
    return value if isinstance(value, Fraction) else Fraction(Decimal(str(value)))


def satisfied(comparison: str, low, high, actual) -> bool:
    low, high, actual = _f(low), _f(high), _f(actual)
    if comparison == Comparison.AT_LEAST:
        return actual >= low
    if comparison == Comparison.AT_MOST:
        return actual <= low
    return low <= actual <= high


def elapsed(start: dt.date, end: dt.date, on: dt.date) -> Fraction:
    """The share of the period [start, end] (both days included) elapsed by the end of `on`."""
    if on < start:
        return Fraction(0)
    if on >= end:
        return Fraction(1)
    return Fraction((on - start).days + 1, (end - start).days + 1)


def status(*, comparison: str, low, high=None, actual, start: dt.date, end: dt.date, on: dt.date, cumulative: bool,
           tolerance_percent) -> str:
    """The status of a target on `on` (TG1)."""
    if actual is None:
        return TargetStatus.NO_DATA
    actual, low, high = _f(actual), _f(low), _f(high)
    if on > end:
        return TargetStatus.MET if satisfied(comparison, low, high, actual) else TargetStatus.MISSED
    upper = low if comparison == Comparison.AT_MOST else high
    if cumulative:
        if comparison == Comparison.AT_LEAST and actual >= low:
            return TargetStatus.MET
        if upper is not None and actual > upper:
            return TargetStatus.MISSED
    elif upper is not None and actual > upper:
        return TargetStatus.AT_RISK
    if comparison == Comparison.AT_MOST:
        return TargetStatus.ON_TRACK
    expected = low * elapsed(start, end, on) if cumulative else low
    floor = expected * (1 - _f(tolerance_percent) / 100)
    if cumulative:  # a count: nobody admits 0,9 of a member; what is expected by now is a whole number
        floor = Fraction(math.floor(floor))
    return TargetStatus.AT_RISK if actual < floor else TargetStatus.ON_TRACK


def check_definition(*, comparison: str, threshold, threshold_high, measure: str, figure_code: str, period_start,
                     period_end, as_percent: bool) -> list[Violation]:
    """What a target's definition must hold; every violation names its field."""
    v: list[Violation] = []
    if period_start and period_end and period_end <= period_start:
        v.append(Violation("targets.period", "Đến ngày: phải sau ngày bắt đầu của kỳ.", "period_end"))
    if threshold is not None and threshold < 0:
        v.append(Violation("targets.threshold", "Mức chỉ tiêu: không được âm.", "threshold"))
    if comparison == Comparison.BETWEEN:
        if threshold_high is None:
            v.append(Violation("targets.high_required", "Mức trên: bắt buộc nhập khi so sánh “trong khoảng”.", "threshold_high"))
        elif threshold is not None and threshold_high < threshold:
            v.append(Violation("targets.high_below", "Mức trên: không được nhỏ hơn mức chỉ tiêu.", "threshold_high"))
    elif threshold_high is not None:
        v.append(Violation("targets.high_unused", "Mức trên: chỉ nhập khi so sánh “trong khoảng”.", "threshold_high"))
    if as_percent and threshold is not None and threshold > 100:
        v.append(Violation("targets.percent", "Mức chỉ tiêu: tỷ lệ không quá 100%.", "threshold"))
    if measure == Measure.FIGURE and not figure_code:
        v.append(Violation("targets.code_required", "Mã số liệu thống kê: bắt buộc nhập khi kết quả tính từ số liệu thống kê.",
                           "figure_code"))
    if measure == Measure.MANUAL and figure_code:
        v.append(Violation("targets.code_unused", "Mã số liệu thống kê: để trống khi kết quả được nhập tay.", "figure_code"))
    return v
