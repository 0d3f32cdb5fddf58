import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today, vn_date
from dangvu.core.forms import OrganizationChoiceField, bootstrapify
from dangvu.organizations.kinds import Kind

from .models import Format, Rounding
from .selectors import reportable
from .services import FIRST_YEAR

# A report is made for a committee or a grassroots organization; cells and party groups report upwards.
REPORT_KINDS = [k for k in Kind.values if k not in (Kind.CELL, Kind.PARTY_GROUP)]


class ReportOrganizationField(OrganizationChoiceField):
    """An organization that has ended is offered for the years it existed, and says so."""

    def label_from_instance(self, obj) -> str:
        label = super().label_from_instance(obj)
        if obj.ended_on is not None:
            label += " – " + _("đến %(date)s") % {"date": vn_date(obj.ended_on - dt.timedelta(days=1))}
        return label


class ReportForm(forms.Form):
    organization = ReportOrganizationField(label=_("Tổ chức đảng"), queryset=None)
    year = forms.IntegerField(label=_("Năm"))
    format = forms.ChoiceField(label=_("Định dạng"), choices=Format.choices, initial=Format.DOCX)
    rounding = forms.ChoiceField(label=_("Tỷ lệ phần trăm"), choices=Rounding.choices, initial=Rounding.HALF_UP)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = reportable(user).filter(kind__in=REPORT_KINDS).order_by("path")
        last = today().year
        self.fields["year"].widget = forms.Select(choices=[(y, y) for y in range(last, FIRST_YEAR - 1, -1)][:40])
        self.fields["year"].initial = last - 1
        bootstrapify(self)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not FIRST_YEAR <= year <= today().year:
            raise forms.ValidationError(_("Năm: từ %(first)s đến %(last)s."), params={"first": FIRST_YEAR, "last": today().year})
        return year
