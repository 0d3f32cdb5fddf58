"""The rules of the annual review (domain-rules §8, §2 M6/M8): pure functions, no database.

- `grade_for_score`: the band of a score on the 100-point scale (C3–C6), boundaries as parameters
  (89,9 → good, 90 → excellent; 69,9 / 70; 49,9 / 50).
- `check_member_grade` / `check_organization_grade`: a proposed or decided grade against the regime
  (a score under QĐ 366, the score's band as a ceiling), the disqualifying conditions (C6: the grade
  is capped at "not completed") and the exclusion of exempted and suspended members (C12).
- `quota_max` / `check_quota`: the excellent quota (C7), on the base recorded with the campaign (C8).
- `legacy_grade`: the table mapping the labels of organizations before 2018 to the four grades;
  `member_legacy_grade`: the same for the labels of the members' classification before 2018.
- `consecutive_not_completed`: two consecutive years not completed, a ground for striking off (C15).
- `consecutive_excellent` / `check_commendation`: commendations (khen thưởng) — the years excellent in a
  row computed from the results, refused while a penalty is in force (K8) or when the year's result was
  cancelled (C11) or is not completed.
- `group_quota_violations`: the excellent quota within each group of similar function (C7), the groups
  defined by the campaign.

Every number is a parameter read by the campaign's reference date (dangvu.rules.parameters).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from dangvu.core.errors import Violation
from dangvu.core.numbers import format_number
from dangvu.core.text import fold
from dangvu.rules.parameters import text as param_text
from dangvu.rules.regimes import ReviewRegime


class Grade:
    EXCELLENT = "excellent"
    GOOD = "good"
    COMPLETED = "completed"
    NOT_COMPLETED = "not_completed"


# Highest first: a ceiling is a rank.
ORDER = (Grade.EXCELLENT, Grade.GOOD, Grade.COMPLETED, Grade.NOT_COMPLETED)
LABELS = {
    Grade.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Grade.GOOD: "Hoàn thành tốt nhiệm vụ",
    Grade.COMPLETED: "Hoàn thành nhiệm vụ",
    Grade.NOT_COMPLETED: "Không hoàn thành nhiệm vụ",
}


class QuotaBase:
    GOOD = "good"  # 20% of those graded good (QĐ 124 Điều 12)
    GOOD_OR_BETTER = "good_or_better"  # 20% of those graded good or better (local guides, C8)


class Exclusion:
    EXEMPTED = "exempted"
    SUSPENDED = "suspended"


SOURCE_BANDS = "C3, C4, C5, C6 (QĐ 366-QĐ/TW Điều 11)"
SOURCE_QUOTA = "C7, C8 (QĐ 124-QĐ/TW Điều 12; HD 21-HD/BTCTW (2019))"
SOURCE_EXCLUDED = "C12 (HD 21-HD/BTCTW (2019); QĐ 232-QĐ/TW điểm 7.2.3)"
SOURCE_DISQUALIFIED = "C6 (QĐ 366-QĐ/TW Điều 11; NĐ 335/2025 Điều 20)"
SOURCE_DECIDER = "C10 (HD 43-HD/BTCTW; QĐ 124-QĐ/TW Điều 13)"
SOURCE_RETROACTIVE = "C11 (HD 25-HD/BTCTW điểm 4.5)"
SOURCE_STRIKE_OFF = "C15 (QĐ 24-QĐ/TW điểm 8.1)"
SOURCE_PENALTY = "K8 (QĐ 69-QĐ/TW Điều 2.13)"
SOURCE_LISTED = "C12, C14 (HD 21-HD/BTCTW (2019); HD 43-HD/BTCTW): đánh giá cuối năm những đảng viên, tổ chức có trong năm"


# ---------------------------------------------------------------- who a campaign lists

def listed_on(reference_date: dt.date, today: dt.date) -> dt.date:
    """The day a campaign's members and organizations are read as of (C14: the review is held at the year's end).

    The reference date (31/12 of the year) when it has passed: an old year opened late, or to import its results,
    lists the members in the party on that day, in the cell, status, exemption and suspension of that day (C12),
    and the organizations that existed then; those who left the party during the year are not reviewed, those
    admitted during the year are (as probationary members). While the reference date is still ahead (the current
    year), today: the register as it stands now.
    """
    return min(reference_date, today)


def oldest_year_under_way(on: dt.date, past_years: int) -> int:
    """The oldest year whose campaign still calls for its pending steps on `on` (the to-do list): the current year
    and the last `past_years` years (a year's review is decided early in the next year, C14; a year opened late is
    still reviewed). An older year, opened to record the results decided at the time, asks nothing of its members
    and cells."""
    return on.year - past_years


def rank(grade: str) -> int:
    return ORDER.index(grade)


def label(grade: str | None) -> str:
    return LABELS.get(grade or "", "")


# ---------------------------------------------------------------- scores

def grade_for_score(score: Decimal, params: Mapping) -> str:
    """The band of `score` (C3–C6): ≥ excellent_min → excellent, ≥ good_min → good, ≥ completed_min → completed."""
    if score >= params["evaluations.excellent_min_score"]:
        return Grade.EXCELLENT
    if score >= params["evaluations.good_min_score"]:
        return Grade.GOOD
    if score >= params["evaluations.completed_min_score"]:
        return Grade.COMPLETED
    return Grade.NOT_COMPLETED


def _score_text(score: Decimal) -> str:
    return format_number(score, 1) if score != score.to_integral() else format_number(score)


def check_scores(criteria: Decimal | None, results: Decimal | None, params: Mapping, *, prefix: str = "") -> list[Violation]:
    """The two parts of the 100-point scale (C2): each between 0 and its maximum."""
    v = []
    for value, key, field, words in ((criteria, "evaluations.criteria_max_score", "criteria_score", "Điểm tiêu chí chung"),
                                     (results, "evaluations.results_max_score", "results_score",
                                      "Điểm kết quả thực hiện nhiệm vụ")):
        if value is None:
            v.append(Violation("evaluation.score_missing", f"{words}: bắt buộc nhập theo thang 100 điểm.",
                               prefix + field, "C2 (QĐ 366-QĐ/TW)"))
        elif value < 0 or value > params[key]:
            v.append(Violation("evaluation.score_range", f"{words}: phải từ 0 đến {param_text(params, key)} "
                               f"(đã nhập {_score_text(value)}).", prefix + field, "C2 (QĐ 366-QĐ/TW)"))
    return v


# ---------------------------------------------------------------- one grade

@dataclass(frozen=True)
class Disqualification:
    """An entered disqualifying condition (C6). `discipline_id`: the hook for the discipline register."""

    description: str
    discipline_id: int | None = None


def grade_ceiling(*, regime: ReviewRegime, score: Decimal | None, disqualifications: Iterable[Disqualification],
                  params: Mapping) -> str:
    """The highest grade allowed: a disqualifying condition caps it at not completed (C6); under a scored
    regime the score's band is the ceiling (C3–C5)."""
    if any(True for _ in disqualifications):
        return Grade.NOT_COMPLETED
    if regime.scored and score is not None:
        return grade_for_score(score, params)
    return Grade.EXCELLENT


