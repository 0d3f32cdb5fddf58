from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.rules.models import DayKind


class ParameterForm(forms.Form):
    value = forms.IntegerField(label=_("Giá trị"), error_messages={"invalid": _("Giá trị: phải là một số nguyên.")})
    effective_from = VNDateField(label=_("Áp dụng từ ngày"))
    reason = forms.CharField(label=_("Căn cứ, lý do"), max_length=300,
                             help_text=_("Số, ngày văn bản hoặc lý do thay đổi"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class CalendarDayForm(forms.Form):
    date = VNDateField(label=_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=DayKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=120)
    source = forms.CharField(label=_("Căn cứ"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
