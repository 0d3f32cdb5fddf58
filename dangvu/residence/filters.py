"""The query parameters of the residence-contact lists, the same on the page and in the API.

- `ResidenceContactFilterSet` (the API's contacts; the page's "awaiting" and "living" tabs, which
  are this list with side=residence and a contact_status preset): side, contact_status (one or
  more), year (contacts in force that year), member, cell (the residence cell), q (the member's name).
- `WorkingMemberFilterSet` (the page's "workplace" tab: working members by their contact): q,
  contact_status (`not_introduced` or a status of the open contact), organization (the subtree).
- `ResidenceMeetingFilterSet` (meetings of residence cells): cell, year.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import MAX_DATE
from dangvu.core.filters import FilterSet, IdFilter
from dangvu.core.text import fold
from dangvu.members.models import Member
from dangvu.organizations.models import Organization
from dangvu.residence import selectors
from dangvu.residence.kinds import ContactStatus
from dangvu.residence.models import ResidenceContact, ResidenceMeeting

SIDES = [("workplace", _("Bên nơi công tác")), ("residence", _("Bên nơi cư trú"))]


class YearFilter(django_filters.Filter):
    """A year from 2000 to 2100; each use names a method (typed `value: int`, which the schema reads)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Năm"))
        super().__init__(*args, **kwargs)
        self.extra.update(min_value=2000, max_value=MAX_DATE.year)


def _user(filterset):
    return getattr(filterset.request, "user", None)


def _member_search(qs, value: str, prefix: str = "member__"):
    needle = fold(value)
    return qs.filter(**{f"{prefix}search_text__contains": needle}) if needle else qs


class ResidenceContactFilterSet(FilterSet):
    side = django_filters.ChoiceFilter(
        label=_("Bên"), choices=SIDES, method="filter_side", empty_label=_("Tất cả"),
        help_text=_("workplace: đảng viên của chi bộ nơi công tác trong phạm vi; residence: giới thiệu về xã, phường hoặc "
                    "chi bộ nơi cư trú trong phạm vi. Không ghi: mọi việc bạn được xem."))
    contact_status = django_filters.MultipleChoiceFilter(label=_("Tình trạng"), choices=ContactStatus.choices,
                                                         field_name="contact_status")
    year = YearFilter(method="filter_year",
                      help_text=_("Những việc giữ mối liên hệ có hiệu lực trong năm (giới thiệu đến hết năm, chưa kết thúc "
                                  "trước năm)."))
    member = IdFilter(label=_("Đảng viên"), method="filter_member", help_text=_("Id đảng viên."))
    cell = IdFilter(label=_("Chi bộ nơi cư trú"), method="filter_cell", help_text=_("Id chi bộ nơi cư trú."))
    q = django_filters.CharFilter(label=_("Tìm đảng viên"), method="filter_q", help_text=_("Họ tên, không phân biệt dấu."))

    class Meta:
        model = ResidenceContact
        fields = ["side", "contact_status", "year", "member", "cell", "q"]

    def filter_side(self, qs, name, value: str):
        manager = ResidenceContact.objects
        side = manager.workplace_side_for if value == "workplace" else manager.residence_side_for
        return qs.filter(pk__in=side(_user(self)).values("pk"))

    def filter_year(self, qs, name, value: int):
        return qs.active_in_year(value)

    def filter_member(self, qs, name, value: int):
        return qs.filter(member_id=value)

    def filter_cell(self, qs, name, value: int):
        return qs.filter(residence_cell_id=value)

    def filter_q(self, qs, name, value: str):
        return _member_search(qs, value)


class WorkingMemberFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Tìm đảng viên"), method="filter_q", help_text=_("Họ tên, không phân biệt dấu."))
    contact_status = django_filters.ChoiceFilter(label=_("Giữ mối liên hệ"), choices=list(selectors.WORKPLACE_FILTERS.items())[1:],
                                                 method="filter_contact_status", empty_label=_("Tất cả"))
    organization = IdFilter(label=_("Thuộc tổ chức"), method="filter_organization",
                            help_text=_("Id tổ chức: đảng viên của tổ chức đó và các tổ chức cấp dưới."))

    class Meta:
        model = Member
        fields = ["q", "contact_status", "organization"]

    def filter_q(self, qs, name, value: str):
        return qs.search(value)

    def filter_contact_status(self, qs, name, value: str):
        open_contacts = ResidenceContact.objects.filter(member=OuterRef("pk"), is_open=True)
        if value == "not_introduced":
            return qs.filter(~Exists(open_contacts))
        return qs.filter(Exists(open_contacts.filter(contact_status=value)))

    def filter_organization(self, qs, name, value: int):
        self.organization = Organization.objects.visible_to(_user(self)).filter(pk=value).first()
        if self.organization is None:
            return qs.none()
        return qs.filter(organization__path__tree_prefix=self.organization.path)


class ResidenceMeetingFilterSet(FilterSet):
    cell = IdFilter(label=_("Chi bộ nơi cư trú"), method="filter_cell", help_text=_("Id chi bộ nơi cư trú."))
    year = YearFilter(method="filter_year", help_text=_("Năm sinh hoạt."))

    class Meta:
        model = ResidenceMeeting
        fields = ["cell", "year"]

    def filter_cell(self, qs, name, value: int):
        return qs.filter(cell_id=value)

    def filter_year(self, qs, name, value: int):
        return qs.filter(held_on__year=value)
