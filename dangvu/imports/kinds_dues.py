"""The import of dues payments (đảng phí): one row a member and month, applied by `dues.services.record_payment`
as the dues page records it (the month already paid, a negative or absurd amount, a month outside the cell, a
payment date in the future: refused with the form's words).

A row whose month is already paid with the same amount, date, channel and receipt is reported unchanged, so the
same file imported twice writes nothing the second time; a different payment for a paid month is refused by the
service (a payment recorded by mistake is voided on the dues page, never overwritten by a file).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from dangvu.core.errors import PermissionDeniedInScope
from dangvu.dues import rules as dues_rules
from dangvu.dues import services as dues_services
from dangvu.dues.forms import parse_money
from dangvu.dues.models import Channel, DuesPayment
from dangvu.imports import cells
from dangvu.imports.kinds import NEW, UNCHANGED, Column, ImportKind, Outcome, RowError, _card, _text
from dangvu.imports.kinds_awards import MEMBER_COLUMNS, member_named, members_under, require_change
from dangvu.imports.reading import Formula


def month(raw) -> dt.date | None:
    """"05/2024", "5/2024", "2024-05", or a date (any day of the month) → the first day of the month."""
    if isinstance(raw, Formula):
        cells.text(raw)
    if raw is None or raw == "":
        return None
    if not isinstance(raw, dt.date | int | float):
        s = cells.text(raw)
        m = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", s) or re.fullmatch(r"(\d{4})[/.-](\d{1,2})", s)
        if m:
            a, b = (int(x) for x in m.groups())
            mm, yyyy = (a, b) if a <= 12 and b > 12 else (b, a)
            if not 1 <= mm <= 12:
                raise cells.CellError(f"Tháng “{s}”: tháng phải từ 1 đến 12 (ghi mm/yyyy, ví dụ 05/2024).")
            raw = dt.date(yyyy, mm, 1)
        elif not s:
            return None
    try:
        value = cells.date(raw)
    except cells.CellError as exc:
        raise cells.CellError(f"Tháng: {exc} Ghi mm/yyyy, ví dụ 05/2024.") from None
    return dues_rules.month_start(value) if value else None


def money(raw) -> Decimal | None:
    """A number of đồng: an Excel number, or text as typed on the dues page ("80.000", "80 000", "80000")."""
    if isinstance(raw, Formula):
        cells.text(raw)
    if raw is None or raw == "":
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Decimal(str(raw)).normalize() if not float(raw).is_integer() else Decimal(int(raw))
    s = cells.text(raw).removesuffix("đ").removesuffix("đồng").strip()
    try:
        return parse_money(s)
    except ValueError:
        raise cells.CellError(f"Số tiền “{s}”: ghi số đồng bằng chữ số, ví dụ 80.000.") from None


class DuesKind(ImportKind):
    code = "dues"
    label = _("Đảng phí đã đóng")
    sheet_name = "Dang phi"
    columns = [
        *MEMBER_COLUMNS,
        Column("party_card_number", "Số thẻ đảng viên", _card, "Dùng khi không có Số CCCD.", ""),
        Column("month", "Tháng", month, "mm/yyyy: tháng đảng phí được đóng (đóng chậm hoặc đóng trước đều được).",
               "05/2024", True),
        Column("amount", "Số tiền (đồng)", money, "Số đồng đóng cho tháng, ví dụ 80.000; không âm, không quá số lần mức "
               "phải đóng mà quy định cho phép.", "80.000", True),
        Column("extra", "Đóng thêm tự nguyện (đồng)", money, "Để trống nếu không.", ""),
        Column("paid_on", "Ngày đóng", cells.date, "dd/mm/yyyy; không sau ngày hôm nay.", "10/05/2024", True),
        Column("channel", "Hình thức nộp", lambda r: cells.choice(r, Channel, label="Hình thức nộp"),
               "Một trong: " + "; ".join(str(lbl) for _, lbl in Channel.choices) + "; để trống: tiền mặt.",
               str(Channel.CASH.label)),
        Column("receipt_number", "Số biên lai", _text, "Tối đa 40 ký tự.", "BL-0125"),
    ]
    COMPARED = ("amount", "extra", "paid_on", "channel", "receipt_number")

    def row_key(self, values):
        who = values.get("citizen_id") or values.get("party_card_number")
        return ("month", f"{dues_rules.month_label(values['month'])} của {who}") if who and values.get("month") else None

    def apply_row(self, values, *, by, root):
        member = member_named(values, by=by)
        values = values | {"channel": values.get("channel") or Channel.CASH, "extra": values.get("extra") or Decimal(0),
                           "receipt_number": values.get("receipt_number") or ""}
        label = f"{member.full_name}: {dues_rules.month_label(values['month'])}, {dues_rules.money(values['amount'])}"
        paid = DuesPayment.objects.filter(member=member, month=values["month"], voided_at__isnull=True).first()
        if paid is not None and all(getattr(paid, k) == values[k] for k in self.COMPARED):
            return Outcome(UNCHANGED, label)
        require_change(member, by=by, action=dues_services.COLLECT, what="đảng phí")
        try:
            dues_services.record_payment(by=by, member=member, months=[values["month"]], amount_per_month=values["amount"],
                                         extra=values["extra"], paid_on=values["paid_on"], channel=values["channel"],
                                         receipt_number=values["receipt_number"])
        except PermissionDeniedInScope as exc:
            raise RowError("month", f"{exc} (tháng {dues_rules.month_label(values['month'])}: chi bộ thu ngoài phạm vi "
                           "quyền của bạn).") from exc
        return Outcome(NEW, label)

    def export_rows(self, root, on):
        payments = (DuesPayment.objects.filter(member__in=members_under(root), voided_at__isnull=True)
                    .select_related("member").order_by("member__name_key", "member_id", "month"))
        if on is not None:
            payments = payments.filter(paid_on__lte=on)
        for p in payments:
            yield {"citizen_id": p.member.citizen_id or "", "full_name": p.member.full_name,
                   "party_card_number": "" if p.member.citizen_id else p.member.party_card_number or "",
                   "month": f"{p.month:%m/%Y}", "amount": int(p.amount), "extra": int(p.extra) or None, "paid_on": p.paid_on,
                   "channel": str(Channel(p.channel).label), "receipt_number": p.receipt_number}


KINDS = (DuesKind(),)
