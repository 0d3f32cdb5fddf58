"""The query parameters of the transfer letters list, the same on the page and in the API.

direction (the page's tabs: outgoing, incoming, overdue, in_transit, temporary_away, hosted, all),
status, kind, member. The page shows `direction=outgoing` when the parameter is absent; the API,
every letter the user may see.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.core.filters import FilterSet, IdFilter
from dangvu.transfers import selectors
from dangvu.transfers.kinds import LetterStatus, TransferKind
from dangvu.transfers.models import TransferLetter

DEFAULT_DIRECTION = "outgoing"


class LetterFilterSet(FilterSet):
    direction = django_filters.ChoiceFilter(
        label=_("Danh sách"), choices=list(selectors.TABS.items()), method="filter_direction", empty_label=_("Tất cả"),
        help_text=_("outgoing: giấy đi từ chi bộ trong phạm vi; incoming: giấy gửi đến phạm vi, chờ tiếp nhận; overdue: chờ "
                    "tiếp nhận và đã quá hạn xuất trình; in_transit: đảng viên đang chuyển sinh hoạt (chính thức, nội bộ); "
                    "temporary_away: đang sinh hoạt tạm thời nơi khác; hosted: sinh hoạt tạm thời tại chi bộ trong phạm vi; "
                    "all hoặc không ghi: mọi giấy bạn được xem."))
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=LetterStatus.choices, field_name="status",
                                         empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại giấy"), choices=TransferKind.choices, field_name="kind", empty_label=_("Tất cả"))
    member = IdFilter(label=_("Đảng viên"), method="filter_member", help_text=_("Id đảng viên."))

    class Meta:
        model = TransferLetter
        fields = ["direction", "status", "kind", "member"]

    def filter_direction(self, qs, name, value: str):
        # The list of the page's tab (each already restricted to the user), in that tab's order.
        return selectors.letters(self.request.user, value, today()).filter(pk__in=qs.values("pk"))

    def filter_member(self, qs, name, value: int):
        return qs.filter(member_id=value)
