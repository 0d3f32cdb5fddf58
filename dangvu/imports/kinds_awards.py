"""The kinds of import of a member's papers kept by the committee: party cards issued and Party badges awarded.

Each row names a member already in the register (by citizen ID, or by a card number they hold or held: a number
belongs to one member for ever) and is applied through the awards app's services, as the forms are:
`awards.services.issue_card(history=True)` (a past issue copied from a register: the card held before it is the
last one recorded before its date, the member's number follows only the latest card) and
`awards.services.record_award` (B1–B5, K8). A row already recorded is reported unchanged, so importing the same
file twice writes nothing the second time; a row that contradicts what is recorded is refused (a decision is
corrected on its page, never overwritten by a file).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dangvu.accounts import permissions
from dangvu.awards import rules as award_rules
from dangvu.awards import services as award_services
from dangvu.awards.models import AwardKind, BadgeAward, CardKind, CardNumber, PartyCard
from dangvu.core.text import fold
from dangvu.imports import cells
from dangvu.imports.kinds import NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _card, _citizen_id, _shown, _text
from dangvu.members.models import Member


def member_named(values: dict, *, by, card_key: str = "party_card_number") -> Member:
    """The member a row names: by citizen ID, else by a card number they hold or once held; visible to `by` and
    changeable by them for `action`, else the row is refused (the same words whether the member exists or not).
    The name, when given, must match the record. Whether `by` may write is asked afterwards (require_change):
    a row already recorded is reported unchanged to whoever may see it."""
    who = values.get("citizen_id") or values.get(card_key)
    if not who:
        raise RowError("citizen_id", "Số CCCD hoặc Số thẻ đảng viên: phải có ít nhất một, để tìm đảng viên.")
    member = None
    if values.get("citizen_id"):
        member = Member.objects.filter(citizen_id=values["citizen_id"]).select_related("organization").first()
    elif values.get(card_key):
        owner = CardNumber.objects.filter(number=values[card_key]).values_list("member_id", flat=True).first()
        member = (Member.objects.filter(pk=owner) if owner else Member.objects.filter(party_card_number=values[card_key])
                  ).select_related("organization").first()
    if member is None or not Member.objects.visible_to(by).filter(pk=member.pk).exists():
        raise RowError("citizen_id", f"Không có đảng viên số {who} trong phạm vi quyền của bạn.")
    if values.get("full_name") and fold(values["full_name"]) != fold(member.full_name):
        raise RowError("full_name", f"Họ và tên “{values['full_name']}” không khớp hồ sơ số {who} (“{member.full_name}”).")
    return member


def require_change(member: Member, *, by, action: str, what: str) -> None:
    if not (permissions.is_system_admin(by) or permissions.may_change_member(by, member, action)):
        raise RowError("citizen_id", f"{member.full_name} không sinh hoạt trong tổ chức bạn quản lý: không ghi {what}.")


def members_under(root):
    return Member.objects.filter(states__organization__path__tree_prefix=root.path).distinct()


def _who(member: Member) -> dict:
    return {"citizen_id": member.citizen_id or "", "full_name": member.full_name}


MEMBER_COLUMNS = [
    Column("citizen_id", "Số CCCD", _citizen_id, "Số CCCD của đảng viên (để tìm hồ sơ). Để trống thì tìm theo số thẻ.",
           "'001185012345"),
    Column("full_name", "Họ và tên", _text, "Để đối chiếu: phải khớp với hồ sơ.", "Nguyễn Thị Hoà"),
]


# ---------------------------------------------------------------------------- party cards

class PartyCardsKind(ImportKind):
    """Every card issued to a member: first issue, reissue (lost), replacement (damaged), exchange."""

    code = "cards"
    label = _("Thẻ đảng viên đã cấp")
    sheet_name = "The dang vien"
    columns = [
        *MEMBER_COLUMNS,
        Column("number", "Số thẻ", lambda r: cells.whole_number_text(r, label="Số thẻ"),
               "8 chữ số (thẻ theo CT 29-CT/TW) hoặc 12 chữ số (thẻ theo CT 51-CT/TW). Một số thẻ chỉ thuộc về một đảng viên.",
               "'12345678", True),
        Column("kind", "Loại cấp thẻ", lambda r: cells.choice(r, CardKind, label="Loại cấp thẻ"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in CardKind.choices) + ".", str(CardKind.ISSUE.label), True),
        Column("issued_on", "Ngày cấp thẻ", cells.date, "dd/mm/yyyy; không trước ngày công nhận đảng viên chính thức.",
               "03/02/2017", True),
        Column("decision_number", "Số quyết định", _text, "", "45-QĐ/HU"),
        Column("decision_date", "Ngày quyết định", cells.date, "dd/mm/yyyy; không sau ngày cấp thẻ.", "20/01/2017"),
        Column("reason", "Lý do", _text, "Bắt buộc khi cấp lại thẻ bị mất hoặc đổi thẻ bị hỏng.", ""),
    ]

    def row_key(self, values):
        if not (values.get("number") and values.get("kind") and values.get("issued_on")):
            return None
        return ("number", f"{values['number']} ({CardKind(values['kind']).label.lower()} ngày "
                          f"{cells.vn_date(values['issued_on'])}, {values.get('citizen_id') or 'theo số thẻ'})")

    def apply_row(self, values, *, by, root):
        member = member_named(values, by=by, card_key="number")
        label = f"{member.full_name}: {CardKind(values['kind']).label.lower()} số {values['number']} " \
                f"ngày {cells.vn_date(values['issued_on'])}"
        same = PartyCard.objects.filter(member=member, number=values["number"], kind=values["kind"],
                                        issued_on=values["issued_on"]).first()
        if same is not None:
            wrote = {k: getattr(same, k) or None for k in ("decision_number", "decision_date", "reason")}
            given = {k: values.get(k) or None for k in wrote}
            if wrote != given:
                diff = "; ".join(f"{self.header_of(k)}: đã ghi “{_shown(wrote[k])}”, tệp ghi “{_shown(given[k])}”"
                                 for k in wrote if wrote[k] != given[k])
                raise RowError("number", f"Lần cấp thẻ này đã được ghi với nội dung khác ({diff}); sửa trên trang thẻ "
                               "đảng viên, không sửa qua tệp.")
            return Outcome(UNCHANGED, label)
        require_change(member, by=by, action=award_services.CHANGE, what="thẻ đảng viên")
        award_services.issue_card(by=by, member=member, number=values["number"], kind=values["kind"],
                                  issued_on=values["issued_on"], decision_number=values.get("decision_number") or "",
                                  decision_date=values.get("decision_date"), reason=values.get("reason") or "", history=True)
        return Outcome(NEW, label)

    def export_rows(self, root, on):
        cards = (PartyCard.objects.filter(member__in=members_under(root)).select_related("member")
                 .order_by("member__name_key", "member_id", "issued_on", "id"))
        if on is not None:
            cards = cards.filter(issued_on__lte=on)
        for card in cards:
            yield _who(card.member) | {"number": card.number, "kind": str(CardKind(card.kind).label),
                                       "issued_on": card.issued_on, "decision_number": card.decision_number,
                                       "decision_date": card.decision_date, "reason": card.reason}


# ---------------------------------------------------------------------------- Party badges

def _milestone(raw):
    """30, "30", "30 năm", "Huy hiệu 30 năm tuổi Đảng": the number of years, one of the milestones."""
    s = cells.text(raw)
    if not s:
        return None
    digits = "".join(ch if ch.isdigit() else " " for ch in s).split()
    if len(digits) != 1 or int(digits[0]) not in award_rules.MILESTONES:
        raise cells.CellError(f"Mốc huy hiệu “{s}”: phải là một trong các mốc "
                              f"{', '.join(map(str, award_rules.MILESTONES))} năm tuổi Đảng.")
    return int(digits[0])


class BadgesKind(ImportKind):
    """Party badges awarded (Huy hiệu Đảng): one per milestone per member, checked against B1–B5 and K8 on the
    presentation date (so the member's history, imported first, is what the rules read)."""

    code = "badges"
    label = _("Huy hiệu Đảng đã tặng")
    sheet_name = "Huy hieu Dang"
    columns = [
        *MEMBER_COLUMNS,
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD.", ""),
        Column("milestone", "Mốc huy hiệu (năm)", _milestone,
               "Số năm tuổi Đảng: " + ", ".join(map(str, award_rules.MILESTONES)) + ".", "30", True),
        Column("kind", "Hình thức", lambda r: cells.choice(r, AwardKind, label="Hình thức"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in AwardKind.choices) + "; để trống: tặng khi đủ tuổi đảng.",
               str(AwardKind.REGULAR.label)),
        Column("presentation_on", "Ngày trao tặng", cells.date, "dd/mm/yyyy (3/2, 19/5, 2/9 hoặc 7/11).", "03/02/2025", True),
        Column("decision_number", "Số quyết định", _text, "", "120-QĐ/TU", True),
        Column("decision_date", "Ngày quyết định", cells.date, "dd/mm/yyyy; không sau ngày trao tặng.", "15/01/2025"),
        Column("deciding_body", "Cơ quan quyết định", _text, "", "Tỉnh ủy Thử Nghiệm"),
        Column("badge_number", "Số huy hiệu", _text, "", ""),
        Column("note", "Ghi chú", _text, "", ""),
    ]
    COMPARED = ("kind", "presentation_on", "decision_number", "decision_date", "deciding_body", "badge_number", "note")

    def row_key(self, values):
        who = values.get("citizen_id") or values.get("party_card_number")
        return ("milestone", f"{values['milestone']} năm của {who}") if who and values.get("milestone") else None

    def apply_row(self, values, *, by, root):
        member = member_named(values, by=by)
        values = values | {"kind": values.get("kind") or AwardKind.REGULAR}
        label = f"{member.full_name}: {award_rules.milestone_label(values['milestone'])}"
        same = BadgeAward.objects.filter(member=member, milestone=values["milestone"]).first()
        if same is not None:
            wrote = {k: getattr(same, k) or None for k in self.COMPARED}
            given = {k: values.get(k) or None for k in self.COMPARED}
            if wrote != given:
                diff = "; ".join(f"{self.header_of(k)}: đã ghi “{_shown(wrote[k])}”, tệp ghi “{_shown(given[k])}”"
                                 for k in self.COMPARED if wrote[k] != given[k])
                raise RowError("milestone", f"{member.full_name} đã được tặng {award_rules.milestone_label(values['milestone'])}"
                               f" với nội dung khác ({diff}); mỗi mốc chỉ tặng một lần, sửa trên trang Huy hiệu Đảng.")
            return Outcome(UNCHANGED, label)
        require_change(member, by=by, action=award_services.CHANGE, what="Huy hiệu Đảng")
        award_services.record_award(by=by, member=member, milestone=values["milestone"], kind=values["kind"],
                                    presentation_on=values["presentation_on"], decision_number=values["decision_number"],
                                    decision_date=values.get("decision_date"), deciding_body=values.get("deciding_body") or "",
                                    badge_number=values.get("badge_number") or "", note=values.get("note") or "")
        return Outcome(NEW, label)

    def export_rows(self, root, on):
        awards = (BadgeAward.objects.filter(member__in=members_under(root)).select_related("member")
                  .order_by("member__name_key", "member_id", "milestone"))
        if on is not None:
            awards = awards.filter(presentation_on__lte=on)
        for award in awards:
            yield _who(award.member) | {
                "party_card_number": "" if award.member.citizen_id else award.member.party_card_number or "",
                "milestone": award.milestone, "kind": str(AwardKind(award.kind).label), "presentation_on": award.presentation_on,
                "decision_number": award.decision_number, "decision_date": award.decision_date,
                "deciding_body": award.deciding_body, "badge_number": award.badge_number, "note": award.note}


KINDS = (PartyCardsKind(), BadgesKind())
