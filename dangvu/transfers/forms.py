"""Forms of the transfer pages. They parse input; the rules live in rules.py and services.py."""

from django import forms
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dangvu.core.dates import today
from dangvu.core.forms import OrganizationChoiceField, VNDateField, bootstrapify
from dangvu.organizations.kinds import Kind
from dangvu.organizations.models import Organization
from dangvu.transfers.kinds import ExemptionReason, Purpose, TransferKind


def _required(label) -> dict:
    return {"required": format_lazy(_("{label}: bắt buộc nhập."), label=label)}


class DestinationCodeField(forms.CharField):
    """The destination named by its organization code (mã tổ chức); any organization of the
    system that exists today (the sending side must be able to address a letter outside its scope)."""

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        org = (Organization.objects.active().exclude(kind__in=[Kind.PARTY_GROUP, Kind.CENTRAL])
               .filter(code=code.strip()).first())
        if org is None:
            raise forms.ValidationError(_("Nơi đến: không có tổ chức đảng đang hoạt động mã “%(code)s”.") % {"code": code})
        return org


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại giấy giới thiệu"), choices=TransferKind.choices,
                             error_messages=_required(_("Loại giấy giới thiệu")))
    number = forms.CharField(label=_("Số giấy giới thiệu"), max_length=60, error_messages=_required(_("Số giấy giới thiệu")),
                             widget=forms.TextInput(attrs={"placeholder": _("ví dụ 125-GGT/HU")}))
    issue_date = VNDateField(label=_("Ngày cấp"))
    destination = DestinationCodeField(
        label=_("Nơi đến (mã tổ chức trong hệ thống)"), required=False, max_length=40,
        help_text=_("Gõ tên hoặc mã để tìm; với giấy chuyển ra ngoài hệ thống, để trống và ghi nơi đến bên dưới."))
    destination_text = forms.CharField(label=_("Nơi đến (ngoài hệ thống, ở nước ngoài)"), max_length=255, required=False)
    basis = forms.CharField(label=_("Căn cứ chuyển sinh hoạt"), max_length=255, required=False,
                            widget=forms.TextInput(attrs={"placeholder": _("ví dụ Quyết định số 45/QĐ-UBND điều động công tác")}))
    basis_date = VNDateField(label=_("Ngày của quyết định căn cứ"), required=False)
    late_issue_reason = forms.CharField(label=_("Lý do làm thủ tục chậm (quá thời hạn kể từ quyết định căn cứ)"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    purpose = forms.ChoiceField(label=_("Mục đích sinh hoạt tạm thời"), required=False, choices=[("", "—"), *Purpose.choices])
    period_start = VNDateField(label=_("Sinh hoạt tạm thời từ ngày"), required=False)
    period_end = VNDateField(label=_("Sinh hoạt tạm thời đến ngày"), required=False)
    self_review = forms.BooleanField(label=_("Đã có bản tự kiểm điểm năm trước, có nhận xét của cấp ủy cơ sở"), required=False)
    self_review_date = VNDateField(label=_("Ngày cấp ủy cơ sở nhận xét"), required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=120, required=False,
                                   widget=forms.TextInput(attrs={"placeholder": _("ví dụ Phó Trưởng ban Tổ chức")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)
        self.fields["destination"].widget.attrs.update({
            "list": "destination-options", "autocomplete": "off", "hx-get": reverse("transfers:destinations"),
            "hx-trigger": "input changed delay:300ms", "hx-target": "#destination-options"})

    def service_kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        return {k: d[k] for k in self.fields}


class CellChoiceField(OrganizationChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.code})"


class ReceiveForm(forms.Form):
    receiving_cell = CellChoiceField(label=_("Chi bộ tiếp nhận"), queryset=Organization.objects.none(),
                                             error_messages=_required(_("Chi bộ tiếp nhận")))
    received_on = VNDateField(label=_("Ngày đảng viên xuất trình giấy (ngày tiếp nhận)"))
    late_reason = forms.CharField(label=_("Lý do xuất trình chậm"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Bắt buộc khi xuất trình sau hạn; cấp ủy có thẩm quyền xem xét."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, cells=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_cell"].queryset = cells if cells is not None else Organization.objects.none()
        bootstrapify(self)


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages=_required(_("Lý do")))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ReturnForm(CloseForm):
    returned_on = VNDateField(label=_("Ngày trả lại"))

    field_order = ["returned_on", "reason"]


class EndForm(forms.Form):
    ended_on = VNDateField(label=_("Ngày trở về"))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class ExemptionForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do miễn"), choices=[("", "—"), *ExemptionReason.choices],
                               error_messages=_required(_("Lý do miễn")))
    decision_number = forms.CharField(label=_("Số quyết định (nghị quyết) của chi bộ"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"))
    effective_date = VNDateField(label=_("Miễn từ ngày"), required=False, help_text=_("Để trống: từ ngày quyết định."))
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class EventDecisionForm(forms.Form):
    """End of exemption, suspension, reinstatement: a dated decision."""

    effective_date = VNDateField(label=_("Ngày hiệu lực"))
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    decision_date = VNDateField(label=_("Ngày quyết định"), required=False)
    deciding_body = forms.CharField(label=_("Cơ quan quyết định"), max_length=200, required=False)
    reason = forms.CharField(label=_("Lý do, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, require_reason: bool = False, require_decision_date: bool = False, with_body: bool = True,
                 **kwargs):
        kwargs.setdefault("initial", {"effective_date": today()})
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = require_reason
        self.fields["decision_date"].required = require_decision_date
        if not with_body:
            del self.fields["deciding_body"]
        bootstrapify(self)