def check_member_grade(*, grade: str, regime: ReviewRegime, score: Decimal | None, params: Mapping,
                       disqualifications: Iterable[Disqualification] = (), exclusion: str = "",
                       full_name: str = "", field: str = "grade") -> list[Violation]:
    """A grade proposed by the cell or decided by the committee for one member."""
    who = f"{full_name}: " if full_name else ""
    if exclusion:
        why = "đang miễn công tác và sinh hoạt đảng" if exclusion == Exclusion.EXEMPTED else "đang bị đình chỉ sinh hoạt"
        return [Violation("evaluation.excluded", f"{who}đảng viên {why} không xếp loại chất lượng.", field, SOURCE_EXCLUDED)]
    if grade not in ORDER:
        return [Violation("evaluation.grade", f"{who}Xếp loại: chọn một trong bốn mức.", field)]
    disqualifications = list(disqualifications)
    v = []
    if regime.scored and score is None:
        v.append(Violation("evaluation.score_missing", f"{who}Điểm: bắt buộc theo thang 100 điểm của {regime.short}.",
                           "score", SOURCE_BANDS))
    ceiling = grade_ceiling(regime=regime, score=score, disqualifications=disqualifications, params=params)
    if rank(grade) < rank(ceiling):
        if disqualifications:
            reasons = "; ".join(d.description for d in disqualifications)
            v.append(Violation("evaluation.disqualified", f"{who}Xếp loại: có điều kiện không hoàn thành nhiệm vụ "
                               f"({reasons}), chỉ được xếp loại “{label(Grade.NOT_COMPLETED)}”.", field, SOURCE_DISQUALIFIED))
        else:
            v.append(Violation("evaluation.score_band", f"{who}Xếp loại: {_score_text(score)} điểm chỉ đạt mức "
                               f"“{label(ceiling)}” (xuất sắc từ {param_text(params, 'evaluations.excellent_min_score')}, "
                               f"tốt từ {param_text(params, 'evaluations.good_min_score')}, hoàn thành từ "
                               f"{param_text(params, 'evaluations.completed_min_score')}).", field, SOURCE_BANDS))
    return v


