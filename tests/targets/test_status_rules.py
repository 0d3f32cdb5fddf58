"""TG1: a target's status at the boundaries of its period (pure: dangvu.targets.rules.status)."""

import datetime as dt

import pytest

from dangvu.targets.rules import elapsed, status

D = dt.date
START, END = D(2026, 1, 1), D(2026, 12, 31)  # 365 days
TOL = 10


@pytest.mark.parametrize("comparison, low, high, actual, on, cumulative, expected", [
    # After the period (from the day after its end): met or missed.
    ("gte", 35, None, 35, D(2027, 1, 1), True, "met"),
    ("gte", 35, None, 34, D(2027, 1, 1), True, "missed"),
    ("lte", 5, None, 5, D(2027, 1, 1), False, "met"),
    ("lte", 5, None, "5.01", D(2027, 1, 1), False, "missed"),
    ("between", 2, 3, 2, D(2027, 1, 1), True, "met"),
    ("between", 2, 3, 3, D(2027, 1, 1), True, "met"),
    ("between", 2, 3, 4, D(2027, 1, 1), True, "missed"),
    ("between", 2, 3, 1, D(2027, 1, 1), True, "missed"),
    # The last day is still in the period: a cumulative count below its minimum is not missed yet.
    ("gte", 35, None, 34, END, True, "on_track"),  # expected 35, 31,5 with the tolerance: 31 members
    ("gte", 35, None, 31, END, True, "on_track"),
    ("gte", 35, None, 30, END, True, "at_risk"),
    # A cumulative count already at its minimum is met during the period; past its maximum, missed.
    ("gte", 35, None, 35, D(2026, 3, 1), True, "met"),
    ("lte", 5, None, 6, D(2026, 3, 1), True, "missed"),
    ("lte", 5, None, 5, D(2026, 3, 1), True, "on_track"),
    ("between", 2, 3, 4, D(2026, 3, 1), True, "missed"),
    # Linear progress: on 2/7/2026 (day 183 of 365) the expected count of 365 is 183, 164,7 with the tolerance.
    ("gte", 365, None, 165, D(2026, 7, 2), True, "on_track"),
    ("gte", 365, None, 164, D(2026, 7, 2), True, "on_track"),
    ("gte", 365, None, 163, D(2026, 7, 2), True, "at_risk"),
    # The first day: 1 of 365 expected, 0,9 with the tolerance: nothing whole is due yet.
    ("gte", 365, None, 0, START, True, "on_track"),
    ("gte", 730, None, 1, D(2026, 1, 2), True, "at_risk"),  # 4 expected, 3,6: 3 members
    ("gte", 730, None, 3, D(2026, 1, 2), True, "on_track"),
    # A level (a share, a stock) is compared with the threshold itself, within the tolerance.
    ("gte", 85, None, "76.5", D(2026, 3, 1), False, "on_track"),
    ("gte", 85, None, "76.49", D(2026, 3, 1), False, "at_risk"),
    ("lte", 5, None, "5.5", D(2026, 3, 1), False, "at_risk"),
    ("between", 40, 50, 51, D(2026, 3, 1), False, "at_risk"),
    # Before the period nothing is expected yet.
    ("gte", 35, None, 0, D(2025, 12, 31), True, "on_track"),
    # No actual: no status of its own.
    ("gte", 35, None, None, D(2027, 1, 1), True, "no_data"),
])
def test_status(comparison, low, high, actual, on, cumulative, expected):
    assert status(comparison=comparison, low=low, high=high, actual=actual, start=START, end=END, on=on,
                  cumulative=cumulative, tolerance_percent=TOL) == expected


def test_tolerance_is_a_parameter():
    args = dict(comparison="gte", low=100, high=None, actual=80, start=START, end=END, on=D(2026, 3, 1), cumulative=False)
    assert status(**args, tolerance_percent=10) == "at_risk"
    assert status(**args, tolerance_percent=20) == "on_track"


def test_elapsed_counts_both_ends():
    assert elapsed(START, END, START) == pytest.approx(1 / 365)
    assert elapsed(START, END, END) == 1
    assert elapsed(START, END, D(2025, 12, 31)) == 0
