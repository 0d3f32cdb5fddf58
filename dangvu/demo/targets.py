"""Demo data of congress-resolution and yearly-plan targets, written through the services only.

`seed_targets(log=None)` runs after the register exists (seed_demo calls it inside its transaction):
- the province's congress targets for the 2025–2030 term (Nghị quyết Đại hội XX), measured from the
  register (admissions, admissions in non-state enterprises, share of women), two on figures of later
  capabilities (grading; inspection: dangvu.inspection.figures), one entered by hand with evidence;
  two of them broken down to Phường Sơn Hà;
- Phường Sơn Hà's own congress targets for its 2025–2030 term (from its committee term);
- the 2024 work programme of Thị ủy Sơn Hà (closed: some met, some missed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from dangvu.accounts.system import SYSTEM
from dangvu.organizations.models import Organization
from dangvu.targets import services
from dangvu.targets.kinds import Comparison, Measure, PlanKind

GTE, LTE, BETWEEN = Comparison.AT_LEAST, Comparison.AT_MOST, Comparison.BETWEEN
FIG, MAN = Measure.FIGURE, Measure.MANUAL

PROVINCE_RESOLUTION = "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Thanh Hóa lần thứ XX, nhiệm kỳ 2025–2030"
PROVINCE_PERIOD = (dt.date(2025, 10, 15), dt.date(2030, 10, 14))
# (number, text, comparison, threshold, high, measure, code, percent)
PROVINCE = [
    ("1", "Kết nạp ít nhất 500 đảng viên mới trong nhiệm kỳ", GTE, 500, None, FIG, "members.admitted", False),
    ("2", "Kết nạp ít nhất 20 đảng viên trong doanh nghiệp ngoài nhà nước", GTE, 20, None, FIG,
     "members.admitted.non_state_enterprise", False),
    ("3", "Tỷ lệ đảng viên nữ đạt từ 40% trở lên", GTE, 40, None, FIG, "members.by_sex.female", True),
    ("4", "Hằng năm có ít nhất 85% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", GTE, 85, None, FIG,
     "organizations.grassroots.good_or_better", True),
    ("5", "Hằng năm có ít nhất 10% đảng viên được kiểm tra, giám sát chuyên đề", GTE, 10, None, FIG,
     "inspection.members_covered", True),
    ("6", "Thành lập ít nhất 5 chi bộ trong doanh nghiệp ngoài nhà nước", GTE, 5, None, MAN, "", False),
]
COMMUNE_RESOLUTION = "Nghị quyết Đại hội Đảng bộ phường Sơn Hà lần thứ I, nhiệm kỳ 2025–2030"
COMMUNE = [
    ("1", "Kết nạp ít nhất 150 đảng viên mới", GTE, 150, None, FIG, "members.admitted", False),
    ("2", "Kết nạp từ 10 đến 15 đảng viên trong doanh nghiệp ngoài nhà nước", BETWEEN, 10, 15, FIG,
     "members.admitted.non_state_enterprise", False),
    ("3", "Đảng viên đến 30 tuổi chiếm từ 15% trở lên", GTE, 15, None, FIG, "members.by_age.to_30", True),
    ("4", "Hằng năm có ít nhất 90% chi bộ hoàn thành tốt nhiệm vụ trở lên", GTE, 90, None, FIG,
     "organizations.cells.good_or_better", True),
]
PLAN_2024 = "Chương trình công tác xây dựng Đảng năm 2024 của Thị ủy Sơn Hà"
DISTRICT_2024 = [
    ("1", "Kết nạp ít nhất 60 đảng viên mới", GTE, 60, None, FIG, "members.admitted", False),
    ("2", "Kết nạp ít nhất 10 đảng viên trong doanh nghiệp ngoài nhà nước", GTE, 10, None, FIG,
     "members.admitted.non_state_enterprise", False),
    ("3", "Kết nạp ít nhất 20 đảng viên nữ", GTE, 20, None, FIG, "members.admitted.female", False),
    ("4", "Tỷ lệ đảng viên dự bị không quá 5%", LTE, 5, None, FIG, "members.probationary", True),
    ("5", "Công nhận đảng viên chính thức cho ít nhất 95 đảng viên dự bị", GTE, 95, None, FIG, "members.recognized", False),
    ("6", "Tổng số đảng viên đạt từ 1.600 trở lên", GTE, 1600, None, FIG, "members.total", False),
    ("7", "Mở ít nhất 2 lớp bồi dưỡng nhận thức về Đảng", GTE, 2, None, MAN, "", False),
]


@dataclass
class TargetsResult:
    targets: int = 0
    actuals: int = 0

    def summary_lines(self) -> list[str]:
        if not self.targets:
            return ["Chỉ tiêu nghị quyết: không tạo (thiếu tổ chức mẫu)."]
        return [f"Chỉ tiêu nghị quyết, kế hoạch mẫu: {self.targets} chỉ tiêu, {self.actuals} lần ghi kết quả."]


def _create(result, org, rows, **common):
    out = {}
    for number, text, comparison, low, high, measure, code, pct in rows:
        out[number] = services.create_target(
            by=SYSTEM, organization=org, number=number, text=text, comparison=comparison, threshold=Decimal(low),
            threshold_high=None if high is None else Decimal(high), measure=measure, figure_code=code, as_percent=pct,
            **common)
        result.targets += 1
    return out


def _actual(result, target, value, on, evidence):
    services.record_actual(by=SYSTEM, target=target, value=Decimal(value), recorded_on=on, evidence=evidence)
    result.actuals += 1


def seed_targets(log=None) -> TargetsResult:
    result = TargetsResult()
    found = {o.code: o for o in Organization.objects.filter(code__in=["38", "38.701", "38.168"])}
    if len(found) < 3:
        return result
    province, commune, district = found["38"], found["38.701"], found["38.168"]
    p = _create(result, province, PROVINCE, plan_kind=PlanKind.CONGRESS, source=PROVINCE_RESOLUTION,
                period_start=PROVINCE_PERIOD[0], period_end=PROVINCE_PERIOD[1])
    _actual(result, p["6"], 2, dt.date(2026, 9, 30), "Quyết định thành lập Chi bộ Công ty TNHH May Sơn Hà và Chi bộ Công ty "
                                                     "Cổ phần Vận tải Đông Hà (Báo cáo 215-BC/TU ngày 30/9/2026)")
    services.create_target(by=SYSTEM, organization=commune, parent=p["1"], number="1",
                           text="Phường Sơn Hà kết nạp ít nhất 120 đảng viên mới", comparison=GTE, threshold=Decimal(120),
                           measure=FIG, figure_code="members.admitted")
    child = services.create_target(by=SYSTEM, organization=commune, parent=p["6"], number="6",
                                   text="Phường Sơn Hà thành lập ít nhất 2 chi bộ trong doanh nghiệp ngoài nhà nước",
                                   comparison=GTE, threshold=Decimal(2), measure=MAN)
    result.targets += 2
    _actual(result, child, 1, dt.date(2026, 9, 30), "Quyết định thành lập Chi bộ Công ty TNHH May Sơn Hà")
    term = services.term_for(commune, dt.date(2025, 7, 1))
    _create(result, commune, COMMUNE, plan_kind=PlanKind.CONGRESS, source=COMMUNE_RESOLUTION, term=term,
            period_start=None if term else dt.date(2025, 7, 1), period_end=None if term else dt.date(2030, 6, 30))
    d = _create(result, district, DISTRICT_2024, plan_kind=PlanKind.YEARLY, source=PLAN_2024,
                period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
    _actual(result, d["7"], 3, dt.date(2024, 12, 20), "Báo cáo 96-BC/TU ngày 20/12/2024 của Thị ủy Sơn Hà về kết quả "
                                                     "bồi dưỡng nhận thức về Đảng (3 lớp, 214 học viên)")
    if log:
        for line in result.summary_lines():
            log(line)
    return result
