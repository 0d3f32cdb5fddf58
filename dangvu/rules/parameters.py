"""Thresholds of the rules, as parameters with their documented defaults.

Each parameter names its rule in shared/domain-rules.md (and docs/rules.md), the source and the
status of that source. An administrator may set a different value from a date on (a
`ParameterValue` row, audited), for the whole country or for one province (local rules, A18);
`params_on(date, organization)` answers with the value in force on that date (the province's own, else
the national one, else the default). Rule functions take the resulting `Params` as an argument and
stay pure.

Values are whole numbers unless the definition has `decimals` (rates, quotas: a `Decimal`). Kinds:
`rule` (a Party rule), `setting` (how the software behaves: horizons of the to-do list, not a rule
of the Party) and `confirm` (0/1: whether an administrator has checked the official text of a
document the app knows only from secondary sources; see dangvu.rules.regimes).
"""

import bisect
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

RULE, SETTING, CONFIRM = "rule", "setting", "confirm"


@dataclass(frozen=True)
class ParameterDef:
    key: str
    label: str
    default: int | Decimal
    unit: str
    rule: str
    source: str
    status: str
    minimum: int | Decimal = 0
    maximum: int | Decimal = 1200
    kind: str = RULE
    decimals: int = 0

    @property
    def unconfirmed(self) -> bool:
        return self.status not in ("CONF",)

    @property
    def is_rule(self) -> bool:
        return self.kind == RULE

    def coerce(self, value) -> int | Decimal:
        """The stored value (a Decimal) in this parameter's type."""
        if self.decimals:
            return Decimal(value).quantize(Decimal(1).scaleb(-self.decimals))
        return int(value)


def _p(key, label, default, unit, rule, source, status, minimum=0, maximum=1200, kind=RULE, decimals=0):
    return ParameterDef(key, label, default, unit, rule, source, status, minimum, maximum, kind, decimals)


QUALITY_SOURCE = "Quy định chấm điểm của tỉnh ủy, mặc định theo QĐ 27-QĐ/TU tỉnh Nghệ An (30/10/2023)"
# G7, the default sheet (100 points): key, criterion, points, source, status. Only "full procedure = 5 points" is
# confirmed from a secondary source; the other weights are this app's reading and each province sets its own.
QUALITY_SHEET = (
    ("preparation", "Chuẩn bị nội dung, dự thảo nghị quyết, gửi tài liệu trước buổi sinh hoạt", 15, QUALITY_SOURCE,
     "UNCONFIRMED"),
    ("procedure", "Thực hiện đầy đủ quy trình, nghi thức sinh hoạt", 5, QUALITY_SOURCE, "CONF"),
    ("attendance", "Đảng viên dự sinh hoạt đầy đủ, đúng giờ", 15, QUALITY_SOURCE, "UNCONFIRMED"),
    ("duration", "Bảo đảm thời lượng sinh hoạt theo quy định", 10, QUALITY_SOURCE, "UNCONFIRMED"),
    ("content", "Nội dung đánh giá kết quả, đề ra nhiệm vụ sát thực tế", 25, QUALITY_SOURCE, "UNCONFIRMED"),
    ("discussion", "Dân chủ, thảo luận, tự phê bình và phê bình", 15, QUALITY_SOURCE, "UNCONFIRMED"),
    ("resolution", "Nghị quyết đủ bốn phần, phân công cụ thể", 10, QUALITY_SOURCE, "UNCONFIRMED"),
    ("minutes", "Biên bản ghi đầy đủ, đúng quy định", 5, QUALITY_SOURCE, "UNCONFIRMED"),
)


def _setting(key, label, default, unit, minimum=1, maximum=365):
    return ParameterDef(key, label, default, unit, "—", "Thiết lập của phần mềm (không phải quy định của Đảng)", "CONF",
                        minimum, maximum, SETTING)


def _confirm(key, document, rule):
    return ParameterDef(key, f"Đã đối chiếu bản chính thức của {document} (1 = áp dụng và trích dẫn; 0 = chưa)", 0,
                        "bật/tắt", rule, f"{document}: chỉ thấy qua nguồn năm 2026, chưa đối chiếu văn bản chính thức",
                        "REP-2026", 0, 1, CONFIRM)


MONTHS, WORKING_DAYS, DAYS, TIMES, YEARS, PERCENT = "tháng", "ngày làm việc", "ngày", "lần", "tuổi", "%"

