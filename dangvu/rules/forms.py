from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.rules.models import DayKind


class VNDecimalField(forms.DecimalField):
    """A number written the Vietnamese way: "0,5" (a comma for decimals; a dot is accepted too)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace(",", ".")
        return super().to_python(value)


class ParameterForm(forms.Form):
    value = VNDecimalField(label=_("Giá trị"), error_messages={"invalid": _("Giá trị: phải là một số (dùng dấu phẩy cho "
                                                                           "phần thập phân).")})
    effective_from = VNDateField(label=_("Áp dụng từ ngày"))
    reason = forms.CharField(label=_("Căn cứ, lý do"), max_length=300,
                             help_text=_("Số, ngày văn bản hoặc lý do thay đổi"))
    province = forms.ModelChoiceField(label=_("Phạm vi"), queryset=None, required=False, empty_label=_("Toàn quốc"),
                                      help_text=_("Quy định riêng của địa phương: chọn tỉnh, thành phố."))

    def __init__(self, *args, allow_province: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if allow_province:
            organization = apps.get_model("organizations", "Organization")
            self.fields["province"].queryset = organization.objects.filter(kind="provincial_committee").order_by("name")
        else:
            del self.fields["province"]
        bootstrapify(self)


class CalendarDayForm(forms.Form):
    date = VNDateField(label=_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=DayKind.choices)
    name = forms.CharField(label=_("Tên"), max_length=120)
    source = forms.CharField(label=_("Căn cứ"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
