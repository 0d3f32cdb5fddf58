"""The statutory public holidays of Viet Nam (Bộ luật Lao động 2019 Điều 112), computed for the
years in use, to seed the stored calendar. Administrators then adjust it to each year's official
notice (the Government fixes the exact Tết days and any swapped working days every year).

- 1/1; Tết Nguyên đán 5 days (seeded as the last day of the lunar year and the first 4 days of
  the new year); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 1/5; Quốc khánh 2/9 plus one adjacent day
  (1/9 or 3/9, seeded as the one that joins the weekend, since 2021; before 2021 only 2/9).
- A holiday falling on Saturday or Sunday gives a compensatory day off on the next working day.
- The lunar dates (first day of Tết and 10/3) for 2016–2032, from the lunar calendar for Viet Nam
  (UTC+7); they agree with the Chinese calendar in these years.
"""

import datetime as dt
from dataclasses import dataclass

D = dt.date
LUNAR_NEW_YEAR = {
    2016: D(2016, 2, 8), 2017: D(2017, 1, 28), 2018: D(2018, 2, 16), 2019: D(2019, 2, 5), 2020: D(2020, 1, 25),
    2021: D(2021, 2, 12), 2022: D(2022, 2, 1), 2023: D(2023, 1, 22), 2024: D(2024, 2, 10), 2025: D(2025, 1, 29),
    2026: D(2026, 2, 17), 2027: D(2027, 2, 6), 2028: D(2028, 1, 26), 2029: D(2029, 2, 13), 2030: D(2030, 2, 3),
    2031: D(2031, 1, 23), 2032: D(2032, 2, 11),
}
HUNG_KINGS = {
    2016: D(2016, 4, 16), 2017: D(2017, 4, 6), 2018: D(2018, 4, 25), 2019: D(2019, 4, 14), 2020: D(2020, 4, 2),
    2021: D(2021, 4, 21), 2022: D(2022, 4, 10), 2023: D(2023, 4, 29), 2024: D(2024, 4, 18), 2025: D(2025, 4, 7),
    2026: D(2026, 4, 26), 2027: D(2027, 4, 16), 2028: D(2028, 4, 4), 2029: D(2029, 4, 23), 2030: D(2030, 4, 12),
    2031: D(2031, 4, 1), 2032: D(2032, 4, 19),
}
YEARS = range(2016, 2033)
SOURCE = "Bộ luật Lao động 2019 Điều 112 (tính sẵn; đối chiếu thông báo nghỉ lễ hằng năm)"