def check_organization_grade(*, grade: str, regime: ReviewRegime, score: Decimal | None, params: Mapping,
                             disqualifications: Iterable[Disqualification] = (), name: str = "",
                             field: str = "grade") -> list[Violation]:
    """A grade proposed or decided for a party organization (Form 01): the same bands and conditions."""
    return check_member_grade(grade=grade, regime=regime, score=score, params=params,
                              disqualifications=disqualifications, full_name=name, field=field)


# ---------------------------------------------------------------- the excellent quota

def quota_base_count(counts: Mapping[str, int], base: str) -> int:
    good = counts.get(Grade.GOOD, 0)
    return good + counts.get(Grade.EXCELLENT, 0) if base == QuotaBase.GOOD_OR_BETTER else good


def quota_max(counts: Mapping[str, int], base: str, percent: Decimal) -> int:
    """The most that may be graded excellent: floor(percent% × the base). 208 good, 20% → 41."""
    exact = Decimal(quota_base_count(counts, base)) * Decimal(percent) / 100
    return math.floor(exact)


def quota_text(selected: int, maximum: int) -> str:
    """"đã chọn 236 xuất sắc / tối đa 208", as shown live while grading."""
    return f"đã chọn {format_number(selected)} xuất sắc / tối đa {format_number(maximum)}"


def base_words(base: str) -> str:
    return "hoàn thành tốt nhiệm vụ trở lên" if base == QuotaBase.GOOD_OR_BETTER else "hoàn thành tốt nhiệm vụ"


def check_quota(counts: Mapping[str, int], *, base: str, percent: Decimal, organization: str = "",
                field: str = "grade") -> list[Violation]:
    """C7/C8: the number graded excellent may not exceed `percent`% of the base, in one organization."""
    selected = counts.get(Grade.EXCELLENT, 0)
    maximum = quota_max(counts, base, percent)
    if selected <= maximum:
        return []
    where = f" trong {organization}" if organization else ""
    pct = format_number(percent, 1) if percent != Decimal(percent).to_integral() else format_number(percent)
    return [Violation("evaluation.quota", f"Tỷ lệ hoàn thành xuất sắc nhiệm vụ{where}: {quota_text(selected, maximum)} "
                      f"(không quá {pct}% số {base_words(base)}: {format_number(quota_base_count(counts, base))}).",
                      field, SOURCE_QUOTA)]


