"""The query parameters of the badge lists, the same on the pages and in the API.

`BadgeAwardFilterSet` (badges awarded): member, organization (where the member was when the award
was recorded, with the organizations below it), presentation_on, q (the member's name without
diacritics). `DueFilterForm` (members due a badge on a presentation date; a computed list, not a
query): presentation_on (default: the next presentation date), organization. The award form takes
milestone, kind and presentation_on from the query string to prefill itself.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.awards.models import BadgeAward, PartyCard
from dangvu.core.filters import FilterSet, IdFilter, date_filter
from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.core.text import fold
from dangvu.organizations.models import Organization


class BadgeAwardFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên"), method="filter_q", help_text=_("Họ tên đảng viên, không phân biệt dấu."))
    member = IdFilter(label=_("Đảng viên"), method="filter_member", help_text=_("Id đảng viên."))
    organization = IdFilter(label=_("Tổ chức đảng"), method="filter_organization",
                            help_text=_("Id tổ chức: các huy hiệu ghi nhận khi đảng viên thuộc tổ chức đó hoặc cấp dưới."))
    presentation_on = date_filter(_("Ngày trao tặng"), field_name="presentation_on")

    class Meta:
        model = BadgeAward
        fields = ["q", "member", "organization", "presentation_on"]

    def filter_q(self, qs, name, value: str):
        needle = fold(value)
        return qs.filter(member__search_text__contains=needle) if needle else qs

    def filter_member(self, qs, name, value: int):
        return qs.filter(member_id=value)

    def filter_organization(self, qs, name, value: int):
        user = getattr(self.request, "user", None)
        org = Organization.objects.visible_to(user).filter(pk=value).first()
        if org is None:
            return qs.none()
        return qs.filter(organization__path__tree_prefix=org.path)


class DueFilterForm(forms.Form):
    presentation_on = VNDateField(label=_("Dịp trao tặng"), required=False)
    organization = OrganizationChoiceField(label=_("Tổ chức đảng"), queryset=Organization.objects.none(), required=False,
                                           empty_label=_("Tất cả trong phạm vi"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user).order_by("path")
        self.fields["organization"].error_messages["invalid_choice"] = _(
            "Tổ chức đảng: không tồn tại hoặc ngoài phạm vi quyền của bạn.")
        bootstrapify(self)

    def api_errors(self) -> dict:
        return {name: [f"{name}: {m}" for m in errors] for name, errors in self.errors.items()}


class PartyCardFilterSet(FilterSet):
    member = IdFilter(label=_("Đảng viên"), method="filter_member", help_text=_("Id đảng viên."))

    class Meta:
        model = PartyCard
        fields = ["member"]

    def filter_member(self, qs, name, value: int):
        return qs.filter(member_id=value)