def statutory_days(year: int) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) for one year: holidays, then compensatory days for those on weekends."""
    tet = LUNAR_NEW_YEAR[year]
    holidays: list[tuple[dt.date, str]] = [(D(year, 1, 1), "Tết Dương lịch")]
    holidays.append((tet - dt.timedelta(days=1), "Tết Nguyên đán (ngày cuối năm âm lịch)"))
    holidays += [(tet + dt.timedelta(days=i), f"Tết Nguyên đán (mùng {i + 1})") for i in range(4)]
    holidays.append((HUNG_KINGS[year], "Giỗ Tổ Hùng Vương (10/3 âm lịch)"))
    holidays += [(D(year, 4, 30), "Ngày Chiến thắng 30/4"), (D(year, 5, 1), "Ngày Quốc tế Lao động 1/5"),
                 (D(year, 9, 2), "Quốc khánh 2/9")]
    if year >= 2021:
        # The adjacent day that joins the weekend: Monday 2/9 → Tuesday 3/9 (2024), Thursday → Friday
        # 3/9 (2021); Tuesday → Monday 1/9 (2025), Friday or Saturday → 1/9 (2022, 2023).
        extra = D(year, 9, 3) if D(year, 9, 2).weekday() in (0, 3, 6) else D(year, 9, 1)
        holidays.append((extra, "Quốc khánh (ngày liền kề)"))
    taken = {d for d, _ in holidays}
    result = [(d, "holiday", name) for d, name in sorted(holidays)]
    for d, name in sorted(holidays):
        if d.weekday() >= 5:
            comp = d
            while comp.weekday() >= 5 or comp in taken:
                comp += dt.timedelta(days=1)
            taken.add(comp)
            result.append((comp, "compensatory", f"Nghỉ bù {name}"))
    return sorted(result)


def all_statutory_days():
    for year in YEARS:
        yield from statutory_days(year)


# ---------------------------------------------------------------- official days off, 2016–2026

# The days off as announced each year for cán bộ, công chức, viên chức (the calendar Party
# organizations keep), from the Government's and the Ministry of Labour, Invalids and Social
# Affairs' yearly notices on Tết and national holidays. Before 2021 the Labour Code 2012 (Điều 115:
# Tết 5 days, 2/9 one day) applied; from 2021 the Labour Code 2019 (Điều 112: 2/9 plus an adjacent
# day). Weekend holidays are listed too (they give a compensatory day); "compensatory" also
# covers a weekday swapped against a Saturday worked ("makeup_workday").
# `confirmed`: False where the exact arrangement is the researcher's recollection of the notice,
# not read in the text: an administrator checks it against the notice on /quy-tac/lich/.
H, C, M = "holiday", "compensatory", "makeup_workday"
LC2012 = "Bộ luật Lao động 2012 Điều 115"
LC2019 = "Bộ luật Lao động 2019 Điều 112"


@dataclass(frozen=True)
class OfficialYear:
    year: int
    days: tuple[tuple[dt.date, str, str], ...]
    source: str
    confirmed: bool
    note: str = ""


def _tet(first: dt.date, eve: dt.date) -> list[tuple[dt.date, str, str]]:
    """The five statutory days of Tết: the last day of the lunar year and the first four of the new one."""
    return [(eve, H, "Tết Nguyên đán (ngày cuối năm âm lịch)")] + [
        (first + dt.timedelta(days=i), H, f"Tết Nguyên đán (mùng {i + 1})") for i in range(4)]


def _notice(year: int) -> str:
    law = LC2012 if year < 2021 else LC2019
    return f"{law}; thông báo nghỉ Tết Âm lịch và các ngày lễ năm {year} của Bộ Lao động – Thương binh và Xã hội"


_Y = D
OFFICIAL: dict[int, OfficialYear] = {}


def _year(year, days, confirmed, note=""):
    OFFICIAL[year] = OfficialYear(year, tuple(sorted(days)), _notice(year), confirmed, note)


_year(2016, [(_Y(2016, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2016, 2, 8), _Y(2016, 2, 7)),
             (_Y(2016, 2, 12), C, "Nghỉ bù Tết Nguyên đán (29 Tết vào Chủ nhật)"),
             (_Y(2016, 4, 16), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2016, 4, 18), C, "Nghỉ bù Giỗ Tổ Hùng Vương"),
             (_Y(2016, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2016, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2016, 5, 2), C, "Nghỉ bù 30/4"), (_Y(2016, 5, 3), C, "Nghỉ bù 1/5"), (_Y(2016, 9, 2), H, "Quốc khánh 2/9")],
      False, "Tết nghỉ từ 6/2 đến 14/2/2016 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2017, [(_Y(2017, 1, 1), H, "Tết Dương lịch"), (_Y(2017, 1, 2), C, "Nghỉ bù Tết Dương lịch"),
             *_tet(_Y(2017, 1, 28), _Y(2017, 1, 27)), (_Y(2017, 1, 26), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"),
             (_Y(2017, 2, 1), C, "Nghỉ bù Tết Nguyên đán"), (_Y(2017, 4, 6), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
             (_Y(2017, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2017, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2017, 5, 2), C, "Nghỉ bù 30/4"), (_Y(2017, 9, 2), H, "Quốc khánh 2/9"), (_Y(2017, 9, 4), C, "Nghỉ bù Quốc khánh")],
      False, "Tết nghỉ từ 26/1 đến 1/2/2017 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2018, [(_Y(2018, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2018, 2, 16), _Y(2018, 2, 15)),
             (_Y(2018, 2, 14), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"), (_Y(2018, 2, 20), C, "Nghỉ bù Tết Nguyên đán"),
             (_Y(2018, 4, 25), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
             (_Y(2018, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2018, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2018, 9, 2), H, "Quốc khánh 2/9"), (_Y(2018, 9, 3), C, "Nghỉ bù Quốc khánh"),
             (_Y(2018, 12, 31), C, "Nghỉ hoán đổi (làm bù thứ Bảy 5/1/2019)")],
      False, "Tết nghỉ từ 14/2 đến 20/2/2018 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2019, [(_Y(2019, 1, 1), H, "Tết Dương lịch"), (_Y(2019, 1, 5), M, "Làm bù cho thứ Hai 31/12/2018"),
             *_tet(_Y(2019, 2, 5), _Y(2019, 2, 4)),
             (_Y(2019, 4, 14), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2019, 4, 15), C, "Nghỉ bù Giỗ Tổ Hùng Vương"),
             (_Y(2019, 4, 29), C, "Nghỉ hoán đổi (làm bù thứ Bảy 4/5)"), (_Y(2019, 4, 30), H, "Ngày Chiến thắng 30/4"),
             (_Y(2019, 5, 1), H, "Ngày Quốc tế Lao động 1/5"), (_Y(2019, 5, 4), M, "Làm bù cho thứ Hai 29/4"),
             (_Y(2019, 9, 2), H, "Quốc khánh 2/9")],
      False, "Tết nghỉ từ 2/2 đến 10/2/2019 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2020, [(_Y(2020, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2020, 1, 25), _Y(2020, 1, 24)),
             (_Y(2020, 1, 23), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"), (_Y(2020, 1, 29), C, "Nghỉ bù Tết Nguyên đán (mùng 5)"),
             (_Y(2020, 4, 2), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2020, 4, 30), H, "Ngày Chiến thắng 30/4"),
             (_Y(2020, 5, 1), H, "Ngày Quốc tế Lao động 1/5"), (_Y(2020, 9, 2), H, "Quốc khánh 2/9")],
      True, "Tết nghỉ chính thức từ 23/1 đến 29/1/2020 (29 Tết đến mùng 5).")
_year(2021, [(_Y(2021, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2021, 2, 12), _Y(2021, 2, 11)),
             (_Y(2021, 2, 10), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"), (_Y(2021, 2, 16), C, "Nghỉ bù Tết Nguyên đán"),
             (_Y(2021, 4, 21), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2021, 4, 30), H, "Ngày Chiến thắng 30/4"),
             (_Y(2021, 5, 1), H, "Ngày Quốc tế Lao động 1/5"), (_Y(2021, 5, 3), C, "Nghỉ bù 1/5"),
             (_Y(2021, 9, 2), H, "Quốc khánh 2/9"), (_Y(2021, 9, 3), H, "Quốc khánh (ngày liền kề)")],
      False, "Tết nghỉ từ 10/2 đến 16/2/2021 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2022, [(_Y(2022, 1, 1), H, "Tết Dương lịch"), (_Y(2022, 1, 3), C, "Nghỉ bù Tết Dương lịch"),
             *_tet(_Y(2022, 2, 1), _Y(2022, 1, 31)), (_Y(2022, 4, 10), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
             (_Y(2022, 4, 11), C, "Nghỉ bù Giỗ Tổ Hùng Vương"), (_Y(2022, 4, 30), H, "Ngày Chiến thắng 30/4"),
             (_Y(2022, 5, 1), H, "Ngày Quốc tế Lao động 1/5"), (_Y(2022, 5, 2), C, "Nghỉ bù 30/4"),
             (_Y(2022, 5, 3), C, "Nghỉ bù 1/5"), (_Y(2022, 9, 1), H, "Quốc khánh (ngày liền kề)"),
             (_Y(2022, 9, 2), H, "Quốc khánh 2/9")],
      False, "Tết nghỉ từ 29/1 đến 6/2/2022 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2023, [(_Y(2023, 1, 1), H, "Tết Dương lịch"), (_Y(2023, 1, 2), C, "Nghỉ bù Tết Dương lịch"),
             *_tet(_Y(2023, 1, 22), _Y(2023, 1, 21)), (_Y(2023, 1, 20), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"),
             (_Y(2023, 1, 26), C, "Nghỉ bù Tết Nguyên đán (mùng 5)"),
             (_Y(2023, 4, 29), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2023, 4, 30), H, "Ngày Chiến thắng 30/4"),
             (_Y(2023, 5, 1), H, "Ngày Quốc tế Lao động 1/5"), (_Y(2023, 5, 2), C, "Nghỉ bù Giỗ Tổ Hùng Vương"),
             (_Y(2023, 5, 3), C, "Nghỉ bù 30/4"), (_Y(2023, 9, 1), H, "Quốc khánh (ngày liền kề)"),
             (_Y(2023, 9, 2), H, "Quốc khánh 2/9"), (_Y(2023, 9, 4), C, "Nghỉ bù Quốc khánh")],
      False, "Tết nghỉ từ 20/1 đến 26/1/2023 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2024, [(_Y(2024, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2024, 2, 10), _Y(2024, 2, 9)),
             (_Y(2024, 2, 8), C, "Nghỉ bù Tết Nguyên đán (29 Tết)"), (_Y(2024, 2, 14), C, "Nghỉ bù Tết Nguyên đán (mùng 5)"),
             (_Y(2024, 4, 18), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2024, 4, 29), C, "Nghỉ hoán đổi (làm bù thứ Bảy 4/5)"),
             (_Y(2024, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2024, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2024, 5, 4), M, "Làm bù cho thứ Hai 29/4"), (_Y(2024, 9, 2), H, "Quốc khánh 2/9"),
             (_Y(2024, 9, 3), H, "Quốc khánh (ngày liền kề)")],
      True, "Tết nghỉ chính thức từ 8/2 đến 14/2/2024 (29 Tết đến mùng 5); hoán đổi 29/4 (làm bù 4/5) theo trí nhớ.")
_year(2025, [(_Y(2025, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2025, 1, 29), _Y(2025, 1, 28)),
             (_Y(2025, 1, 27), C, "Nghỉ hoán đổi Tết Nguyên đán (làm bù thứ Bảy 8/2)"), (_Y(2025, 2, 8), M, "Làm bù cho thứ Hai 27/1"),
             (_Y(2025, 4, 7), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2025, 4, 26), M, "Làm bù cho thứ Sáu 2/5"),
             (_Y(2025, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2025, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2025, 5, 2), C, "Nghỉ hoán đổi (làm bù thứ Bảy 26/4)"), (_Y(2025, 9, 1), H, "Quốc khánh (ngày liền kề)"),
             (_Y(2025, 9, 2), H, "Quốc khánh 2/9")],
      False, "Tết nghỉ từ 25/1 đến 2/2/2025, nghỉ 30/4–4/5/2025 theo trí nhớ; chưa đối chiếu thông báo.")
_year(2026, [(_Y(2026, 1, 1), H, "Tết Dương lịch"), *_tet(_Y(2026, 2, 17), _Y(2026, 2, 16)),
             (_Y(2026, 4, 26), H, "Giỗ Tổ Hùng Vương (10/3 âm lịch)"), (_Y(2026, 4, 27), C, "Nghỉ bù Giỗ Tổ Hùng Vương"),
             (_Y(2026, 4, 30), H, "Ngày Chiến thắng 30/4"), (_Y(2026, 5, 1), H, "Ngày Quốc tế Lao động 1/5"),
             (_Y(2026, 9, 1), H, "Quốc khánh (ngày liền kề)"), (_Y(2026, 9, 2), H, "Quốc khánh 2/9")],
      False, "Tết nghỉ từ 14/2 đến 22/2/2026 (27 Tết đến mùng 6) theo trí nhớ; chưa đối chiếu thông báo.")


def official_days(year: int) -> list[tuple[dt.date, str, str]] | None:
    """The official days of `year` (None for a year without data: use `statutory_days`)."""
    data = OFFICIAL.get(year)
    return list(data.days) if data else None


def official_source(year: int) -> str:
    data = OFFICIAL[year]
    status = "" if data.confirmed else " (chưa đối chiếu văn bản chính thức)"
    return f"{data.source}{status}"[:200]


def calendar_days(year: int) -> list[tuple[dt.date, str, str, str]]:
    """(date, kind, name, source) of a year: the official data, else the computed statutory days."""
    days = official_days(year)
    if days is not None:
        return [(d, kind, name, official_source(year)) for d, kind, name in days]
    return [(d, kind, name, SOURCE) for d, kind, name in statutory_days(year)]


def seed(CalendarDay) -> None:
    """The calendar the migrations leave (0002, 0004): each year's official days off where known, else the
    computed statutory days; days already there (entered by hand) stay. For a database emptied since
    (the browser tests' transactional databases)."""
    taken = set(CalendarDay.objects.values_list("date", flat=True))
    CalendarDay.objects.bulk_create([CalendarDay(date=d, kind=kind, name=name, source=source)
                                     for year in YEARS for d, kind, name, source in calendar_days(year) if d not in taken],
                                    ignore_conflicts=True)
