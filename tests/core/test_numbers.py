"""Figures printed the Vietnamese way: dot for thousands, comma for decimals (shared/domain.md §4)."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvu.core.numbers import file_size, format_number, percent


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, 1, "1.234,5"),
        (2345, 0, "2.345"),
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1234567, 0, "1.234.567"),
        (1234567.891, 2, "1.234.567,89"),
        (Decimal("12.5"), 2, "12,50"),
        (0.5, 0, "1"),  # half up, not banker's rounding
        (2.5, 0, "3"),
        (1.005, 2, "1,01"),  # the decimal text of the float, not its binary value
        (-1234.5, 1, "-1.234,5"),
        (-2345, 0, "-2.345"),
        (-0.4, 0, "0"),  # rounds to zero: no "-0"
        (-999.5, 0, "-1.000"),
    ],
)
def test_format_number(value, decimals, text):
    assert format_number(value, decimals) == text


@pytest.mark.parametrize(
    ("args", "kwargs", "text"),
    [
        ((7, 30), {}, "23,33%"),
        ((1, 3), {}, "33,33%"),
        ((2, 3), {}, "66,67%"),
        ((2, 3), {"rounding": "truncate"}, "66,66%"),
        ((2, 3), {"rounding": "half_up"}, "66,67%"),
        ((1, 8), {"decimals": 1}, "12,5%"),
        ((1, 8), {"decimals": 0}, "13%"),
        ((1, 8), {"decimals": 0, "rounding": "truncate"}, "12%"),
        ((0, 5), {}, "0,00%"),
        ((30, 30), {}, "100,00%"),
        ((2345, 100), {}, "2.345,00%"),
        ((-2, 3), {}, "-66,67%"),
        ((-2, 3), {"rounding": "truncate"}, "-66,66%"),  # truncation goes toward zero
        ((1, -4), {}, "-25,00%"),
    ],
)
def test_percent(args, kwargs, text):
    assert percent(*args, **kwargs) == text


def test_percent_with_zero_denominator_prints_a_dash():
    assert percent(0, 0) == "—"
    assert percent(7, 0) == "—"
    assert percent(7, 0, decimals=0, rounding="truncate") == "—"


def test_unknown_rounding_mode_is_refused():
    with pytest.raises(KeyError):
        percent(1, 3, rounding="banker")


@given(st.integers().filter(lambda n: n != 0))
def test_whole_is_one_hundred_percent(n):
    assert percent(n, n) == "100,00%"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.integers(min_value=0, max_value=4), st.sampled_from(["half_up", "truncate"]))
def test_percent_is_within_one_unit_of_the_exact_fraction(n, d, decimals, rounding):
    text = percent(n, d, decimals=decimals, rounding=rounding)
    assert text.endswith("%")
    printed = Fraction(Decimal(text[:-1].replace(".", "").replace(",", ".")))
    exact = Fraction(n, d) * 100
    unit = Fraction(1, 10**decimals)
    if rounding == "truncate":
        assert printed <= exact < printed + unit
    else:
        assert printed - unit / 2 <= exact < printed + unit / 2


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_group_thousands_with_dots(n):
    text = format_number(n)
    assert int(text.replace(".", "")) == n
    digits = text.lstrip("-").split(".")
    assert 1 <= len(digits[0]) <= 3 and all(len(g) == 3 for g in digits[1:])
    assert "," not in text


@pytest.mark.parametrize(
    ("n_bytes", "text"),
    [
        (0, "0 byte"),
        (1023, "1.023 byte"),
        (1024, "1 KB"),
        (1536, "1,5 KB"),
        (1_258_291, "1,2 MB"),
        (10 * 1024 * 1024, "10 MB"),
        (1024 * 1024 - 1, "1 MB"),  # rounds up into the next unit, never "1.024 KB"
        (5 * 1024**3, "5 GB"),
    ],
)
def test_file_size(n_bytes, text):
    assert file_size(n_bytes) == text