# ---------------------------------------------------------------- history

# Labels of organizations before QĐ 132 (2018), still seen in published reports, and the grade each maps to.
LEGACY_LABELS: dict[str, str] = {
    "trong sạch, vững mạnh tiêu biểu": Grade.EXCELLENT,
    "trong sạch, vững mạnh": Grade.EXCELLENT,
    "vững mạnh": Grade.EXCELLENT,
    "hoàn thành tốt nhiệm vụ": Grade.GOOD,
    "hoàn thành tốt": Grade.GOOD,
    "hoàn thành nhiệm vụ": Grade.COMPLETED,
    "hoàn thành": Grade.COMPLETED,
    "yếu kém": Grade.NOT_COMPLETED,
    "không hoàn thành nhiệm vụ": Grade.NOT_COMPLETED,
    "hoàn thành xuất sắc nhiệm vụ": Grade.EXCELLENT,
}


def _legacy_key(text: str) -> str:
    return " ".join(fold((text or "").replace(",", " ")).split())


_LEGACY_FOLDED = {_legacy_key(k): g for k, g in LEGACY_LABELS.items()}


def legacy_grade(original: str) -> str | None:
    """The grade a legacy label maps to (case, diacritics and spacing ignored); None if unknown."""
    return _LEGACY_FOLDED.get(_legacy_key(original))


# Labels of the members' classification before QĐ 132 (2018) — "phân loại đảng viên" in four categories
# (HD 20-HD/BTCTW 10/10/2008: "đủ tư cách, hoàn thành xuất sắc / tốt / hoàn thành nhiệm vụ", "vi phạm tư cách";
# HD 27-HD/BTCTW 25/9/2014: the third "… hoàn thành nhiệm vụ nhưng còn hạn chế", the fourth "vi phạm tư cách hoặc
# không hoàn thành nhiệm vụ") — each category to the grade of the same rank among the four of HD 16-HD/BTCTW
# (2018). Not in shared/domain-rules §8.1 (which lists only the organizations' old labels): a documented table,
# extended here, never guessed. "Đảng viên" written before the label is ignored.
SOURCE_MEMBER_LEGACY = "HD 20-HD/BTCTW (2008), HD 27-HD/BTCTW (2014) → HD 16-HD/BTCTW (2018)"
MEMBER_LEGACY_LABELS: dict[str, str] = {
    "đủ tư cách, hoàn thành xuất sắc nhiệm vụ": Grade.EXCELLENT,
    "đủ tư cách, hoàn thành tốt nhiệm vụ": Grade.GOOD,
    "đủ tư cách, hoàn thành nhiệm vụ": Grade.COMPLETED,
    "đủ tư cách, hoàn thành nhiệm vụ nhưng còn hạn chế": Grade.COMPLETED,
    "vi phạm tư cách": Grade.NOT_COMPLETED,
    "vi phạm tư cách hoặc không hoàn thành nhiệm vụ": Grade.NOT_COMPLETED,
    **{words.lower(): grade for grade, words in LABELS.items()},
}
_MEMBER_LEGACY_FOLDED = {_legacy_key(k): g for k, g in MEMBER_LEGACY_LABELS.items()}
_MEMBER_PREFIX = _legacy_key("đảng viên") + " "


def member_legacy_grade(original: str) -> str | None:
    """The grade a label of a member's classification maps to (the table above; case, diacritics, commas and
    spacing ignored, "Đảng viên" before it too); None if unknown."""
    key = _legacy_key(original)
    return _MEMBER_LEGACY_FOLDED.get(key.removeprefix(_MEMBER_PREFIX))


def consecutive_not_completed(grades_by_year: Mapping[int, str], year: int, years: int) -> bool:
    """Were `years` consecutive years ending with `year` all graded not completed (C15)?"""
    return all(grades_by_year.get(y) == Grade.NOT_COMPLETED for y in range(year - years + 1, year + 1))