DEFINITIONS: tuple[ParameterDef, ...] = (
    _p("admission.min_age_months", "Tuổi tối thiểu khi chi bộ xét kết nạp", 216, MONTHS, "A1",
       "QĐ 24-QĐ/TW điểm 1.1; QĐ 294-QĐ/TW Điều 1", "CONF", 120, 900),
    _p("admission.max_age_months", "Tuổi tối đa khi chi bộ xét kết nạp (trên mức này cần quyết định của cấp ủy trực thuộc Trung ương)",
       720, MONTHS, "A1", "QĐ 24-QĐ/TW điểm 1.1; QĐ 294-QĐ/TW Điều 1", "CONF", 120, 1200),
    _p("admission.awareness_certificate_months", "Thời hạn giá trị của giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
       60, MONTHS, "A3", "HD 06-HD/TW (9/6/2025) điểm 5.4", "SEC", 1, 240),
    _p("admission.introducer_together_months", "Thời gian người giới thiệu cùng công tác, học tập, sinh sống với người vào Đảng",
       12, MONTHS, "A8", "Điều lệ Đảng Điều 4.2; QĐ 294-QĐ/TW điểm 3.2.1", "SEC", 0, 120),
    _p("admission.decision_working_days", "Thời hạn cấp ủy có thẩm quyền quyết định kết nạp, kể từ nghị quyết của chi bộ",
       60, WORKING_DAYS, "A13", "QĐ 29-QĐ/TW điểm 4.3.1; QĐ 232-QĐ/TW điểm 4.3.1", "CONF", 1, 365),
    _p("admission.decision_extension_working_days", "Thời gian gia hạn tối đa cho quyết định kết nạp (trường hợp đặc biệt)",
       30, WORKING_DAYS, "A13", "QĐ 29-QĐ/TW điểm 4.3.1", "CONF", 0, 365),
    _p("admission.ceremony_working_days", "Thời hạn tổ chức lễ kết nạp, kể từ khi chi bộ nhận quyết định",
       30, WORKING_DAYS, "A14", "QĐ 29/232/294-QĐ/TW điểm 4.1", "CONF", 1, 365),
    _p("admission.readmission_min_months", "Thời gian tối thiểu từ khi ra khỏi Đảng đến khi kết nạp lại",
       36, MONTHS, "A15", "QĐ 232-QĐ/TW điểm 3.5.1", "CONF", 0, 600),
    _p("admission.file_validity_months", "Thời hạn giá trị của lý lịch, thư giới thiệu, nhận xét của đoàn thể (hướng dẫn địa phương)",
       12, MONTHS, "A19", "Hướng dẫn địa phương 2019; quy định Trung ương chưa thấy", "UNCONFIRMED", 1, 120),
    _p("probation.months", "Thời gian dự bị, kể từ ngày lễ kết nạp", 12, MONTHS, "M2", "Điều lệ Đảng Điều 5.1", "CONF", 1, 60),
    _p("removal.absence_months", "Số tháng trong năm tự ý bỏ sinh hoạt đảng hoặc không đóng đảng phí không có lý do chính "
       "đáng thì xóa tên (trường hợp 1)", 3, MONTHS, "R1", "QĐ 24-QĐ/TW điểm 8.1", "CONF", 1, 12),
    _p("removal.no_progress_months", "Thời gian chi bộ giáo dục đảng viên giảm sút ý chí mà không tiến bộ thì xóa tên "
       "(trường hợp 3)", 12, MONTHS, "R1", "QĐ 24-QĐ/TW điểm 8.1", "CONF", 1, 60),
    _p("probation.proposal_working_days", "Thời hạn chi bộ xét, đề nghị công nhận chính thức sau khi hết dự bị",
       30, WORKING_DAYS, "P1", "QĐ 29-QĐ/TW điểm 4.2a; QĐ 294-QĐ/TW điểm 4.2", "CONF", 1, 365),
    _p("probation.decision_working_days", "Thời hạn cấp ủy quyết định công nhận chính thức, kể từ nghị quyết của chi bộ",
       30, WORKING_DAYS, "P3", "QĐ 29-QĐ/TW điểm 4.3.1", "CONF", 1, 365),
    _p("probation.max_votes", "Số lần biểu quyết không đạt 2/3 trước khi báo cáo cấp ủy cấp trên trực tiếp",
       3, TIMES, "P5", "QĐ 29-QĐ/TW điểm 4.2c", "CONF", 1, 10),
    _p("probation.decision_extension_working_days", "Thời gian gia hạn tối đa cho quyết định công nhận đảng viên chính thức",
       30, WORKING_DAYS, "P3", "QĐ 29-QĐ/TW điểm 4.3.1", "CONF", 0, 365),
    _p("transfer.official_working_days", "Thời hạn làm thủ tục chuyển sinh hoạt đảng chính thức",
       60, WORKING_DAYS, "T1", "QĐ 294-QĐ/TW điểm 6.3.1a", "CONF", 1, 365),
    _p("transfer.letter_presentation_days", "Thời hạn đảng viên xuất trình giấy giới thiệu sinh hoạt đảng với nơi đến "
       "(ngày làm việc từ QĐ 294, ngày lịch trước đó)", 30, DAYS, "T3", "QĐ 294-QĐ/TW điểm 6.3.1; HD 09-HD/BTCTW (2017)",
       "CONF", 1, 365),
    _p("transfer.temporary_min_months", "Thời gian tối thiểu của sinh hoạt tạm thời", 3, MONTHS, "T4",
       "QĐ 24/232-QĐ/TW điểm 6.3.2", "CONF", 0, 24),
    _p("transfer.temporary_max_months", "Thời gian sinh hoạt tạm thời phải dưới (công tác, cư trú)", 12, MONTHS, "T4",
       "QĐ 24/232-QĐ/TW điểm 6.3.2", "CONF", 1, 60),
    _p("transfer.study_max_months", "Thời gian sinh hoạt tạm thời tối đa khi đi học tập trung trong nước", 24, MONTHS, "T4",
       "HD 01-HD/TW (2021) điểm 10.2.2", "CONF", 1, 60),
    _setting("todo.probation_horizon_days", "Báo trước khi hết thời gian dự bị (Việc cần làm)", 30, DAYS),
    _p("exemption.advanced_age_men", "Tuổi cao (nam) để gợi ý miễn sinh hoạt", 60, YEARS, "M5", "HD 27-HD/BTCTW (2009)",
       "UNCONFIRMED", 40, 100),
    _p("exemption.advanced_age_women", "Tuổi cao (nữ) để gợi ý miễn sinh hoạt", 55, YEARS, "M5", "HD 27-HD/BTCTW (2009)",
       "UNCONFIRMED", 40, 100),
    # Party badges (Huy hiệu Đảng), domain-rules §10.
    _p("badges.early_illness_months", "Tặng sớm Huy hiệu 30–65 năm tuổi Đảng cho đảng viên bị bệnh nặng: sớm tối đa",
       12, MONTHS, "B2", "HD 01-HD/TW (2021) điểm 18", "CONF", 0, 60),
    _p("badges.early_illness_months_high", "Tặng sớm Huy hiệu từ mốc cao (70–90 năm) cho đảng viên bị bệnh nặng: sớm tối đa",
       24, MONTHS, "B2", "HD 01-HD/TW (2021) điểm 18", "CONF", 0, 60),
    _p("badges.early_illness_high_from_years", "Mốc Huy hiệu bắt đầu được tặng sớm theo mức cao (năm tuổi Đảng)",
       70, "năm tuổi Đảng", "B2", "HD 01-HD/TW (2021) điểm 18", "CONF", 30, 90),
    _p("badges.posthumous_early_months", "Truy tặng Huy hiệu cho đảng viên từ trần khi còn thiếu tuổi Đảng: tối đa",
       12, MONTHS, "B3", "HD 01-HD/TW (2021) điểm 18", "CONF", 0, 60),
    _p("badges.deferral_reprimand_months", "Chưa xét tặng Huy hiệu sau kỷ luật khiển trách", 6, MONTHS, "B5",
       "QĐ 24-QĐ/TW (2021)", "CONF", 0, 60),
    _p("badges.deferral_warning_months", "Chưa xét tặng Huy hiệu sau kỷ luật cảnh cáo", 9, MONTHS, "B5",
       "QĐ 24-QĐ/TW (2021)", "CONF", 0, 60),
    _p("badges.deferral_removal_months", "Chưa xét tặng Huy hiệu sau kỷ luật cách chức", 12, MONTHS, "B5",
       "QĐ 24-QĐ/TW (2021)", "CONF", 0, 60),
    _p("transfer.abroad_max_months", "Thời gian sinh hoạt tạm thời ở nước ngoài phải dưới", 12, MONTHS, "T5",
       "HD 01-HD/TW (2021) điểm 10.2.2", "CONF", 1, 60),
    _setting("todo.temporary_return_horizon_days", "Báo trước khi hết thời hạn sinh hoạt tạm thời (Việc cần làm)", 30, DAYS),
    # Residence contact (QĐ 213-QĐ/TW, HD 33-HD/BTCTW), domain-rules §12. H7: no minimum number of meetings and
    # no due date of the annual comment were found in the sources: defaults to confirm.
    _p("residence.meetings_per_year", "Số lần tối thiểu mỗi năm chi bộ nơi cư trú sinh hoạt với đảng viên đang công tác "
       "(chưa thấy quy định số tối thiểu; mặc định theo “6 tháng một lần”)", 2, TIMES, "H4, H7",
       "QĐ 213-QĐ/TW Điều 4 (6 tháng một lần hoặc khi cần); số tối thiểu: chưa xác nhận (H7)", "UNCONFIRMED", 1, 12),
    _p("residence.comment_due_month", "Hạn chi bộ nơi cư trú gửi nhận xét hằng năm về nơi công tác: tháng "
       "(trước kiểm điểm cuối năm; chưa thấy quy định)", 12, "tháng trong năm", "H1, H7",
       "QĐ 213-QĐ/TW Điều 1 (nhận xét trước kiểm điểm cuối năm); hạn cụ thể: chưa xác nhận (H7)", "UNCONFIRMED", 1, 12),
    _p("residence.comment_due_day", "Hạn chi bộ nơi cư trú gửi nhận xét hằng năm về nơi công tác: ngày trong tháng "
       "(chưa thấy quy định)", 15, "ngày trong tháng", "H1, H7",
       "QĐ 213-QĐ/TW Điều 1 (nhận xét trước kiểm điểm cuối năm); hạn cụ thể: chưa xác nhận (H7)", "UNCONFIRMED", 1, 31),
    _setting("todo.residence_comment_horizon_days", "Báo trước hạn gửi nhận xét của chi bộ nơi cư trú (Việc cần làm)", 30,
             DAYS),
    # A15: re-admission after a criminal record is cleared (án tích được xóa), for a less serious crime.
    _p("admission.readmission_after_record_months", "Thời gian tối thiểu từ khi được xóa án tích (tội ít nghiêm trọng) đến "
       "khi kết nạp lại", 60, MONTHS, "A15", "QĐ 232-QĐ/TW điểm 3.5.1", "CONF", 0, 600),
    # A2: general education, as the rank of the "general_education" reference list (1 primary, 2 lower
    # secondary, 3 upper secondary).
    _p("admission.min_education_rank", "Trình độ học vấn tối thiểu của người vào Đảng (bậc trong danh mục giáo dục phổ "
       "thông: 2 = tốt nghiệp trung học cơ sở)", 2, "bậc", "A2", "QĐ 24-QĐ/TW điểm 1.2", "CONF", 1, 3),
    # A9: an applicant of youth age must be a member of the Youth Union (Luật Thanh niên 2020: 16–30 years).
    _p("admission.youth_max_age_months", "Độ tuổi thanh niên (người vào Đảng trong độ tuổi này phải là đoàn viên và được "
       "Ban Chấp hành Đoàn cơ sở giới thiệu): đến hết", 360, MONTHS, "A9", "Điều lệ Đảng Điều 4; Luật Thanh niên 2020 "
       "Điều 1 (16–30 tuổi)", "SEC", 180, 480),
    # Documents known only from 2026 sources: off until an administrator checks the official text.
    _confirm("regimes.qd208_confirmed", "Quy định số 208-QĐ/TW (26/7/2026)", "A12, O5"),
    _confirm("regimes.hd01_2026_confirmed", "Hướng dẫn số 01-HD/TW (2026)", "§0"),
    _confirm("regimes.qd207_confirmed", "Quy định số 207-QĐ/TW (26/7/2026)", "§0"),
    # ---- Organizations and committees (domain-rules §1: O1, O2, O6, O7, O10). Block kept apart for merges.
    # O1 replaces the former "probation.cell_min_full_members" (P7 was the same rule; rules migration 0003 moves
    # any stored value to the new key).
    _p("organization.cell_min_full_members", "Số đảng viên chính thức tối thiểu của chi bộ (dưới mức này chi bộ không "
       "thông qua được nghị quyết kết nạp, công nhận chính thức, xóa tên dự bị)", 3, "đảng viên", "O1, P7",
       "Điều lệ Đảng Điều 21.2", "CONF", 1, 50),
    _p("organization.grassroots_committee_min_members", "Số đảng viên để tổ chức cơ sở đảng là đảng bộ cơ sở (dưới mức này "
       "là chi bộ cơ sở; trường hợp khác cần văn bản đồng ý của cấp ủy cấp trên)", 30, "đảng viên", "O2",
       "Điều lệ Đảng Điều 21.3", "CONF", 1, 500),
    _p("committee.cell_term_months", "Nhiệm kỳ chi ủy, chi bộ trực thuộc (đại hội chi bộ 5 năm 2 lần)", 30, MONTHS, "O6",
       "Điều lệ Đảng; HD 06-HD/TW (9/6/2025) (quy định trước thí điểm QĐ 294-QĐ/TW)", "CONF", 12, 120),
    _p("committee.cell_term_months_pilot", "Nhiệm kỳ chi ủy, chi bộ trực thuộc theo thí điểm QĐ 294 (đại hội chi bộ "
       "5 năm 1 lần), áp dụng cho nhiệm kỳ bắt đầu từ 1/7/2025", 60, MONTHS, "O6", "QĐ 294-QĐ/TW; HD 06-HD/TW (9/6/2025)",
       "CONF", 12, 120),
    _p("committee.term_months", "Nhiệm kỳ cấp ủy từ cơ sở trở lên (đại hội 5 năm 1 lần)", 60, MONTHS, "O6",
       "Điều lệ Đảng (đại hội đảng bộ 5 năm 1 lần); điều khoản chưa đối chiếu", "UNCONFIRMED", 12, 120),
    _p("committee.standing_max_thirds", "Ban Thường vụ không quá (số phần ba) tổng số cấp ủy viên", 1, "phần ba", "O7",
       "QĐ 208-QĐ/TW (2026), theo bộ câu hỏi ôn tập", "REP-2026", 1, 3),
    _p("organization.official_code_required", "Bắt buộc mã tổ chức đảng 14 chữ số [M1].[M2].[M3].[M4].[M5] cho tổ chức cơ "
       "sở đảng, đảng bộ bộ phận và chi bộ (1: bắt buộc; 0: không bắt buộc, mã đúng dạng này vẫn được kiểm tra)", 0,
       "bật/tắt", "O10", "QĐ 208-QĐ/TW (2026), theo kho mã nguồn năm 2026; văn bản chính thức chưa đối chiếu",
       "REP-2026", 0, 1),
    # ---- Annual review and classification (domain-rules §8: C2–C8, C15). Block kept apart for merges.
    _p("evaluations.excellent_min_score", "Điểm tối thiểu để xếp loại hoàn thành xuất sắc nhiệm vụ (thang 100 điểm, "
       "cùng các điều kiện khác)", Decimal("90.0"), "điểm", "C3", "QĐ 366-QĐ/TW Điều 11.1", "CONF", 0, 100, decimals=1),
    _p("evaluations.good_min_score", "Điểm tối thiểu để xếp loại hoàn thành tốt nhiệm vụ (thang 100 điểm)", Decimal("70.0"),
       "điểm", "C4", "QĐ 366-QĐ/TW Điều 11", "CONF", 0, 100, decimals=1),
    _p("evaluations.completed_min_score", "Điểm tối thiểu để xếp loại hoàn thành nhiệm vụ (dưới mức này: không hoàn "
       "thành nhiệm vụ)", Decimal("50.0"), "điểm", "C5, C6", "QĐ 366-QĐ/TW Điều 11", "CONF", 0, 100, decimals=1),
    _p("evaluations.criteria_max_score", "Điểm tối đa của nhóm tiêu chí chung (thang 100 điểm)", 30, "điểm", "C2",
       "QĐ 366-QĐ/TW", "CONF", 0, 100),
    _p("evaluations.results_max_score", "Điểm tối đa của nhóm kết quả thực hiện nhiệm vụ (thang 100 điểm)", 70, "điểm",
       "C2", "QĐ 366-QĐ/TW", "CONF", 0, 100),
    _p("evaluations.excellent_quota_percent", "Tỷ lệ tối đa xếp loại hoàn thành xuất sắc nhiệm vụ, tính trên số được xếp "
       "loại hoàn thành tốt nhiệm vụ (hoặc tốt trở lên, theo cơ sở tính của đợt) trong từng tổ chức", Decimal("20.0"), PERCENT,
       "C7", "QĐ 124-QĐ/TW Điều 12; HD 21-HD/BTCTW (2019); áp dụng tiếp theo QĐ 366: chưa xác nhận", "CONF", 0, 100,
       decimals=1),
    _p("evaluations.quota_base_good_or_better", "Cơ sở tính tỷ lệ xuất sắc: 0 = số hoàn thành tốt nhiệm vụ; 1 = số hoàn "
       "thành tốt nhiệm vụ trở lên (ghi lại trên từng đợt đánh giá)", 0, "bật/tắt", "C8",
       "QĐ 124-QĐ/TW Điều 12 (số hoàn thành tốt); hướng dẫn địa phương HD 03-HD/TVĐU (tốt trở lên)", "CONF", 0, 1),
    _p("evaluations.strike_off_consecutive_years", "Số năm liền không hoàn thành nhiệm vụ là căn cứ xóa tên", 2, "năm",
       "C15, R1", "QĐ 24-QĐ/TW điểm 8.1", "CONF", 1, 10),
    _p("evaluations.penalty_in_force_months", "Thời gian kỷ luật còn hiệu lực (không được khen thưởng) tính từ ngày quyết "
       "định kỷ luật, khi chưa có sổ kỷ luật", 12, MONTHS, "K7, K8", "QĐ 69-QĐ/TW Điều 2.5, 2.13", "CONF", 0, 120),
    _setting("todo.review_past_years", "Số năm trước năm nay mà đợt đánh giá, xếp loại còn nhắc các bước chưa làm (Việc cần "
             "làm); đợt của năm cũ hơn, mở để nhập kết quả đã quyết định, không nhắc", 1, "năm", 0, 50),
    # ---- Cell meetings (domain-rules §6: G2, G3, G5, G8). Block kept apart for merges.
    _p("meetings.min_minutes", "Thời lượng tối thiểu của buổi sinh hoạt chi bộ", 90, "phút", "G2",
       "HD 42-HD/BTCTW (28/10/2025)", "CONF", 1, 600),
    _p("meetings.combined_min_minutes", "Thời lượng tối thiểu khi sinh hoạt thường kỳ kết hợp sinh hoạt chuyên đề",
       120, "phút", "G2", "HD 42-HD/BTCTW (28/10/2025)", "CONF", 1, 600),
    _p("meetings.notice_days", "Số ngày tối thiểu gửi nội dung, dự thảo nghị quyết cho đảng viên trước buổi sinh hoạt",
       1, DAYS, "G3", "HD 42-HD/BTCTW (28/10/2025)", "CONF", 0, 60),
    _p("meetings.thematic_per_quarter", "Số buổi sinh hoạt chuyên đề tối thiểu mỗi quý", 1, TIMES, "G5",
       "HD 12-HD/BTCTW (6/7/2018); HD 42 chưa đối chiếu điểm này", "UNCONFIRMED", 0, 12),
    _p("meetings.group_min_members", "Số đảng viên tối thiểu của chi bộ được thí điểm sinh hoạt theo tổ đảng", 50, "đảng viên",
       "G6", "HD 03-HD/TW (27/12/2022) II.1.2", "SEC", 1, 1000),
    _p("meetings.group_max_per_year", "Số buổi sinh hoạt thường kỳ tối đa mỗi năm được tổ chức theo tổ đảng", 3, TIMES, "G6",
       "HD 03-HD/TW (27/12/2022) II.2", "SEC", 0, 12),
    # G7: the province's scoring sheet of a meeting's quality (points of each criterion, 0 = not on its sheet; the
    # grades' lower bounds). Defaults modelled on Nghệ An QĐ 27-QĐ/TU (30/10/2023); a province sets its own values.
    *[_p(f"meetings.quality.{key}", f"Phiếu chấm điểm chất lượng sinh hoạt chi bộ: {label} (điểm tối đa)", points, "điểm",
         "G7", source, status, 0, 100) for key, label, points, source, status in QUALITY_SHEET],
    _p("meetings.quality.good_from", "Chất lượng buổi sinh hoạt: điểm tối thiểu xếp loại tốt", 90, "điểm", "G7",
       QUALITY_SOURCE, "UNCONFIRMED", 0, 100),
    _p("meetings.quality.fair_from", "Chất lượng buổi sinh hoạt: điểm tối thiểu xếp loại khá", 70, "điểm", "G7",
       QUALITY_SOURCE, "UNCONFIRMED", 0, 100),
    _p("meetings.quality.average_from", "Chất lượng buổi sinh hoạt: điểm tối thiểu xếp loại trung bình (dưới mức này: "
       "kém)", 50, "điểm", "G7", QUALITY_SOURCE, "UNCONFIRMED", 0, 100),
    _setting("todo.meeting_task_horizon_days", "Báo trước hạn hoàn thành nhiệm vụ theo nghị quyết chi bộ (Việc cần làm)",
             7, DAYS),
    # ---- Inspection and supervision (domain-rules §9: K14, K18). Block kept apart for merges.
    _p("inspection.thematic_cell_min_members", "Giám sát chuyên đề của chi bộ không có chi ủy: chi bộ phải có trên số "
       "đảng viên này (hoặc có đảng viên phân tán, nhiều tổ đảng)", 30, "đảng viên", "K14",
       "HD 08-HD/TW (10/6/2025) điểm II.3.2", "SEC", 1, 1000),
    _p("inspection.coverage_target_percent", "Chỉ tiêu tỷ lệ đảng viên được kiểm tra, giám sát chuyên đề mỗi năm", 10,
       PERCENT, "K18", "Nghị quyết đại hội (báo cáo chính trị cấp huyện)", "CONF", 0, 100),
    _setting("todo.inspection_horizon_days", "Báo trước hạn của cuộc kiểm tra, giám sát và yêu cầu khắc phục (Việc cần làm)",
             14, DAYS),
    # ---- Discipline, appeals, notifications (domain-rules §9: K4, K6, K7, K9, K10, K11, K12). Block kept apart for merges.
    _p("discipline.majority_numerator", "Biểu quyết kỷ luật: số tán thành phải lớn hơn (tử số) phần tổng số thành viên có "
       "quyền biểu quyết", 1, "phần", "K4", "QĐ 69-QĐ/TW Điều 15", "CONF", 1, 100),
    _p("discipline.majority_denominator", "Biểu quyết kỷ luật: mẫu số của tỷ lệ “lớn hơn” (1/2: quá nửa)", 2, "phần", "K4",
       "QĐ 69-QĐ/TW Điều 15", "CONF", 1, 100),
    _p("discipline.expulsion_propose_numerator", "Đề nghị khai trừ: số tán thành ít nhất (tử số) phần tổng số thành viên "
       "của tổ chức đề nghị", 2, "phần", "K4", "QĐ 69-QĐ/TW Điều 15", "CONF", 1, 100),
    _p("discipline.expulsion_propose_denominator", "Đề nghị khai trừ: mẫu số của tỷ lệ “ít nhất” (2/3)", 3, "phần", "K4",
       "QĐ 69-QĐ/TW Điều 15", "CONF", 1, 100),
    _p("discipline.limitation_reprimand_months", "Thời hiệu xử lý kỷ luật đối với vi phạm đến mức khiển trách", 60, MONTHS,
       "K6", "QĐ 69-QĐ/TW Điều 4", "CONF", 1, 1200),
    _p("discipline.limitation_warning_months", "Thời hiệu xử lý kỷ luật đối với vi phạm đến mức cảnh cáo, cách chức (và "
       "giải tán tổ chức)", 120, MONTHS, "K6", "QĐ 69-QĐ/TW Điều 4", "CONF", 1, 1200),
    _p("discipline.lapse_months", "Kỷ luật tự động hết hiệu lực sau (kể từ ngày công bố quyết định hoặc quyết định giải "
       "quyết khiếu nại), nếu không khiếu nại, không tái phạm, không vi phạm mới", 12, MONTHS, "K7", "QĐ 69-QĐ/TW Điều 2.5",
       "CONF", 1, 120),
    _p("discipline.nursing_months", "Chưa xem xét kỷ luật khi đảng viên nuôi con nhỏ dưới", 12, MONTHS, "K9",
       "QĐ 296-QĐ/TW Điều 8.7", "SEC", 0, 60),
    _p("discipline.hearing_invitations", "Số lần mời đảng viên đến trình bày mà không đến, không có lý do chính đáng, thì "
       "tổ chức đảng vẫn xem xét, quyết định (“nhiều lần”: mặc định 2)", 2, TIMES, "K10", "QĐ 296-QĐ/TW Điều 12; số lần: "
       "chưa xác nhận", "UNCONFIRMED", 1, 10),
    _p("discipline.appeal_days", "Thời hạn khiếu nại kỷ luật, kể từ ngày nhận quyết định", 30, DAYS, "K11",
       "QĐ 296-QĐ/TW Điều 23", "SEC", 1, 365),
    _p("discipline.notification_days", "Thời hạn cơ quan nhà nước, Mặt trận, đoàn thể thông báo cho tổ chức đảng việc "
       "đình chỉ, xử lý kỷ luật đảng viên", 5, DAYS, "K12", "QĐ 296-QĐ/TW Điều 8.5", "CONF", 1, 60),
    _setting("todo.discipline_lapse_horizon_days", "Báo trước khi kỷ luật hết hiệu lực (Việc cần làm)", 30, DAYS),
    _p("discipline.appeal_handling_days", "Thời hạn giải quyết khiếu nại kỷ luật, kể từ ngày nhận đơn (cấp cơ sở; chưa "
       "đối chiếu)", 90, DAYS, "K11", "QĐ 296-QĐ/TW Điều 25; thời hạn: chưa xác nhận", "UNCONFIRMED", 1, 365),
    # ---- Resolution study (dangvu.study). Block kept apart for merges.
    _setting("todo.study_makeup_days", "Thời hạn tổ chức học bù cho người vắng buổi học tập, quán triệt nghị quyết, tính từ "
             "ngày học tập (Việc cần làm)", 30, DAYS),
    _setting("todo.study_plan_horizon_days", "Báo trước hạn kế hoạch, chương trình hành động thực hiện nghị quyết (Việc cần "
             "làm)", 14, DAYS),
    # ---- Targets of congress resolutions and yearly plans (TG1). Block kept apart for merges.
    _p("targets.at_risk_tolerance_percent", "Chỉ tiêu đang thực hiện: có nguy cơ không đạt khi kết quả thấp hơn mức phải đạt "
       "theo tiến độ (chia đều theo thời gian) quá tỷ lệ này của mức đó", 10, PERCENT, "TG1",
       "Thiết lập theo dõi của cấp ủy; chưa thấy quy định của Đảng về ngưỡng này", "UNCONFIRMED", 0, 100),
    # ---- Party dues (domain-rules §7: D1–D17). Block kept apart for merges. Rates are percentages with two
    # decimals; the regime of a month (QĐ 342 before 1/2/2026, QĐ 01 from then) comes from dangvu.rules.regimes.
    _p("dues.qd01.salary_percent", "Đảng phí đảng viên tham gia bảo hiểm xã hội bắt buộc: tỷ lệ trên tiền lương làm căn "
       "cứ đóng bảo hiểm xã hội của tháng trước", Decimal("1.00"), PERCENT, "D3", "QĐ 01-QĐ/TW (3/2/2026)", "CONF", 0, 100,
       decimals=2),
    _p("dues.qd01.benefit_percent", "Đảng phí khi nghỉ ốm, thai sản hưởng trợ cấp bảo hiểm xã hội: tỷ lệ trên trợ cấp",
       Decimal("1.00"), PERCENT, "D4", "QĐ 01-QĐ/TW (3/2/2026)", "CONF", 0, 100, decimals=2),
    _p("dues.qd01.pension_percent", "Đảng phí đảng viên hưởng lương hưu: tỷ lệ trên lương hưu", Decimal("0.50"), PERCENT,
       "D5", "QĐ 01-QĐ/TW (3/2/2026)", "CONF", 0, 100, decimals=2),
    _p("dues.qd01.student_amount", "Đảng phí đảng viên là học sinh, sinh viên: mức đóng mỗi tháng", 5000, "đồng", "D6",
       "QĐ 01-QĐ/TW (3/2/2026)", "CONF", 0, 1_000_000),
    _p("dues.qd01.uninsured_percent", "Đảng phí đảng viên không tham gia bảo hiểm xã hội, chưa đến tuổi nghỉ hưu: tỷ lệ "
       "trên lương tối thiểu vùng (giai đoạn đầu)", Decimal("0.30"), PERCENT, "D7", "QĐ 01-QĐ/TW (3/2/2026), theo kho mã "
       "năm 2026", "REP-2026", 0, 100, decimals=2),
    _p("dues.qd01.uninsured_percent_later", "Đảng phí đảng viên không tham gia bảo hiểm xã hội, chưa đến tuổi nghỉ hưu: "
       "tỷ lệ trên lương tối thiểu vùng (từ năm chuyển mức)", Decimal("0.50"), PERCENT, "D7", "QĐ 01-QĐ/TW (3/2/2026), "
       "theo kho mã năm 2026", "REP-2026", 0, 100, decimals=2),
    _p("dues.qd01.uninsured_retired_percent", "Đảng phí đảng viên không tham gia bảo hiểm xã hội, đã đến tuổi nghỉ hưu mà "
       "không có lương hưu: tỷ lệ trên lương tối thiểu vùng (giai đoạn đầu)", Decimal("0.20"), PERCENT, "D7",
       "QĐ 01-QĐ/TW (3/2/2026), theo kho mã năm 2026", "REP-2026", 0, 100, decimals=2),
    _p("dues.qd01.uninsured_retired_percent_later", "Đảng phí đảng viên không tham gia bảo hiểm xã hội, đã đến tuổi nghỉ "
       "hưu mà không có lương hưu: tỷ lệ trên lương tối thiểu vùng (từ năm chuyển mức)", Decimal("0.30"), PERCENT, "D7",
       "QĐ 01-QĐ/TW (3/2/2026), theo kho mã năm 2026", "REP-2026", 0, 100, decimals=2),
    _p("dues.qd01.uninsured_later_from_year", "Năm bắt đầu áp dụng tỷ lệ đảng phí mới cho đảng viên không tham gia bảo "
       "hiểm xã hội", 2028, "năm", "D7", "QĐ 01-QĐ/TW (3/2/2026), theo kho mã năm 2026", "REP-2026", 2026, 2100),
    _p("dues.min_wage_zone_1", "Lương tối thiểu vùng I (tháng), căn cứ tính đảng phí đảng viên không tham gia bảo hiểm "
       "xã hội", 5_310_000, "đồng", "D8", "NĐ 293/2025 (từ 1/1/2026), theo một phần mềm năm 2026", "UNCONFIRMED", 0,
       100_000_000),
    _p("dues.min_wage_zone_2", "Lương tối thiểu vùng II (tháng)", 4_730_000, "đồng", "D8",
       "NĐ 293/2025 (từ 1/1/2026), theo một phần mềm năm 2026", "UNCONFIRMED", 0, 100_000_000),
    _p("dues.min_wage_zone_3", "Lương tối thiểu vùng III (tháng)", 4_140_000, "đồng", "D8",
       "NĐ 293/2025 (từ 1/1/2026), theo một phần mềm năm 2026", "UNCONFIRMED", 0, 100_000_000),
    _p("dues.min_wage_zone_4", "Lương tối thiểu vùng IV (tháng)", 3_700_000, "đồng", "D8",
       "NĐ 293/2025 (từ 1/1/2026), theo một phần mềm năm 2026", "UNCONFIRMED", 0, 100_000_000),
    _p("dues.qd01.exempt_party_age_years", "Miễn đóng đảng phí cho đảng viên có tuổi Đảng từ", 50, "năm tuổi Đảng", "D9",
       "QĐ 01-QĐ/TW (3/2/2026), theo thông báo của một đảng ủy", "SEC", 1, 100),
    _p("dues.relief_max_months", "Thời gian tối đa của mỗi lần miễn (theo đơn) hoặc giảm đảng phí", 12, MONTHS, "D10",
       "QĐ 01-QĐ/TW (3/2/2026), theo thông báo của một đảng ủy", "SEC", 1, 60),
    _p("dues.reduction_low_percent", "Mức giảm đảng phí thứ nhất cho đảng viên khó khăn", 30, PERCENT, "D10",
       "QĐ 01-QĐ/TW (3/2/2026), theo thông báo của một đảng ủy", "SEC", 1, 100),
    _p("dues.reduction_mid_percent", "Mức giảm đảng phí thứ hai cho đảng viên khó khăn", 50, PERCENT, "D10",
       "QĐ 01-QĐ/TW (3/2/2026), theo thông báo của một đảng ủy", "SEC", 1, 100),
    _p("dues.reduction_high_percent", "Mức giảm đảng phí thứ ba cho đảng viên khó khăn", 70, PERCENT, "D10",
       "QĐ 01-QĐ/TW (3/2/2026), theo thông báo của một đảng ủy", "SEC", 1, 100),
    _p("dues.qd342.salary_percent", "Đảng phí theo QĐ 342 (trước 1/2/2026): tỷ lệ trên tiền lương, phụ cấp đóng bảo hiểm "
       "xã hội, trợ cấp, sinh hoạt phí", Decimal("1.00"), PERCENT, "D15", "QĐ 342-QĐ/TW (28/12/2010)", "SEC", 0, 100,
       decimals=2),
    _p("dues.qd342.pension_percent", "Đảng phí theo QĐ 342 (trước 1/2/2026): tỷ lệ trên lương hưu", Decimal("0.50"),
       PERCENT, "D17", "QĐ 342-QĐ/TW (28/12/2010)", "UNCONFIRMED", 0, 100, decimals=2),
    _p("dues.qd342.other_amount", "Đảng phí theo QĐ 342 (trước 1/2/2026): mức đóng mỗi tháng của đảng viên khác (nông "
       "dân, lao động tự do, học sinh, sinh viên)", 3000, "đồng", "D17", "QĐ 342-QĐ/TW (28/12/2010)", "UNCONFIRMED", 0,
       1_000_000),
    _p("dues.retention.cell_percent", "Tỷ lệ đảng phí chi bộ trực thuộc đảng ủy cơ sở được giữ lại (phần còn lại nộp "
       "lên)", 30, PERCENT, "D14, D16", "QĐ 342-QĐ/TW mục II.1 (CV 141-CV/VPTW); QĐ 01-QĐ/TW: chưa xác nhận", "CONF",
       0, 100),
    _p("dues.retention.commune_grassroots_percent", "Tỷ lệ đảng phí tổ chức cơ sở đảng xã, phường, thị trấn được giữ lại",
       90, PERCENT, "D14, D16", "QĐ 342-QĐ/TW mục II.1 (CV 141-CV/VPTW); QĐ 01-QĐ/TW: chưa xác nhận", "CONF", 0, 100),
    _p("dues.retention.grassroots_percent", "Tỷ lệ đảng phí tổ chức cơ sở đảng khác được giữ lại", 70, PERCENT,
       "D14, D16", "QĐ 342-QĐ/TW mục II.1 (CV 141-CV/VPTW); QĐ 01-QĐ/TW: chưa xác nhận", "CONF", 0, 100),
    _p("dues.retention.upper_percent", "Tỷ lệ đảng phí mỗi cấp trên cơ sở được giữ lại", 50, PERCENT, "D14, D16",
       "QĐ 342-QĐ/TW mục II.1 (CV 141-CV/VPTW); QĐ 01-QĐ/TW: chưa xác nhận", "CONF", 0, 100),
    ParameterDef("dues.max_month_multiple", "Số tiền đảng phí của một tháng lớn hơn số lần này mức phải đóng bị coi là "
                 "nhập nhầm", 12, TIMES, "—", "Thiết lập của phần mềm (không phải quy định của Đảng)", "CONF", 1, 1000,
                 SETTING),
    ParameterDef("dues.max_extra_amount", "Số tiền tự nguyện đóng thêm của một tháng lớn hơn mức này bị coi là nhập nhầm",
                 50_000_000, "đồng", "—", "Thiết lập của phần mềm (không phải quy định của Đảng)", "CONF", 0,
                 1_000_000_000, SETTING),
    # Training classes (issue 15). TR1: the new-member class. Found only as practice: the programme of the Central
    # Propaganda Commission for new members is "compulsory for newly admitted members" during probation (Trung tâm
    # Chính trị Đà Lạt, báo Lâm Đồng 8/2025); no deadline in months was found in a central text.
    _p("training.new_member_class_months", "Thời hạn đảng viên mới học lớp bồi dưỡng lý luận chính trị dành cho đảng viên "
       "mới, kể từ ngày lễ kết nạp", 12, MONTHS, "TR1", "Chương trình bồi dưỡng lý luận chính trị dành cho đảng viên mới "
       "(Ban Tuyên giáo Trung ương); thời hạn chưa thấy trong văn bản Trung ương", "UNCONFIRMED", 1, 60),
    _setting("todo.awareness_certificate_horizon_days", "Báo trước khi giấy chứng nhận lớp nhận thức về Đảng của người vào "
             "Đảng hết hạn (Việc cần làm)", 90, DAYS),
    # Statistics summary (issue 11, dangvu.statistics.summaries): the organizations of the top levels (depth 1: the
    # root, 2: the provinces, 3: the level below) get their subtree totals stored at refresh; 0: none.
    _setting("statistics.rollup_depth", "Số cấp trên cùng của cây tổ chức được tính sẵn tổng số liệu thống kê của cả "
             "cấp dưới (bảng tổng hợp)", 3, "cấp", minimum=0, maximum=20),
)
BY_KEY: dict[str, ParameterDef] = {d.key: d for d in DEFINITIONS}


