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
