"""Pagination that counts at most a bound: "hơn 10.000" instead of an exact COUNT over a province.

An exact COUNT(*) of a list costs as much as reading the whole list (about 300 ms for the 300,000
members a province officer may see). Below the bound the count is exact, as before; above it the
paginator knows only that there are more than `bound` rows. Its pages are then those within the
bound plus any page further on that still holds rows: such a page is read with one extra row to
know whether a next one exists, so the cost of a page never depends on the size of the list.
"""

import math
from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

COUNT_BOUND = 10_000


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, bound: int | None = None):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.bound = COUNT_BOUND if bound is None else bound

    @cached_property
    def count(self) -> int:
        """The number of rows, or `bound` + 1 when there are more than `bound` (see `exact`)."""
        rows = self.object_list
        if hasattr(rows, "bounded_count"):  # a queryset that knows a cheaper way (members.querysets)
            return rows.bounded_count(self.bound)
        if hasattr(rows, "order_by"):
            # SELECT COUNT(*) FROM (SELECT … LIMIT bound + 1): the order does not change how many rows there are.
            return rows.order_by()[: self.bound + 1].count()
        return min(len(rows), self.bound + 1)

    @property
    def exact(self) -> bool:
        return self.count <= self.bound

    @property
    def shown_count(self) -> int:
        """The exact count, or the bound ("more than `bound`")."""
        return self.count if self.exact else self.bound

    @cached_property
    def num_pages(self) -> int:
        """Every page when the count is exact; otherwise the pages that lie within the bound."""
        if self.exact:
            return super().num_pages
        return math.ceil(self.bound / self.per_page)

    def validate_number(self, number) -> int:
        if self.exact:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number  # beyond the bound: page() finds out whether it holds rows

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if self.exact:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        if number * self.per_page <= self.bound:  # within the bound: full, and more rows follow (count > bound)
            return BoundedPage(self.object_list[bottom: bottom + self.per_page], number, self, has_next=True)
        rows = list(self.object_list[bottom: bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return BoundedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)

    def get_page(self, number) -> Page:
        try:
            return super().get_page(number)
        except EmptyPage:  # past the last row, beyond the bound: the last page within it
            return self.page(self.num_pages)

    def page_links(self, page: Page, on_each_side: int = 2) -> list[int | None]:
        """Page numbers to offer around `page` (None: a gap): the first page, the last page within the
        count (or within the bound), and the neighbours that are known to exist; a final None when the
        count is not exact (more pages follow, uncounted)."""
        number = page.number
        known = self.num_pages if self.exact else max(self.num_pages, number + (1 if page.has_next() else 0))
        wanted = {1, self.num_pages, *range(number - on_each_side, number + on_each_side + 1)}
        links: list[int | None] = []
        for p in sorted(p for p in wanted if 1 <= p <= known):
            if links and p > links[-1] + 1:
                links.append(None)
            links.append(p)
        if not self.exact:
            links.append(None)
        return links


class BoundedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def end_index(self) -> int:
        return self.start_index() + len(self) - 1
