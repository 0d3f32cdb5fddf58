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


def file_size(n_bytes: int) -> str:
    """A file size the Vietnamese way, in binary units: 1_258_291 → "1,2 MB", 2_048 → "2 KB", 900 → "900 byte"."""
    if n_bytes < 1024:
        return f"{format_number(n_bytes)} byte"
    units = (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3))
    for i, (unit, scale) in enumerate(units):
        value = (Decimal(n_bytes) / scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if value < 1024 or i == len(units) - 1:  # 1.048.575 byte is "1 MB", not "1.024 KB"
            return f"{format_number(value, 1).removesuffix(',0')} {unit}"
    raise AssertionError("unreachable")
