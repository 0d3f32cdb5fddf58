from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.core.forms import OrganizationChoiceField, bootstrapify
from dangvu.organizations.kinds import Kind

from .models import Format, Rounding
from .selectors import reportable
from .services import FIRST_YEAR

# A report is made for a committee or a grassroots organization; cells and party groups report upwards.
REPORT_KINDS = [k for k in Kind.values if k not in (Kind.CELL, Kind.PARTY_GROUP)]


class ReportForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Tổ chức đảng"), queryset=None)
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