def consecutive_excellent(grades_by_year: Mapping[int, str], year: int) -> int:
    """How many years in a row, ending with `year`, were graded excellent ("5 năm liền": 5)."""
    n = 0
    while grades_by_year.get(year - n) == Grade.EXCELLENT:
        n += 1
    return n


# ---------------------------------------------------------------- commendations (khen thưởng)

class CommendationLevel:
    CERTIFICATE = "certificate"  # giấy khen
    MERIT = "merit"  # bằng khen
    FLAG = "flag"  # cờ thi đua


LEVEL_WORDS = {CommendationLevel.CERTIFICATE: "giấy khen", CommendationLevel.MERIT: "bằng khen",
               CommendationLevel.FLAG: "cờ thi đua"}


def check_commendation(*, subject: str, year: int, grade: str | None, cancelled: bool, consecutive_years: int,
                       excellent_years: int, penalties: Iterable[str] = (), decision_number: str,
                       reason: str) -> list[Violation]:
    """A commendation of `subject` (a member or a collective) for the review year `year`.

    - `grade`: the year's result in force (None: no result decided); refused when the result was cancelled
      (`cancelled`, C11) or is not completed;
    - `consecutive_years`: "hoàn thành xuất sắc nhiệm vụ N năm liền" (0: not for years in a row) may not
      exceed the years excellent in a row computed from the results (`excellent_years`);
    - `penalties`: the penalties in force on the decision date (K8: no party or state award meanwhile).
    """
    v = []
    if not decision_number:
        v.append(Violation("evaluation.decision_number", "Số quyết định: bắt buộc nhập.", "decision_number"))
    if not (reason or "").strip():
        v.append(Violation("evaluation.commendation_reason", "Lý do khen thưởng: bắt buộc nhập (ví dụ: hoàn thành xuất "
                           "sắc nhiệm vụ 5 năm liền).", "reason"))
    if cancelled:
        v.append(Violation("evaluation.commendation_cancelled", f"{subject}: kết quả xếp loại năm {year} đã bị hủy "
                           f"(xếp loại lại “{label(Grade.NOT_COMPLETED)}”), không khen thưởng theo kết quả này.", "year",
                           SOURCE_RETROACTIVE))
    elif grade is None:
        v.append(Violation("evaluation.commendation_no_result", f"{subject}: chưa có quyết định xếp loại năm {year}.",
                           "year"))
    elif grade == Grade.NOT_COMPLETED:
        v.append(Violation("evaluation.commendation_not_completed", f"{subject}: năm {year} xếp loại "
                           f"“{label(grade)}”, không khen thưởng.", "year"))
    if consecutive_years < 0:
        v.append(Violation("evaluation.commendation_years", "Số năm liền: không được âm.", "consecutive_years"))
    elif consecutive_years > excellent_years:
        v.append(Violation("evaluation.commendation_years", f"{subject}: hoàn thành xuất sắc nhiệm vụ "
                           f"{excellent_years} năm liền đến năm {year} theo kết quả xếp loại, không đủ "
                           f"{consecutive_years} năm liền.", "consecutive_years", SOURCE_BANDS))
    penalties = [p for p in penalties if p]
    if penalties:
        v.append(Violation("evaluation.commendation_penalty", f"{subject}: đang trong thời gian chịu kỷ luật "
                           f"({'; '.join(penalties)}), không được khen thưởng.", "member", SOURCE_PENALTY))
    return v


# ---------------------------------------------------------------- groups of similar function (C7)

def group_quota_violations(groups: Mapping[str, Mapping[str, int]], *, base: str, percent: Decimal) -> list[Violation]:
    """The excellent quota within each group of similar function (C7): `groups` maps a group's name to its
    grades' counts (members of the group's organizations, or the organizations themselves)."""
    v = []
    for name, counts in groups.items():
        v += check_quota(counts, base=base, percent=percent, organization=f"nhóm “{name}”")
    return v