class Params(Mapping):
    """Parameter values in force on one date (defaults where nothing was set)."""

    def __init__(self, on: dt.date, overrides: dict | None = None, province_id: int | None = None,
                 sources: dict | None = None):
        self.on = on
        self.province_id = province_id
        self._values = {d.key: d.default for d in DEFINITIONS} | (overrides or {})
        self.sources = sources or {}  # key → the ParameterValue in force, where one was set

    def __getitem__(self, key: str):
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @classmethod
    def sharing(cls, on: dt.date, values: dict) -> "Params":
        """The values of another Params (not copied: a Params is read only) for another date in the same period."""
        params = cls.__new__(cls)
        params.on, params.province_id, params._values, params.sources = on, None, values, {}
        return params


def defaults(on: dt.date | None = None) -> Params:
    return Params(on or dt.date.today())


def params_on(on: dt.date, within=None) -> Params:
    """Values in force on `on`: the latest setting effective on or before it, for the province when
    one is given and it has its own, else the national one, else the default (one query).
    `within` is the organization the rule is applied to, at any level (the values set for the
    province above it apply; dangvu.rules does not read the tree, the organization's path names its
    ancestors), or a provincial committee's id."""
    from django.db.models import Q

    from dangvu.rules.models import ParameterValue

    path = getattr(within, "path", None)
    ancestors = [int(part) for part in path.strip("/").split("/") if part] if path else []
    if not ancestors and within is not None:
        ancestors = [getattr(within, "pk", within)]
    scope = Q(province__isnull=True) | Q(province_id__in=ancestors) if ancestors else Q(province__isnull=True)
    national: dict = {}
    local: dict = {}
    for row in (ParameterValue.objects.filter(scope, effective_from__lte=on).order_by("effective_from", "id")):
        definition = BY_KEY.get(row.key)
        if definition is not None:
            (local if row.province_id else national)[row.key] = row  # the last one wins
    rows = national | local
    province_id = next((row.province_id for row in local.values()), None)  # the province whose own values apply
    return Params(on, {k: BY_KEY[k].coerce(r.value) for k, r in rows.items()}, province_id, rows)


