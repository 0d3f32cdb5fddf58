"""The import of annual grades (kết quả đánh giá, xếp loại chất lượng hằng năm), old years included: of organizations
and of members.

Each row is applied by the evaluations app's path for a result decided outside the application:
`evaluations.services.record_legacy_result` (an organization) and `record_legacy_member_result` (a member). The label
as written is mapped to the four grades by the app's table and kept as the original label: "Trong sạch, vững mạnh",
"Yếu kém"… for organizations (evaluations.rules.LEGACY_LABELS), "Đủ tư cách, hoàn thành tốt nhiệm vụ", "Vi phạm tư
cách"… for members (evaluations.rules.MEMBER_LEGACY_LABELS), and the four current grades for both. A member's imported
result is not re-checked against the excellent quota: the committee already decided.

The year's review campaign must exist (opened on the evaluations page for the year: it fixes the regime, the
organizations and the members reviewed) and list the organization or the member; the import never opens one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dangvu.accounts import permissions
from dangvu.core.dates import today
from dangvu.core.text import fold
from dangvu.evaluations import rules as eval_rules
from dangvu.evaluations import services as eval_services
from dangvu.evaluations.kinds import Step
from dangvu.evaluations.models import MemberReview, OrganizationReview
from dangvu.evaluations.querysets import MANAGE
from dangvu.imports import cells
from dangvu.imports.kinds import NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _card, _shown, _text, org_in_scope
from dangvu.imports.kinds_awards import MEMBER_COLUMNS, member_named


def year(raw) -> int | None:
    s = cells.whole_number_text(raw, label="Năm")
    if not s:
        return None
    if len(s) != 4 or not 1930 <= int(s) <= today().year:
        raise cells.CellError(f"Năm “{s}”: ghi 4 chữ số, không sau năm nay.")
    return int(s)


def _label_in(grade_of, table: str):
    """The cell converter of a label as written: kept as written, refused when `grade_of` (the table) does not know it."""
    def convert(raw) -> str:
        s = cells.text(raw)
        if s and grade_of(s) is None:
            raise cells.CellError(f"Xếp loại “{s}”: không có trong bảng quy đổi {table}; hoặc một trong bốn mức hiện hành).")
        return s
    return convert


_label = _label_in(eval_rules.legacy_grade, "(trong sạch, vững mạnh; hoàn thành tốt nhiệm vụ; hoàn thành nhiệm vụ; yếu kém")
_member_label = _label_in(eval_rules.member_legacy_grade, "xếp loại đảng viên (đủ tư cách, hoàn thành xuất sắc / tốt "
                          "nhiệm vụ; đủ tư cách, hoàn thành nhiệm vụ; vi phạm tư cách")


def _recorded(review, values, *, who: str, page: str) -> Outcome | None:
    """A review already decided: the row is unchanged when it tells the same decision (label as written, number,
    date), else refused — a decision is corrected on its page, never by a file. None: not decided yet."""
    if review.step != Step.DECIDED:
        return None
    written = review.original_label or eval_rules.label(review.grade)
    given = (fold(values["original_label"]), values.get("decision_number") or "", values["decided_on"])
    if given == (fold(written), review.decision_number, review.decided_on):
        return Outcome(UNCHANGED, f"{who} năm {values['year']}: {values['original_label']}")
    raise RowError("original_label", f"{who} đã có kết quả xếp loại năm {values['year']}: “{written}”, quyết định "
                   f"{review.decision_number or '(không số)'} ngày {_shown(review.decided_on)}; sửa trên trang {page}, "
                   "không sửa qua tệp.")


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
        same = _recorded(review, values, who=org.name, page="Đánh giá, xếp loại")
        if same is not None:
            return same
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


class MemberGradesKind(ImportKind):
    """Members' annual grades: the member found as the other member kinds find them (CCCD, else a card number they
    hold or held), the year's review of the member in the nearest campaign that lists them."""

    code = "member_grades"
    label = _("Xếp loại đảng viên hằng năm")
    sheet_name = "Xep loai dang vien"
    columns = [
        *MEMBER_COLUMNS,
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD.", ""),
        Column("year", "Năm", year, "Năm đánh giá (4 chữ số). Đợt đánh giá của năm phải đã được mở và có tên đảng viên.",
               "2018", True),
        Column("original_label", "Xếp loại", _member_label, "Mức xếp loại như văn bản ghi, kể cả cách gọi cũ: "
               + "; ".join(eval_rules.MEMBER_LEGACY_LABELS) + ". Giữ nguyên cách gọi cũ, quy đổi sang bốn mức hiện hành "
               f"({eval_rules.SOURCE_MEMBER_LEGACY}). Kết quả đã được cấp ủy quyết định: không tính lại tỷ lệ xuất sắc.",
               "Đủ tư cách, hoàn thành tốt nhiệm vụ", True),
        Column("decision_number", "Số quyết định", _text, "", "12-QĐ/ĐU"),
        Column("decided_on", "Ngày quyết định", cells.date, "dd/mm/yyyy; không trước năm đánh giá.", "15/01/2019", True),
    ]

    def row_key(self, values):
        column = "citizen_id" if values.get("citizen_id") else "party_card_number"
        return (column, f"{values[column]} năm {values['year']}") if values.get(column) and values.get("year") else None

    def apply_row(self, values, *, by, root):
        member = member_named(values, by=by)
        # the review of the year in the nearest campaign listing the member
        review = (MemberReview.objects.filter(member=member, campaign__year=values["year"])
                  .select_related("campaign", "cell").order_by("-campaign__organization__depth").first())
        if review is None:
            raise RowError("year", f"Chưa có đợt đánh giá năm {values['year']} có tên {member.full_name}: mở đợt đánh giá "
                           f"năm {values['year']} ở trang Đánh giá, xếp loại (đợt liệt kê đảng viên của tổ chức) rồi nhập lại.")
        if not review.cell.path.startswith(root.path):
            raise RowError("citizen_id", f"{member.full_name}: năm {values['year']} sinh hoạt ở “{review.cell.name}”, không "
                           f"thuộc {root.name}.")
        same = _recorded(review, values, who=member.full_name, page="Đánh giá, xếp loại của đảng viên")
        if same is not None:
            return same
        if not (permissions.is_system_admin(by) or permissions.can(by, MANAGE, review.cell)):
            raise RowError("citizen_id", f"{member.full_name}: “{review.cell.name}” ngoài phạm vi quyền quản lý đánh giá, "
                           "xếp loại của bạn.")
        eval_services.record_legacy_member_result(by=by, review=review, original_label=values["original_label"],
                                                  decision_number=values.get("decision_number") or "",
                                                  decided_on=values["decided_on"])
        return Outcome(NEW, f"{member.full_name} năm {values['year']}: {values['original_label']}")

    def export_rows(self, root, on):
        reviews = (MemberReview.objects.filter(cell__path__tree_prefix=root.path, step=Step.DECIDED)
                   .select_related("member", "campaign").order_by("campaign__year", "member__name_key", "member_id"))
        if on is not None:
            reviews = reviews.filter(decided_on__lte=on)
        for r in reviews:
            m = r.member
            yield {"citizen_id": m.citizen_id or "", "full_name": m.full_name,
                   "party_card_number": "" if m.citizen_id else m.party_card_number or "", "year": r.campaign.year,
                   "original_label": r.original_label or eval_rules.label(r.grade), "decision_number": r.decision_number,
                   "decided_on": r.decided_on}


KINDS = (OrganizationGradesKind(), MemberGradesKind())
