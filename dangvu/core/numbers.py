"""Exact figures printed the Vietnamese way: 7/30 stays 7 and 30 and prints as "23,33%"."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction

ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "truncate": ROUND_DOWN}


def format_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1234.5 → "1.234,5" (thousands with a dot, decimals with a comma)."""
    quantized = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if quantized < 0 else ""
    integer, _, fraction = f"{abs(quantized):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def percent(numerator: int, denominator: int, decimals: int = 2, rounding: str = "half_up") -> str:
    """percent(7, 30) → "23,33%". An empty denominator prints as "—"."""
    if denominator == 0:
        return "—"
    exact = Fraction(numerator, denominator) * 100
    value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUNDING_MODES[rounding]
    )
    return format_number(value, decimals) + "%"
