"""The import of organizations' annual grades (kết quả đánh giá, xếp loại tổ chức đảng), old years included.

Each row is applied by `evaluations.services.record_legacy_result`, the evaluations app's path for a result decided
outside the application: the label as written ("Trong sạch, vững mạnh", "Hoàn thành tốt nhiệm vụ", "Yếu kém"…) is
mapped to the four grades by its table (evaluations.rules.LEGACY_LABELS) and kept as the original label. The year's
review campaign must exist (opened on the evaluations page for the year: it fixes the regime and the organizations
reviewed); the import never opens one, since a campaign also lists the members reviewed that year.

Members' annual grades are not imported: the evaluations app has no imported-result path for a member (a member's
grade goes through the cell's proposal and the committee's decision with its quota), see the README.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.core.text import fold
from dangvu.evaluations import rules as eval_rules
from dangvu.evaluations import services as eval_services
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import OrganizationReview
from dangvu.evaluations.querysets import MANAGE
from dangvu.imports import cells
from dangvu.imports.kinds import NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _shown, _text, org_in_scope


def year(raw) -> int | None:
    s = cells.whole_number_text(raw, label="Năm")
    if not s:
        return None
    if len(s) != 4 or not 1930 <= int(s) <= today().year:
        raise cells.CellError(f"Năm “{s}”: ghi 4 chữ số, không sau năm nay.")
    return int(s)


def _label(raw) -> str:
    s = cells.text(raw)
    if s and eval_rules.legacy_grade(s) is None:
        raise cells.CellError(f"Xếp loại “{s}”: không có trong bảng quy đổi (trong sạch, vững mạnh; hoàn thành tốt nhiệm vụ; "
                              "hoàn thành nhiệm vụ; yếu kém; hoặc một trong bốn mức hiện hành).")
    return s


class OrganizationGradesKind(ImportKind):
    code = "org_grades"
    label = _("Xếp loại tổ chức đảng hằng năm")
    sheet_name = "Xep loai to chuc"
    columns = [
        Column("organization", "Mã tổ chức", _text, "Mã của tổ chức đảng được xếp loại.", "99.001.001.000.001", True),
        Column("name", "Tên tổ chức", _text, "Để đối chiếu (không bắt buộc).", "Chi bộ thôn Đông"),
        Column("year", "Năm", year, "Năm đánh giá (4 chữ số). Đợt đánh giá của năm phải đã được mở.", "2018", True),
        Column("original_label", "Xếp loại", _label, "Mức xếp loại như văn bản ghi, kể cả cách gọi cũ: "
               + "; ".join(eval_rules.LEGACY_LABELS) + ". Giữ nguyên cách gọi cũ, quy đổi sang bốn mức hiện hành.",
               "Trong sạch, vững mạnh", True),
        Column("decision_number", "Số quyết định", _text, "", "5-QĐ/HU"),
        Column("decided_on", "Ngày quyết định", cells.date, "dd/mm/yyyy.", "20/01/2019", True),
    ]

    def row_key(self, values):
        if values.get("organization") and values.get("year"):
            return ("organization", f"{values['organization']} năm {values['year']}")
        return None

    def apply_row(self, values, *, by, root):
        org = org_in_scope(values["organization"], root=root, by=by, column="organization", action=MANAGE)
        if values.get("name") and fold(values["name"]) != fold(org.name):
            raise RowError("name", f"Tên “{values['name']}” không khớp tổ chức mã {org.code} (“{org.name}”).")
        label = f"{org.name} năm {values['year']}: {values['original_label']}"
        # the nearest campaign of the year covering the organization
        review = (OrganizationReview.objects.filter(organization=org, campaign__year=values["year"])
                  .select_related("campaign").order_by("-campaign__organization__depth").first())
        if review is None:
            raise RowError("year", f"Chưa có đợt đánh giá năm {values['year']} bao gồm “{org.name}”: mở đợt đánh giá năm "
                           f"{values['year']} ở trang Đánh giá, xếp loại rồi nhập lại.")
        if review.step == Step.DECIDED:
            given = (fold(values["original_label"]), values.get("decision_number") or "", values["decided_on"])
            wrote = (fold(review.original_label or eval_rules.label(review.grade)), review.decision_number, review.decided_on)
            if given == wrote:
                return Outcome(UNCHANGED, label)
            raise RowError("original_label", f"{org.name} đã có kết quả xếp loại năm {values['year']}: "
                           f"“{review.original_label or eval_rules.label(review.grade)}”, quyết định "
                           f"{review.decision_number or '(không số)'} ngày {_shown(review.decided_on)}; sửa trên trang "
                           "Đánh giá, xếp loại, không sửa qua tệp.")
        eval_services.record_legacy_result(by=by, review=review, original_label=values["original_label"],
                                           decision_number=values.get("decision_number") or "", decided_on=values["decided_on"])
        return Outcome(NEW, label)

    def export_rows(self, root, on):
        reviews = (OrganizationReview.objects.filter(organization__path__tree_prefix=root.path, step=Step.DECIDED)
                   .select_related("organization", "campaign").order_by("campaign__year", "organization__path", "id"))
        if on is not None:
            reviews = reviews.filter(decided_on__lte=on)
        for r in reviews:
            yield {"organization": r.organization.code, "name": r.organization.name, "year": r.campaign.year,
                   "original_label": r.original_label or eval_rules.label(r.grade), "decision_number": r.decision_number,
                   "decided_on": r.decided_on}


KINDS = (OrganizationGradesKind(),)
