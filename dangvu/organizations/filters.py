"""Filters for organization lists: one FilterSet serves the API's query parameters and the HTML list.

Every filter narrows a queryset that is already restricted to what the user may see
(`Organization.objects.visible_to(user)`); an id the user may not see filters to nothing, so a
filter never reveals that an organization exists.

`OrganizationVersionFilterSet` offers the same parameters over the tree as of a date (the versions
valid on that day), so `?as_of=31/12/2020&kind=cell&within=12` reads the 2020 tree.
"""

import datetime as dt

import django_filters
from django.db.models import Q

from dangvu.core.filters import FilterSet, IdFilter
from dangvu.core.text import fold
from dangvu.organizations.kinds import Kind, UnitType
from dangvu.organizations.models import CommitteeTerm, Organization, OrganizationVersion


class Status:
    ACTIVE = "active"
    ENDED = "ended"
    choices = [(ACTIVE, "Đang hoạt động"), (ENDED, "Đã giải thể, sáp nhập, hợp nhất")]


def _user(filterset) -> object | None:
    return getattr(getattr(filterset, "request", None), "user", None)


def visible_organization(user, pk: int) -> Organization | None:
    """The organization `pk` if `user` may see it, else None (unknown and hidden look the same)."""
    return Organization.objects.visible_to(user).filter(pk=pk).first()


class OrganizationFilterSet(FilterSet):
    q = django_filters.CharFilter(
        label="Tìm kiếm", method="filter_q",
        help_text="Tên, tên viết tắt hoặc mã; không phân biệt hoa thường và dấu (“son ha” tìm được “Sơn Hà”).",
    )
    kind = django_filters.MultipleChoiceFilter(label="Loại hình tổ chức", choices=Kind.choices, field_name="kind")
    unit_type = django_filters.ChoiceFilter(label="Loại hình đơn vị", choices=UnitType.choices, field_name="unit_type",
                                            empty_label="Tất cả")
    status = django_filters.ChoiceFilter(label="Tình trạng", choices=Status.choices, method="filter_status",
                                         empty_label="Tất cả")
    within = IdFilter(
        label="Thuộc tổ chức", method="filter_within",
        help_text="Id của một tổ chức: lấy tổ chức đó và mọi tổ chức cấp dưới (theo cây hiện nay).",
    )
    parent = IdFilter(label="Trực thuộc trực tiếp", method="filter_parent", help_text="Id của tổ chức cấp trên trực tiếp.")

    class Meta:
        model = Organization
        fields = ["q", "kind", "unit_type", "status", "within", "parent"]

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_text__contains=folded) if folded else queryset

    def filter_status(self, queryset, name, value):
        if value == Status.ACTIVE:
            return queryset.filter(ended_on__isnull=True)
        if value == Status.ENDED:
            return queryset.filter(ended_on__isnull=False)
        return queryset

    def filter_within(self, queryset, name, value: int):
        org = visible_organization(_user(self), value)
        if org is None:
            return queryset.none()
        return queryset.filter(path__tree_prefix=org.path)

    def filter_parent(self, queryset, name, value: int):
        return queryset.filter(parent_id=value)


class OrganizationVersionFilterSet(OrganizationFilterSet):
    """The same parameters over `OrganizationVersion` rows valid on `on` (the tree as of a date).

    kind, unit_type, parent and within read the state on that date; status reads the
    organization's state today (ended since, or still active); q matches today's name, short name
    and code without diacritics, or the name held on that date as typed.
    """

    class Meta:
        model = OrganizationVersion
        fields = ["q", "kind", "unit_type", "status", "within", "parent"]

    def __init__(self, data=None, queryset=None, *, on: dt.date, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.on = on

    def filter_q(self, queryset, name, value):
        folded = fold(value)
        if not folded:
            return queryset
        return queryset.filter(Q(organization__search_text__contains=folded) | Q(name__icontains=value.strip()))

    def filter_status(self, queryset, name, value):
        if value == Status.ACTIVE:
            return queryset.filter(organization__ended_on__isnull=True)
        if value == Status.ENDED:
            return queryset.filter(organization__ended_on__isnull=False)
        return queryset

    def filter_within(self, queryset, name, value: int):
        org = visible_organization(_user(self), value)
        if org is None:
            return queryset.none()
        path = OrganizationVersion.objects.valid_on(self.on).filter(organization=org).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(path__tree_prefix=path)


class CommitteeTermFilterSet(FilterSet):
    organization = IdFilter(label="Tổ chức", method="filter_organization", help_text="Id của tổ chức có cấp ủy.")

    class Meta:
        model = CommitteeTerm
        fields = ["organization"]

    def filter_organization(self, queryset, name, value: int):
        return queryset.filter(organization_id=value)
