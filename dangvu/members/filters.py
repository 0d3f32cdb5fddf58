"""One FilterSet for the member list page, its XLSX export and the API's query parameters.

It narrows the register; the list page and the API then restrict the result with
`restrict(user, form=filterset.scope_form)` (the scope's SQL form depends on the filters). With
`as_of`, the list is "who was a member, where and with which status on that date" (from the derived
state intervals), still restricted to the members the user may see.
"""

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import add_months, today
from dangvu.core.filters import FilterSet, IdFilter, date_filter
from dangvu.core.text import fold
from dangvu.members.kinds import Sex, Status
from dangvu.members.models import Member, MemberState
from dangvu.members.querysets import LIST, ROW
from dangvu.members.search import search_members
from dangvu.organizations.models import Organization
from dangvu.references.models import ReferenceItem

AGE_BANDS = [("-30", _("Đến 30 tuổi")), ("31-40", "31–40"), ("41-50", "41–50"), ("51-60", "51–60"), ("61-70", "61–70"),
             ("71-", _("Trên 70"))]
PARTY_AGE_BANDS = [("-10", _("Dưới 10 năm")), ("10-19", _("10–19 năm")), ("20-29", _("20–29 năm")),
                   ("30-39", _("30–39 năm")), ("40-49", _("40–49 năm")), ("50-", _("Từ 50 năm"))]
STATUS_CHOICES = [("in_party", _("Đang là đảng viên")), *Status.choices, ("exempted", _("Đang miễn sinh hoạt")),
                  ("suspended", _("Đang đình chỉ sinh hoạt"))]


def _band(value: str) -> tuple[int | None, int | None]:
    low, _dash, high = value.partition("-")
    return (int(low) if low else None, int(high) if high else None)


def _ref(list_code: str, label: str):
    return django_filters.ModelChoiceFilter(label=label, queryset=ReferenceItem.objects.filter(list_code=list_code, active=True),
                                            empty_label=_("Tất cả"))


class MemberFilterSet(FilterSet):
    q = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_q",
                                  help_text=_("Họ tên (không phân biệt dấu: “tran van binh”), hoặc số CCCD, số thẻ "
                                              "đầy đủ (nếu bạn được xem số: một phần số cũng được)."))
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=STATUS_CHOICES, method="filter_status", empty_label=_("Tất cả"))
    sex = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Sex.choices, empty_label=_("Tất cả"))
    age_band = django_filters.ChoiceFilter(label=_("Độ tuổi"), choices=AGE_BANDS, method="filter_age", empty_label=_("Tất cả"))
    party_age_band = django_filters.ChoiceFilter(label=_("Tuổi đảng"), choices=PARTY_AGE_BANDS, method="filter_party_age",
                                                 empty_label=_("Tất cả"))
    ethnicity = _ref("ethnicity", _("Dân tộc"))
    religion = _ref("religion", _("Tôn giáo"))
    theory_level = _ref("theory_level", _("Lý luận chính trị"))
    general_education = _ref("general_education", _("Giáo dục phổ thông"))
    professional = _ref("professional", _("Chuyên môn"))
    organization = IdFilter(label=_("Thuộc tổ chức (id)"), method="filter_organization")
    as_of = date_filter(_("Tại ngày"), method="filter_as_of", help_text=None)

    class Meta:
        model = Member
        fields = ["q", "status", "sex", "age_band", "party_age_band", "ethnicity", "religion", "theory_level",
                  "general_education", "professional", "organization", "as_of"]

    @property
    def on(self) -> dt.date:
        data = getattr(self, "form", None)
        value = data.cleaned_data.get("as_of") if data is not None and hasattr(data, "cleaned_data") else None
        return value or today()

    @property
    def scope_form(self) -> str:
        """The SQL form of the scope filter that suits the filtered list (MemberQuerySet.restrict): checked
        row by row after a text search, the list form otherwise. Call it once the FilterSet is valid."""
        data = self.form.cleaned_data
        return ROW if any(fold(data.get(name) or "") for name in ("q", "search")) else LIST

    def filter_q(self, qs, name, value):
        request = self.request
        return search_members(qs, getattr(request, "user", None), value, where=getattr(request, "path", ""))

    def filter_status(self, qs, name, value):
        if self.form.cleaned_data.get("as_of"):
            return qs  # applied together with the date in filter_as_of
        if value == "in_party":
            return qs.filter(status__in=[Status.PROBATIONARY, Status.FULL])
        if value == "exempted":
            return qs.filter(is_exempted=True)
        if value == "suspended":
            return qs.filter(is_suspended=True)
        return qs.filter(status=value)

    def filter_age(self, qs, name, value):
        low, high = _band(value)
        on = self.on
        if low is not None:  # at least `low` years old: born on or before on - low years
            qs = qs.filter(date_of_birth__lte=add_months(on, -12 * low))
        if high is not None:  # at most `high` years old: born after on - (high + 1) years
            qs = qs.filter(date_of_birth__gt=add_months(on, -12 * (high + 1)))
        return qs

    def filter_party_age(self, qs, name, value):
        # By admission decision date (party age counts from it); time outside the party is rare and
        # shifts a member at most into the next band: the detail page shows the exact figure.
        low, high = _band(value)
        on = self.on
        if low is not None:
            qs = qs.filter(first_admission_date__lte=add_months(on, -12 * low))
        if high is not None:
            qs = qs.filter(first_admission_date__gt=add_months(on, -12 * (high + 1)))
        return qs

    def filter_organization(self, qs, name, value):
        user = getattr(self.request, "user", None)
        org = Organization.objects.visible_to(user).filter(pk=value).first()
        self.organization = org  # the list page names it next to the id
        if org is None:
            return qs.none()
        if self.form.cleaned_data.get("as_of"):
            return qs  # applied in filter_as_of, with the tree of that date
        return qs.filter(organization__path__tree_prefix=org.path)

    def filter_as_of(self, qs, name, value):
        states = MemberState.objects.valid_on(value)
        status = self.form.cleaned_data.get("status")
        if status == "exempted":
            states = states.filter(is_exempted=True)
        elif status == "suspended":
            states = states.filter(is_suspended=True)
        elif status in (Status.PROBATIONARY, Status.FULL):
            states = states.filter(status=status)
        elif status and status != "in_party":
            return qs.none()  # on a date, the register lists members then in the party
        org_id = self.form.cleaned_data.get("organization")
        if org_id:
            from dangvu.organizations.models import OrganizationVersion

            version = OrganizationVersion.objects.valid_on(value).filter(organization_id=org_id).first()
            if version is None:
                return qs.none()
            under = OrganizationVersion.objects.valid_on(value).filter(path__tree_prefix=version.path).values("organization_id")
            states = states.filter(Q(organization_id__in=under))
        return qs.filter(pk__in=states.values("member_id"))
