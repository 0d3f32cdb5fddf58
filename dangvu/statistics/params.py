"""One reading of the statistics query parameters, for the page, the API and the command.

    organization=<id>                       the subtree (default: the user's top organization)
    on=D | year=YYYY | from=D&to=D          the window (at most one of the three forms); dates as
                                            dd/mm/yyyy or YYYY-MM-DD. `on`: stocks on D, flows from
                                            1 January of D's year to D (the year so far)
    rounding=half_up|truncate               how percentages are rounded (default half_up)
    figure=<code> (repeated)                only these figures (API and command)

The default window, when none is given, is the current year up to today (1/1 → today: stocks
today, flows since New Year), except in January, when it is the whole previous year (stocks on
31/12: the year-end report is what an officer wants then). Errors name the field and the rule, in
Vietnamese; they are collected in `WindowError.errors` ({field: message}).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from dangvu.core import params as query
from dangvu.core.dates import today, vn_date
from dangvu.core.figures import Window, registry
from dangvu.core.numbers import ROUNDING_MODES
from dangvu.core.params import BadParameter

DEFAULT_ROUNDING = "half_up"
MIN_YEAR = 1930  # the Party's founding


class WindowError(BadParameter):
    """The statistics parameters' faults ({field: message}): a BadParameter like any query parameter's."""


class OrganizationNotFound(LookupError):
    """The organization does not exist or lies outside the user's scope: answered 404."""


@dataclass(frozen=True)
class Query:
    window: Window
    rounding: str
    codes: list[str] | None
    form: str  # "on" | "year" | "period": what was asked, for the page's picker

    def params(self, **extra) -> dict[str, str]:
        """The query parameters that ask for this again (links from the page to the drill-down)."""
        out = {"organization": str(self.window.organization.pk), "rounding": self.rounding}
        if self.form == "on":
            out["on"] = self.window.end.isoformat()
        elif self.form == "year":
            out["year"] = str(self.window.start.year)
        else:
            out["from"], out["to"] = self.window.start.isoformat(), self.window.end.isoformat()
        out.update(extra)
        return out

    @property
    def description(self) -> str:
        w = self.window
        if self.form == "on":
            return f"ngày {vn_date(w.end)} (biến động từ ngày {vn_date(w.start)})"
        if self.form == "year" and w.end == dt.date(w.start.year, 12, 31):
            return f"năm {w.start.year} (số liệu tồn vào ngày {vn_date(w.end)})"
        return f"từ ngày {vn_date(w.start)} đến ngày {vn_date(w.end)}"


def default_window_dates(now: dt.date | None = None) -> tuple[dt.date, dt.date, str]:
    now = now or today()
    if now.month == 1:
        return dt.date(now.year - 1, 1, 1), dt.date(now.year - 1, 12, 31), "year"
    return dt.date(now.year, 1, 1), now, "period"


_get = query.text


def _getlist(params: Mapping, name: str) -> list[str]:
    if hasattr(params, "getlist"):
        return [v for v in params.getlist(name) if v]
    value = params.get(name)
    if value in (None, ""):
        return []
    return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


def _date(params, name: str, label: str, errors: dict) -> dt.date | None:
    try:
        return query.date(params, name, label=label)
    except BadParameter as exc:
        errors.update(exc.errors)
        return None


def parse(params: Mapping, organizations, *, default_organization=None, now: dt.date | None = None,
          default_year: int | None = None) -> Query:
    """The query of `params`. `organizations`: the queryset the organization is looked up in (the
    user's scope); an id outside it raises OrganizationNotFound. Other faults raise WindowError.
    Without a window in `params`: the year `default_year` when given (the official tables: the last
    year that is over), else default_window_dates."""
    errors: dict[str, str] = {}
    org = default_organization
    org_text = _get(params, "organization")
    if org_text:
        try:
            pk = query.object_id(params, "organization", label="Tổ chức")
        except BadParameter as exc:
            errors.update(exc.errors)
        else:
            org = organizations.filter(pk=pk).first()
            if org is None:
                raise OrganizationNotFound(org_text)
    elif org is None:
        errors["organization"] = "Chưa chọn tổ chức đảng: ghi tham số organization (mã số tổ chức)."

    given = [name for name in ("on", "year", "from", "to") if _get(params, name)]
    forms = {"on" if "on" in given else None, "year" if "year" in given else None,
             "period" if {"from", "to"} & set(given) else None} - {None}
    start = end = None
    form = ""
    if len(forms) > 1:
        errors["on"] = "Chỉ chọn một trong ba cách: ngày (on), năm (year) hoặc kỳ (from và to)."
    elif "on" in forms:
        end = _date(params, "on", "Ngày", errors)
        start, form = (dt.date(end.year, 1, 1) if end else None), "on"
    elif "year" in forms:
        try:
            year = query.year(params, "year", minimum=MIN_YEAR)
        except BadParameter as exc:
            errors.update(exc.errors)
        else:
            start, end, form = dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    elif "period" in forms:
        if not _get(params, "from") or not _get(params, "to"):
            missing = "from" if not _get(params, "from") else "to"
            errors[missing] = "Kỳ thống kê cần cả ngày đầu kỳ (from) và ngày cuối kỳ (to)."
        else:
            start = _date(params, "from", "Ngày đầu kỳ", errors)
            end = _date(params, "to", "Ngày cuối kỳ", errors)
            form = "period"
            if start and end and start > end:
                errors["from"] = "Ngày đầu kỳ (from) phải trước hoặc trùng ngày cuối kỳ (to)."
    elif default_year is not None:
        start, end, form = dt.date(default_year, 1, 1), dt.date(default_year, 12, 31), "year"
    else:
        start, end, form = default_window_dates(now)

    rounding = _get(params, "rounding") or DEFAULT_ROUNDING
    if rounding not in ROUNDING_MODES:
        errors["rounding"] = (f"Cách làm tròn “{rounding}” không hợp lệ: chọn half_up (làm tròn) hoặc truncate "
                              "(cắt bớt).")

    codes = _getlist(params, "figure") or None
    if codes:
        unknown = [c for c in codes if c not in registry()]
        if unknown:
            errors["figure"] = f"Không có chỉ tiêu thống kê mã {', '.join(unknown)} (xem /api/statistics/figures/)."
    if errors:
        raise WindowError(errors)
    return Query(Window(org, start, end), rounding, codes, form)
