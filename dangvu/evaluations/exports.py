"""XLSX of a campaign's results (core/spreadsheets.py): one sheet of members, one of organizations, one of the
excellent quota per grassroots organization, one of the commendations based on the year's results (those in force
and those cancelled, with the cancellation). Rows are those the user may see (restrict)."""

from __future__ import annotations

from dangvu.core import spreadsheets
from dangvu.evaluations import rules, selectors
from dangvu.evaluations.models import Campaign, Commendation, MemberReview, OrganizationReview

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(campaign: Campaign) -> str:
    return f"ket-qua-xep-loai-{campaign.year}.xlsx"


def results_xlsx(user, campaign: Campaign) -> bytes:
    wb = spreadsheets.workbook()
    ws = wb.active
    ws.title = "Đảng viên"
    ws.append([campaign.name])
    ws.append([f"Quy định áp dụng: {campaign.regime.title}"])
    ws.append(["STT", "Họ và tên", "Chi bộ", "Tự xếp loại", "Điểm", "Chi bộ đề xuất", "Kết quả", "Số quyết định",
               "Ngày quyết định", "Không xếp loại", "Điều kiện không hoàn thành nhiệm vụ"])
    reviews = (MemberReview.objects.visible_to(user).filter(campaign=campaign).select_related("member", "cell")
               .prefetch_related("disqualifications").order_by("cell__path", "member__name_key", "pk"))
    for i, r in enumerate(reviews, 1):
        ws.append([i, r.member.full_name, r.cell.name, rules.label(r.self_grade), r.score, rules.label(r.proposed_grade),
                   rules.label(r.grade), r.decision_number, r.decided_on, r.get_exclusion_display() if r.exclusion else "",
                   "; ".join(d.description for d in r.disqualifications.all())])
    orgs = wb.create_sheet("Tổ chức đảng")
    orgs.append(["STT", "Tổ chức đảng", "Tự xếp loại", "Điểm", "Kết quả", "Xếp loại theo cách gọi cũ", "Cấp ủy quyết định",
                 "Số quyết định", "Ngày quyết định"])
    for i, r in enumerate(OrganizationReview.objects.visible_to(user).filter(campaign=campaign)
                          .select_related("organization").order_by("organization__path"), 1):
        orgs.append([i, r.organization.name, rules.label(r.self_grade), r.score, rules.label(r.grade), r.original_label,
                     r.deciding_body, r.decision_number, r.decided_on])
    quota = wb.create_sheet("Tỷ lệ xuất sắc")
    quota.append(["Tổ chức cơ sở đảng", "Số xuất sắc", "Tối đa", "Vượt tỷ lệ"])
    for org, q in selectors.grassroots_quota(campaign, MemberReview.objects.visible_to(user)):
        quota.append([org.name, q.selected, q.maximum, "Có" if q.exceeded else ""])
    praise = wb.create_sheet("Khen thưởng")
    praise.append(["STT", "Hình thức", "Cá nhân, tập thể", "Chi bộ", "Năm kết quả", "Số năm liền hoàn thành xuất sắc",
                   "Số quyết định", "Ngày quyết định", "Cấp quyết định", "Lý do", "Ngày hủy", "Số quyết định hủy", "Lý do hủy"])
    rows = (Commendation.objects.restrict(user).filter(year=campaign.year).select_related("member", "organization", "cell")
            .order_by("decided_on", "pk"))
    for i, c in enumerate(rows, 1):
        praise.append([i, c.get_level_display(), c.subject_name, c.cell.name if c.cell_id else "", c.year,
                       c.consecutive_years or "", c.decision_number, c.decided_on, c.deciding_body, c.reason, c.cancelled_on,
                       c.cancellation_decision_number, c.cancellation_reason])
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if hasattr(cell.value, "year") and not isinstance(cell.value, int):
                    cell.number_format = "DD/MM/YYYY"
    return spreadsheets.to_bytes(wb)