def text(params: Mapping, key: str) -> str:
    """A parameter as written in a message: "30 ngày làm việc", "12 tháng", "0,5%"."""
    definition = BY_KEY[key]
    value = params[key]
    if definition.decimals:
        number = f"{value:f}"
        number = (number.rstrip("0").rstrip(".") if "." in number else number).replace(".", ",")
    else:
        number = str(value)
    return f"{number}{definition.unit}" if definition.unit == PERCENT else f"{number} {definition.unit}"


class ParamsBook:
    """Parameter values for any date, from one read of the stored settings (national values; for
    replaying a history or listing many cases without a query per date)."""

    def __init__(self):
        from dangvu.rules.models import ParameterValue

        self._rows = [(key, value, since) for key, value, since in ParameterValue.objects.filter(province__isnull=True)
                      .order_by("effective_from", "id").values_list("key", "value", "effective_from") if key in BY_KEY]
        self._changes = sorted({since for _key, _value, since in self._rows})  # the days a value changes
        self._periods: dict[int, dict] = {}  # values between two of those days: one dict each, shared by their dates
        self._memo: dict[dt.date, Params] = {}

    def on(self, on: dt.date) -> Params:
        params = self._memo.get(on)
        if params is None:
            period = bisect.bisect_right(self._changes, on)
            values = self._periods.get(period)
            if values is None:
                overrides = {}
                for key, value, since in self._rows:
                    if since <= on:
                        overrides[key] = BY_KEY[key].coerce(value)
                values = self._periods[period] = Params(on, overrides)._values
            # a Params a date that shares its period's values: a register's 100.000 members name ~10.000 days, and a
            # dict of every parameter for each held ~50 MB
            params = self._memo[on] = Params.sharing(on, values)
        return params

    __call__ = on
