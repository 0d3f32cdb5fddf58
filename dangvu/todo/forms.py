"""The to-do list's filters and the "handled elsewhere" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.todo.selectors import HORIZONS


class TodoFilterForm(forms.Form):
    """?as_of=dd/mm/yyyy&organization=<id>&kind=<category>&horizon=overdue|7|30|90&handled=1 (page and API alike)."""

    as_of = VNDateField(label=_("Tính đến ngày"), required=False)
    organization = forms.IntegerField(label=_("Tổ chức"), required=False, min_value=1, max_value=2**63 - 1,
                                      error_messages={"invalid": _("Tổ chức: chọn một tổ chức trong danh sách."),
                                                      "min_value": _("Tổ chức: chọn một tổ chức trong danh sách."),
                                                      "max_value": _("Tổ chức: chọn một tổ chức trong danh sách.")})
    kind = forms.CharField(label=_("Loại việc"), required=False, max_length=60)
    horizon = forms.ChoiceField(label=_("Thời hạn"), required=False, choices=HORIZONS,
                                error_messages={"invalid_choice": _("Thời hạn: chọn trong danh sách (quá hạn, 7, 30 hoặc 90 ngày).")})
    handled = forms.BooleanField(label=_("Hiện cả việc đã xử lý ở nơi khác"), required=False)


class HandleForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=500)
    as_of = forms.CharField(widget=forms.HiddenInput, required=False)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Lý do"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Việc đã được xử lý ở đâu, thế nào (ví dụ: đã báo cáo bằng văn bản số 12-BC/ĐU "
                                         "ngày 05/11/2026)."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
