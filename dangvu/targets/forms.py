"""Forms of the targets pages; the rules are the service's (errors come back on their fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.forms import VNDateField, bootstrapify
from dangvu.organizations.models import CommitteeTerm, Organization
from dangvu.targets.kinds import Comparison, Measure, PlanKind


class TargetForm(forms.Form):
    number = forms.CharField(label=_("Số thứ tự"), max_length=20, required=False)
    text = forms.CharField(label=_("Nội dung chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Như trong nghị quyết, ví dụ “Kết nạp ≥ 35 đảng viên, 2–3 trong doanh nghiệp ngoài nhà nước”."))
    comparison = forms.ChoiceField(label=_("So sánh"), choices=Comparison.choices)
    threshold = forms.DecimalField(label=_("Mức chỉ tiêu"), max_digits=12, decimal_places=2, localize=True)
    threshold_high = forms.DecimalField(label=_("Mức trên (với “trong khoảng”)"), max_digits=12, decimal_places=2,
                                        required=False, localize=True)
    measure = forms.ChoiceField(label=_("Cách tính kết quả"), choices=Measure.choices)
    figure_code = forms.CharField(label=_("Mã số liệu thống kê"), max_length=120, required=False,
                                  help_text=_("Ví dụ members.admitted, members.admitted.non_state_enterprise. Mã chưa có trong "
                                              "danh mục vẫn được lưu; kết quả hiện “chưa có số liệu” đến khi có."))
    as_percent = forms.BooleanField(label=_("Tính theo tỷ lệ % (trên mẫu số của số liệu)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class NewTargetForm(TargetForm):
    plan_kind = forms.ChoiceField(label=_("Loại văn bản"), choices=PlanKind.choices)
    source = forms.CharField(label=_("Nghị quyết, kế hoạch"), max_length=255,
                             help_text=_("Ví dụ “Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025–2030”."))
    term = forms.ModelChoiceField(label=_("Nhiệm kỳ"), queryset=CommitteeTerm.objects.none(), required=False,
                                  help_text=_("Với nghị quyết đại hội: kỳ của chỉ tiêu là nhiệm kỳ (nếu không nhập ngày)."))
    period_start = VNDateField(label=_("Từ ngày"), required=False)
    period_end = VNDateField(label=_("Đến ngày"), required=False)

    field_order = ["plan_kind", "source", "term", "period_start", "period_end"]

    def __init__(self, *args, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms if terms is not None else CommitteeTerm.objects.none()
        self.order_fields(self.field_order + [f for f in self.fields if f not in self.field_order])
        bootstrapify(self)


class BreakdownForm(TargetForm):
    organization = forms.ModelChoiceField(label=_("Tổ chức được phân bổ"), queryset=Organization.objects.none())

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations if organizations is not None else Organization.objects.none()
        self.order_fields(["organization"] + [f for f in self.fields if f != "organization"])
        bootstrapify(self)


class EditTargetForm(TargetForm):
    source = forms.CharField(label=_("Nghị quyết, kế hoạch"), max_length=255)
    period_start = VNDateField(label=_("Từ ngày"))
    period_end = VNDateField(label=_("Đến ngày"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, breakdown: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if breakdown:  # the document and period follow the parent target
            for name in ("source", "period_start", "period_end"):
                del self.fields[name]
        bootstrapify(self)


class ActualForm(forms.Form):
    value = forms.DecimalField(label=_("Kết quả thực hiện"), max_digits=12, decimal_places=2, localize=True)
    recorded_on = VNDateField(label=_("Tính đến ngày"))
    evidence = forms.CharField(label=_("Minh chứng"), widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Văn bản, báo cáo làm căn cứ (số, ngày, cơ quan ban hành)."))
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
