"""Which implementing regulation of the Party Charter applies on a date.

The Charter (Điều lệ 2011) is unchanged; its implementing regulation changed four times since 2016
(shared/domain-rules.md §0). A rule asks `regime_on(date)` and reads the attributes that differ
between regimes, so a decision taken in 2020 is checked against the rules of 2020 and one taken
in 2026 against the rules of 2026. Every attribute cites where it comes from.
"""

import datetime as dt
from dataclasses import dataclass


class DecidingLevel:
    """Who decides admissions and recognitions (domain-rules A12)."""

    # The grassroots committee with delegated authority, otherwise the standing committee of the
    # direct superior of the grassroots organization (QĐ 29/24/232/294 điểm 4.3.2).
    DIRECT_SUPERIOR_STANDING = "direct_superior_standing"
    # The standing committee of the grassroots committee (QĐ 208-QĐ/TW, 2026; REP-2026).
    GRASSROOTS_STANDING = "grassroots_standing"


@dataclass(frozen=True)
class Regime:
    code: str
    title: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None  # exclusive
    status: str  # CONF, SEC, REP-2026, UNCONFIRMED (shared/domain-rules.md)
    admission_deciding_level: str
    # Whether the 30-day deadline to present a transfer letter counts working days (QĐ 294) or
    # calendar days (HD 09-HD/BTCTW 2017 and the rules before QĐ 294).
    transfer_letter_working_days: bool
    # From 1/7/2025 there is no district level; the commune/ward committee is the direct superior.
    three_levels: bool

    def applies_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on < self.valid_to)

    @property
    def short(self) -> str:
        return self.title.split(" (")[0]


D = DecidingLevel
REGIMES: tuple[Regime, ...] = (
    Regime("qd29", "QĐ 29-QĐ/TW (25/7/2016)", "Quy định 29-QĐ/TW ngày 25/7/2016 thi hành Điều lệ Đảng",
           dt.date(2016, 7, 25), dt.date(2021, 7, 30), "CONF", D.DIRECT_SUPERIOR_STANDING, False, False),
    Regime("qd24", "QĐ 24-QĐ/TW (30/7/2021)", "Quy định 24-QĐ/TW ngày 30/7/2021 thi hành Điều lệ Đảng",
           dt.date(2021, 7, 30), dt.date(2025, 1, 20), "CONF", D.DIRECT_SUPERIOR_STANDING, False, False),
    Regime("qd232", "QĐ 232-QĐ/TW (20/1/2025)", "Quy định 232-QĐ/TW ngày 20/1/2025 sửa đổi QĐ 24",
           dt.date(2025, 1, 20), dt.date(2025, 7, 1), "CONF", D.DIRECT_SUPERIOR_STANDING, False, False),
    Regime("qd294", "QĐ 294-QĐ/TW (26/5/2025, hiệu lực 1/7/2025)", "Quy định 294-QĐ/TW ngày 26/5/2025 thi hành Điều lệ Đảng",
           dt.date(2025, 7, 1), dt.date(2026, 7, 26), "CONF", D.DIRECT_SUPERIOR_STANDING, True, True),
    Regime("qd208", "QĐ 208-QĐ/TW (26/7/2026)", "Quy định 208-QĐ/TW ngày 26/7/2026 thi hành Điều lệ Đảng (bản chính thức chưa đối chiếu)",
           dt.date(2026, 7, 26), None, "REP-2026", D.GRASSROOTS_STANDING, True, True),
)
EARLIEST = REGIMES[0]


def regime_on(on: dt.date) -> Regime:
    """The regime in force on `on`; dates before 25/7/2016 are judged by QĐ 29 (its rules on
    these points repeat the earlier QĐ 45-QĐ/TW of 2011)."""
    for regime in REGIMES:
        if regime.applies_on(on):
            return regime
    return EARLIEST
