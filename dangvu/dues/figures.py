"""Figures of party dues (dangvu.core.figures): members who paid over a period.

A payment is counted where it was collected (the member's cell in its month), as the tree stood in
that month, for the months of the period (the month paid for, not the day it was paid). The amounts
expected, collected and in arrears are sums, not counts: the dues pages (/dang-phi/) and the book
compute them from the ledger (dangvu.dues.selectors).
"""

from django.db.models import Q

from dangvu.core.figures import FLOW, Base, Figure, Window
from dangvu.dues.models import Channel, DuesPayment
from dangvu.organizations.tree import within_subtree_q

MEMBER = "members.Member"
SECTION = "Đảng phí"


def _payments(window: Window):
    return (DuesPayment.objects.filter(voided_at__isnull=True, month__gte=window.start.replace(day=1), month__lte=window.end)
            .filter(within_subtree_q(window.organization, window.start.replace(day=1), window.end, org_field="organization",
                                     date_field="month")))


BASES = [Base("dues.payments", FLOW, MEMBER, _payments, key="member_id", distinct=True)]

FIGURES = [
    Figure("dues.payers", "Đảng viên đã đóng đảng phí", "Đảng viên có ít nhất một tháng trong kỳ đã đóng đảng phí (theo "
           "tháng đóng, nơi chi bộ thu).", "dues.payments", section=SECTION),
    Figure("dues.payers.portal", "Đóng qua Cổng Dịch vụ công quốc gia", "Đảng viên có ít nhất một tháng trong kỳ đóng đảng "
           "phí qua Cổng Dịch vụ công quốc gia.", "dues.payments", where=Q(channel=Channel.PORTAL), denominator="dues.payers",
           section=SECTION, order=1),
    Figure("dues.payers.voluntary", "Đóng thêm tự nguyện", "Đảng viên có ít nhất một tháng trong kỳ đóng thêm đảng phí tự "
           "nguyện ngoài mức quy định (D11).", "dues.payments", where=Q(extra__gt=0), denominator="dues.payers",
           section=SECTION, order=2),
]
