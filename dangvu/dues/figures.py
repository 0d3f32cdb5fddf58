"""Figures of party dues (dangvu.core.figures): members who paid over a period, and the amounts collected.

A payment is counted where it was collected (the member's cell in its month), as the tree stood in
that month, for the months of the period (the month paid for, not the day it was paid). The amounts
(`dues.amount.*`, whole đồng, exact) are sums over the same standing payments: collected (the rate plus any
voluntary extra), the part at the rate, the voluntary extra, by channel, and the amount the paid months were due.
The amount due for the months nobody paid comes from each member's rate, summed set-based over a subtree by
dangvu.dues.amounts (the dues pages and the report section).
"""

from django.db.models import F, Q

from dangvu.core.figures import FLOW, Base, Figure, Window
from dangvu.dues.models import Channel, DuesPayment
from dangvu.organizations.tree import within_subtree_q

MEMBER = "members.Member"
SECTION = "Đảng phí"


def _payments(window: Window):
    return (DuesPayment.objects.filter(voided_at__isnull=True, month__gte=window.start.replace(day=1), month__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start.replace(day=1), window.end, org_field="organization",
                                     date_field="month")))


def _collected(window: Window):
    return _payments(window).annotate(collected=F("amount") + F("extra"))


BASES = [
    Base("dues.payments", FLOW, MEMBER, _payments, key="member_id", distinct=True),
    Base("dues.amount.collected", FLOW, MEMBER, _collected, key="member_id", measure="collected"),
    Base("dues.amount.rate", FLOW, MEMBER, _payments, key="member_id", measure="amount"),
    Base("dues.amount.extra", FLOW, MEMBER, lambda w: _payments(w).filter(extra__gt=0), key="member_id", measure="extra"),
    Base("dues.amount.expected", FLOW, MEMBER, _payments, key="member_id", measure="expected"),
]
AMOUNTS = "Số tiền đảng phí (đồng)"

FIGURES = [
    Figure("dues.payers", "Đảng viên đã đóng đảng phí", "Đảng viên có ít nhất một tháng trong kỳ đã đóng đảng phí (theo "
           "tháng đóng, nơi chi bộ thu).", "dues.payments", section=SECTION),
    Figure("dues.payers.portal", "Đóng qua Cổng Dịch vụ công quốc gia", "Đảng viên có ít nhất một tháng trong kỳ đóng đảng "
           "phí qua Cổng Dịch vụ công quốc gia.", "dues.payments", where=Q(channel=Channel.PORTAL), denominator="dues.payers",
           section=SECTION, order=1),
    Figure("dues.payers.voluntary", "Đóng thêm tự nguyện", "Đảng viên có ít nhất một tháng trong kỳ đóng thêm đảng phí tự "
           "nguyện ngoài mức quy định (D11).", "dues.payments", where=Q(extra__gt=0), denominator="dues.payers",
           section=SECTION, order=2),
    Figure("dues.amount.collected", "Số tiền đảng phí đã thu (đồng)", "Tổng số tiền đảng phí đã thu của các tháng trong "
           "kỳ (theo mức quy định và đóng thêm tự nguyện), nơi chi bộ thu, không kể khoản đã hủy.", "dues.amount.collected",
           section=AMOUNTS, order=20),
    Figure("dues.amount.collected.portal", "Thu qua Cổng Dịch vụ công quốc gia (đồng)", "Số tiền đảng phí của các tháng "
           "trong kỳ đóng qua Cổng Dịch vụ công quốc gia (D2).", "dues.amount.collected", where=Q(channel=Channel.PORTAL),
           denominator="dues.amount.collected", section=AMOUNTS, order=21),
    Figure("dues.amount.collected.cash", "Thu bằng tiền mặt tại chi bộ (đồng)", "Số tiền đảng phí của các tháng trong kỳ "
           "nộp bằng tiền mặt tại chi bộ.", "dues.amount.collected", where=Q(channel=Channel.CASH),
           denominator="dues.amount.collected", section=AMOUNTS, order=22),
    Figure("dues.amount.rate", "Đảng phí theo mức quy định đã thu (đồng)", "Phần đảng phí theo mức quy định trong số đã "
           "thu của các tháng trong kỳ (không kể phần đóng thêm).", "dues.amount.rate", denominator="dues.amount.expected",
           section=AMOUNTS, order=23),
    Figure("dues.amount.voluntary", "Đảng phí đóng thêm tự nguyện (đồng)", "Phần đảng viên tự nguyện đóng thêm ngoài mức "
           "quy định (D11) của các tháng trong kỳ.", "dues.amount.extra", denominator="dues.amount.collected",
           section=AMOUNTS, order=24),
    Figure("dues.amount.expected", "Mức phải đóng của các tháng đã đóng (đồng)", "Tổng mức đảng phí phải đóng (theo quy "
           "định vào tháng đó) của các tháng trong kỳ đã có khoản đóng; số phải thu của cả kỳ gồm cả các tháng chưa đóng, "
           "tính theo mức của từng đảng viên.", "dues.amount.expected", section=AMOUNTS, order=25),
]

